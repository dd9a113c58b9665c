// The sentence every handoff ends with, as the core says it at the pinned "now": "en unos
// minutos" while the clinic is open, else its next opening ("el lunes a las 9:00"). The
// suite runs on a Sunday and on holidays too, so tests that are not about the timing ask
// for it here instead of writing "en unos minutos" (tests/unit/model-health.test.ts checks
// the timing itself across days).
import { clinicRules } from '../../main/agenda/clinic.js';
import { whenAPersonAnswers } from '../../main/agent/handoff-promise.js';
import { menuTexts } from '../../main/agent/menu-texts.js';
import type { TestCore } from './core.js';

export function personWillAnswer(
  core: Pick<TestCore, 'db' | 'settings'>,
  tone: 'voseo' | 'tu' | 'usted' = 'voseo',
  language: 'es' | 'en' = 'es',
): string {
  const when = whenAPersonAnswers(clinicRules(core.db, core.settings), Date.now(), language);
  return menuTexts(tone, language).personWillAnswer(when);
}
