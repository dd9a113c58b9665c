// Ajustes › Integraciones › Chats que esperan (issue 17): how long a chat may wait for a person
// before it counts as late (sla.breached), and whether only the opening hours count.
export const slaSettingsEs = {
  section: 'Chats que esperan una respuesta',
  intro:
    'Cuando un chat espera a una persona (el asistente lo derivó, o el paciente escribió en un chat en pausa) y nadie del equipo contesta a tiempo, Recepta lo marca en rojo en Conversaciones («esperando hace 7 min»), muestra un aviso en la compu y avisa a las integraciones de arriba. Si son 5 o más a la vez, avisa además que hay un problema general.',
  threshold: 'Minutos de espera antes de avisar',
  thresholdHint: 'Entre 1 y 1440. Apenas alguien del equipo responde, el aviso se apaga.',
  onlyOpen: 'Contar solo el horario de atención',
  onlyOpenHint:
    'Un mensaje que llega a la noche no cuenta como atrasado hasta que abre la clínica. Destildalo si alguien atiende los chats fuera de horario.',
  save: 'Guardar',
  saving: 'Guardando…',
  saved: 'Guardado. El próximo control ya usa estos valores.',
};

export const slaSettingsEn: typeof slaSettingsEs = {
  section: 'Chats waiting for an answer',
  intro:
    'When a chat waits for a person (the assistant handed it off, or the patient wrote in a paused chat) and nobody on the team answers in time, Recepta marks it red in Conversations ("waiting for 7 min"), shows a desktop notice and tells the integrations above. With 5 or more at once, it also reports a general problem.',
  threshold: 'Minutes of waiting before the alert',
  thresholdHint: 'Between 1 and 1440. As soon as someone on the team answers, the alert clears.',
  onlyOpen: 'Count only opening hours',
  onlyOpenHint:
    'A message that arrives at night is not late until the clinic opens. Untick it if someone answers chats after hours.',
  save: 'Save',
  saving: 'Saving…',
  saved: 'Saved. The next check uses these values.',
};
