// What the assistant made of a patient's files: image descriptions and voice-note transcripts.
export const understandingEs = {
  transcript: 'Transcripción:',
  transcribing: 'Transcribiendo…',
  transcriptFailed: 'No se pudo transcribir: {{reason}}.',
  description: 'Lo que se ve',
  describing: 'Describiendo la imagen…',
  descriptionFailed: 'Sin descripción: {{reason}}.',
  /** A small mark on an image that has a description (the text shows on hover or focus). */
  hasDescription: 'Tiene descripción',
  reason: {
    not_configured: 'no hay un modelo configurado en Ajustes › Asistente',
    rejected: 'el proveedor rechazó la clave',
    unreachable: 'no se pudo conectar con el modelo',
    timeout: 'el modelo tardó demasiado',
    unreadable_image: 'no se pudo leer la imagen',
    file_missing: 'el archivo ya no está',
    empty: 'el modelo no devolvió texto',
    keychain_unavailable: 'no se pudo leer la clave del llavero del sistema',
    model: 'el modelo respondió con un error ({{code}})',
    other: 'error inesperado',
  },
};

export const understandingEn: typeof understandingEs = {
  transcript: 'Transcript:',
  transcribing: 'Transcribing…',
  transcriptFailed: 'Could not transcribe: {{reason}}.',
  description: 'What it shows',
  describing: 'Describing the image…',
  descriptionFailed: 'No description: {{reason}}.',
  hasDescription: 'Has a description',
  reason: {
    not_configured: 'no model is set up in Settings › Assistant',
    rejected: 'the provider rejected the key',
    unreachable: 'the model could not be reached',
    timeout: 'the model took too long',
    unreadable_image: 'the image could not be read',
    file_missing: 'the file is gone',
    empty: 'the model returned no text',
    keychain_unavailable: 'the key could not be read from the system keychain',
    model: 'the model answered with an error ({{code}})',
    other: 'unexpected error',
  },
};
