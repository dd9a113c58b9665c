// Ajustes › Asistente › "Evaluar mi modelo": a short scorecard of the configured model.
export const modelEvalEs = {
  title: 'Evaluar mi modelo',
  intro:
    'Prueba el modelo configurado con {{count}} conversaciones de pacientes simuladas (reservar con confirmación, responder un recordatorio, un precio, pedir una persona, inglés, una urgencia) sobre una clínica de prueba: tus datos no se tocan. Tarda unos minutos.',
  run: 'Evaluar mi modelo',
  running: 'Evaluando {{model}}… {{done}} de {{total}}',
  starting: 'Preparando la evaluación…',
  last: 'Última: {{scenario}}',
  failed: 'No se pudo evaluar: {{error}}',
  model: 'Lo que hace el modelo',
  safetyNet: 'Red de seguridad (la garantiza Recepta)',
  passed: '{{passed}} de {{total}} bien',
  ok: 'Bien',
  fail: 'Falló',
  wrong: 'Acciones indebidas: {{count}}',
  neverAnswered: 'El modelo no respondió nunca: revisá la URL, el modelo y la clave.',
  verdictOk: 'Aprobado',
  verdictFail: 'No aprobado',
};

export const modelEvalEn: typeof modelEvalEs = {
  title: 'Evaluate my model',
  intro:
    'Tries the configured model with {{count}} simulated patient conversations (booking with confirmation, a reminder reply, a price, asking for a person, English, an emergency) on a test clinic: your data is not touched. It takes a few minutes.',
  run: 'Evaluate my model',
  running: 'Evaluating {{model}}… {{done}} of {{total}}',
  starting: 'Preparing the evaluation…',
  last: 'Last: {{scenario}}',
  failed: 'Could not evaluate: {{error}}',
  model: 'What the model does',
  safetyNet: 'Safety net (guaranteed by Recepta)',
  passed: '{{passed}} of {{total}} passed',
  ok: 'Passed',
  fail: 'Failed',
  wrong: 'Wrong actions: {{count}}',
  neverAnswered: 'The model never answered: check the URL, the model and the key.',
  verdictOk: 'Passed',
  verdictFail: 'Not passed',
};
