import type { WebhookHandler } from './webhook-handler.js';

/** The channel a patient writes on, as the inbox shows it. */
export type ChannelKind = 'whatsapp' | 'instagram' | 'facebook' | 'simulator';
/** Who carries it. One provider may carry several channels (Chatwoot: Instagram and Facebook). */
export type ProviderName = 'baileys' | 'ycloud' | 'chatwoot' | 'evolution' | 'simulator';

export interface MediaRef {
  kind: 'image' | 'audio' | 'video' | 'document' | 'sticker' | 'location';
  mimeType?: string | undefined;
  url?: string | undefined;
  fileName?: string | undefined;
  /**
   * What the provider needs to fetch the file later, kept with the message and never
   * shown (Baileys: the message's media keys, to decrypt it).
   */
  providerRef?: string | undefined;
}

/** One message from a provider, normalized. Channel adapters build these with pure mapping functions. */
export interface InboundMessage {
  channel: ChannelKind;
  provider: ProviderName;
  /** The provider's own id for this message: the dedup key. */
  providerMessageId: string;
  /** Who the chat is with (a JID, a phone, a Chatwoot contact id…). */
  externalUserId: string;
  externalConversationId?: string | undefined;
  senderName?: string | undefined;
  /** E.164 when the provider tells us the number. */
  phone?: string | undefined;
  text: string;
  media?: MediaRef | undefined;
  /**
   * Written by the clinic's side rather than the patient: a staff member answering
   * from their phone or the provider's own inbox. It is stored as a staff message.
   */
  fromMe: boolean;
  /** When the provider says the message was sent (ms since epoch). */
  timestamp: number;
  /**
   * Part of a backlog delivered after Recepta was off for longer than the configured
   * age: stored and shown ("recibido mientras Recepta estaba apagado"), never answered
   * automatically — an answer hours late to a question the patient may have resolved
   * by phone does more harm than good.
   */
  receivedWhileOffline?: boolean | undefined;
  /**
   * With `fromMe`, who on the clinic's side wrote it (default `staff`): a person answering
   * takes the chat over; an `automation` (a provider's greeting, rule or campaign) is only
   * stored; an `internal_note` (a Chatwoot private note) is shown to staff as a note and
   * never reaches the assistant or the patient.
   */
  authoredBy?: 'staff' | 'automation' | 'internal_note' | undefined;
}

/** A file staff attach to a reply, already stored in the media folder. */
export interface OutgoingMedia {
  kind: 'image' | 'document' | 'audio' | 'video';
  /** Absolute path of the stored file. */
  filePath: string;
  mimeType: string;
  fileName?: string | undefined;
}

export interface SendRequest {
  /** Stable per outbox row: a retry of the same row carries the same key. */
  idempotencyKey: string;
  externalUserId: string;
  externalConversationId?: string | null | undefined;
  /** With `media`, the caption (may be empty). */
  text: string;
  media?: OutgoingMedia | undefined;
  /**
   * Send as this approved template instead of `text` (only the official API has templates;
   * other channels ignore it): the name, its language and each {{n}}'s text.
   */
  template?: { name: string; language: string; parameters: string[] } | undefined;
  /** What automation sent it, if one did: a channel may need a template for it (outside the 24-hour window). */
  automation?: { kind: string; appointmentId?: number | undefined; offerId?: number | undefined } | undefined;
}

export interface SendResult {
  providerMessageId: string | null;
}

/** `linking`: waiting for someone to scan a QR or type a pairing code on their phone. */
export type ChannelState = 'disconnected' | 'linking' | 'connecting' | 'connected' | 'error';

export interface ChannelStatus {
  state: ChannelState;
  /**
   * False when the clinic does not use this channel (never linked, or unlinked on
   * purpose): a disconnected channel nobody set up is not a problem to warn about.
   */
  inUse?: boolean | undefined;
  /** Human-readable, for the Channels page and the health route. */
  reason?: string | undefined;
}

/** Thrown by `send` for an error that a retry cannot fix (a number not on WhatsApp, say). */
export class PermanentSendError extends Error {
  readonly permanent = true;
  /** Only a person can reach this patient now (WhatsApp's 24-hour window closed): the chat is handed to one. */
  readonly needsPerson: boolean;

  constructor(message: string, options: ErrorOptions & { needsPerson?: boolean } = {}) {
    super(message, options);
    this.needsPerson = options.needsPerson ?? false;
  }
}

/** What ingest made of an inbound message; a provider adapter acknowledges only after it resolves. */
export interface InboundOutcome {
  duplicate: boolean;
  conversationId: number | null;
}

export type InboundHandler = (message: InboundMessage) => Promise<InboundOutcome>;

/** A provider's receipt for a message we sent (keyed by the id `send` returned). */
export interface DeliveryUpdate {
  providerMessageId: string;
  status: 'sent' | 'delivered' | 'read' | 'failed';
  /** The provider's reason, for `failed`. */
  error?: string | undefined;
}

/** A provider's later change to a message it already delivered (Chatwoot's `message_updated`). */
export interface MessageEdit {
  providerMessageId: string;
  /** The message's words now; absent when the update says nothing about them. */
  text?: string | undefined;
  deleted?: boolean | undefined;
}

/** `unknown`: no stored message has that id (the update is ignored, never stored as a new message). */
export type MessageEditOutcome = 'changed' | 'unchanged' | 'unknown';

/** Where a channel delivers what it hears: messages, and receipts for what we sent. */
export interface ChannelSink {
  inbound: InboundHandler;
  /** Resolves once the receipt is recorded (a webhook acknowledges only then); rejects when it could not be. */
  deliveryStatus(update: DeliveryUpdate): Promise<void>;
  /**
   * The provider's own inbox says who owns a chat (Chatwoot: a conversation opened or
   * assigned to a person, or put back to pending): the assistant steps back (`person: true`)
   * or takes it again. A chat Recepta has not stored yet is left alone.
   */
  ownership?(change: { externalUserId: string; person: boolean }): Promise<void>;
  /** Applies an edit or a deletion to a stored message; resolves once committed. */
  messageEdited?(edit: MessageEdit): Promise<MessageEditOutcome>;
}

/** How a provider wants to be sent to. */
export interface SendPolicy {
  /** Show "escribiendo…" and wait as a person typing would before each bubble. */
  humanPacing: boolean;
  /** The most messages per second this provider should get from us. */
  maxPerSecond: number;
  /** The least time between two messages to the same chat (WhatsApp's anti-ban discipline: 1 s). */
  perChatIntervalMs?: number | undefined;
}

export const DEFAULT_SEND_POLICY: SendPolicy = { humanPacing: false, maxPerSecond: 20 };

/** What every provider adapter implements. Inbound messages are handed to `onInbound`. */
export interface Channel {
  readonly provider: ProviderName;
  /** The name the API and the UI use for this integration when it is not `provider` (Baileys is "whatsapp"). */
  readonly apiName?: string;
  /** Defaults to DEFAULT_SEND_POLICY. */
  readonly sendPolicy?: SendPolicy;
  start(sink: ChannelSink): Promise<void>;
  stop(): Promise<void>;
  status(): ChannelStatus;
  send(request: SendRequest): Promise<SendResult>;
  /** Shows "escribiendo…" where the provider supports it; a no-op elsewhere. */
  typing?(externalUserId: string): Promise<void>;
  /**
   * Fetches a file an inbound message carried, for providers whose media is not a
   * plain URL (Baileys decrypts it; Evolution may inline base64). Without it, the media
   * store downloads `MediaRef.url` over HTTP.
   */
  downloadMedia?(ref: MediaRef): Promise<Uint8Array>;
  /**
   * The assistant handed this chat to a person: providers with an inbox of their own
   * (Chatwoot) move it where the clinic's agents will see it. Best effort: a failure is logged.
   */
  handedOff?(chat: { externalUserId: string; externalConversationId: string | null }): Promise<void>;
  /** The chat is the assistant's again (a person handed it back, or the pause ran out): a provider with its own inbox is told. */
  handedBack?(chat: { externalUserId: string; externalConversationId: string | null }): Promise<void>;
  /**
   * The provider's webhook endpoint, for providers that push to us over HTTP (YCloud,
   * Chatwoot, Evolution). The composition root hands it to the webhook listener, which
   * serves it at `/webhooks/{provider}/{token}`.
   */
  readonly webhook?: WebhookHandler;
}
