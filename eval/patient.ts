// The simulated patient, when a second model is configured (`--patient-base-url`,
// `--patient-model`): each scripted patient message after the first is rewritten by that
// model in its own words, knowing what the assistant just said, so the assistant under
// test is not graded on one fixed phrasing. The meaning is the script's (it decides what the
// scorer expects); a patient model that fails leaves the scripted words.
import type { EvalEndpoint } from './harness.js';

export type Rephrase = (scripted: string, assistantSaid: string) => Promise<string>;

const PROMPT = [
  'Sos un paciente de una clínica que escribe por WhatsApp.',
  'Escribí tu próximo mensaje con exactamente este sentido, en tus palabras, breve y en el mismo idioma:',
].join(' ');

export function patientModel(endpoint: EvalEndpoint, timeoutMs = 20_000): Rephrase {
  return async (scripted, assistantSaid) => {
    try {
      const res = await fetch(`${endpoint.baseUrl.replace(/\/+$/, '')}/chat/completions`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(endpoint.apiKey ? { authorization: `Bearer ${endpoint.apiKey}` } : {}),
        },
        body: JSON.stringify({
          model: endpoint.model,
          temperature: 0.7,
          max_tokens: 120,
          messages: [
            { role: 'system', content: `${PROMPT} «${scripted}»` },
            { role: 'user', content: `La clínica te acaba de escribir: «${assistantSaid}». ¿Qué le contestás?` },
          ],
        }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const body = (await res.json()) as { choices?: Array<{ message?: { content?: string } }> };
      const text = body.choices?.[0]?.message?.content?.trim();
      return res.ok && text ? text : scripted;
    } catch {
      return scripted;
    }
  };
}
