// Everything that loads Baileys at run time. The channel imports this lazily: a clinic
// that never links WhatsApp does not pay Baileys' start-up time and memory.
import makeWASocket, {
  Browsers,
  downloadMediaMessage,
  fetchLatestWaWebVersion,
  type WAVersion,
} from '@whiskeysockets/baileys';
import type { SocketOptions, WaSocket } from './socket-port.js';

export { mapUpsertMessage, phoneFromJid, readStoredMedia } from './map-inbound.js';
export { sqliteAuthState } from './auth-state.js';
export { downloadMediaMessage };

/** The real socket, with the settings a clinic needs. */
export function createBaileysSocket(o: SocketOptions): WaSocket {
  return makeWASocket({
    auth: o.auth,
    ...(o.version ? { version: o.version } : {}),
    logger: o.logger,
    browser: Browsers.windows('Chrome'),
    // Default true: WhatsApp would stop push notifications on the staff's phones.
    markOnlineOnConnect: false,
    // Default true in 7.0: a clinic's whole history would be downloaded at every link.
    syncFullHistory: false,
    getMessage: o.getMessage,
    msgRetryCounterCache: o.msgRetryCounterCache,
  }) as unknown as WaSocket;
}

/** The WhatsApp Web version the web client currently announces (for a 405), or null. */
export async function latestWaWebVersion(): Promise<WAVersion | null> {
  try {
    const { version, isLatest } = await fetchLatestWaWebVersion({ signal: AbortSignal.timeout(10_000) });
    return isLatest ? version : null;
  } catch {
    return null;
  }
}
