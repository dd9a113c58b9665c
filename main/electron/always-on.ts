// "Siempre encendido": a reception PC that rebooted or dozed off overnight must be answering
// again without anyone opening anything. What to ask of the OS, decided here without
// Electron (main.ts applies it: app.setLoginItemSettings, powerSaveBlocker) so tests run it.

/** Passed to Recepta by the login item, so a start at login goes straight to the tray. */
export const HIDDEN_ARG = '--hidden';

export interface AlwaysOnSettings {
  'desktop.openAtLogin': boolean;
  'desktop.keepAwake': boolean;
}

export interface AlwaysOnDecision {
  /** Register Recepta to open when the user logs in. */
  openAtLogin: boolean;
  /** …minimised to the tray (macOS takes it as a flag, Windows as the HIDDEN_ARG argument). */
  openAsHidden: boolean;
  /** Hold a power-save blocker ('prevent-app-suspension'): the PC does not sleep while it is held. */
  keepAwake: boolean;
}

/**
 * Keep the PC awake only while a channel other than the simulator is connected: that is when
 * patients can write and the assistant must be there; an unlinked clinic need not burn power.
 */
export function alwaysOnDecision(
  settings: AlwaysOnSettings,
  channels: ReadonlyArray<{ provider: string; state: string }>,
): AlwaysOnDecision {
  const aChannelIsUp = channels.some((c) => c.provider !== 'simulator' && c.state === 'connected');
  return {
    openAtLogin: settings['desktop.openAtLogin'],
    openAsHidden: settings['desktop.openAtLogin'],
    keepAwake: settings['desktop.keepAwake'] && aChannelIsUp,
  };
}

/** The login item's arguments (Windows passes them to the app; macOS uses openAsHidden instead). */
export function loginItemSettings(decision: AlwaysOnDecision): {
  openAtLogin: boolean;
  openAsHidden: boolean;
  args: string[];
} {
  return {
    openAtLogin: decision.openAtLogin,
    openAsHidden: decision.openAsHidden,
    args: decision.openAsHidden ? [HIDDEN_ARG] : [],
  };
}

/**
 * Whether this start should show no window (only the tray): it was the login item that
 * started Recepta (the argument on Windows, `wasOpenedAtLogin` on macOS). A person who
 * opens Recepta themselves always gets the window.
 */
export function startsInTray(argv: readonly string[], loginItem: { wasOpenedAtLogin?: boolean }): boolean {
  return argv.includes(HIDDEN_ARG) || loginItem.wasOpenedAtLogin === true;
}

/** Tracks each channel's last state from `channel.status` events, for alwaysOnDecision. */
export class ChannelStates {
  private readonly states = new Map<string, string>();

  set(provider: string, state: string): void {
    this.states.set(provider, state);
  }

  list(): Array<{ provider: string; state: string }> {
    return [...this.states].map(([provider, state]) => ({ provider, state }));
  }
}
