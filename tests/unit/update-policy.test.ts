// When a downloaded update may be installed: never mid-conversation. Plain data in,
// so every case is a fixed situation (no clock, no Electron).
import { describe, expect, it } from 'vitest';
import {
  NIGHT_END_HOUR,
  NIGHT_START_HOUR,
  QUIET_MS,
  updateDecision,
  updateStatusLabel,
  type UpdateSituation,
} from '../../main/electron/update-policy.js';

/** A quiet night: nothing running, nobody typing, no message for an hour, 03:00. */
const quietNight: UpdateSituation = {
  downloaded: true,
  trigger: 'timer',
  turnsInFlight: 0,
  sendsInFlight: 0,
  msSinceLastMessage: 60 * 60_000,
  msSinceLastInput: 60 * 60_000,
  localHour: 3,
};
const at = (changes: Partial<UpdateSituation>) => updateDecision({ ...quietNight, ...changes });

describe('updateDecision', () => {
  it('does nothing without a downloaded update', () => {
    for (const trigger of ['timer', 'staff', 'quit', 'os-shutdown'] as const) {
      expect(at({ downloaded: false, trigger })).toEqual({ action: 'none' });
    }
  });

  it('installs on a quiet night, and opens Recepta again', () => {
    expect(at({})).toEqual({ action: 'install', restart: true });
    expect(at({ msSinceLastMessage: null })).toEqual({ action: 'install', restart: true }); // no message since start
  });

  it('never installs while the assistant is writing a reply or a message waits to be sent', () => {
    for (const trigger of ['timer', 'staff'] as const) {
      expect(at({ trigger, turnsInFlight: 1 })).toEqual({ action: 'wait', reason: 'conversation' });
      expect(at({ trigger, sendsInFlight: 2 })).toEqual({ action: 'wait', reason: 'conversation' });
    }
  });

  it('waits while a chat is active or someone is at the keyboard, even at night', () => {
    expect(at({ msSinceLastMessage: QUIET_MS - 1 })).toEqual({ action: 'wait', reason: 'recent-activity' });
    expect(at({ msSinceLastInput: 30_000 })).toEqual({ action: 'wait', reason: 'recent-activity' });
    expect(at({ msSinceLastMessage: QUIET_MS, msSinceLastInput: QUIET_MS })).toEqual({
      action: 'install',
      restart: true,
    });
  });

  it('does not restart by itself during the day, however quiet', () => {
    expect(at({ localHour: NIGHT_START_HOUR - 1 })).toEqual({ action: 'wait', reason: 'daytime' });
    expect(at({ localHour: NIGHT_END_HOUR })).toEqual({ action: 'wait', reason: 'daytime' });
    expect(at({ localHour: 11 })).toEqual({ action: 'wait', reason: 'daytime' });
    expect(at({ localHour: NIGHT_END_HOUR - 1 })).toEqual({ action: 'install', restart: true });
  });

  it('installs when staff ask, at any hour and while they type — but not mid-conversation', () => {
    expect(at({ trigger: 'staff', localHour: 11, msSinceLastInput: 0, msSinceLastMessage: 1000 })).toEqual({
      action: 'install',
      restart: true,
    });
    expect(at({ trigger: 'staff', turnsInFlight: 1 })).toEqual({ action: 'wait', reason: 'conversation' });
  });

  it('installs at quit without reopening (the core has stopped first), but not during an OS shutdown', () => {
    expect(at({ trigger: 'quit', localHour: 11, msSinceLastInput: 0 })).toEqual({ action: 'install', restart: false });
    expect(at({ trigger: 'os-shutdown' })).toEqual({ action: 'wait', reason: 'shutting-down' });
  });
});

describe('updateStatusLabel', () => {
  it('says what the updater is doing, in Spanish', () => {
    expect(updateStatusLabel({ kind: 'idle' })).toBeNull();
    expect(updateStatusLabel({ kind: 'up-to-date' })).toBe('Recepta está al día');
    expect(updateStatusLabel({ kind: 'downloading', version: '0.2.0', percent: 41.6 })).toBe(
      'Descargando la versión 0.2.0 (42 %)…',
    );
    expect(updateStatusLabel({ kind: 'downloaded', version: '0.2.0' })).toBe(
      'Versión 0.2.0 lista: se instala al salir o esta noche',
    );
    expect(
      updateStatusLabel({ kind: 'downloaded', version: '0.2.0', waiting: { action: 'wait', reason: 'conversation' } }),
    ).toBe('Versión 0.2.0 lista: se instala cuando termine la conversación en curso');
    expect(updateStatusLabel({ kind: 'unavailable' })).toBe('Esta instalación no recibe actualizaciones automáticas');
  });
});
