// The low-disk warning, measured on the real disk: a threshold above any disk's free space
// reads as low, one below as fine. (The full-disk behaviour itself is in disk-full.test.ts.)
import { afterEach, describe, expect, it } from 'vitest';
import { DiskMonitor, lowDiskThreshold } from '../../main/kernel/disk-monitor.js';
import { AppEvents, type AppEvent } from '../../main/http/app-events.js';
import { silentLogger } from '../../main/kernel/logger.js';
import type { Health } from '../../main/http/api-types.js';
import { startTestCore, tempDataDir, type TestCore } from '../helpers/core.js';

const HUGE = Number.MAX_SAFE_INTEGER;

describe('the low-disk warning', () => {
  let core: TestCore | null = null;
  afterEach(async () => {
    await core?.stop();
    core = null;
  });

  it('announces a low disk once per episode on the push channel, not at every check', () => {
    const events = new AppEvents();
    const seen: AppEvent[] = [];
    events.subscribe((e) => seen.push(e));
    const monitor = new DiskMonitor({ folder: tempDataDir(), lowBytes: HUGE, events, log: silentLogger() });
    expect(monitor.check()).toMatchObject({ low: true });
    monitor.check();
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ type: 'disk.status', data: { low: true } });
    expect((seen[0]!.data as { freeBytes: number }).freeBytes).toBeGreaterThan(0);
  });

  it('says nothing while there is room', () => {
    const events = new AppEvents();
    const seen: AppEvent[] = [];
    events.subscribe((e) => seen.push(e));
    expect(new DiskMonitor({ folder: tempDataDir(), lowBytes: 1, events, log: silentLogger() }).check()).toMatchObject({
      low: false,
    });
    expect(seen).toHaveLength(0);
  });

  it('takes its threshold from RECEPTA_DISK_LOW_BYTES, 1 GiB otherwise', () => {
    expect(lowDiskThreshold({})).toBe(1024 ** 3);
    expect(lowDiskThreshold({ RECEPTA_DISK_LOW_BYTES: '5000' })).toBe(5000);
    expect(lowDiskThreshold({ RECEPTA_DISK_LOW_BYTES: 'lots' })).toBe(1024 ** 3);
  });

  it('is in /api/health, measured when asked', async () => {
    core = await startTestCore({ env: { RECEPTA_DISK_LOW_BYTES: String(HUGE) } });
    const health = await core.api<Health>('GET', '/api/health');
    expect(health.body.disk).toMatchObject({ low: true });
    expect(health.body.disk!.freeBytes).toBeGreaterThan(0);
  });
});
