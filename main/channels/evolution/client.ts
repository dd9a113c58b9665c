// Evolution API's REST API (v2), the calls Recepta makes: send text and files, read the
// instance's connection state ("Probar"), list recent messages (catch-up after downtime)
// and fetch a message's file. The key travels in the `apikey` header (src/api/guards/auth.guard.ts).
// Evolution has no idempotency key: a send is never retried here — the outbox decides — and
// a send that timed out is left to a person, since Evolution may have sent it. Reads are
// retried once, since asking twice changes nothing.
import { z } from 'zod';
import { restCall, retryOnce, RestTransportError, type RestAnswer } from '../rest-call.js';
import { evolutionRefusal } from './errors.js';

export const EVOLUTION_TIMEOUT_MS = 15_000;
/** sendText first checks the number is on WhatsApp and may wait out `delay`: sends get longer. */
export const EVOLUTION_SEND_TIMEOUT_MS = 30_000;

export interface EvolutionClientOptions {
  baseUrl: string;
  apiKey: string;
  instance: string;
  /** Overrides every call's own timeout (tests). */
  timeoutMs?: number | undefined;
}

/** A refusal or failure from Evolution, with a reason staff can read. */
export class EvolutionApiError extends Error {
  constructor(
    /** Spanish, for the message's failure note and the Canales card. */
    readonly reason: string,
    /** HTTP status; 0 when Evolution could not be reached. */
    readonly status: number,
    /** True when sending the same message again cannot succeed. */
    readonly permanent: boolean,
  ) {
    super(reason);
  }
}

const sentSchema = z.object({ key: z.object({ id: z.string().min(1), remoteJid: z.string().optional() }) });
const stateSchema = z.object({ instance: z.object({ state: z.string() }) });
const findMessagesSchema = z.object({
  messages: z.object({
    pages: z.number().optional(),
    currentPage: z.number().optional(),
    records: z.array(z.unknown()),
  }),
});
const base64Schema = z.object({ base64: z.string().min(1), mimetype: z.string().optional() });

export interface SendTextBody {
  number: string;
  text: string;
}

export interface SendMediaBody {
  number: string;
  mediatype: 'image' | 'document' | 'video' | 'audio';
  mimetype: string;
  caption?: string;
  /** The file's bytes, base64 (the clinic's PC has no public URL to link to). */
  media: string;
  fileName?: string;
}

export class EvolutionClient {
  constructor(private readonly options: EvolutionClientOptions) {}

  private url(path: string): string {
    return `${this.options.baseUrl.replace(/\/+$/, '')}${path}/${encodeURIComponent(this.options.instance)}`;
  }

  private async request(path: string, init: RequestInit & { idempotent: boolean; timeoutMs?: number }) {
    // One more try for a read Evolution could not answer; a send is the outbox's to retry.
    return retryOnce(
      () => this.once(path, init),
      (error) => init.idempotent && error instanceof EvolutionApiError && !error.permanent,
    );
  }

  private async once(path: string, init: RequestInit & { idempotent: boolean; timeoutMs?: number }): Promise<unknown> {
    let answer: RestAnswer;
    try {
      answer = await restCall(
        this.url(path),
        {
          method: init.method,
          body: init.body ?? null,
          headers: { 'content-type': 'application/json', accept: 'application/json', apikey: this.options.apiKey },
        },
        this.options.timeoutMs ?? init.timeoutMs ?? EVOLUTION_TIMEOUT_MS,
      );
    } catch (error) {
      if (!(error instanceof RestTransportError)) throw error;
      if (error.failure === 'timeout') {
        if (!init.idempotent)
          // Evolution may have sent it: sending again could reach the patient twice, so a person decides.
          throw new EvolutionApiError(
            'Evolution no respondió a tiempo y el mensaje pudo haber salido: revisalo antes de reintentar.',
            0,
            true,
          );
        throw new EvolutionApiError('Evolution no respondió a tiempo.', 0, false);
      }
      throw new EvolutionApiError(
        'No se pudo conectar con el servidor de Evolution: revisá la dirección y que esté encendido.',
        0,
        false,
      );
    }
    if (answer.ok) return answer.body;
    const refusal = evolutionRefusal(answer.status, answer.body, this.options.instance);
    throw new EvolutionApiError(refusal.reason, answer.status, refusal.permanent);
  }

  private post(path: string, body: unknown, idempotent: boolean, timeoutMs?: number) {
    return this.request(path, { method: 'POST', body: JSON.stringify(body), idempotent, timeoutMs });
  }

  private sent(answer: unknown): { id: string } {
    const parsed = sentSchema.safeParse(answer);
    if (!parsed.success) throw new EvolutionApiError('Evolution respondió algo inesperado al enviar.', 502, false);
    return { id: parsed.data.key.id };
  }

  /** `POST /message/sendText/{instance}`; resolves with the WhatsApp id (`key.id`), the key of its receipts. */
  async sendText(body: SendTextBody): Promise<{ id: string }> {
    return this.sent(await this.post('/message/sendText', body, false, EVOLUTION_SEND_TIMEOUT_MS));
  }

  /** `POST /message/sendMedia/{instance}` with the file inline as base64. */
  async sendMedia(body: SendMediaBody): Promise<{ id: string }> {
    return this.sent(await this.post('/message/sendMedia', body, false, EVOLUTION_SEND_TIMEOUT_MS));
  }

  /** `GET /instance/connectionState/{instance}`: "open", "connecting" or "close". */
  async connectionState(): Promise<string> {
    const answer = stateSchema.safeParse(
      await this.request('/instance/connectionState', { method: 'GET', idempotent: true }),
    );
    if (!answer.success)
      throw new EvolutionApiError('Evolution respondió algo inesperado sobre la conexión.', 502, false);
    return answer.data.instance.state;
  }

  /**
   * `POST /chat/findMessages/{instance}`: one page (newest first) of the messages Evolution
   * stored between two instants. Its filter needs both ends (`gte` and `lte`, read with
   * `new Date(…)`); `offset` is the page size (chat.service.ts#fetchMessages).
   */
  async findMessages(from: number, to: number, page: number, pageSize: number) {
    const answer = findMessagesSchema.safeParse(
      await this.post(
        '/chat/findMessages',
        {
          where: { messageTimestamp: { gte: new Date(from).toISOString(), lte: new Date(to).toISOString() } },
          offset: pageSize,
          page,
        },
        true,
      ),
    );
    if (!answer.success)
      throw new EvolutionApiError('Evolution respondió algo inesperado al listar mensajes.', 502, false);
    // Each record is read by the same mapper as a webhook's `data`.
    return { records: answer.data.messages.records, pages: answer.data.messages.pages ?? 1 };
  }

  /** `POST /chat/getBase64FromMediaMessage/{instance}`: the file a received message carries. */
  async mediaOf(messageId: string): Promise<{ bytes: Uint8Array; mimeType?: string | undefined }> {
    const answer = base64Schema.safeParse(
      await this.post(
        '/chat/getBase64FromMediaMessage',
        { message: { key: { id: messageId } }, convertToMp4: false },
        true,
      ),
    );
    if (!answer.success) throw new EvolutionApiError('Evolution no devolvió el archivo del mensaje.', 502, true);
    return { bytes: Buffer.from(answer.data.base64, 'base64'), mimeType: answer.data.mimetype };
  }
}
