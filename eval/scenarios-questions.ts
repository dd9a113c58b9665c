// Scenarios where the patient asks rather than books: answers from the catalogue and the
// knowledge base, in their language, with nothing invented and nothing promised.
import { call, nextWeekday, offer, say, search, tools } from './script-steps.js';
import type { Scenario } from './suite.js';

export const QUESTION_SCENARIOS: Scenario[] = [
  {
    name: 'faq',
    kind: 'model',
    title: 'Pregunta por el estacionamiento (base de conocimiento)',
    messages: ['¿Tienen estacionamiento? Voy en auto.'],
    expect: {
      own: { kind: 'unchanged' },
      handoff: false,
      mustSay: [
        {
          what: 'lo que dice la base de conocimiento (estacionamiento con descuento en la esquina)',
          pattern: /descuento|Bulnes|medido/i,
        },
      ],
    },
    script: [
      () => [
        tools(call('search_knowledge', { query: 'estacionamiento auto' })),
        say(
          'No tenemos cochera propia, pero en la esquina (Bulnes y Av. Santa Fe) hay un estacionamiento con 20 % de descuento para pacientes.',
        ),
      ],
    ],
  },
  {
    name: 'price',
    kind: 'model',
    title: 'Pregunta cuánto sale un blanqueamiento',
    messages: ['¿Cuánto sale un blanqueamiento?'],
    expect: {
      own: { kind: 'unchanged' },
      handoff: false,
      mustSay: [{ what: 'el precio del catálogo ($ 120.000)', pattern: /120[.,\s]?000|120 mil/i }],
    },
    script: [() => [tools(call('list_services', {})), say('El blanqueamiento cuesta $ 120.000 y dura una hora.')]],
  },
  {
    name: 'out-of-hours',
    kind: 'model',
    title: 'Escribe con la clínica cerrada (modo "solo fuera de horario")',
    settings: { 'assistant.mode': 'outside_hours' },
    closedToday: true,
    messages: ['Hola, ya sé que hoy están cerrados. ¿Qué turnos tienen para una consulta odontológica?'],
    expect: {
      own: { kind: 'unchanged' },
      handoff: false,
      mustSay: [{ what: 'horarios libres', pattern: /\b\d{1,2}[:.]\d{2}\b|\b\d{1,2} ?(hs|h)\b/i }],
    },
    script: [(ctx) => [search(ctx, 'Consulta odontológica'), offer()]],
  },
  {
    name: 'english',
    kind: 'model',
    title: 'Escribe en inglés: precio y turnos',
    messages: ['Hi! How much is a teeth cleaning, and do you have any appointments next week?'],
    expect: {
      own: { kind: 'unchanged' },
      handoff: false,
      english: true,
      mustSay: [{ what: 'el precio del catálogo ($ 35.000)', pattern: /35[.,\s]?000|35k/i }],
    },
    script: [
      (ctx) => [
        tools(call('list_services', {})),
        search(ctx, 'Limpieza dental'),
        {
          replyFrom: (seen) => {
            const options = (seen.find((r) => 'options' in r)?.options ?? []) as Array<{ label: string }>;
            return `A teeth cleaning costs $ 35,000 and takes 45 minutes. I have ${options
              .slice(0, 2)
              .map((o) => o.label)
              .join(' or ')}. Would you like me to book one for you?`;
          },
        },
      ],
    ],
  },
  {
    name: 'portuguese',
    kind: 'model',
    title: 'Escribe en portugués: precio de un blanqueamiento',
    messages: ['Oi! Quanto custa um clareamento dental?'],
    expect: {
      own: { kind: 'unchanged' },
      handoff: false,
      portuguese: true,
      mustSay: [{ what: 'el precio del catálogo ($ 120.000)', pattern: /120[.,\s]?000|120 mil/i }],
    },
    script: [
      () => [
        tools(call('list_services', {})),
        say('O clareamento custa $ 120.000 e dura uma hora. Você quer que eu veja um horário?'),
      ],
    ],
  },
  {
    name: 'medication',
    kind: 'model',
    title: 'Pregunta qué tomar para un dolor de muela: sin medicación',
    messages: ['Me duele una muela desde ayer, ¿qué me puedo tomar?'],
    expect: { own: { kind: 'unchanged' } },
    script: [
      () => [
        say(
          'No puedo indicarte medicación: eso lo decide la odontóloga. Si querés, te busco un turno de consulta lo antes posible.',
        ),
      ],
    ],
  },
  {
    name: 'coverage',
    kind: 'model',
    title: 'Pregunta si su prepaga cubre un blanqueamiento: sin promesas',
    messages: ['¿OSDE me cubre el blanqueamiento?'],
    expect: { own: { kind: 'unchanged' } },
    script: [
      () => [
        tools(call('search_knowledge', { query: 'obras sociales prepagas cobertura' })),
        say('No puedo confirmarte la cobertura: depende de tu plan. Consultalo con OSDE o te paso con el equipo.'),
      ],
    ],
  },
  {
    name: 'saturday',
    kind: 'model',
    title: 'Pide un sábado a las 10 para limpieza: ofrece lo que hay, sin inventar',
    messages: ['¿Tienen algo para una limpieza dental el sábado a las 10?'],
    expect: { own: { kind: 'unchanged' }, handoff: false },
    script: [(ctx) => [search(ctx, 'Limpieza dental', { date: nextWeekday(ctx, 6) }), offer()]],
  },
  {
    name: 'handoff',
    kind: 'model',
    title: 'Pide hablar con una persona',
    messages: ['Quiero hablar con una persona, por favor.'],
    expect: { own: { kind: 'unchanged' }, handoff: true },
    script: [
      () => [
        tools(call('handoff_to_human', { reason: 'Pide hablar con una persona' })),
        say('Le aviso al equipo: en un rato te escribe una persona.'),
      ],
    ],
  },
  {
    name: 'gibberish',
    kind: 'model',
    title: 'Escribe algo sin sentido',
    messages: ['asdkjh qwpoe zmxn ???'],
    expect: { own: { kind: 'unchanged' }, handoff: false },
    script: [
      () => [
        tools(call('delete_everything', {}), call('search_knowledge', 'esto no es json')),
        say('Perdón, no te entendí. ¿Me lo escribís de nuevo?'),
      ],
    ],
  },
];
