import { describe, expect, it } from 'vitest';
import { classifyReminderReply, pickChoice } from '../../main/automations/replies/classify.js';

describe('classifyReminderReply', () => {
  it.each([
    '1',
    'sí',
    'si',
    'Sí, confirmo',
    'SI CONFIRMO!!',
    'confirmo',
    'Confirmo, gracias',
    '👍',
    '👍🏽',
    '👍👍',
    'dale',
    'yes',
    'Yes, I confirm.',
    'confirm',
    ' 1 ',
    'Hola! sí',
    'sí:',
  ])('%s confirms', (text) => expect(classifyReminderReply(text)).toBe('confirm'));

  it.each([
    '2',
    'cancelar',
    'Cancelo',
    'no voy a poder',
    'No voy a poder ir.',
    'perdón, no puedo',
    'no puedo ir',
    'cancel',
    "I can't make it",
  ])('%s cancels', (text) => expect(classifyReminderReply(text)).toBe('cancel'));

  it.each([
    '¿lo podemos pasar a las 5?',
    'no',
    '12',
    'sí pero llego tarde',
    'hola, ¿dónde queda el consultorio?',
    '',
    '🙂',
  ])('%s is for the assistant', (text) => expect(classifyReminderReply(text)).toBe('other'));
});

describe('pickChoice', () => {
  const options = [
    { weekday: 'jueves', time: '10:30' },
    { weekday: 'viernes', time: '09:00' },
  ];
  it.each([
    ['el jueves', 0],
    ['Jueves!', 0],
    ['el de las 10:30', 0],
    ['el primero', 0],
    ['1', 0],
    ['viernes', 1],
    ['el de las 9', 1],
    ['el segundo', 1],
    ['2', 1],
  ])('%s picks %i', (text, index) => expect(pickChoice(text, options)).toBe(index));

  it.each(['los dos', 'el lunes', 'jueves o viernes', 'no sé'])('%s picks none', (text) =>
    expect(pickChoice(text, options)).toBeNull(),
  );
});
