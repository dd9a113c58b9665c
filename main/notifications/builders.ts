// What each kind of endpoint receives for an event: pure functions of the event, so the
// same event reads the same in Slack, an e-mail and a webhook. They only ever see the
// private payload (events.ts): no phone number or message text can reach them.
import type { NotificationEvent, NotificationEventName } from './events.js';

/** The local app's address, for the link back to the chat (http://127.0.0.1:<port>). */
export interface BuildContext {
  appUrl: string | null;
}

const TITLES: Record<NotificationEventName, string> = {
  'reservation.created': 'Nuevo turno',
  'reservation.modified': 'Turno modificado',
  'reservation.cancelled': 'Turno cancelado',
  'reservation.confirmed': 'Turno confirmado',
  'reminder.sent': 'Recordatorio enviado',
  'reminder.undelivered': 'Recordatorio no entregado',
  'reminder.no_show': 'El paciente no vino',
  'handoff.opened': 'Una conversación necesita a una persona',
  'sla.breached': 'Conversación sin respuesta a tiempo',
  'incident.sla_cluster': 'Varias conversaciones sin respuesta a tiempo',
  'waitlist.offer_accepted': 'Lista de espera: turno aceptado',
  'channel.disconnected': 'Canal desconectado',
  'test.ping': 'Prueba de notificación de Recepta',
};

export function eventTitle(type: NotificationEventName): string {
  return TITLES[type];
}

/** The chat's address in the app, when the event is about one. */
export function conversationLink(event: NotificationEvent, ctx: BuildContext): string | null {
  if (event.data.conversationId === undefined || !ctx.appUrl) return null;
  return `${ctx.appUrl.replace(/\/+$/, '')}/conversaciones/${event.data.conversationId}`;
}

/** The event's facts, one per line, in the words staff read. */
function detailLines(event: NotificationEvent): string[] {
  const d = event.data;
  const lines: string[] = [];
  if (d.patient?.firstName) lines.push(`Paciente: ${d.patient.firstName}`);
  if (d.startsAt) lines.push(`Turno: ${d.startsAt}`);
  if (d.appointmentId !== undefined) lines.push(`Turno n.º ${d.appointmentId}`);
  if (d.provider) lines.push(`Canal: ${d.provider}`);
  if (d.reason) lines.push(`Motivo: ${d.reason}`);
  if (d.count !== undefined) lines.push(`Conversaciones: ${d.count}`);
  if (d.intent) lines.push(`Tema: ${d.intent}`);
  return lines;
}

/** Slack's incoming-webhook body: a plain `text` (the fallback) and one section block. */
export function slackMessage(event: NotificationEvent, ctx: BuildContext): { text: string; blocks: unknown[] } {
  const link = conversationLink(event, ctx);
  const title = `*${eventTitle(event.type)}*`;
  const body = [title, ...detailLines(event), ...(link ? [`<${link}|Abrir la conversación en Recepta>`] : [])];
  return {
    text: `${eventTitle(event.type)}${link ? ` — ${link}` : ''}`,
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: body.join('\n') } }],
  };
}

export function emailMessage(event: NotificationEvent, ctx: BuildContext): { subject: string; text: string } {
  const link = conversationLink(event, ctx);
  const lines = [
    eventTitle(event.type),
    '',
    ...detailLines(event),
    ...(link ? ['', `Abrir la conversación: ${link}`] : []),
    '',
    `Evento: ${event.type} (${new Date(event.at).toISOString()})`,
  ];
  return { subject: `[Recepta] ${eventTitle(event.type)}`, text: lines.join('\n') };
}

/** The webhook's JSON body: the event as it is, with the link when there is one. */
export function webhookBody(event: NotificationEvent, ctx: BuildContext): string {
  const link = conversationLink(event, ctx);
  return JSON.stringify({
    id: event.id,
    type: event.type,
    at: new Date(event.at).toISOString(),
    data: event.data,
    link,
  });
}
