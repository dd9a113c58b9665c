import { beforeEach, describe, expect, it } from 'vitest';
import { diskStatusChanged, useDiskSpace } from './disk-space';

describe('the low-disk warning in the UI', () => {
  beforeEach(() => useDiskSpace.setState({ lowFreeBytes: null, dismissed: false }));

  it('shows while the disk is low, with the latest figure, and goes when there is room', () => {
    diskStatusChanged({ low: true, freeBytes: 800_000_000 });
    expect(useDiskSpace.getState().lowFreeBytes).toBe(800_000_000);
    diskStatusChanged({ low: true, freeBytes: 500_000_000 }, false);
    expect(useDiskSpace.getState().lowFreeBytes).toBe(500_000_000);
    diskStatusChanged({ low: false, freeBytes: 5_000_000_000 });
    expect(useDiskSpace.getState().lowFreeBytes).toBeNull();
  });

  it('stays dismissed for this episode, and comes back for the next one', () => {
    diskStatusChanged({ low: true, freeBytes: 800_000_000 });
    useDiskSpace.getState().dismiss();
    diskStatusChanged({ low: true, freeBytes: 700_000_000 }, false);
    expect(useDiskSpace.getState().dismissed).toBe(true);
    diskStatusChanged({ low: false, freeBytes: 5_000_000_000 });
    diskStatusChanged({ low: true, freeBytes: 600_000_000 });
    expect(useDiskSpace.getState()).toMatchObject({ lowFreeBytes: 600_000_000, dismissed: false });
  });
});
