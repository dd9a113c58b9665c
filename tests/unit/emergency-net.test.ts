// When a model that is up may overrule the emergency net (main/agent/emergency-net.ts): the
// rule in one pure function, each branch pinned.
import { describe, expect, it } from 'vitest';
import type { EmergencySign } from '../../main/agent/emergency.js';
import { answerToSign, emergencyHandoff, mentionsNumber, mustGiveTheNumber } from '../../main/agent/emergency-net.js';

const lines = { emergency: '107', crisis: '135' };
const high: EmergencySign = { category: 'chest', phrase: 'me duele el pecho', confidence: 'high' };
const low: EmergencySign = { category: 'swelling', phrase: 'se me hincho la cara', confidence: 'low' };
const suicide: EmergencySign = { category: 'suicide', phrase: 'me quiero morir', confidence: 'high' };
const calm = { text: 'Es esperable algo de hinchazón. ¿Querés un turno de control?' };

describe('a model that is up, answering a message with an urgent sign', () => {
  it('overrules only a low-confidence sign, and only by answering calmly: no handoff and no number', () => {
    expect(answerToSign(low, calm, lines)).toBe('overruled');
    expect(answerToSign(low, { ...calm, handoff: 'Hinchazón' }, lines)).toBe('model_handled');
    expect(answerToSign(low, { text: 'Llamá al 107 si empeora.' }, lines)).toBe('model_handled');
  });

  it('never overrules a high-confidence sign: the net goes under a calm answer', () => {
    expect(answerToSign(high, calm, lines)).toBe('net');
    expect(answerToSign(high, { text: 'Llamá ya al 107.', handoff: 'Urgencia' }, lines)).toBe('model_handled');
    expect(mustGiveTheNumber(high)).toBe(true);
    expect(mustGiveTheNumber(low)).toBe(false);
  });

  it('never overrules suicide risk: without the crisis line and a handoff of its own, the net', () => {
    expect(answerToSign(suicide, calm, lines)).toBe('net');
    expect(answerToSign(suicide, { text: 'Llamá al 107.', handoff: 'Riesgo' }, lines)).toBe('net');
    expect(answerToSign(suicide, { text: 'Llamá al 135.' }, lines)).toBe('net');
    expect(answerToSign(suicide, { text: 'Llamá al 135 ahora.', handoff: 'Riesgo' }, lines)).toBe('model_handled');
    expect(mustGiveTheNumber({ ...suicide, confidence: 'low' })).toBe(true);
  });

  it('a number counts on its own, however it is spaced, not inside a longer number', () => {
    expect(mentionsNumber('llamá al 107.', '107')).toBe(true);
    expect(mentionsNumber('son $1070', '107')).toBe(false);
    expect(mentionsNumber('llamá al 011 5275 1135', '(011) 5275-1135')).toBe(true);
    expect(mentionsNumber('llamá al +54 9 11', '+54 9 11')).toBe(true);
  });

  it("tells the staff what was seen, in the patient's words", () => {
    expect(emergencyHandoff(high)).toBe(
      'Posible urgencia (dolor de pecho: «me duele el pecho»): se le indicó llamar a emergencias',
    );
    expect(emergencyHandoff(suicide)).toMatch(/^Posible riesgo suicida \(«me quiero morir»\)/);
  });
});
