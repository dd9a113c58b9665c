// What the reminder handler tells the patient, in the patient's language (voseo in Spanish,
// as the reminders are written). Only said after the change it reports committed.

export type ReplyLanguage = 'es' | 'en';

export const REPLY_TEXTS = {
  es: {
    confirmed: (label: string) => `¡Listo! Tu turno del ${label} quedó confirmado. Te esperamos.`,
    cancelled: (label: string) =>
      `Listo, cancelamos tu turno del ${label}. Si querés otro turno, escribinos y te buscamos uno.`,
    which: (intent: 'confirm' | 'cancel', options: string[]) =>
      `¿Cuál turno querés ${intent === 'confirm' ? 'confirmar' : 'cancelar'}: ${options.join(' o ')}?`,
    option: (weekday: string, time: string) => `el ${weekday} ${time}`,
  },
  en: {
    confirmed: (label: string) => `Done! Your appointment on ${label} is confirmed. See you then.`,
    cancelled: (label: string) =>
      `Done, your appointment on ${label} is cancelled. If you'd like another one, write to us and we'll find one.`,
    which: (intent: 'confirm' | 'cancel', options: string[]) =>
      `Which appointment do you want to ${intent}: ${options.join(' or ')}?`,
    option: (weekday: string, time: string) => `${weekday} ${time}`,
  },
} as const;
