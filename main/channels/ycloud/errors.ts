// Meta's error codes, as YCloud passes them on (`errorCode`, `whatsappApiError.code`), in
// words a receptionist can act on. Codes from Meta's Cloud API error reference.

const REASONS: Record<string, string> = {
  '131047':
    'Fuera de la ventana de 24 h de WhatsApp: el paciente no escribió en las últimas 24 horas, hace falta una plantilla aprobada.',
  '470': 'Fuera de la ventana de 24 h de WhatsApp: hace falta una plantilla aprobada.',
  '131026': 'WhatsApp no pudo entregarlo: el número no tiene WhatsApp o no aceptó sus condiciones.',
  '131049': 'WhatsApp decidió no entregarlo (limita los mensajes de empresas que un usuario recibe).',
  '131056': 'Demasiados mensajes seguidos a este paciente: esperá un momento antes de volver a intentar.',
  '131048': 'WhatsApp frenó los envíos de este número por posible spam: revisá la calidad del número en YCloud.',
  '130429': 'Se alcanzó el límite de envíos por segundo del número: se puede volver a intentar en un momento.',
  '131051': 'WhatsApp no admite este tipo de mensaje.',
  '131021': 'El destinatario es el mismo número de la clínica.',
  '131031': 'La cuenta de WhatsApp Business está bloqueada: revisala en YCloud o en Meta.',
  '131042': 'Hay un problema con el medio de pago de la cuenta de WhatsApp Business.',
  '132000': 'La plantilla no tiene la cantidad de variables que se le enviaron.',
  '132001': 'La plantilla no existe o no está aprobada en ese idioma.',
  '368': 'Meta bloqueó temporalmente el número por incumplir sus políticas.',
};

/** The failure in Spanish; an unknown code keeps YCloud's own words, never nothing. */
export function whatsappErrorReason(code: string | undefined, message: string | undefined): string {
  const known = code ? REASONS[code] : undefined;
  if (known) return known;
  const detail = message?.trim().slice(0, 200);
  return `WhatsApp no entregó el mensaje${code ? ` (código ${code})` : ''}${detail ? `: ${detail}` : '.'}`;
}

/** Free text cannot go outside the 24-hour window; only a template can. */
export function isOutsideWindow(code: string | undefined): boolean {
  return code === '131047' || code === '470';
}
