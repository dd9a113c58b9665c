// "Siempre encendido" (main/electron/always-on.ts): what the desktop shell asks of the OS.
// Electron cannot run here; main.ts applies these decisions with app.setLoginItemSettings
// and powerSaveBlocker, and these tests hold the decisions themselves.
import { describe, expect, it } from 'vitest';
import {
  ChannelStates,
  HIDDEN_ARG,
  alwaysOnDecision,
  loginItemSettings,
  startsInTray,
} from '../../main/electron/always-on.js';
import { kernelSettingsDefaults } from '../../main/kernel/settings-store.js';

const on = { 'desktop.openAtLogin': true, 'desktop.keepAwake': true };
const whatsapp = (state: string) => [{ provider: 'whatsapp', state }];

describe('always on', () => {
  it('is on by default: Recepta opens at login, in the tray', () => {
    const decision = alwaysOnDecision(kernelSettingsDefaults, []);
    expect(decision).toMatchObject({ openAtLogin: true, openAsHidden: true });
    expect(loginItemSettings(decision)).toEqual({ openAtLogin: true, openAsHidden: true, args: [HIDDEN_ARG] });
  });

  it('keeps the PC awake only while a real channel is connected', () => {
    expect(alwaysOnDecision(on, whatsapp('connected')).keepAwake).toBe(true);
    expect(alwaysOnDecision(on, whatsapp('disconnected')).keepAwake).toBe(false);
    expect(alwaysOnDecision(on, whatsapp('linking')).keepAwake).toBe(false);
    expect(alwaysOnDecision(on, [{ provider: 'simulator', state: 'connected' }]).keepAwake).toBe(false);
  });

  it('each setting turned off turns its part off', () => {
    const off = alwaysOnDecision({ 'desktop.openAtLogin': false, 'desktop.keepAwake': false }, whatsapp('connected'));
    expect(off).toEqual({ openAtLogin: false, openAsHidden: false, keepAwake: false });
    expect(loginItemSettings(off)).toEqual({ openAtLogin: false, openAsHidden: false, args: [] });
  });

  it('a start by the login item goes to the tray; one by a person shows the window', () => {
    expect(startsInTray(['/opt/Recepta/recepta', HIDDEN_ARG], {})).toBe(true);
    expect(startsInTray(['/Applications/Recepta.app/Contents/MacOS/Recepta'], { wasOpenedAtLogin: true })).toBe(true);
    expect(startsInTray(['/opt/Recepta/recepta'], { wasOpenedAtLogin: false })).toBe(false);
  });

  it('follows the channels as their states change', () => {
    const states = new ChannelStates();
    states.set('whatsapp', 'connected');
    states.set('simulator', 'connected');
    expect(alwaysOnDecision(on, states.list()).keepAwake).toBe(true);
    states.set('whatsapp', 'disconnected');
    expect(alwaysOnDecision(on, states.list()).keepAwake).toBe(false);
  });
});
