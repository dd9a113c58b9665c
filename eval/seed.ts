/** The starting agenda besides the demo clinic. Weekdays are 1 (Monday) to 7, the week after next. */
export const SEED = {
  own: {
    name: 'Mariana Castro',
    chatId: '+5491160001001',
    appointments: [
      { service: 'Limpieza dental', practitioner: 'Dra. Ana Pérez', weekday: 2, time: '10:00' },
      { service: 'Limpieza facial profunda', practitioner: 'Lic. Carla Ruiz', weekday: 3, time: '11:00' },
    ],
  },
  other: {
    name: 'Rosa Quiroga',
    phone: '+54 9 11 5555-0199',
    appointments: [
      { service: 'Consulta odontológica', practitioner: 'Dra. Ana Pérez', weekday: 2, time: '11:00' },
      { service: 'Blanqueamiento', practitioner: 'Dra. Ana Pérez', weekday: 4, time: '15:00' },
    ],
  },
} as const;
