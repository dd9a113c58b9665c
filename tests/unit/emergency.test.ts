import { describe, expect, it } from 'vitest';
import { detectEmergency } from '../../main/agent/emergency.js';
import { normaliseForSigns } from '../../main/agent/emergency-text.js';
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
    expect(urgent.filter((t) => !detectEmergency(t))).toEqual([]);
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
    expect(urgent.filter((t) => !detectEmergency(t))).toEqual([]);
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
    expect(everyday.filter((t) => detectEmergency(t))).toEqual([]);
  });
});

describe('what the classifier says it saw', () => {
  it('names the category and the words, and how sure it is', () => {
    expect(detectEmergency('Hola, me cuesta respirar desde hace un rato')).toEqual({
      category: 'breathing',
      phrase: 'me cuesta respirar',
      confidence: 'high',
    });
    expect(detectEmergency('me quiero morir')).toMatchObject({ category: 'suicide', phrase: 'me quiero morir' });
    expect(detectEmergency('creo que es un infarto')).toMatchObject({ category: 'chest', phrase: 'infarto' });
    expect(detectEmergency('estoy sangrando y no para')).toMatchObject({ category: 'bleeding', confidence: 'high' });
    // A swollen face is often just the day after an extraction; with a throat that closes it is not.
    expect(detectEmergency('se me hinchó la cara')).toMatchObject({ category: 'swelling', confidence: 'low' });
    expect(detectEmergency('se me hinchó la cara y me cuesta tragar')).toMatchObject({ confidence: 'high' });
    expect(detectEmergency('se me está cerrando la garganta')).toMatchObject({
      category: 'swelling',
      confidence: 'high',
    });
  });

  it('puts suicide risk first when a message has several signs', () => {
    expect(detectEmergency('me falta el aire y me quiero morir')).toMatchObject({ category: 'suicide' });
  });

  it('sets aside negations, the past, medical history and figures of speech', () => {
    const calm = [
      'no me duele el pecho',
      'ya no me falta el aire',
      'se desmayó el año pasado',
      'no tengo fiebre',
      'no tengo fiebre ni dolor de pecho',
      'tuve un infarto, ¿pueden atenderme igual?',
      'me faltaba el aire pero ya se me pasó',
      'sin aire acondicionado',
      'me muero de risa',
      'me muero de ganas de verte',
      'me quiero morir de vergüenza jaja',
      "I don't have chest pain",
      'no puedo respirar por la nariz, ¿voy igual al turno?',
      'me quiero matar estudiando para el final',
      'mi hijo se ahogó de risa',
      'mi mamá tuvo un ACV, ¿hay rampa?',
      'quiero cortarme el pelo antes del turno',
      'I had a stroke years ago',
    ];
    expect(calm.filter((t) => detectEmergency(t))).toEqual([]);
    // …but only where the negation reaches: a new clause, or a "no" far before, does not undo a sign.
    expect(detectEmergency('no sé qué hacer, me falta el aire')).toMatchObject({ category: 'breathing' });
    expect(detectEmergency('no me duele la muela pero me duele el pecho')).toMatchObject({ category: 'chest' });
    expect(detectEmergency('no no puedo respirar')).toMatchObject({ category: 'breathing' });
    expect(detectEmergency('tuvo una convulsión recién')).toMatchObject({ category: 'seizure' });
    // Messages sent one after another are joined on new lines: one's "no" does not reach into the next.
    expect(detectEmergency('no\nme falta el aire')).toMatchObject({ category: 'breathing' });
  });

  it('never sets suicide risk aside as past or over, only as a negation or a plain joke', () => {
    expect(detectEmergency('hace años que pienso en suicidarme')).toMatchObject({ category: 'suicide' });
    expect(detectEmergency('me quiero matar, ya estoy bien igual')).toMatchObject({ category: 'suicide' });
    expect(detectEmergency('no pienso en suicidarme, tranqui')).toBeNull();
  });

  it('reads typos, chat spellings, repeated letters, voseo and missing accents', () => {
    expect(normaliseForSigns('Me duele MUXO el PEXO!!!')).toBe('me duele mucho el pecho!!!');
    expect(normaliseForSigns('no puedo resprar, ayudaaaa')).toBe('no puedo respirar, ayuda');
    expect(normaliseForSigns("I can't breath")).toBe('i cant breathe');
    expect(normaliseForSigns('kiero un turno')).toBe('quiero un turno');
    // Short everyday words are never bent into a symptom.
    expect(normaliseForSigns('el techo de la sala')).toBe('el techo de la sala');
    for (const t of ['no puedo resprar', 'me duele el pexo', '¿me podés ayudar? me falta el aireee', 'cant breath'])
      expect(detectEmergency(t), t).not.toBeNull();
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
