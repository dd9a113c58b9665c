import { describe, expect, it } from 'vitest';
import { soundsLikeAnEmergency } from '../../main/agent/emergency.js';
import { languageOf, replyLanguage } from '../../main/agent/language.js';
import { asksForAPerson } from '../../main/agent/menu.js';

describe('red-flag phrases (no model needed)', () => {
  it('recognises urgent symptoms in Spanish (voseo, tú, usted), with or without accents and capitals', () => {
    const urgent = [
      'me duele mucho el pecho y me falta el aire',
      'ME DUELE MUCHO EL PECHO',
      'tengo un dolor fuerte en el pecho',
      'siento presión en el pecho desde hace una hora',
      'no puedo respirar bien',
      'mi papá no puede respirar',
      'me ahogo',
      'estoy sangrando mucho después de la extracción',
      'no para de sangrar la encía',
      'mi hija se desmayó en la sala de espera',
      'perdió el conocimiento',
      'tuvo una convulsión',
      'se me está hinchando la cara y la garganta después del antibiótico',
      'hinchazón de la lengua, creo que es una reacción alérgica',
      'no quiero seguir viviendo',
      'pienso en el suicidio',
      'Tengo dolor de pecho, ¿qué hago?',
    ];
    expect(urgent.filter((t) => !soundsLikeAnEmergency(t))).toEqual([]);
  });

  it('recognises them in English', () => {
    const urgent = [
      'I have chest pain',
      "I can't breathe",
      'my face is swelling, allergic reaction',
      'she fainted',
      'bleeding heavily after the extraction',
      'I want to kill myself',
    ];
    expect(urgent.filter((t) => !soundsLikeAnEmergency(t))).toEqual([]);
  });

  it('leaves everyday dental and clinic messages alone', () => {
    const everyday = [
      'me duele una muela, ¿tienen turno?',
      'me sangran un poco las encías cuando me cepillo',
      'tengo la encía un poco hinchada',
      'quiero un turno para blanqueamiento',
      'me falta el comprobante de pago',
      '¿el consultorio tiene aire acondicionado?',
      '¿cuánto sale la limpieza?',
      'I would like to book a cleaning',
      'hola',
    ];
    expect(everyday.filter((t) => soundsLikeAnEmergency(t))).toEqual([]);
  });
});

describe("the patient's language", () => {
  it('tells English from Spanish and says nothing about a bare number', () => {
    expect(languageOf('Hi! How much is a teeth cleaning?')).toBe('en');
    expect(languageOf('Hola, ¿cuánto sale la limpieza?')).toBe('es');
    expect(languageOf('quiero un turno')).toBe('es');
    expect(languageOf('2')).toBeNull();
    expect(languageOf('ok')).toBeNull();
  });

  it("answers in the setting's language, else the newest message that shows one", () => {
    expect(replyLanguage('auto', ['Hi, I need an appointment please', '2'])).toBe('en');
    expect(replyLanguage('auto', ['Hi, I need an appointment please', 'mejor en español, quiero un turno'])).toBe('es');
    expect(replyLanguage('auto', ['1'])).toBe('es');
    expect(replyLanguage('es', ['Hi, I need an appointment please'])).toBe('es');
    expect(replyLanguage('en', ['hola'])).toBe('en');
  });
});

describe("asking for a person, in words (the menu's option 4)", () => {
  it('is understood in Spanish and English; other messages are not', () => {
    const asks = [
      'Quiero hablar con una persona, por favor.',
      'quiero hablar con alguien',
      'me podés comunicar... quiero comunicarme con recepción',
      'necesito hablar con un humano',
      'Can I talk to a person?',
      'I want to speak with someone',
    ];
    expect(asks.filter((t) => !asksForAPerson(t))).toEqual([]);
    const not = ['hola', 'quiero un turno', 'la persona que me atendió fue muy amable', '2', 'how much is a cleaning?'];
    expect(not.filter((t) => asksForAPerson(t))).toEqual([]);
  });
});
