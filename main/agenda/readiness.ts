// Whether the clinic is set up enough for the assistant to answer real patients: hours the
// owner set (not the built-in default) and at least one service to offer. Until then a
// real channel's chat goes to a person (pipeline/index.ts); the simulator still answers.
import type { Db } from '../../db/client.js';
import { countActiveServices } from '../../db/repos/clinic-data.js';
import type { ClinicSettingsReader } from './settings.js';

/** What is missing, in the order the banner names it. */
export type ReadinessGap = 'hours' | 'service';

export function readinessGaps(db: Db, settings: ClinicSettingsReader): ReadinessGap[] {
  const gaps: ReadinessGap[] = [];
  if (!settings.get('clinic.hoursConfirmed')) gaps.push('hours');
  if (countActiveServices(db) === 0) gaps.push('service');
  return gaps;
}

/**
 * The handoff reason a chat carries when it went to a person because the clinic is not set up
 * yet. Staff read it as the assistant's words ("El asistente pasó la conversación a una persona: …").
 */
export const SETUP_INCOMPLETE_HANDOFF = 'todavía no atiende pacientes: faltan los horarios o un servicio (Ajustes)';
