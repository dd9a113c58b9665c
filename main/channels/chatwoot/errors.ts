// Chatwoot's refusals, in words a receptionist can act on. Chatwoot answers errors as
// `{error: "…"}`, `{message: "…"}` or `{errors: […]}` depending on the controller.

/** A refusal or failure from Chatwoot, with a reason staff can read. */
export class ChatwootApiError extends Error {
  constructor(
    /** Spanish, for the message's failure note and the Canales card. */
    readonly reason: string,
    /** HTTP status; 0 when Chatwoot could not be reached. */
    readonly status: number,
    /** True when sending the same request again cannot succeed (or could reach the patient twice). */
    readonly permanent: boolean,
    /** Chatwoot's own words, for the log and for telling a bot token apart. */
    readonly detail = '',
  ) {
    super(reason);
  }
}

/** Chatwoot's message in an error body, whichever shape it took. */
export function errorDetail(body: unknown): string {
  const b = body as { error?: unknown; message?: unknown; errors?: unknown } | null;
  const raw = b?.error ?? b?.message ?? (Array.isArray(b?.errors) ? b.errors.join('; ') : undefined);
  return typeof raw === 'string' ? raw.trim().slice(0, 200) : '';
}

/** The refusal for an HTTP status and body. */
export function chatwootRefusal(status: number, body: unknown): ChatwootApiError {
  const detail = errorDetail(body);
  if (status === 401 || status === 403)
    return new ChatwootApiError(
      'Chatwoot rechazó el token de acceso: revisalo en la tarjeta de Chatwoot.',
      status,
      true,
      detail,
    );
  if (status === 404)
    return new ChatwootApiError(
      'Chatwoot no encontró la cuenta o la conversación: revisá el número de cuenta en la tarjeta de Chatwoot.',
      status,
      true,
      detail,
    );
  if (status === 429 || /too many messages/i.test(detail))
    return new ChatwootApiError(
      'Chatwoot frenó los envíos por demasiados mensajes seguidos; se vuelve a intentar en un momento.',
      status,
      false,
      detail,
    );
  if (status >= 500)
    return new ChatwootApiError(
      'Chatwoot no pudo atender el pedido ahora; se vuelve a intentar.',
      status,
      false,
      detail,
    );
  return new ChatwootApiError(`Chatwoot no aceptó el mensaje${detail ? `: ${detail}` : '.'}`, status, true, detail);
}
