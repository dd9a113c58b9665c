// When the assistant cannot answer (the model is down) and what it says in an emergency.
export const safetyEs = {
  outage: {
    banner:
      'El asistente no puede responder: {{reason}}. Mientras tanto, los pacientes reciben «Estoy revisando…» o el menú numerado.',
    action: 'Revisar Ajustes › Asistente',
    dismiss: 'Entendido',
    notifyTitle: 'El asistente no responde',
    notifyBody:
      '{{reason}}. Los pacientes reciben una respuesta de espera o el menú. Revisá la conexión con el modelo.',
    reasons: {
      timeout: 'el modelo tarda demasiado en contestar',
      unreachable: 'no hay conexión con el modelo',
      rejected: 'el proveedor rechazó la clave',
      keychain_unavailable: 'no se pudo leer la clave del llavero del sistema',
      other: 'el modelo devolvió un error',
    },
  },
  emergencyNumber: {
    label: 'Número de emergencias',
    hint: 'El asistente lo da ante síntomas urgentes (dolor de pecho, falta de aire…) y pasa el chat a una persona. En Argentina: 107 (SAME) o 911.',
  },
};

export const safetyEn: typeof safetyEs = {
  outage: {
    banner: 'The assistant cannot answer: {{reason}}. Meanwhile patients get “Estoy revisando…” or the numbered menu.',
    action: 'Check Settings › Assistant',
    dismiss: 'Got it',
    notifyTitle: 'The assistant is not answering',
    notifyBody: '{{reason}}. Patients get a holding reply or the menu. Check the connection to the model.',
    reasons: {
      timeout: 'the model takes too long to answer',
      unreachable: 'the model cannot be reached',
      rejected: 'the provider rejected the key',
      keychain_unavailable: 'the key could not be read from the system keychain',
      other: 'the model returned an error',
    },
  },
  emergencyNumber: {
    label: 'Emergency number',
    hint: 'The assistant gives it for urgent symptoms (chest pain, shortness of breath…) and hands the chat to a person. In Argentina: 107 (SAME) or 911.',
  },
};
