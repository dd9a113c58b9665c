// The scripted model of `npm test`, written to the tool contract: it searches, offers the
// options the tool returned (by their labels), asks for the pending write to be confirmed,
// writes with `confirmed: true` only after the patient's yes, and states what the tool did.
// Scenarios compose these; against a real endpoint none of this is used.
import type { EvalContext, ScriptMemo, ScriptStep, SeenResults } from './suite.js';

export type Lang = 'es' | 'en' | 'pt';

export const call = (name: string, args: unknown) => ({ name, arguments: args });
export const tools = (...calls: Array<{ name: string; arguments: unknown }>): ScriptStep => ({ toolCalls: calls });
export const say = (reply: string): ScriptStep => ({ reply });

/** The latest value of `key` among the tool results the model was sent this turn. */
function latest<T>(seen: SeenResults, key: string): T | undefined {
  return [...seen].reverse().find((r) => r && key in r)?.[key] as T | undefined;
}
const errorOf = (seen: SeenResults) => latest<string>(seen, 'message') ?? latest<string>(seen, 'error') ?? '';

/** `find_available_slots` for a service of the demo clinic. */
export const search = (ctx: EvalContext, service: string, extra: Record<string, unknown> = {}): ScriptStep =>
  tools(call('find_available_slots', { serviceId: ctx.services[service]!.id, ...extra }));

const OFFER_WORDS: Record<Lang, { none: string; intro: string; ask: string }> = {
  es: { none: 'No encontré horarios libres para eso.', intro: 'Tengo estos horarios:', ask: '¿Cuál preferís?' },
  en: { none: 'I could not find free times for that.', intro: 'I have these times:', ask: 'Which one would you like?' },
  pt: { none: 'Não encontrei horários livres para isso.', intro: 'Tenho estes horários:', ask: 'Qual você prefere?' },
};

/** Offers up to three options of the last search, numbered, and remembers them. */
export const offer = (lang: Lang = 'es'): ScriptStep => ({
  replyFrom: (seen, memo) => {
    const options = latest<Array<{ slotId: string; label: string }>>(seen, 'options') ?? [];
    const w = OFFER_WORDS[lang];
    if (!options.length) return w.none;
    memo.options = options.slice(0, 3);
    return `${w.intro} ${memo.options.map((o, i) => `${i + 1}) ${o.label}`).join(', ')}. ${w.ask}`;
  },
});

const slotOf = (memo: ScriptMemo, n: number) => memo.options?.[n - 1]?.slotId ?? `S${n}`;

/** Books (or moves `appointmentId` to) the n-th offered option; `confirmed` only after the patient said yes. */
export const pick = (n: number, opts: { confirmed?: boolean; appointmentId?: number; patientName?: string } = {}) => ({
  toolCallsFrom: (memo: ScriptMemo) => [
    opts.appointmentId
      ? call('reschedule_appointment', {
          appointmentId: opts.appointmentId,
          slotId: slotOf(memo, n),
          ...(opts.confirmed ? { confirmed: true } : {}),
        })
      : call('book_appointment', {
          slotId: slotOf(memo, n),
          ...(opts.patientName ? { patientName: opts.patientName } : {}),
          ...(opts.confirmed ? { confirmed: true } : {}),
        }),
  ],
});

export const cancel = (appointmentId: number, confirmed = false): ScriptStep =>
  tools(call('cancel_appointment', { appointmentId, ...(confirmed ? { confirmed: true } : {}) }));

const ASK: Record<Lang, (summary: string) => string> = {
  es: (s) => `${s}. ¿Me confirmás?`,
  en: (s) => `${s}. Shall I go ahead? Please confirm.`,
  pt: (s) => `${s}. Você confirma?`,
};

/** Asks the patient to confirm the pending action, in its summary's words. */
export const askToConfirm = (lang: Lang = 'es'): ScriptStep => ({
  replyFrom: (seen) => {
    const pending = latest<{ summary: string }>(seen, 'pending');
    return pending ? ASK[lang](pending.summary) : `No pude prepararlo: ${errorOf(seen)}`;
  },
});

const DONE: Record<Lang, Record<string, (label: string) => string>> = {
  es: {
    booked: (l) => `¡Listo! Quedó reservado: ${l}.`,
    rescheduled: (l) => `¡Listo! Tu turno quedó pasado al ${l}.`,
    cancelled: (l) => `Listo, quedó cancelado tu turno del ${l}.`,
    confirmed: (l) => `¡Gracias! Tu turno quedó confirmado: ${l}.`,
  },
  en: {
    booked: (l) => `Done! You're booked: ${l}.`,
    rescheduled: (l) => `Done! I've moved it to ${l}.`,
    cancelled: (l) => `Done, I've cancelled ${l}.`,
    confirmed: (l) => `Thanks! Your appointment is confirmed: ${l}.`,
  },
  pt: {
    booked: (l) => `Pronto! Ficou marcado: ${l}.`,
    rescheduled: (l) => `Pronto! Remarquei para ${l}.`,
    cancelled: (l) => `Pronto, foi cancelado: ${l}.`,
    confirmed: (l) => `Obrigado! Foi confirmado: ${l}.`,
  },
};

/** States what the tool did, with its canonical label; or that it could not. */
export const tellDone = (lang: Lang = 'es'): ScriptStep => ({
  replyFrom: (seen) => {
    const done = latest<{ action: string; label: string }>(seen, 'done');
    const phrase = done && DONE[lang][done.action];
    return phrase ? phrase(done.label) : `No pude hacerlo: ${errorOf(seen)}`;
  },
});

/** The next date (after today, in the clinic's zone) that falls on `weekday` (1 Monday … 7 Sunday). */
export function nextWeekday(ctx: EvalContext, weekday: number): string {
  const now = new Date();
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: ctx.zone }).format(now);
  const day = new Date(`${today}T12:00:00Z`);
  do day.setUTCDate(day.getUTCDate() + 1);
  while (((day.getUTCDay() + 6) % 7) + 1 !== weekday);
  return day.toISOString().slice(0, 10);
}
