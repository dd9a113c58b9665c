import { keychainUnavailableMessage } from '../../secrets/secret-store.js';
import type { ChannelState, ChannelStatus } from '../channel.js';

/** The linking and connection phases, as the Canales page draws them. */
export type WhatsAppPhase = 'disconnected' | 'qr' | 'pairing' | 'connecting' | 'connected' | 'error';

/** Why the channel is where it is; the UI translates by this code. */
export type WhatsAppReasonCode =
  | 'not_linked'
  | 'unlinked_by_staff'
  | 'logged_out'
  | 'qr_expired'
  | 'unreachable'
  | 'replaced'
  | 'needs_update'
  | 'keychain'
  | 'pairing_failed';

export interface WhatsAppStatus {
  phase: WhatsAppPhase;
  reasonCode?: WhatsAppReasonCode | undefined;
  /** The QR payload to draw (phase `qr`). */
  qr?: string | undefined;
  /** When the QR on screen stops being valid (ms since epoch); Baileys issues the next one then. */
  qrExpiresAt?: number | undefined;
  /** The 8-character code to type on the phone (phase `pairing`). */
  pairingCode?: string | undefined;
  /** The linked number, E.164. */
  number?: string | undefined;
  profileName?: string | undefined;
  /** Connected since (ms since epoch). */
  since?: number | undefined;
  lastMessageAt?: number | undefined;
  /** True while a new device is being linked (nothing linked yet: cancelling loses nothing). */
  linking?: boolean | undefined;
  /** Next automatic reconnection attempt (phase `error`, reason `unreachable`). */
  retryAt?: number | undefined;
}

/** What the API and the push channel carry: the status, and which change of it this is. */
export interface WhatsAppDetails extends WhatsAppStatus {
  /**
   * Grows with every change. The UI gets the status both from replies (link, unlink, the
   * channel list) and from push events, over different connections: without an order, a
   * reply that left before a QR arrived could put "Conectando…" back over the QR.
   */
  revision: number;
}

/** Plain Spanish for the health route, the tray and the banner (the UI has its own strings). */
export const REASON_TEXT: Record<WhatsAppReasonCode, string> = {
  not_linked: 'WhatsApp todavía no está vinculado.',
  unlinked_by_staff: 'WhatsApp se desvinculó desde Recepta.',
  logged_out: 'WhatsApp se desvinculó. Vinculalo de nuevo desde Canales.',
  qr_expired: 'El código venció.',
  unreachable: 'No se pudo conectar con WhatsApp. Reintentando…',
  replaced: 'Otra sesión está usando este WhatsApp vinculado. Cerrala y reintentá.',
  needs_update: 'WhatsApp no acepta esta versión de Recepta: hace falta actualizarla.',
  // What to install or start on this PC, never the platform's own (D-Bus) message.
  keychain: `La sesión de WhatsApp se guarda en el llavero del sistema. ${keychainUnavailableMessage()}`,
  pairing_failed: 'No se pudo pedir el código de vinculación. Revisá el número y reintentá.',
};

const COARSE: Record<WhatsAppPhase, ChannelState> = {
  disconnected: 'disconnected',
  qr: 'linking',
  pairing: 'linking',
  connecting: 'connecting',
  connected: 'connected',
  error: 'error',
};

export function toChannelStatus(s: WhatsAppStatus): ChannelStatus {
  // Never linked, unlinked on purpose, or being linked for the first time: nothing is broken.
  const unused =
    (s.phase === 'disconnected' && (s.reasonCode === 'not_linked' || s.reasonCode === 'unlinked_by_staff')) ||
    s.linking === true;
  return { state: COARSE[s.phase], inUse: !unused, ...(s.reasonCode ? { reason: REASON_TEXT[s.reasonCode] } : {}) };
}
