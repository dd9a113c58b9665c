// The emergency classifier on the labelled phrase set (tests/fixtures/emergency-phrases.json):
// quality thresholds, not timing (the bench prints the same figures and the time per message).
import { describe, expect, it } from 'vitest';
import { HELD_OUT_PATH, loadPhraseSet, scorePhraseSet } from '../../bench/emergency.js';

const set = loadPhraseSet();

describe('the emergency phrase set', () => {
  it('is big enough to mean something: ≥ 60 urgent and ≥ 60 calm, Spanish and English, every category', () => {
    expect(set.urgent.length).toBeGreaterThanOrEqual(60);
    expect(set.calm.length).toBeGreaterThanOrEqual(60);
    expect(new Set(set.urgent.map((p) => p.category))).toEqual(
      new Set(['suicide', 'breathing', 'chest', 'bleeding', 'swelling', 'unconscious', 'stroke', 'seizure']),
    );
    const english = (t: string) => /\b(i|my|the|he|she|is|im)\b/i.test(t);
    expect(set.urgent.filter((p) => english(p.text)).length).toBeGreaterThanOrEqual(15);
    expect(set.calm.filter((p) => english(p.text)).length).toBeGreaterThanOrEqual(10);
  });

  it('recall ≥ 95 % on the urgent messages and false positives ≤ 5 % on the calm ones', () => {
    const score = scorePhraseSet(set);
    expect(score.recall, `missed: ${score.missed.join(' | ')}`).toBeGreaterThanOrEqual(0.95);
    expect(
      score.falsePositiveRate,
      `false alarms: ${score.falseAlarms.map((f) => f.text).join(' | ')}`,
    ).toBeLessThanOrEqual(0.05);
  });

  it('files each recognised urgent message under its own category (the reply names what was seen)', () => {
    expect(scorePhraseSet(set).otherCategory).toEqual([]);
  });

  it('has a held-out probe apart from it (printed by the bench, not asserted), sharing no phrase', () => {
    const heldOut = loadPhraseSet(HELD_OUT_PATH);
    expect(heldOut.urgent.length).toBeGreaterThanOrEqual(20);
    expect(heldOut.calm.length).toBeGreaterThanOrEqual(20);
    const main = new Set([...set.urgent, ...set.calm].map((p) => p.text));
    expect([...heldOut.urgent, ...heldOut.calm].filter((p) => main.has(p.text))).toEqual([]);
  });

  it('the score catches a classifier that misses or over-fires', () => {
    expect(scorePhraseSet(set, () => null).recall).toBe(0);
    expect(scorePhraseSet(set, () => ({ category: 'chest', phrase: 'x', confidence: 'high' })).falsePositiveRate).toBe(
      1,
    );
  });
});
