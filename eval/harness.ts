// Runs one scenario through the real thing: a Recepta core on a throw-away data folder
// with the demo clinic, the patient's messages through the simulator channel, the real
// turn scheduler, assistant, tools and agenda, against whichever endpoint it is given.
// What comes out is the outcome (replies, handoff, the agenda before and after), judged
// by score.ts. Never the clinic's real data folder, never the OS keychain.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { listAppointments } from '../db/repos/appointments.js';
import { ingestInbound } from '../db/repos/ingest.js';
import { enqueueOutgoing } from '../db/repos/messages.js';
import { getConversation } from '../db/repos/conversations.js';
import { listMessages } from '../db/repos/messages.js';
import { listPatients } from '../db/repos/patients.js';
import type { ReplyMeta } from '../main/agent/assistant.js';
import { localLabels } from '../main/agenda/availability.js';
import { loadBootConfig } from '../main/kernel/config.js';
import { startCore, type RunningCore } from '../main/app/core.js';
import type { Keychain } from '../main/secrets/keychain.js';
import { startMediaServer, supplyAnalysis, type MediaServer } from './media.js';
import type { Rephrase } from './patient.js';
import { SEED } from './scenarios.js';
import type { EvalContext, FreeSlot, PatientMessage, Scenario, SeededAppointment } from './suite.js';

/** Where a model that "goes down" is sent: nothing listens on the discard port. */
const DEAD_ENDPOINT = 'http://127.0.0.1:9/v1';

/** The model endpoint a run talks to. `apiKey` null: none (a local server). */
export interface EvalEndpoint {
  baseUrl: string;
  model: string;
  apiKey: string | null;
}

export interface AppointmentSnapshot {
  id: number;
  patientId: number;
  patientName: string | null;
  service: string;
  practitionerId: number;
  practitionerName: string;
  startAt: number;
  status: string;
}

export interface PatientSnapshot {
  id: number;
  displayName: string | null;
  phone: string | null;
  email: string | null;
}

export interface AgendaSnapshot {
  appointments: AppointmentSnapshot[];
  patients: PatientSnapshot[];
}

export interface EvalReply {
  text: string;
  meta: ReplyMeta;
  /** The patient message (0-based) this reply answers: a turn may send several bubbles. */
  turn: number;
}

export interface ScenarioOutcome {
  scenario: Scenario;
  ctx: EvalContext | null;
  replies: EvalReply[];
  /** What the patient said, one entry per message (a voice note's transcript, an image's caption). */
  patientTexts: string[];
  /** The chat ended paused for a person because the assistant handed it off. */
  handedOff: boolean;
  before: AgendaSnapshot | null;
  after: AgendaSnapshot | null;
  /** Wall-clock time of the whole scenario, set-up excluded. */
  wallMs: number;
  /** The scenario could not be run (set-up failed, a turn never finished): not a judgement of the assistant. */
  error?: string;
}

export interface RunHooks {
  /** Called right before message `index` is answered: the scripted-server test queues the scenario's script here. */
  beforeTurn?(scenario: Scenario, index: number, ctx: EvalContext): Promise<void> | void;
  /** How long one turn may take before the scenario is given up (default: the model timeout + a retry + margin). */
  turnTimeoutMs?: number;
  /** A second model playing the patient: rewrites each scripted text message after the first (eval/patient.ts). */
  rephrase?: Rephrase;
}

/** The throw-away core never touches the OS keychain: the key arrives as an environment value of this process only. */
function memoryKeychain(): Keychain {
  const store = new Map<string, string>();
  return { get: (a) => store.get(a) ?? null, set: (a, v) => void store.set(a, v), delete: (a) => void store.delete(a) };
}

async function startEvalCore(endpoint: EvalEndpoint, dataDir: string): Promise<RunningCore & { token: string }> {
  const token = `eval-${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
  const env: NodeJS.ProcessEnv = {
    RECEPTA_DATA_DIR: dataDir,
    RECEPTA_HOST: '127.0.0.1',
    RECEPTA_API_PORT: '0',
    RECEPTA_WEBHOOK_PORT: '0',
    RECEPTA_TOKEN: token,
    RECEPTA_LOG_STDOUT: '0',
    RECEPTA_LOG_LEVEL: 'warn',
    OPENAI_BASE_URL: endpoint.baseUrl,
    RECEPTA_MODEL: endpoint.model,
    OPENAI_API_KEY: endpoint.apiKey ?? '',
  };
  const core = await startCore({ config: loadBootConfig(env, ['--demo']), env, keychain: memoryKeychain() });
  return { ...core, token };
}

async function api<T>(
  core: { apiUrl: string; token: string },
  method: string,
  route: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${core.apiUrl}${route}`, {
    method,
    headers: {
      authorization: `Bearer ${core.token}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as T & { error?: { code: string; message: string } };
  if (!res.ok) throw new Error(`${method} ${route}: ${json.error?.code ?? res.status} ${json.error?.message ?? ''}`);
  return json;
}

function snapshot(core: RunningCore): AgendaSnapshot {
  return {
    appointments: listAppointments(core.db, {}).map((a) => ({
      id: a.id,
      patientId: a.patientId,
      patientName: a.patientName,
      service: a.serviceName,
      practitionerId: a.practitionerId,
      practitionerName: a.practitionerName,
      startAt: a.startAt,
      status: a.status,
    })),
    patients: listPatients(core.db, { limit: 10_000 }).map((p) => ({
      id: p.id,
      displayName: p.displayName,
      phone: p.phone,
      email: p.email,
    })),
  };
}

interface Catalogue {
  services: Array<{ id: number; name: string; priceCents?: number | null }>;
  practitioners: Array<{ id: number; name: string }>;
}

/**
 * Books a seeded appointment on its weekday two weeks out, a week later if that one is
 * taken or closed (a demo holiday), so the suite does not depend on today's date.
 */
async function seedAppointment(
  core: RunningCore & { token: string },
  catalogue: Catalogue,
  patientId: number,
  spec: { service: string; practitioner: string; weekday: number; time: string },
): Promise<SeededAppointment> {
  const zone = core.settings.get('clinic.timeZone');
  const service = catalogue.services.find((s) => s.name === spec.service);
  const practitioner = catalogue.practitioners.find((p) => p.name === spec.practitioner);
  if (!service || !practitioner) throw new Error(`the demo clinic has no ${spec.service} with ${spec.practitioner}`);
  const [hour, minute] = spec.time.split(':').map(Number) as [number, number];
  let day = DateTime.now().setZone(zone).startOf('day').plus({ weeks: 1 });
  while (day.weekday !== spec.weekday) day = day.plus({ days: 1 });
  let lastError: unknown;
  for (let week = 0; week < 4; week++, day = day.plus({ weeks: 1 })) {
    const start = day.set({ hour, minute }).toUTC().toISO()!;
    try {
      const a = await api<{ id: number; start: string }>(core, 'POST', '/api/appointments', {
        patientId,
        practitionerId: practitioner.id,
        serviceId: service.id,
        start,
      });
      return {
        id: a.id,
        service: service.name,
        serviceId: service.id,
        practitionerId: practitioner.id,
        start: a.start,
        when: localLabels(zone, Date.parse(a.start)).label,
      };
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

/** Runs one scenario on a fresh core; the data folder is deleted afterwards. */
export async function runScenario(
  scenario: Scenario,
  endpoint: EvalEndpoint,
  hooks: RunHooks = {},
): Promise<ScenarioOutcome> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'recepta-eval-'));
  const outcome: ScenarioOutcome = {
    scenario,
    ctx: null,
    replies: [],
    patientTexts: [],
    handedOff: false,
    before: null,
    after: null,
    wallMs: 0,
  };
  let core: (RunningCore & { token: string }) | null = null;
  let files: MediaServer | null = null;
  try {
    core = await startEvalCore(endpoint, dataDir);
    // The harness decides when a turn runs (a long debounce it cuts short), so the agenda can be
    // seeded between the chat's first message and its first answer. A holding reply's retry comes after 1 s.
    core.settings.update({ 'pipeline.debounceMs': 600_000, 'ai.retryDelayMs': 1_000, ...scenario.settings });
    const catalogue: Catalogue = {
      services: await api(core, 'GET', '/api/services'),
      practitioners: await api(core, 'GET', '/api/practitioners'),
    };
    const other = await api<{ id: number }>(core, 'POST', '/api/patients', {
      displayName: SEED.other.name,
      phone: SEED.other.phone,
    });
    const otherAppointments: SeededAppointment[] = [];
    for (const spec of SEED.other.appointments)
      otherAppointments.push(await seedAppointment(core, catalogue, other.id, spec));
    if (scenario.closedToday) {
      const today = DateTime.now().setZone(core.settings.get('clinic.timeZone')).toISODate()!;
      const closures = await api<Array<{ startDate: string; endDate: string }>>(core, 'GET', '/api/closures');
      if (!closures.some((c) => c.startDate <= today && c.endDate >= today)) {
        await api(core, 'POST', '/api/closures', { startDate: today, endDate: today, reason: 'Cierre por inventario' });
      }
    }

    // The patient of the chat exists once their first message does: their part of the context is filled in then.
    const ctx = context(
      core,
      catalogue,
      { patientId: 0, appointments: [] },
      { patientId: other.id, appointments: otherAppointments },
    );
    outcome.ctx = ctx;
    const started = Date.now();
    let conversationId = 0;
    const turnTimeout = hooks.turnTimeoutMs ?? 2 * core.settings.get('ai.timeoutMs') + 15_000;
    if (scenario.messages.some((m) => typeof m === 'object')) files = await startMediaServer();
    const ready = async (id: number) => {
      ctx.own.patientId = getConversation(core!.db, id)!.patientId!;
      for (const spec of SEED.own.appointments)
        ctx.own.appointments.push(await seedAppointment(core!, catalogue, ctx.own.patientId, spec));
    };
    if (scenario.reminder) {
      conversationId = seedReminderChat(core);
      await ready(conversationId);
      const a = ctx.own.appointments[scenario.reminder.seeded]!;
      enqueueOutgoing(core.db, {
        conversationId,
        provider: 'simulator',
        role: 'assistant',
        text: `Hola ${SEED.own.name.split(' ')[0]}, te recordamos tu turno de ${a.service} el ${a.when}. Respondé 1 para confirmar o 2 para cancelar.`,
        now: Date.now() - 3_600_000,
      });
    }
    for (let i = 0; i < scenario.messages.length; i++) {
      if (scenario.modelDownFrom === i) core.settings.update({ 'ai.baseUrl': DEAD_ENDPOINT, 'ai.retryDelayMs': 1_000 });
      const message = scenario.messages[i]!;
      const scripted = patientMessage(message, ctx, files);
      const { media, analysis } = scripted;
      const lastReply = outcome.replies.at(-1)?.text;
      const text =
        hooks.rephrase && i > 0 && scripted.text && !media && lastReply
          ? await hooks.rephrase(scripted.text, lastReply)
          : scripted.text;
      outcome.patientTexts.push(text || (analysis && 'transcript' in analysis ? analysis.transcript : ''));
      const received = await core.simulator.receive({ from: SEED.own.chatId, name: SEED.own.name, text, media });
      conversationId = received.conversationId ?? 0;
      if (analysis) {
        const last = listMessages(core.db, conversationId, { limit: 1 })[0]!;
        await supplyAnalysis(core.db, last.id, analysis);
      }
      if (i === 0 && !scenario.reminder) await ready(conversationId);
      if (i === 0) {
        outcome.before = snapshot(core);
        ctx.maxAppointmentId = Math.max(0, ...outcome.before.appointments.map((a) => a.id));
      }
      await hooks.beforeTurn?.(scenario, i, ctx);
      const seen = new Set(assistantMessages(core, conversationId).map((m) => m.id));
      core.turns.schedule(conversationId, 0);
      await withTimeout(
        core.turns.idle(),
        turnTimeout,
        `turn ${i + 1} did not finish within ${Math.round(turnTimeout / 1000)} s`,
      );
      for (const m of assistantMessages(core, conversationId).filter((m) => !seen.has(m.id)))
        outcome.replies.push({ text: m.text, meta: m.meta as unknown as ReplyMeta, turn: i });
    }
    outcome.wallMs = Date.now() - started;
    outcome.after = snapshot(core);
    outcome.handedOff = getConversation(core.db, conversationId)?.humanOverrideReason?.startsWith('handoff:') ?? false;
  } catch (error) {
    outcome.error = error instanceof Error ? error.message : String(error);
  } finally {
    await core?.stop().catch(() => {});
    await files?.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return outcome;
}

/** The assistant's messages of the chat (a reply without meta reads as a fallback). */
function assistantMessages(core: RunningCore, conversationId: number) {
  return listMessages(core.db, conversationId, { limit: 500 })
    .filter((m) => m.role === 'assistant')
    .map((m) => ({ ...m, meta: m.meta ?? { mode: 'fallback' } }));
}

/**
 * A reminder goes out before the patient ever writes: the chat is opened with an old
 * message the assistant does not owe an answer to, as a chat with history would be.
 */
function seedReminderChat(core: RunningCore): number {
  const r = ingestInbound(core.db, {
    provider: 'simulator',
    channel: 'simulator',
    externalUserId: SEED.own.chatId,
    providerMessageId: `eval-opening-${Date.now()}`,
    senderName: SEED.own.name,
    role: 'patient',
    text: 'Gracias, nos vemos.',
    turnState: 'skipped',
    receivedAt: Date.now() - 7_200_000,
  });
  if (r.duplicate) throw new Error('the reminder chat could not be opened');
  return r.conversationId;
}

function patientMessage(
  message: PatientMessage,
  ctx: EvalContext,
  files: MediaServer | null,
): {
  text: string;
  media?: { url: string; mimeType: string };
  analysis?: { transcript: string } | { description: string };
} {
  if (typeof message === 'string') return { text: message };
  if (typeof message === 'function') return { text: message(ctx) };
  if ('voice' in message)
    return {
      text: '',
      media: { url: files!.url('voice'), mimeType: 'audio/wav' },
      analysis: { transcript: message.voice },
    };
  return {
    text: message.caption ?? '',
    media: { url: files!.url('image'), mimeType: 'image/png' },
    analysis: { description: message.image },
  };
}

function context(
  core: RunningCore & { token: string },
  catalogue: Catalogue,
  own: { patientId: number; appointments: SeededAppointment[] },
  other: { patientId: number; appointments: SeededAppointment[] },
): EvalContext {
  const zone = core.settings.get('clinic.timeZone');
  return {
    zone,
    facts: JSON.stringify({
      services: catalogue.services,
      openingHours: core.settings.get('clinic.openingHours'),
    }),
    services: Object.fromEntries(catalogue.services.map((s) => [s.name, { id: s.id }])),
    own: { ...own, name: SEED.own.name },
    other: { ...other, name: SEED.other.name, phone: SEED.other.phone },
    emergencyNumber: core.settings.get('clinic.emergencyNumber'),
    maxAppointmentId: 0,
    // From two days on: past every service's minimum notice, so the assistant may book what this returns.
    freeSlots: async (name, limit = 3) => {
      const service = catalogue.services.find((s) => s.name === name);
      if (!service) throw new Error(`no service ${name}`);
      const from = new Date(Date.now() + 2 * 86_400_000).toISOString();
      const found = await api<{ slots: Array<{ start: string; practitionerId: number }> }>(
        core,
        'GET',
        `/api/availability?serviceId=${service.id}&from=${encodeURIComponent(from)}&limit=${limit}`,
      );
      return found.slots.map((s): FreeSlot => ({
        start: s.start,
        practitionerId: s.practitionerId,
        when: localLabels(zone, Date.parse(s.start)).label,
      }));
    },
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(message)), ms);
    }),
  ]);
}
