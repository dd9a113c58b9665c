import type { Db } from '../../../db/client.js';
import type { ChannelEventBus } from '../events.js';
import type { Logger } from '../../kernel/logger.js';
import type { WhatsAppSettingsReader } from './settings.js';
import type { SecretStore } from '../../secrets/secret-store.js';
import type { BackoffOptions } from './reconnect-policy.js';
import { storedSessionIsLinked, wipeStoredSession } from './session-vault.js';
import type { SocketFactory } from './socket-port.js';
import { WhatsAppChannel } from './whatsapp-channel.js';

export interface WhatsAppDeps {
  db: Db;
  events: ChannelEventBus;
  log: Logger;
  settings: WhatsAppSettingsReader;
  secrets: SecretStore;
  socketFactory?: SocketFactory | undefined;
  backoff?: BackoffOptions | undefined;
}

/** The WhatsApp channel wired to the app's settings, database and keychain. */
export function createWhatsAppChannel(d: WhatsAppDeps): WhatsAppChannel {
  const sessionKey = () => d.secrets.internalKey('whatsappSessionKey');
  return new WhatsAppChannel({
    db: d.db,
    events: d.events,
    log: d.log,
    sessionKey,
    forgetSessionKey: () => d.secrets.forgetInternalKey('whatsappSessionKey'),
    hasSession: () => storedSessionIsLinked(d.db, sessionKey),
    wipeSession: () => wipeStoredSession(d.db),
    settings: {
      readReceipts: () => d.settings.get('whatsapp.readReceipts'),
      backlogMaxAgeMs: () => d.settings.get('whatsapp.backlogMaxAgeHours') * 3_600_000,
      onlyChatsThatWroteFirst: () => d.settings.get('whatsapp.onlyChatsThatWroteFirst'),
    },
    ...(d.socketFactory ? { socketFactory: d.socketFactory } : {}),
    ...(d.backoff ? { backoff: d.backoff } : {}),
  });
}
