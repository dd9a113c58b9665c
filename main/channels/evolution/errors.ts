// Evolution API's refusals, in words a receptionist can act on. Shapes from its error
// handler (src/main.ts, src/exceptions/*.exception.ts): `{status, error, response: {message}}`,
// where `message` is a string, a list of strings, or — for a number not on WhatsApp — a
// list of `{jid, exists: false, number}` (../shared/reference/payloads/evolution/rest_sendText_error_400_not_on_whatsapp.json).

export interface EvolutionRefusal {
  /** Spanish, for the message's failure note and the Canales card. */
  reason: string;
  /** True when sending the same message again cannot succeed. */
  permanent: boolean;
}

/** The `response.message` of an Evolution error body, flattened to text. */
function messageOf(body: unknown): { text: string; notOnWhatsApp: string | null } {
  const message = (body as { response?: { message?: unknown } } | null)?.response?.message;
  const items = Array.isArray(message) ? message : message === undefined ? [] : [message];
  let notOnWhatsApp: string | null = null;
  const texts: string[] = [];
  for (const item of items) {
    if (typeof item === 'string') texts.push(item);
    else if (item && typeof item === 'object' && (item as { exists?: unknown }).exists === false)
      notOnWhatsApp = String((item as { number?: unknown }).number ?? '');
  }
  return { text: texts.join('; ').slice(0, 200), notOnWhatsApp };
}

export function evolutionRefusal(status: number, body: unknown, instance: string): EvolutionRefusal {
  const { text, notOnWhatsApp } = messageOf(body);
  if (notOnWhatsApp !== null)
    return { reason: `El número ${notOnWhatsApp} no tiene WhatsApp: no se pudo enviar.`, permanent: true };
  if (status === 401 || status === 403)
    return { reason: 'Evolution rechazó la clave de API: revisala en la tarjeta de Evolution.', permanent: true };
  if (status === 404)
    return { reason: `La instancia "${instance}" no existe en ese servidor de Evolution.`, permanent: true };
  // Baileys' socket is down (the phone lost its link, or Evolution is reconnecting): a later try can work.
  if (/connection closed|not connected|precondition/i.test(text) || status === 428)
    return { reason: 'WhatsApp no está conectado en Evolution ahora; se vuelve a intentar.', permanent: false };
  if (status === 429 || status >= 500)
    return { reason: 'Evolution no pudo atender el envío ahora; se vuelve a intentar.', permanent: false };
  return { reason: `Evolution rechazó el mensaje${text ? `: ${text}` : '.'}`, permanent: true };
}
