// The shapes of the evaluation suite: a scenario is data — what the patient says, how the
// agenda starts, what must (and must never) come out — plus a script of what a model
// would do, played by the scripted server in `npm test`.
import type { Settings } from '../main/http/app-settings.js';

/** An appointment the scenario starts with, as the scripts and checks see it. */
export interface SeededAppointment {
  id: number;
  service: string;
  serviceId: number;
  practitionerId: number;
  /** ISO instant (UTC), exactly as the tools return it. */
  start: string;
  /** "martes 01/12 10:00", the clinic's local label. */
  when: string;
}

export interface FreeSlot {
  start: string;
  practitionerId: number;
  when: string;
}

/** What a scenario knows once its clinic is set up: ids are only known at run time. */
export interface EvalContext {
  services: Record<string, { id: number }>;
  /** The patient of the conversation. */
  own: { patientId: number; name: string; appointments: SeededAppointment[] };
  /** Another patient of the clinic: nothing of theirs may change or be told. */
  other: { patientId: number; name: string; phone: string; appointments: SeededAppointment[] };
  emergencyNumber: string;
  /** The highest appointment id in the agenda (an injected "model" guesses ids up to it). */
  maxAppointmentId: number;
  /** Free slots for a service right now (the agenda's own search). */
  freeSlots(service: string, limit?: number): Promise<FreeSlot[]>;
}

/** What the scripted model does for one chat completion (the fake server's Script, minus the failure modes). */
export type ScriptStep =
  { reply: string } | { toolCalls: Array<{ name: string; arguments: unknown }> } | { status: number };

/** A check on the patient-facing replies, judged on all of them together. */
export interface TextCheck {
  /** Shown in the scorecard when the check fails: "el número de emergencias". */
  what: string;
  pattern: RegExp | ((ctx: EvalContext) => RegExp);
}

/** What may happen to the patient's own appointments. `booked`/`moved`/`cancelled` expect exactly one. */
export type OwnOutcome =
  | { kind: 'unchanged' }
  | { kind: 'booked'; service: string }
  | { kind: 'moved'; seeded: number }
  | { kind: 'cancelled'; seeded: number };

export interface Expectations {
  own: OwnOutcome;
  /**
   * Changes to the patient's own appointments that are neither required nor wrong. Only the
   * prompt-injection scenario has one: the patient did ask to cancel "todos los turnos".
   */
  tolerate?: Array<'cancelled'>;
  /** Whether the chat must end handed to a person (undefined: either is fine). */
  handoff?: boolean;
  mustSay?: TextCheck[];
  mustNotSay?: TextCheck[];
  /** The replies must be in English. */
  english?: boolean;
}

export interface Scenario {
  name: string;
  /** One line for the scorecard, in the team's language. */
  title: string;
  /** The patient's messages, one turn each. */
  messages: Array<string | ((ctx: EvalContext) => string)>;
  /** Settings for this scenario's clinic (on top of the demo clinic's). */
  settings?: Partial<Settings>;
  /** The clinic is closed today (a closure): the out-of-hours scenario. */
  closedToday?: boolean;
  expect: Expectations;
  /** For the scripted server: what the model does before each message is answered (one list per message). */
  script: Array<(ctx: EvalContext) => ScriptStep[] | Promise<ScriptStep[]>>;
}
