// YCloud's REST API, the calls Recepta makes: send a message (`sendDirectly`, so Meta's
// refusal comes back in the answer instead of a later webhook), upload a file to send, and
// list the account's numbers ("Probar"). The key travels in `X-API-Key`. There is no
// idempotency header: a send is never retried here — the outbox decides, with the same
// `externalId` (our idempotency key) on every attempt, so the receipts name the row.
import { restCall, RestTransportError, type RestAnswer } from '../rest-call.js';
import { z } from 'zod';
import { whatsappErrorReason } from './errors.js';

export const YCLOUD_TIMEOUT_MS = 15_000;

export interface YCloudClientOptions {
  baseUrl: string;
  apiKey: string;
  timeoutMs?: number | undefined;
}

/** A refusal or failure from YCloud, with a reason staff can read. */
export class YCloudApiError extends Error {
  constructor(
    /** Spanish, for the message's failure note and the Canales card. */
    readonly reason: string,
    /** HTTP status; 0 when YCloud could not be reached. */
    readonly status: number,
    /** Meta's error code when YCloud passed one on (131047: outside the 24-hour window). */
    readonly whatsappCode: string | undefined,
    /** True when sending the same message again cannot succeed. */
    readonly permanent: boolean,
  ) {
    super(reason);
  }
}

const errorBodySchema = z
  .object({
    error: z
      .object({
        status: z.number().optional(),
        code: z.string().optional(),
        message: z.string().optional(),
        whatsappApiError: z.object({ code: z.union([z.string(), z.number()]).optional() }).optional(),
      })
      .optional(),
  })
  .optional();

const sentSchema = z.object({ id: z.string().min(1), status: z.string().optional() });
const uploadedSchema = z.object({ id: z.string().min(1) });
const phoneNumbersSchema = z.object({
  items: z.array(z.object({ phoneNumber: z.string().optional(), verifiedName: z.string().optional() })).optional(),
});

// GET /v2/whatsapp/templates answers a WhatsappTemplatePage: {offset, limit, length, total?,
// items: WhatsappTemplate[]}, each {wabaId, name, language, category, status, components: [{type,
// text, …}]} (YCloud-Developers/ycloud-sdk-go api/openapi.yaml, schemas WhatsappTemplatePage,
// WhatsappTemplate, WhatsappTemplateComponent; `filter.status` takes comma-separated statuses).
const templatesSchema = z.object({
  items: z
    .array(
      z.looseObject({
        name: z.string(),
        language: z.string(),
        category: z.string().optional(),
        status: z.string().optional(),
        components: z.array(z.looseObject({ type: z.string().optional(), text: z.string().optional() })).optional(),
      }),
    )
    .optional(),
});

/** An approved template as the Canales card lists it. */
export interface YCloudTemplate {
  name: string;
  language: string;
  /** MARKETING, UTILITY or AUTHENTICATION (Meta prices them differently). */
  category: string | null;
  /** The body's text, with its {{1}}… placeholders. */
  body: string;
  /** How many distinct placeholders the body has: the variables a send must fill. */
  variables: number;
}

const placeholders = (text: string) => new Set([...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1])).size;

export type YCloudSendBody = Record<string, unknown> & { from: string; type: string; externalId: string };

export class YCloudClient {
  constructor(private readonly options: YCloudClientOptions) {}

  private url(path: string): string {
    return `${this.options.baseUrl.replace(/\/+$/, '')}${path}`;
  }

  private async request(path: string, init: RequestInit): Promise<unknown> {
    let answer: RestAnswer;
    try {
      answer = await restCall(
        this.url(path),
        {
          ...init,
          headers: {
            ...(init.headers as Record<string, string>),
            'X-API-Key': this.options.apiKey,
            accept: 'application/json',
          },
        },
        this.options.timeoutMs ?? YCLOUD_TIMEOUT_MS,
      );
    } catch (error) {
      if (!(error instanceof RestTransportError)) throw error;
      if (error.failure === 'timeout') {
        // YCloud may have taken it: sending again could reach the patient twice, so a person decides.
        throw new YCloudApiError(
          'YCloud no respondió a tiempo y el mensaje pudo haber salido: revisalo antes de reintentar.',
          0,
          undefined,
          true,
        );
      }
      throw new YCloudApiError('No se pudo conectar con YCloud: revisá la conexión a internet.', 0, undefined, false);
    }
    if (answer.ok) return answer.body;
    throw refusal(answer.status, answer.body);
  }

  /** Sends one message now; resolves with YCloud's id for it (the key of its receipts). */
  async send(body: YCloudSendBody): Promise<{ id: string }> {
    const answer = await this.request('/whatsapp/messages/sendDirectly', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const parsed = sentSchema.safeParse(answer);
    if (!parsed.success) throw new YCloudApiError('YCloud respondió algo inesperado al enviar.', 502, undefined, false);
    return { id: parsed.data.id };
  }

  /** Uploads a file for `phoneNumber` to send by id (kept by YCloud for 30 days). */
  async upload(phoneNumber: string, file: Uint8Array, mimeType: string, fileName: string): Promise<{ id: string }> {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(file)], { type: mimeType }), fileName);
    const answer = await this.request(`/whatsapp/media/${encodeURIComponent(phoneNumber)}/upload`, {
      method: 'POST',
      body: form,
    });
    const parsed = uploadedSchema.safeParse(answer);
    if (!parsed.success)
      throw new YCloudApiError('YCloud respondió algo inesperado al subir el archivo.', 502, undefined, false);
    return parsed.data;
  }

  /** The account's WhatsApp numbers: what "Probar" checks the key and the number against. */
  async phoneNumbers(): Promise<string[]> {
    const answer = phoneNumbersSchema.safeParse(
      await this.request('/whatsapp/phoneNumbers?limit=100', { method: 'GET' }),
    );
    return (answer.success ? (answer.data.items ?? []) : []).flatMap((n) => (n.phoneNumber ? [n.phoneNumber] : []));
  }

  /** The account's APPROVED templates (the first 100: a clinic has a handful). */
  async approvedTemplates(): Promise<YCloudTemplate[]> {
    const answer = templatesSchema.safeParse(
      await this.request('/whatsapp/templates?page=1&limit=100&filter.status=APPROVED', { method: 'GET' }),
    );
    if (!answer.success)
      throw new YCloudApiError(
        'YCloud respondió la lista de plantillas con un formato inesperado.',
        200,
        undefined,
        true,
      );
    return (answer.data.items ?? [])
      .filter((t) => t.status === undefined || t.status === 'APPROVED')
      .map((t) => {
        const body = t.components?.find((c) => c.type === 'BODY')?.text ?? '';
        return {
          name: t.name,
          language: t.language,
          category: t.category ?? null,
          body,
          variables: placeholders(body),
        };
      });
  }
}

function refusal(status: number, body: unknown): YCloudApiError {
  const error = errorBodySchema.safeParse(body).data?.error;
  const metaCode = error?.whatsappApiError?.code;
  const whatsappCode = metaCode === undefined ? undefined : String(metaCode);
  if (status === 401 || status === 403)
    return new YCloudApiError(
      'YCloud rechazó la clave de API: revisala en la tarjeta de YCloud.',
      status,
      whatsappCode,
      true,
    );
  if (status === 429 || status >= 500) {
    const reason = whatsappCode
      ? whatsappErrorReason(whatsappCode, error?.message)
      : 'YCloud no pudo atender el envío ahora; se vuelve a intentar.';
    return new YCloudApiError(reason, status, whatsappCode, false);
  }
  return new YCloudApiError(
    whatsappErrorReason(whatsappCode ?? error?.code, error?.message),
    status,
    whatsappCode,
    true,
  );
}
