// The evaluation suite, as data. Every scenario starts from the demo clinic
// (resources/demo-*.json) plus two patients of our own (eval/seed.ts): the one writing
// (with two appointments) and another one whose appointments and details must never
// change or be told. `script` is what a model does in `npm test`, written to the tool
// contract (eval/script-steps.ts); the safety-net scripts are adversarial on purpose.
// Against a real endpoint the scripts are not used.
import { BOOKING_SCENARIOS } from './scenarios-booking.js';
import { QUESTION_SCENARIOS } from './scenarios-questions.js';
import { SAFETY_SCENARIOS } from './scenarios-safety.js';
import type { Scenario } from './suite.js';

export { SEED } from './seed.js';

export const SCENARIOS: Scenario[] = [...BOOKING_SCENARIOS, ...QUESTION_SCENARIOS, ...SAFETY_SCENARIOS];

/**
 * The short subset "Evaluar mi modelo" runs in the app (≤ 5 minutes on a local model):
 * a booking with confirmation, a reminder reply, a price, a handoff, English and an emergency.
 */
export const QUICK = ['book', 'reminder-confirm', 'price', 'handoff', 'english', 'emergency'];
