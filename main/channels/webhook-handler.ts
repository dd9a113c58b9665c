// What a provider's webhook endpoint is, declared next to the channels so a provider
// (channels/<provider>/) brings its own without touching http/: the composition root
// collects the handlers from the channels and hands them to the webhook listener.

import type { WebhookReasonCode } from './webhook-reasons.js';
/** What a provider's webhook route receives: the exact bytes (for signatures) and the parsed JSON. */
export interface WebhookRequest {
  rawBody: Buffer;
  /**
   * The body parsed as JSON, on first read: check the signature over `rawBody` before
   * reading it, so an unsigned body is never parsed. Throws a WebhookJsonError when the
   * bytes are not JSON.
   */
  readonly body: unknown;
  headers: Record<string, string | string[] | undefined>;
}

/**
 * A provider's webhook endpoint. `handle` resolves once whatever must be kept is
 * committed — only then does the provider get its 200. Throw a WebhookSignatureError to
 * refuse a request whose signature does not match (401); anything else becomes a 500
 * so the provider retries.
 */
export interface WebhookHandler {
  provider: string;
  /** The secret path token for this provider's URL, or null while it is not set up. */
  token(): string | null;
  handle(request: WebhookRequest): Promise<void>;
}

/** The request is not signed with the provider's secret: answered 401 UNAUTHORIZED, and the provider does not retry into a 200. */
export class WebhookSignatureError extends Error {
  constructor(
    message = 'The webhook signature does not match.',
    /** Why, for the Canales card. */
    readonly code: WebhookReasonCode = 'signature_mismatch',
  ) {
    super(message);
  }
}

/** The request is signed but is not an event this provider sends: answered 400 INVALID_PAYLOAD, nothing stored. */
export class WebhookPayloadError extends Error {
  readonly code: WebhookReasonCode = 'not_an_event';
}

/** The body is not JSON at all: answered 400 INVALID_JSON, nothing stored. */
export class WebhookJsonError extends WebhookPayloadError {
  override readonly code: WebhookReasonCode = 'bad_json';
  constructor() {
    super('The request body is not valid JSON.');
  }
}

/** A WebhookRequest whose body is parsed only when a handler reads it (after its signature check). */
export function lazyWebhookRequest(
  rawBody: Buffer,
  headers: Record<string, string | string[] | undefined>,
): WebhookRequest {
  let parsed: { value: unknown } | null = null;
  return {
    rawBody,
    headers,
    get body(): unknown {
      if (!parsed) {
        try {
          parsed = { value: rawBody.length ? JSON.parse(rawBody.toString('utf8')) : null };
        } catch {
          throw new WebhookJsonError();
        }
      }
      return parsed.value;
    },
  };
}
