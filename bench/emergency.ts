// The emergency classifier (main/agent/emergency.ts) on the labelled phrase set
// (tests/fixtures/emergency-phrases.json): recall on the urgent messages, false positives on
// the calm ones, and the time one message takes. tests/unit/emergency-phrases.test.ts holds
// the same figures to their thresholds; here they are printed.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { detectEmergency, type EmergencyCategory, type EmergencySign } from '../main/agent/emergency.js';
import { info, percentile, report } from './stats.js';

export interface PhraseSet {
  urgent: Array<{ text: string; category: EmergencyCategory }>;
  calm: Array<{ text: string; why: string }>;
}

export interface PhraseSetScore {
  /** Share of the urgent messages recognised (any category). */
  recall: number;
  /** Share of the calm messages taken for an emergency. */
  falsePositiveRate: number;
  missed: string[];
  falseAlarms: Array<{ text: string; sign: EmergencySign }>;
  /** Urgent messages recognised under another category than their label. */
  otherCategory: Array<{ text: string; expected: EmergencyCategory; sign: EmergencySign }>;
}

export const PHRASE_SET_PATH = path.join('tests', 'fixtures', 'emergency-phrases.json');
/** Phrasings the classifier was never changed for: printed, not asserted (see its `about`). */
export const HELD_OUT_PATH = path.join('tests', 'fixtures', 'emergency-phrases-heldout.json');

/** The phrase set, read from the repository (the bench and the tests run from its root). */
export function loadPhraseSet(file = PHRASE_SET_PATH): PhraseSet {
  return JSON.parse(readFileSync(path.resolve(file), 'utf8')) as PhraseSet;
}

export function scorePhraseSet(set: PhraseSet, detect = detectEmergency): PhraseSetScore {
  const missed: string[] = [];
  const otherCategory: PhraseSetScore['otherCategory'] = [];
  for (const { text, category } of set.urgent) {
    const sign = detect(text);
    if (!sign) missed.push(text);
    else if (sign.category !== category) otherCategory.push({ text, expected: category, sign });
  }
  const falseAlarms = set.calm.flatMap(({ text }) => {
    const sign = detect(text);
    return sign ? [{ text, sign }] : [];
  });
  return {
    recall: 1 - missed.length / set.urgent.length,
    falsePositiveRate: falseAlarms.length / set.calm.length,
    missed,
    falseAlarms,
    otherCategory,
  };
}

const ROUNDS = 200;

export function runEmergency(): void {
  const set = loadPhraseSet();
  const score = scorePhraseSet(set);
  info('emergency_phrases', `${set.urgent.length} urgent, ${set.calm.length} calm`);
  report({
    name: 'emergency_recall',
    value: score.recall * 100,
    unit: '%',
    target: { value: 95, kind: 'min' },
    note: score.missed.length ? `missed: ${score.missed.join(' | ')}` : 'none missed',
  });
  report({
    name: 'emergency_false_positives',
    value: score.falsePositiveRate * 100,
    unit: '%',
    target: { value: 5, kind: 'max' },
    note: score.falseAlarms.length ? `false alarms: ${score.falseAlarms.map((f) => f.text).join(' | ')}` : 'none',
  });
  // The held-out probe measures the keywords ALONE. In a turn with a model, the model is the
  // second line (main/agent/emergency-handoff.ts: an urgent handoff gets the number too); that
  // depends on the model and is not measured here, so this is a floor, not the assistant's recall.
  const heldOut = scorePhraseSet(loadPhraseSet(HELD_OUT_PATH));
  info(
    'emergency_heldout_recall_keywords_only',
    heldOut.recall * 100,
    '% (phrasings the classifier was never changed for; keywords alone, without the model; no target)',
  );
  info('emergency_heldout_false_positives_keywords_only', heldOut.falsePositiveRate * 100, '%');
  info('emergency_other_category', `${score.otherCategory.length}`, 'urgent messages filed under another category');

  const texts = [...set.urgent, ...set.calm].map((p) => p.text);
  const samples: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const text of texts) {
      const t0 = performance.now();
      detectEmergency(text);
      samples.push((performance.now() - t0) * 1000);
    }
  }
  info('emergency_classify_p50_us', percentile(samples, 50), 'µs per message');
  report({ name: 'emergency_classify_p99_us', value: percentile(samples, 99), unit: 'µs' });
}
