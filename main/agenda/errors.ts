/** The agenda's refusals. Each code is the API's; the message is Spanish, shown to the receptionist as-is. */
export const AGENDA_ERROR_CODES = [
  'SLOT_TAKEN',
  'DAILY_LIMIT_REACHED',
  'OUTSIDE_HOURS',
  'CLOSED_DAY',
  'IN_THE_PAST',
  'TOO_SOON',
  'TOO_FAR_AHEAD',
  'INVALID_TIME_RANGE',
  'PRACTITIONER_UNAVAILABLE',
  'SERVICE_INACTIVE',
  'INVALID_PHONE',
  'CLOSURE_OVERLAP',
  'INVALID_STATUS_CHANGE',
  'APPOINTMENT_NOT_STARTED',
  'ARRIVAL_TOO_EARLY',
  'UNDO_NOT_POSSIBLE',
  'VALIDATION_FAILED',
  'NOT_FOUND',
] as const;
export type AgendaErrorCode = (typeof AGENDA_ERROR_CODES)[number];

const DEFAULT_MESSAGES: Record<AgendaErrorCode, string> = {
  SLOT_TAKEN: 'Ese horario ya está tomado. Elegí otro.',
  DAILY_LIMIT_REACHED: 'Ese profesional ya tiene el máximo de turnos de este servicio para ese día.',
  OUTSIDE_HOURS: 'Ese horario está fuera del horario de atención.',
  CLOSED_DAY: 'La clínica está cerrada ese día.',
  IN_THE_PAST: 'Ese horario ya pasó.',
  TOO_SOON: 'Ese turno necesita más anticipación.',
  TOO_FAR_AHEAD: 'Ese turno es demasiado lejano: todavía no se puede reservar.',
  INVALID_TIME_RANGE: 'El fin tiene que ser posterior al inicio.',
  PRACTITIONER_UNAVAILABLE: 'Ese profesional no está disponible en ese horario.',
  SERVICE_INACTIVE: 'Ese servicio no está activo.',
  INVALID_PHONE: 'Ese número de teléfono no es válido.',
  CLOSURE_OVERLAP: 'Ya hay un cierre cargado en esas fechas.',
  INVALID_STATUS_CHANGE: 'Ese cambio de estado no es posible.',
  APPOINTMENT_NOT_STARTED: 'El turno todavía no empezó.',
  ARRIVAL_TOO_EARLY: 'Todavía falta para el turno.',
  UNDO_NOT_POSSIBLE: 'Ese cambio ya no se puede deshacer.',
  VALIDATION_FAILED: 'Revisá los datos.',
  NOT_FOUND: 'No existe.',
};

/** 409 for a lost race (on a time, or an undo overtaken); 404 for unknown ids; 422 for everything the rules refuse. */
function statusFor(code: AgendaErrorCode): number {
  if (code === 'SLOT_TAKEN' || code === 'CLOSURE_OVERLAP' || code === 'UNDO_NOT_POSSIBLE') return 409;
  if (code === 'NOT_FOUND') return 404;
  if (code === 'VALIDATION_FAILED') return 400;
  return 422;
}

export class AgendaError extends Error {
  readonly status: number;
  constructor(
    readonly code: AgendaErrorCode,
    message: string = DEFAULT_MESSAGES[code],
  ) {
    super(message);
    this.status = statusFor(code);
  }
}
