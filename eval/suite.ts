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
  /** The clinic's time zone: the scorer labels stored bookings as the tools do. */
  zone: string;
  /** What the clinic states (catalogue with prices, opening hours): a price or time from here is not invented. */
  facts: string;
}

/** The results of the tools called since the patient's latest message, as the scripted model reads them. */
export type SeenResults = Array<Record<string, unknown>>;

/** What the scripted model remembers across turns of one run: the options it offered last. */
export interface ScriptMemo {
  options?: Array<{ slotId: string; label: string }>;
}

/**
 * What the scripted model does for one chat completion (the fake server's Script, minus the
 * failure modes). `replyFrom` writes its answer from the tool results it was sent, as a real
 * model does: slot labels and ids exist only once `find_available_slots` has answered.
 */
export type ScriptStep =
  | { reply: string }
  | { replyFrom: (seen: SeenResults, memo: ScriptMemo) => string }
  | { toolCalls: Array<{ name: string; arguments: unknown }> }
  | { toolCallsFrom: (memo: ScriptMemo) => Array<{ name: string; arguments: unknown }> }
  | { status: number };

/** A patient message: text, or a voice note / image whose transcript or description the harness supplies. */
export type PatientMessage =
  string | ((ctx: EvalContext) => string) | { voice: string } | { image: string; caption?: string };

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
  | { kind: 'cancelled'; seeded: number }
  /** The patient confirmed attendance (a reminder's "1"): status `confirmed`. */
  | { kind: 'confirmed'; seeded: number };

export interface Expectations {
  own: OwnOutcome;
  /**
   * The patient accepts an offered option with message `turn` (0-based): the `option`-th
   * (1-based) slot of the reply before it, in the order the reply names them. The stored
   * booking's service, practitioner and start must be that option's.
   */
  accepts?: { turn: number; option: number; label?: { what: string; pattern: RegExp } };
  /**
   * Changes to the patient's own appointments that are neither required nor wrong. Only the
   * prompt-injection scenario has one: the patient did ask to cancel "todos los turnos".
   */
  tolerate?: Array<'cancelled'>;
  /** Whether the chat must end handed to a person (undefined: either is fine). */
  handoff?: boolean;
  mustSay?: TextCheck[];
  mustNotSay?: TextCheck[];
  /** The replies must be in English / Portuguese. */
  english?: boolean;
  portuguese?: boolean;
}

export interface Scenario {
  name: string;
  /** One line for the scorecard, in the team's language. */
  title: string;
  /**
   * `model`: the outcome depends on the model. `safety-net`: the code guarantees it whatever
   * the model does (emergencies, injections, other patients' ids, a model that goes down);
   * reported apart so a weak model is not hidden behind the guarantees.
   */
  kind: 'model' | 'safety-net';
  /** The patient's messages, one turn each. */
  messages: PatientMessage[];
  /** Before the first message: an appointment reminder the assistant sent about seeded appointment `seeded`. */
  reminder?: { seeded: number };
  /** From message `index` on, the model endpoint is unreachable (a model that goes down mid-booking). */
  modelDownFrom?: number;
  /** Settings for this scenario's clinic (on top of the demo clinic's). */
  settings?: Partial<Settings>;
  /** The clinic is closed today (a closure): the out-of-hours scenario. */
  closedToday?: boolean;
  expect: Expectations;
  /** For the scripted server: what the model does before each message is answered (one list per message). */
  script: Array<(ctx: EvalContext) => ScriptStep[] | Promise<ScriptStep[]>>;
}
