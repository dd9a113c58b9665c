import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type {
  Channel,
  ChannelSink,
  MediaRef,
  ChannelStatus,
  InboundHandler,
  InboundOutcome,
  OutgoingMedia,
  SendRequest,
  SendResult,
} from '../channel.js';

export interface SimulatedPatientMessage {
  from: string;
  name?: string | undefined;
  text: string;
  media?: { url: string; mimeType?: string | undefined; fileName?: string | undefined } | undefined;
  /** Lets a caller retry safely: the same id is stored once. */
  id?: string | undefined;
  /** Staff answering from the clinic's phone: the echo every real provider reports. */
  fromStaff?: boolean | undefined;
}

function mediaKind(mimeType: string | undefined): MediaRef['kind'] {
  const type = mimeType?.split('/')[0];
  return type === 'image' || type === 'audio' || type === 'video' ? type : 'document';
}

/**
 * A channel with no provider behind it: staff type as a patient in "Probar el
 * asistente", and replies "arrive" the moment the outbox sends them. It goes through
 * exactly the same ingest, turn and outbox as WhatsApp does — that is the point.
 */
export class SimulatorChannel implements Channel {
  readonly provider = 'simulator' as const;
  /** Nobody's phone to protect and no provider to throttle us: no pacing, no practical rate limit. */
  readonly sendPolicy = { humanPacing: false, maxPerSecond: 1_000 };

  /** `deliveryUrl()` is read at each send, so changing the setting needs no restart. */
  constructor(private readonly deliveryUrl: () => string = () => '') {}

  private onInbound: InboundHandler | null = null;

  async start(sink: ChannelSink): Promise<void> {
    this.onInbound = sink.inbound;
  }

  async stop(): Promise<void> {
    this.onInbound = null;
  }

  status(): ChannelStatus {
    return this.onInbound ? { state: 'connected' } : { state: 'disconnected' };
  }

  /** Resolves once the message is committed. */
  async receive(m: SimulatedPatientMessage, now = Date.now()): Promise<InboundOutcome> {
    if (!this.onInbound) throw new Error('simulator channel is not started');
    const providerMessageId = m.id ?? randomUUID();
    return this.onInbound({
      channel: 'simulator',
      provider: 'simulator',
      providerMessageId,
      externalUserId: m.from,
      senderName: m.name,
      text: m.text,
      media: m.media
        ? {
            kind: mediaKind(m.media.mimeType),
            url: m.media.url,
            mimeType: m.media.mimeType,
            fileName: m.media.fileName,
          }
        : undefined,
      fromMe: m.fromStaff ?? false,
      timestamp: now,
    });
  }

  async send(request: SendRequest): Promise<SendResult> {
    const url = this.deliveryUrl();
    if (url) {
      // The "patient's phone" is a real HTTP peer: a refusal is a failed send, retried like any provider's.
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': request.idempotencyKey },
        body: JSON.stringify({
          to: request.externalUserId,
          text: request.text,
          idempotencyKey: request.idempotencyKey,
          ...(request.media ? { file: await fileForPhone(request.media) } : {}),
        }),
        signal: AbortSignal.timeout(10_000),
      });
      if (!res.ok) throw new Error(`simulator delivery answered HTTP ${res.status}`);
    }
    return { providerMessageId: `sim-${request.idempotencyKey}` };
  }
}

/** The simulated phone gets the file itself, so a test can check exactly what left. */
async function fileForPhone(media: OutgoingMedia) {
  const bytes = await readFile(media.filePath);
  return {
    kind: media.kind,
    mimeType: media.mimeType,
    fileName: media.fileName ?? null,
    dataBase64: bytes.toString('base64'),
  };
}
