// Chatwoot's REST API, the calls Recepta makes: post a message in a conversation (text, or a
// file as multipart), open a conversation when the assistant hands it to a person, list
// recent conversations and their messages (the catch-up), and "Probar". The token travels in
// `api_access_token` (swagger securitySchemes userApiKey / agentBotApiKey). Chatwoot has no
// idempotency key for messages: a send is never retried here, and a timeout is not retried
// by the outbox either (the message may be in the conversation already). Opening a
// conversation is idempotent, so that one is tried twice.
import { restCall, RestTransportError, type RestAnswer } from '../rest-call.js';
import { z } from 'zod';
import { ChatwootApiError, chatwootRefusal } from './errors.js';
import { OUR_TAG } from './map-inbound.js';

export const CHATWOOT_TIMEOUT_MS = 15_000;

export interface ChatwootClientOptions {
  baseUrl: string;
  token: string;
  timeoutMs?: number | undefined;
}

export interface ChatwootFile {
  data: Uint8Array;
  mimeType: string;
  fileName: string;
}

const createdSchema = z.object({ id: z.number().int() });
const conversationsSchema = z.object({
  data: z.object({ payload: z.array(z.unknown()) }),
});
const messagesSchema = z.object({ payload: z.array(z.unknown()) });

export class ChatwootClient {
  constructor(private readonly options: ChatwootClientOptions) {}

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
            api_access_token: this.options.token,
            accept: 'application/json',
          },
        },
        this.options.timeoutMs ?? CHATWOOT_TIMEOUT_MS,
      );
    } catch (error) {
      if (!(error instanceof RestTransportError)) throw error;
      if (error.failure === 'timeout')
        throw new ChatwootApiError(
          'Chatwoot no respondió a tiempo y el mensaje pudo haber llegado: revisalo en Chatwoot antes de reintentar.',
          0,
          true,
        );
      throw new ChatwootApiError(
        'No se pudo conectar con Chatwoot: revisá la dirección y la conexión a internet.',
        0,
        false,
      );
    }
    if (answer.ok) return answer.body;
    throw chatwootRefusal(answer.status, answer.body);
  }

  private conversationPath(accountId: string, conversationId: string): string {
    return `/api/v1/accounts/${encodeURIComponent(accountId)}/conversations/${encodeURIComponent(conversationId)}`;
  }

  /**
   * Posts an outgoing message, tagged with our outbox key in `content_attributes` so its
   * webhook echo is recognised as ours. Resolves with Chatwoot's message id.
   */
  async sendMessage(
    accountId: string,
    conversationId: string,
    message: { content: string; key: string; file?: ChatwootFile | undefined },
  ): Promise<{ id: number }> {
    const attributes = { [OUR_TAG]: message.key };
    let init: RequestInit;
    if (message.file) {
      // Multipart (swagger create_attachment.yml); content_attributes as JSON text, which Chatwoot parses.
      const form = new FormData();
      form.append('content', message.content);
      form.append('message_type', 'outgoing');
      form.append('private', 'false');
      form.append('content_attributes', JSON.stringify(attributes));
      const blob = new Blob([new Uint8Array(message.file.data)], { type: message.file.mimeType });
      form.append('attachments[]', blob, message.file.fileName);
      init = { method: 'POST', body: form };
    } else {
      init = {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          content: message.content,
          message_type: 'outgoing',
          private: false,
          content_type: 'text',
          content_attributes: attributes,
        }),
      };
    }
    const answer = createdSchema.safeParse(
      await this.request(`${this.conversationPath(accountId, conversationId)}/messages`, init),
    );
    if (!answer.success) throw new ChatwootApiError('Chatwoot respondió algo inesperado al enviar.', 502, false);
    return answer.data;
  }

  /** Sets the conversation's status (`open`: the clinic's agents see it as theirs). Idempotent: tried twice. */
  async setStatus(accountId: string, conversationId: string, status: 'open' | 'pending'): Promise<void> {
    const call = () =>
      this.request(`${this.conversationPath(accountId, conversationId)}/toggle_status`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ status }),
      });
    try {
      await call();
    } catch (error) {
      if (!(error instanceof ChatwootApiError) || (error.permanent && error.status !== 0)) throw error;
      await call();
    }
  }

  /** One page (from 1) of the account's conversations (any status), most recently active first, for the catch-up. */
  async recentConversations(accountId: string, page = 1): Promise<unknown[]> {
    const answer = conversationsSchema.safeParse(
      await this.request(
        `/api/v1/accounts/${encodeURIComponent(accountId)}/conversations?status=all&sort_by=last_activity_at_desc&page=${page}`,
        { method: 'GET' },
      ),
    );
    return answer.success ? answer.data.data.payload : [];
  }

  /** A conversation's latest messages, oldest first (one page); with `before`, those older than that message id. */
  async messages(accountId: string, conversationId: string, before?: number): Promise<unknown[]> {
    const query = before === undefined ? '' : `?before=${before}`;
    const answer = messagesSchema.safeParse(
      await this.request(`${this.conversationPath(accountId, conversationId)}/messages${query}`, { method: 'GET' }),
    );
    return answer.success ? answer.data.payload : [];
  }

  /**
   * "Probar": the token against the account's inboxes. An Agent Bot token may not list them
   * (AccessTokenAuthHelper::BOT_ACCESSIBLE_ENDPOINTS), and Chatwoot says so in those words:
   * that answer proves the token is a live bot token.
   */
  async check(accountId: string): Promise<{ kind: 'user' | 'bot' }> {
    try {
      await this.request(`/api/v1/accounts/${encodeURIComponent(accountId)}/inboxes`, { method: 'GET' });
      return { kind: 'user' };
    } catch (error) {
      if (error instanceof ChatwootApiError && error.status === 401 && /for bots/i.test(error.detail))
        return { kind: 'bot' };
      throw error;
    }
  }
}
