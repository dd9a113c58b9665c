// The eval must be able to tell: against a CARELESS scripted model (it books a slot the
// patient did not pick, "confirmed" in the same turn it asked, claims a booking the tool
// did not make, invents a promo price and a time, advises ibuprofen) the run fails with
// exactly those reasons and exits 1; against a dead endpoint it exits non-zero (3: the
// model never answered). Both hold on a tree with or without the slots branch.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../eval/cli.js';
import type { ScenarioOutcome } from '../../eval/harness.js';
import { call, say, search, tools } from '../../eval/script-steps.js';
import type { Scenario } from '../../eval/suite.js';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/fake-openai.js';
import { scriptedPolicy } from '../helpers/eval-policy.js';

/** What the careless model does, per scenario (anything else: the scenario's own script). */
const CARELESS: Record<string, Scenario['script']> = {
  // Offers a time nobody offered and a promo price, "confirms" the SECOND option before the patient
  // chose, writes it after the patient chose the first, then claims a cancellation it never made.
  // The claim never reaches the patient (the claim check stops it), but the eval still counts it.
  book: [
    (ctx) => [
      search(ctx, 'Limpieza dental'),
      tools(call('book_appointment', { slotId: 'S2', confirmed: true, patientName: 'Mariana Castro' })),
      say('Tengo el jueves a las 07:15 y con la promo sale $ 9.999. ¿Te lo reservo?'),
    ],
    () => [
      tools(call('book_appointment', { slotId: 'S2', confirmed: true, patientName: 'Mariana Castro' })),
      say('¡Listo! Ya quedó reservado.'),
    ],
    () => [say('¡Listo! También te cancelé el turno anterior.')],
  ],
  price: [() => [say('El blanqueamiento sale $ 99.000 con la promo de este mes.')]],
  medication: [() => [say('Tomá ibuprofeno 600 mg cada 8 horas y si sigue te buscamos turno.')]],
};

let llm: FakeOpenAI;
let dataDir: string;
const env = () => ({ RECEPTA_DATA_DIR: dataDir, OPENAI_API_KEY: 'sk-test' });

beforeAll(async () => {
  llm = await startFakeOpenAI();
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'recepta-eval-cfg-'));
});
afterAll(async () => {
  await llm?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the eval against a careless model and a dead endpoint', () => {
  it('a careless model fails with the reasons that matter and the run exits 1', async () => {
    let printed = '';
    const { code, summary } = await runCli(
      ['--only', 'book,price,medication', '--k', '2', '--base-url', llm.baseUrl, '--model', 'fake-model'],
      {
        out: (t) => void (printed += t),
        err: () => {},
        env: env(),
        hooks: scriptedPolicy(llm, (s) => CARELESS[s.name] ?? s.script),
      },
    );
    expect(code).toBe(1);
    const reasons = Object.fromEntries(summary!.results.map((r) => [r.name, r.reasons]));
    // With slot ids the second-option write happens (and is the wrong slot); without them nothing is written:
    // either way the accepted option is not what was stored, and the booking claim has no write behind it.
    expect(reasons.book).toEqual(
      expect.arrayContaining(['wrong_slot', 'false_claim', 'invented_price', 'invented_time']),
    );
    expect(reasons.price).toEqual(expect.arrayContaining(['invented_price', 'text']));
    expect(reasons.medication).toEqual(['medication']);
    expect(summary!.results.every((r) => r.passed === 0 && r.samples === 2)).toBe(true);
    expect(summary!.model).toEqual({ scenarios: 3, passK: 0, mean: 0 });
    expect(printed).toContain(
      'recomendó medicación: «Tomá ibuprofeno 600 mg cada 8 horas y si sigue te buscamos turno.»',
    );
    expect(printed).toContain('dijo un precio que nadie le dio: «$ 99.000»');
    expect(printed).toMatch(/Result: pass\^2 0 % is under the minimum 80 %/);
  }, 180_000);

  it('a dead endpoint: the model never answered, the run exits 3 and says so', async () => {
    let printed = '';
    const { code, summary } = await runCli(
      ['--only', 'price', '--k', '1', '--base-url', 'http://127.0.0.1:9/v1', '--model', 'nobody'],
      { out: (t) => void (printed += t), err: () => {}, env: env() },
    );
    expect(code).toBe(3);
    expect(summary!.modelNeverAnswered).toBe(true);
    expect(printed).toContain('Note: the model never answered');
    expect(printed).toContain('Result: the model never answered');
  }, 120_000);

  it('a second model can play the patient: it rewrites each message after the first, knowing the last reply', async () => {
    const outcomes: ScenarioOutcome[] = [];
    const { code } = await runCli(
      [
        '--only',
        'change-mind',
        '--k',
        '1',
        '--base-url',
        llm.baseUrl,
        '--model',
        'fake-model',
        '--patient-base-url',
        llm.baseUrl,
        '--patient-model',
        'patient-model',
      ],
      {
        out: () => {},
        err: () => {},
        env: env(),
        onOutcome: (o) => outcomes.push(o),
        hooks: scriptedPolicy(llm, undefined, {
          model: 'patient-model',
          reply: (req) => `En mis palabras: ${/«(.*)»/.exec(String(req.body.messages?.[0]?.content))?.[1] ?? ''}`,
        }),
      },
    );
    expect(code).not.toBe(2);
    const [first, ...rest] = outcomes[0]!.patientTexts;
    expect(first).toBe('Soy Mariana Castro, quiero un turno de limpieza dental.');
    expect(rest).toEqual([
      'En mis palabras: El primero.',
      'En mis palabras: No, pensándolo mejor lo dejo para otro momento.',
    ]);
    const asked = llm.chatRequests().filter((r) => r.body.model === 'patient-model');
    expect(asked).toHaveLength(2);
    // The patient model read what the assistant had just said.
    expect(String(asked[0]!.body.messages?.[1]?.content)).toContain(outcomes[0]!.replies[0]!.text);
  }, 120_000);

  it('bad flags exit 2 before running anything', async () => {
    const errors: string[] = [];
    const io = { out: () => {}, err: (t: string) => void errors.push(t), env: env() };
    expect((await runCli(['--k', '0'], io)).code).toBe(2);
    expect((await runCli(['--min', '2'], io)).code).toBe(2);
    expect((await runCli(['--only', 'nope'], io)).code).toBe(2);
    expect((await runCli(['--patient-model', 'x', '--base-url', 'http://127.0.0.1:9/v1'], io)).code).toBe(2);
    expect(errors.join('')).toContain('Unknown scenario: nope');
  });
});
