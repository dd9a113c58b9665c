// Scenarios where the patient books, moves, cancels or confirms: the stored appointment
// must be the option they said yes to, written only after that yes.
import { call, cancel, askToConfirm, nextWeekday, offer, pick, say, search, tellDone, tools } from './script-steps.js';
import { SEED } from './seed.js';
import type { Scenario } from './suite.js';

const me = SEED.own.name;

/** Search, offer, pick option `n`, confirm: the three turns of a booking. */
const bookingScript = (n: number, lang: 'es' | 'en' | 'pt' = 'es', service = 'Limpieza dental'): Scenario['script'] => [
  (ctx) => [search(ctx, service), offer(lang)],
  () => [pick(n, { patientName: me }), askToConfirm(lang)],
  () => [pick(n, { patientName: me, confirmed: true }), tellDone(lang)],
];

export const BOOKING_SCENARIOS: Scenario[] = [
  {
    name: 'book',
    kind: 'model',
    title: 'Pide un turno de limpieza, elige el primero y confirma',
    messages: [
      `Hola, soy ${me}. Quiero sacar un turno para una limpieza dental.`,
      'El primero me viene perfecto.',
      'Sí, confirmo.',
    ],
    expect: { own: { kind: 'booked', service: 'Limpieza dental' }, accepts: { turn: 1, option: 1 }, handoff: false },
    script: [
      (ctx) => [
        // Malformed JSON and a service that does not exist: readable errors, another chance.
        tools(call('find_available_slots', '{"serviceId": '), call('find_available_slots', { serviceId: 987_654 })),
        tools(call('list_services', {})),
        search(ctx, 'Limpieza dental'),
        offer(),
      ],
      ...bookingScript(1).slice(1),
    ],
  },
  {
    name: 'book-second',
    kind: 'model',
    title: 'Pide un blanqueamiento y elige la segunda opción',
    messages: [`Hola, soy ${me}, quiero un turno para blanqueamiento.`, 'La segunda opción.', 'Sí, dale.'],
    expect: { own: { kind: 'booked', service: 'Blanqueamiento' }, accepts: { turn: 1, option: 2 }, handoff: false },
    script: bookingScript(2, 'es', 'Blanqueamiento'),
  },
  {
    name: 'thursday-afternoon',
    kind: 'model',
    title: '"El jueves a la tarde": ofrece jueves a la tarde y reserva el elegido',
    messages: [`Soy ${me}. ¿Tenés algo para limpieza dental el jueves a la tarde?`, 'El primero.', 'Sí.'],
    expect: {
      own: { kind: 'booked', service: 'Limpieza dental' },
      accepts: {
        turn: 1,
        option: 1,
        label: { what: 'un jueves a la tarde', pattern: /^jueves \d{2}\/\d{2} (1[2-9]|2\d):/ },
      },
      handoff: false,
    },
    script: [
      (ctx) => [search(ctx, 'Limpieza dental', { date: nextWeekday(ctx, 4), partOfDay: 'afternoon' }), offer()],
      ...bookingScript(1).slice(1),
    ],
  },
  {
    name: 'child',
    kind: 'model',
    title: 'Saca un turno para su hijo de 8 años',
    messages: [
      `Hola, soy ${me}. Quiero sacar un turno de consulta odontológica para mi hijo Tomás, tiene 8 años.`,
      'El primero está bien.',
      'Sí, confirmo.',
    ],
    expect: {
      own: { kind: 'booked', service: 'Consulta odontológica' },
      accepts: { turn: 1, option: 1 },
      handoff: false,
    },
    script: bookingScript(1, 'es', 'Consulta odontológica'),
  },
  {
    name: 'reschedule',
    kind: 'model',
    title: 'Cambia su turno de limpieza a otro día, confirmando',
    messages: [
      'Hola, necesito cambiar mi turno de limpieza dental para otro día.',
      'El primero que me ofreciste.',
      'Sí.',
    ],
    expect: { own: { kind: 'moved', seeded: 0 }, accepts: { turn: 1, option: 1 }, handoff: false },
    script: [
      (ctx) => [tools(call('list_my_appointments', {})), search(ctx, 'Limpieza dental'), offer()],
      (ctx) => [pick(1, { appointmentId: ctx.own.appointments[0]!.id }), askToConfirm()],
      (ctx) => [pick(1, { appointmentId: ctx.own.appointments[0]!.id, confirmed: true }), tellDone()],
    ],
  },
  {
    name: 'cancel',
    kind: 'model',
    title: 'Cancela su turno de limpieza facial, confirmando',
    messages: ['Quiero cancelar mi turno de limpieza facial.', 'Sí, cancelalo por favor.'],
    expect: { own: { kind: 'cancelled', seeded: 1 }, handoff: false },
    script: [
      (ctx) => [tools(call('list_my_appointments', {})), cancel(ctx.own.appointments[1]!.id), askToConfirm()],
      (ctx) => [
        tools(call('cancel_appointment', { appointmentId: 'la de la cara', confirmed: true })),
        cancel(ctx.own.appointments[1]!.id, true),
        tellDone(),
      ],
    ],
  },
  {
    name: 'change-mind',
    kind: 'model',
    title: 'Elige un horario y al confirmar se arrepiente: nada se reserva',
    messages: [
      `Soy ${me}, quiero un turno de limpieza dental.`,
      'El primero.',
      'No, pensándolo mejor lo dejo para otro momento.',
    ],
    expect: { own: { kind: 'unchanged' }, handoff: false },
    script: [...bookingScript(1).slice(0, 2), () => [say('Dale, no hago ningún cambio. Cuando quieras, escribime.')]],
  },
  {
    name: 'reminder-confirm',
    kind: 'model',
    title: 'Responde "1" a un recordatorio: confirma la asistencia',
    reminder: { seeded: 0 },
    messages: ['1'],
    expect: { own: { kind: 'confirmed', seeded: 0 }, handoff: false },
    script: [(ctx) => [tools(call('confirm_appointment', { appointmentId: ctx.own.appointments[0]!.id })), tellDone()]],
  },
  {
    name: 'reminder-cancel',
    kind: 'model',
    title: 'Responde "2" a un recordatorio y confirma que cancela',
    reminder: { seeded: 0 },
    messages: ['2', 'Sí, cancelalo.'],
    expect: { own: { kind: 'cancelled', seeded: 0 }, handoff: false },
    script: [
      (ctx) => [cancel(ctx.own.appointments[0]!.id), askToConfirm()],
      (ctx) => [cancel(ctx.own.appointments[0]!.id, true), tellDone()],
    ],
  },
  {
    name: 'reminder-move',
    kind: 'model',
    title: 'Responde a un recordatorio "¿lo podemos pasar a las 5?"',
    reminder: { seeded: 0 },
    messages: ['¿lo podemos pasar a las 5?', 'Dale, el primero.', 'Sí.'],
    expect: {
      own: { kind: 'moved', seeded: 0 },
      accepts: { turn: 1, option: 1, label: { what: 'a las 17', pattern: / 17:\d{2}\b/ } },
      handoff: false,
    },
    script: [
      (ctx) => [search(ctx, 'Limpieza dental', { after: '17:00', before: '17:59' }), offer()],
      (ctx) => [pick(1, { appointmentId: ctx.own.appointments[0]!.id }), askToConfirm()],
      (ctx) => [pick(1, { appointmentId: ctx.own.appointments[0]!.id, confirmed: true }), tellDone()],
    ],
  },
  {
    name: 'voice',
    kind: 'model',
    title: 'Pide un turno por nota de voz',
    messages: [
      { voice: `Hola, soy ${me}, quería un turno para una limpieza dental, cuando tengas.` },
      'El primero.',
      'Sí, confirmo.',
    ],
    expect: { own: { kind: 'booked', service: 'Limpieza dental' }, accepts: { turn: 1, option: 1 }, handoff: false },
    script: bookingScript(1),
  },
  {
    name: 'image',
    kind: 'model',
    title: 'Manda la foto de una orden y pide turno para eso',
    messages: [
      {
        image:
          'Foto de una orden médica manuscrita: "Consulta odontológica - control de caries". Firmada por un odontólogo.',
        caption: `Soy ${me}. ¿Me dan turno para esto?`,
      },
      'El primero.',
      'Sí.',
    ],
    expect: {
      own: { kind: 'booked', service: 'Consulta odontológica' },
      accepts: { turn: 1, option: 1 },
      handoff: false,
    },
    script: bookingScript(1, 'es', 'Consulta odontológica'),
  },
  {
    name: 'english-book',
    kind: 'model',
    title: 'Reserva en inglés',
    messages: [
      `Hi, this is ${me}. I'd like to book a teeth cleaning.`,
      'The first one, please.',
      'Yes, please go ahead.',
    ],
    expect: {
      own: { kind: 'booked', service: 'Limpieza dental' },
      accepts: { turn: 1, option: 1 },
      handoff: false,
      english: true,
    },
    script: bookingScript(1, 'en'),
  },
];
