// The model as the second line (main/agent/emergency-handoff.ts): which handoff reasons
// count as an emergency, and how the model's word combines with the keyword sign.
import { describe, expect, it } from 'vitest';
import type { EmergencySign } from '../../main/agent/emergency.js';
import { signFromHandoff, urgentSign } from '../../main/agent/emergency-handoff.js';

const low: EmergencySign = { category: 'swelling', phrase: 'se me hincho la cara', confidence: 'low' };

describe('a handoff the model calls urgent', () => {
  it('is a high-confidence sign whose phrase is what the model named, whatever the casing or punctuation', () => {
    expect(signFromHandoff('URGENCIA: picadura de abeja con ronchas')).toEqual({
      category: 'other',
      phrase: 'picadura de abeja con ronchas',
      confidence: 'high',
    });
    expect(signFromHandoff('Urgente - le cuesta hablar')?.phrase).toBe('le cuesta hablar');
    expect(signFromHandoff('EMERGENCY: anaphylaxis')?.category).toBe('other');
    expect(signFromHandoff('URGENCIA')).toMatchObject({ category: 'other', phrase: 'URGENCIA' });
  });

  it('is suicide risk when the reason says so (then the crisis line is given)', () => {
    expect(signFromHandoff('URGENCIA: riesgo suicida')?.category).toBe('suicide');
    expect(signFromHandoff('Urgencia: dice que quiere hacerse daño')?.category).toBe('suicide');
  });

  it('needs the word first: a handoff for an urgent appointment, a complaint or a clinical question is not one', () => {
    expect(signFromHandoff('Pide un turno urgente')).toBeNull();
    expect(signFromHandoff('Queja por la demora')).toBeNull();
    expect(signFromHandoff('Pregunta clínica sobre una urgencia de la semana pasada')).toBeNull();
    expect(signFromHandoff(undefined)).toBeNull();
  });
});

describe('the keyword sign and the model together', () => {
  it('either one alone is enough', () => {
    expect(urgentSign(low, undefined)).toBe(low);
    expect(urgentSign(low, 'Pide hablar con la doctora')).toBe(low);
    expect(urgentSign(null, 'URGENCIA: ronchas')?.category).toBe('other');
    expect(urgentSign(null, 'Pide hablar con la doctora')).toBeNull();
  });

  it("the model's urgent handoff makes a low-confidence sign a high one, so the number is given", () => {
    expect(urgentSign(low, 'URGENCIA: hinchazón de cara')).toEqual({ ...low, confidence: 'high' });
  });

  it('suicide risk named by either side wins', () => {
    const chest: EmergencySign = { category: 'chest', phrase: 'me duele el pecho', confidence: 'high' };
    expect(urgentSign(chest, 'URGENCIA: riesgo suicida')?.category).toBe('suicide');
    const suicide: EmergencySign = { category: 'suicide', phrase: 'me quiero morir', confidence: 'high' };
    expect(urgentSign(suicide, 'URGENCIA: dolor de pecho')).toEqual(suicide);
  });
});
