// When the desktop app may install an update it has downloaded. The rule: never in the
// middle of a conversation. Plain data in, a decision out, no Electron and no clock of
// its own, so it is tested under plain Node; main/electron/updates.ts gathers the data
// and does what this says.

/** Quiet needed before an unattended restart: no patient message, nobody at the keyboard. */
export const QUIET_MS = 10 * 60_000;
/** Unattended restarts only in these local hours (clinics are closed; [start, end)). */
export const NIGHT_START_HOUR = 1;
export const NIGHT_END_HOUR = 5;

export interface UpdateSituation {
  /** An update has been downloaded (and its signature and checksum verified by electron-updater). */
  downloaded: boolean;
  /** What asks: the periodic check, staff choosing "Reiniciar y actualizar", the app quitting, or the OS shutting down. */
  trigger: 'timer' | 'staff' | 'quit' | 'os-shutdown';
  /** Assistant turns running now (a reply being written). */
  turnsInFlight: number;
  /** Outgoing messages not sent yet (pending or being sent). */
  sendsInFlight: number;
  /** Since the last message in any chat, either way; null when there has been none since start. */
  msSinceLastMessage: number | null;
  /** Since the last keyboard or mouse input on this PC. */
  msSinceLastInput: number;
  /** The hour on this PC's clock, 0–23. */
  localHour: number;
}

export type UpdateDecision =
  | { action: 'none' }
  | { action: 'wait'; reason: 'conversation' | 'recent-activity' | 'daytime' | 'shutting-down' }
  /** `restart`: open Recepta again afterwards (not when the person at the desk asked to quit). */
  | { action: 'install'; restart: boolean };

export function updateDecision(s: UpdateSituation): UpdateDecision {
  if (!s.downloaded) return { action: 'none' };
  // An installer racing the OS shutdown can be killed halfway; the download is kept for next time.
  if (s.trigger === 'os-shutdown') return { action: 'wait', reason: 'shutting-down' };
  // Quitting stops the core first (turns finish, sends stay queued on disk): nothing is mid-way.
  if (s.trigger === 'quit') return { action: 'install', restart: false };
  if (s.turnsInFlight > 0 || s.sendsInFlight > 0) return { action: 'wait', reason: 'conversation' };
  if (s.trigger === 'staff') return { action: 'install', restart: true };
  const recentMessage = s.msSinceLastMessage !== null && s.msSinceLastMessage < QUIET_MS;
  if (recentMessage || s.msSinceLastInput < QUIET_MS) return { action: 'wait', reason: 'recent-activity' };
  if (s.localHour < NIGHT_START_HOUR || s.localHour >= NIGHT_END_HOUR) return { action: 'wait', reason: 'daytime' };
  return { action: 'install', restart: true };
}

/** Where the updater is, for the tray. */
export type UpdateState =
  | { kind: 'unavailable' }
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'up-to-date' }
  | { kind: 'downloading'; version: string; percent: number }
  | { kind: 'downloaded'; version: string; waiting?: UpdateDecision }
  | { kind: 'error' };

/** The tray's line about updates, in Spanish. */
export function updateStatusLabel(state: UpdateState): string | null {
  switch (state.kind) {
    case 'unavailable':
      return 'Esta instalación no recibe actualizaciones automáticas';
    case 'idle':
      return null;
    case 'checking':
      return 'Buscando actualizaciones…';
    case 'up-to-date':
      return 'Recepta está al día';
    case 'downloading':
      return `Descargando la versión ${state.version} (${Math.round(state.percent)} %)…`;
    case 'downloaded':
      return state.waiting?.action === 'wait' && state.waiting.reason === 'conversation'
        ? `Versión ${state.version} lista: se instala cuando termine la conversación en curso`
        : `Versión ${state.version} lista: se instala al salir o esta noche`;
    case 'error':
      return 'No se pudo buscar actualizaciones; se vuelve a intentar más tarde';
  }
}
