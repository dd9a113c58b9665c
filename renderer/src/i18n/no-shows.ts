// The no-shows section of Ajustes (issue 17): the grace after which a visit nobody marked as
// arrived is a no-show, and the optional follow-up message.
export const noShowsEs = {
  section: 'Inasistencias',
  intro:
    'Si nadie marca «Llegó» en la Agenda, el turno pasa a «No llegó» unos minutos después de su hora. Podés mandarle al paciente un mensaje para buscarle otro turno: el asistente sigue la conversación.',
  grace: 'Minutos de tolerancia',
  graceHint: 'Después de la hora del turno, antes de marcarlo «No llegó».',
  followUp: 'Mandar un mensaje al paciente que no vino',
  followUpHint: 'Uno solo por turno, y solo en el horario de atención de ese día: nunca de noche.',
  textEs: 'Mensaje en español',
  textEn: 'Mensaje en inglés',
  textHint: '{hora} se reemplaza por la hora del turno.',
  save: 'Guardar',
  saving: 'Guardando…',
  saved: 'Inasistencias guardadas.',
};

export const noShowsEn: typeof noShowsEs = {
  section: 'No-shows',
  intro:
    'If nobody marks "Arrived" on the Agenda, the appointment becomes a no-show a few minutes after its time. You can send the patient a message to find another appointment: the assistant carries the conversation on.',
  grace: 'Grace minutes',
  graceHint: 'After the appointment’s time, before marking it a no-show.',
  followUp: 'Send a message to a patient who did not come',
  followUpHint: 'Only one per appointment, and only within that day’s opening hours: never at night.',
  textEs: 'Message in Spanish',
  textEn: 'Message in English',
  textHint: '{hora} is replaced by the appointment’s time.',
  save: 'Save',
  saving: 'Saving…',
  saved: 'No-show settings saved.',
};
