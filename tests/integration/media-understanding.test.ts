// Images get a description and voice notes a transcript, through a scripted
// OpenAI-compatible server on 127.0.0.1: what the "model" received (the image as a data
// URL, the audio as a multipart upload), what was stored and shown through the API, what
// the assistant's next turn read, what it cost, and what happens when it fails or the
// core restarts half-way.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../db/client.js';
import { getConversation } from '../../db/repos/conversations.js';
import { filesInFlight, pendingAnalysis } from '../../db/repos/media.js';
import { listMessages } from '../../db/repos/messages.js';
import * as schema from '../../db/schema.js';
import { assistantUsage } from '../../db/schema.js';
import { buildMessages } from '../../main/agent/prompt.js';
import type { Message } from '../../main/http/api-types.js';
import { serveFiles, wavBytes, type FileServer } from '../e2e/media-files.js';
import { imageParts } from '../fakes/fake-openai-media.js';
import { startFakeOpenAI, type FakeOpenAI, type RecordedRequest } from '../fakes/fake-openai.js';
import { startTestCore, tempDataDir, waitFor, type TestCore } from '../helpers/core.js';

const KEY = 'sk-test-media-understanding-7f3a';
const DESCRIPTION = 'Una orden médica del Dr. Gómez que indica una radiografía panorámica; fecha 12/11.';
const TRANSCRIPT = 'Hola, quería saber si tienen turno el jueves a la tarde.';

let llm: FakeOpenAI;
let files: FileServer;
let core: TestCore;
let seq = 0;

/** The assistant's own requests (turns), not the image descriptions. */
const turnRequests = () => llm.chatRequests().filter((r) => imageParts(r).length === 0);
const userTexts = (req: RecordedRequest | undefined) =>
  (req?.body.messages ?? []).filter((m) => m.role === 'user').map((m) => String(m.content));
const phone = () => `+54911700${String(++seq).padStart(5, '0')}`;
const usageOf = (c: TestCore, kind: 'vision' | 'transcription') =>
  c.db.select().from(assistantUsage).where(eq(assistantUsage.kind, kind)).all();

async function send(
  c: TestCore,
  from: string,
  body: { text?: string; media?: { url: string; mimeType: string; fileName?: string } },
) {
  const res = await c.api<{ conversationId: number }>('POST', '/api/simulator/messages', { from, ...body });
  expect(res.status).toBe(202);
  return res.body.conversationId;
}

async function messages(c: TestCore, conversationId: number) {
  return (await c.api<Message[]>('GET', `/api/conversations/${conversationId}/messages`)).body;
}

/** Resolves with the chat's file once its job settles (done or failed). */
async function analysed(c: TestCore, conversationId: number) {
  return waitFor(
    async () =>
      (await messages(c, conversationId)).find(
        (m) => m.media && (m.media.analysisState === 'done' || m.media.analysisState === 'failed'),
      )?.media ?? undefined,
    15_000,
    'the media job',
  );
}

/** Resolves once the chat has `count` assistant replies and no turn is running. */
async function replies(c: TestCore, conversationId: number, count = 1) {
  await waitFor(
    () => listMessages(c.db, conversationId).filter((m) => m.role === 'assistant').length >= count,
    25_000,
    'the reply',
  );
  await c.turns.idle();
  return listMessages(c.db, conversationId).filter((m) => m.role === 'assistant');
}

beforeAll(async () => {
  const png = await sharp({ create: { width: 900, height: 600, channels: 3, background: '#f4efe6' } })
    .png()
    .toBuffer();
  files = await serveFiles({ '/orden.png': ['image/png', png], '/nota.wav': ['audio/wav', wavBytes(1)] });
  llm = await startFakeOpenAI();
  core = await startTestCore({ env: { OPENAI_BASE_URL: llm.baseUrl, OPENAI_API_KEY: KEY } });
  core.settings.update({
    'pipeline.debounceMs': 0,
    'ai.visionModel': 'fake-vision',
    'ai.transcriptionModel': 'whisper-1',
  });
});
afterAll(async () => {
  await core?.stop();
  await llm?.close();
  await files?.close();
});
beforeEach(() => llm.setFallback({ reply: 'Listo, ya lo vi.' }));

describe('images', () => {
  it("a patient's image is described from a JPEG data URL, stored, shown in the API, and read by the next turn", async () => {
    llm.enqueueVision({ reply: DESCRIPTION });
    const from = phone();
    const id = await send(core, from, {
      text: 'les mando la orden',
      media: { url: files.url('/orden.png'), mimeType: 'image/png', fileName: 'orden.png' },
    });
    const media = await analysed(core, id);
    expect(media).toMatchObject({
      kind: 'image',
      analysisState: 'done',
      description: DESCRIPTION,
      analysisError: null,
      transcript: null,
    });

    const [vision] = llm.visionRequests();
    expect(vision?.body.model).toBe('fake-vision');
    expect(vision?.authorization).toBe(`Bearer ${KEY}`);
    const [url] = imageParts(vision!);
    expect(url).toMatch(/^data:image\/jpeg;base64,/);
    const sent = await sharp(Buffer.from(url!.split(',')[1]!, 'base64')).metadata();
    expect(sent.format).toBe('jpeg');
    expect(JSON.stringify(vision!.body.messages)).toContain('recepción');
    expect(JSON.stringify(vision!.body.messages)).toContain('sin diagnóstico');

    await replies(core, id);
    await send(core, from, { text: '¿me das un turno para eso?' });
    await replies(core, id, 2);
    const said = userTexts(turnRequests().at(-1));
    expect(said).toContain(`[El paciente envió una imagen: ${DESCRIPTION}]\nles mando la orden`);
    expect(said.at(-1)).toBe('¿me das un turno para eso?');

    const [usage] = usageOf(core, 'vision');
    expect(usage).toMatchObject({
      conversationId: id,
      kind: 'vision',
      model: 'fake-vision',
      promptTokens: 42,
      completionTokens: 7,
      audioMs: 0,
    });
    expect(usage!.messageId).toBe(listMessages(core.db, id).find((m) => m.role === 'patient')!.id);
    expect(usage!.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('the turn waits for the description of an image and answers it once, having read it', async () => {
    llm.enqueueVision({ reply: DESCRIPTION, delayMs: 700 });
    const before = turnRequests().length;
    const id = await send(core, phone(), { media: { url: files.url('/orden.png'), mimeType: 'image/png' } });
    await replies(core, id);
    // One turn, after the description: not a turn with a bare "[imagen]" first.
    expect(turnRequests().length).toBe(before + 1);
    expect(userTexts(turnRequests().at(-1))).toEqual([`[El paciente envió una imagen: ${DESCRIPTION}]`]);
  });

  it('the wait for an image is bounded too: a slow description lets the turn answer with the image mentioned', async () => {
    core.settings.update({ 'ai.voiceNoteWaitMs': 300 });
    try {
      llm.enqueueVision({ reply: DESCRIPTION, delayMs: 2_500 });
      const id = await send(core, phone(), { media: { url: files.url('/orden.png'), mimeType: 'image/png' } });
      await replies(core, id);
      expect(userTexts(turnRequests().at(-1))).toEqual(['[El paciente envió una imagen]']);
      expect(await analysed(core, id)).toMatchObject({ analysisState: 'done', description: DESCRIPTION });
    } finally {
      core.settings.update({ 'ai.voiceNoteWaitMs': 20_000 });
    }
  });

  it('after five minutes an image is only mentioned: its description no longer rides on every turn', async () => {
    const from = phone();
    const id = await send(core, from, { media: { url: files.url('/orden.png'), mimeType: 'image/png' } });
    await analysed(core, id);
    await replies(core, id);
    const history = listMessages(core.db, id);
    const sentAt = history[0]!.createdAt;
    const prompt = (minutes: number) =>
      buildMessages(
        core.settings,
        getConversation(core.db, id)!,
        history,
        new Date(sentAt + minutes * 60_000),
        false,
        core.db,
      )
        .filter((m) => m.role === 'user')
        .map((m) => m.content);
    expect(prompt(4)).toEqual([`[El paciente envió una imagen: Una foto sin nada particular.]`]);
    expect(prompt(6)).toEqual(['[El paciente envió una imagen]']);
  });

  it('a vision model that refuses: the reason is stored clean, and the turn still answers with the image mentioned', async () => {
    llm.enqueueVision({ status: 400, message: `invalid image for ${KEY}` });
    const from = phone();
    const id = await send(core, from, { media: { url: files.url('/orden.png'), mimeType: 'image/png' } });
    const media = await analysed(core, id);
    expect(media).toMatchObject({ analysisState: 'failed', analysisError: 'http_400', description: null });
    const [reply] = await replies(core, id);
    expect(reply!.text).toBe('Listo, ya lo vi.');
    expect(userTexts(turnRequests().at(-1))).toEqual(['[El paciente envió una imagen]']);
    expect(JSON.stringify(await messages(core, id))).not.toContain(KEY);
  });

  it('a separate vision endpoint (ai.visionBaseUrl) gets the images; the chat endpoint keeps the turns', async () => {
    const eyes = await startFakeOpenAI();
    try {
      core.settings.update({ 'ai.visionBaseUrl': eyes.baseUrl });
      eyes.enqueueVision({ reply: 'Un comprobante de transferencia por $ 25.000.' });
      const visionBefore = llm.visionRequests().length;
      const id = await send(core, phone(), { media: { url: files.url('/orden.png'), mimeType: 'image/png' } });
      expect(await analysed(core, id)).toMatchObject({
        analysisState: 'done',
        description: 'Un comprobante de transferencia por $ 25.000.',
      });
      expect(eyes.visionRequests()).toHaveLength(1);
      expect(llm.visionRequests()).toHaveLength(visionBefore);
      await replies(core, id);
    } finally {
      core.settings.update({ 'ai.visionBaseUrl': '' });
      await eyes.close();
    }
  });

  it("staff's own images and patients' documents get no job", async () => {
    const visionBefore = llm.visionRequests().length;
    const id = await send(core, phone(), {
      text: 'el estudio',
      media: { url: files.url('/nota.wav'), mimeType: 'application/pdf', fileName: 'estudio.pdf' },
    });
    await waitFor(async () => (await messages(core, id))[0]?.media?.state === 'stored' || undefined);
    await replies(core, id);
    expect((await messages(core, id))[0]!.media).toMatchObject({ kind: 'document', analysisState: null });

    const png = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#3a7' } })
      .png()
      .toBuffer();
    const res = await fetch(`${core.apiUrl}/api/conversations/${id}/attachments?fileName=receta.png`, {
      method: 'POST',
      headers: { authorization: `Bearer ${core.token}`, 'x-recepta-request': '1', 'content-type': 'image/png' },
      body: new Blob([png as Uint8Array<ArrayBuffer>]),
    });
    expect(res.status).toBe(201);
    const { messageId } = (await res.json()) as { messageId: number };
    expect((await messages(core, id)).find((m) => m.id === messageId)!.media).toMatchObject({
      kind: 'image',
      state: 'stored',
      analysisState: null,
    });
    expect(llm.visionRequests().length).toBe(visionBefore);
  });
});

describe('voice notes', () => {
  it("are transcribed, and the turn waits for the transcript and reads it as the patient's words", async () => {
    llm.enqueueTranscription({ text: TRANSCRIPT, duration: 4.2, delayMs: 700 });
    const before = turnRequests().length;
    const id = await send(core, phone(), {
      media: { url: files.url('/nota.wav'), mimeType: 'audio/wav', fileName: 'nota.wav' },
    });
    const [reply] = await replies(core, id);
    expect(reply!.text).toBe('Listo, ya lo vi.');
    // One turn, after the transcript: not a turn with "[nota de voz]" first and another later.
    expect(turnRequests().length).toBe(before + 1);
    expect(userTexts(turnRequests().at(-1))).toEqual([`[Nota de voz] ${TRANSCRIPT}`]);

    const [upload] = llm.transcriptionRequests();
    expect(upload?.body).toMatchObject({
      model: 'whisper-1',
      response_format: 'verbose_json',
      file: { name: expect.stringMatching(/\.wav$/), size: wavBytes(1).length },
    });
    expect(upload?.authorization).toBe(`Bearer ${KEY}`);
    expect((await messages(core, id))[0]!.media).toMatchObject({
      kind: 'audio',
      transcript: TRANSCRIPT,
      analysisState: 'done',
    });

    const usage = usageOf(core, 'transcription').find((u) => u.conversationId === id);
    expect(usage).toMatchObject({ kind: 'transcription', model: 'whisper-1', audioMs: 4200, promptTokens: 0 });
  });

  it('an urgent voice note gets the emergency number and a person, like an urgent text', async () => {
    llm.enqueueTranscription({ text: 'Me duele mucho el pecho y me falta el aire', duration: 3 });
    const id = await send(core, phone(), {
      media: { url: files.url('/nota.wav'), mimeType: 'audio/wav', fileName: 'nota.wav' },
    });
    const [reply] = await replies(core, id);
    // The scripted model only says "Listo, ya lo vi.": the number and the handoff are not left to it.
    expect(reply!.text).toContain(core.settings.get('clinic.emergencyNumber'));
    await waitFor(() => (getConversation(core.db, id)!.humanOverrideUntil ?? 0) > Date.now(), 5_000, 'the handoff');
    expect(getConversation(core.db, id)!.humanOverrideReason).toMatch(/urgencia/i);
  });

  it('the wait is bounded (ai.voiceNoteWaitMs): a slow transcript lets the turn answer first, and the next turn reads it', async () => {
    core.settings.update({ 'ai.voiceNoteWaitMs': 500 });
    try {
      llm.enqueueTranscription({ text: 'Llego tarde al turno.', delayMs: 2_500 });
      const from = phone();
      const id = await send(core, from, { media: { url: files.url('/nota.wav'), mimeType: 'audio/wav' } });
      await replies(core, id);
      expect(userTexts(turnRequests().at(-1))).toEqual([
        '[El paciente envió una nota de voz; todavía no está transcripta]',
      ]);
      expect(await analysed(core, id)).toMatchObject({ analysisState: 'done', transcript: 'Llego tarde al turno.' });
      await send(core, from, { text: '¿me escuchaste?' });
      await replies(core, id, 2);
      expect(userTexts(turnRequests().at(-1))).toEqual(['[Nota de voz] Llego tarde al turno.', '¿me escuchaste?']);
    } finally {
      core.settings.update({ 'ai.voiceNoteWaitMs': 20_000 });
    }
  });

  it('a transient failure is retried; a model without /audio/transcriptions fails cleanly and the turn still happens', async () => {
    llm.enqueueTranscription({ status: 503 }, { text: 'Ahora sí.' });
    const retried = await send(core, phone(), { media: { url: files.url('/nota.wav'), mimeType: 'audio/wav' } });
    expect(await analysed(core, retried)).toMatchObject({ analysisState: 'done', transcript: 'Ahora sí.' });

    llm.enqueueTranscription({ status: 404, message: 'no such route' });
    const id = await send(core, phone(), { media: { url: files.url('/nota.wav'), mimeType: 'audio/wav' } });
    expect(await analysed(core, id)).toMatchObject({
      analysisState: 'failed',
      analysisError: 'http_404',
      transcript: null,
    });
    await replies(core, id);
    expect(userTexts(turnRequests().at(-1))).toEqual([
      '[El paciente envió una nota de voz que no se pudo transcribir]',
    ]);
  });

  it('turned off (a local preset without transcription): nothing is sent to the server, and the turn still happens', async () => {
    await core.api('PATCH', '/api/settings', { 'ai.transcription': false });
    try {
      const before = llm.transcriptionRequests().length;
      const id = await send(core, phone(), { media: { url: files.url('/nota.wav'), mimeType: 'audio/wav' } });
      expect(await analysed(core, id)).toMatchObject({ analysisState: 'failed', analysisError: 'disabled' });
      await replies(core, id);
      expect(llm.transcriptionRequests().length).toBe(before);
    } finally {
      await core.api('PATCH', '/api/settings', { 'ai.transcription': true });
    }
  });
});

describe('without a model, and across a restart', () => {
  it('with no AI set up, jobs fail as not_configured and the patient still gets an answer', async () => {
    const bare = await startTestCore({ keychain: { get: () => null, set: () => {}, delete: () => {} } });
    try {
      bare.settings.update({ 'pipeline.debounceMs': 0 });
      const id = await send(bare, phone(), { media: { url: files.url('/orden.png'), mimeType: 'image/png' } });
      expect(await analysed(bare, id)).toMatchObject({ analysisState: 'failed', analysisError: 'not_configured' });
      const voice = await send(bare, phone(), { media: { url: files.url('/nota.wav'), mimeType: 'audio/wav' } });
      expect(await analysed(bare, voice)).toMatchObject({ analysisState: 'failed', analysisError: 'not_configured' });
      expect(await replies(bare, voice)).toHaveLength(1);
      expect(await replies(bare, id)).toHaveLength(1);
    } finally {
      await bare.stop();
    }
  });

  it('a transcription cut short by a stop resumes at the next start, and the owed turn then reads it', async () => {
    const dataDir = tempDataDir();
    const env = { OPENAI_BASE_URL: llm.baseUrl, OPENAI_API_KEY: KEY };
    const first = await startTestCore({ dataDir, env });
    first.settings.update({ 'pipeline.debounceMs': 0, 'ai.transcriptionModel': 'whisper-1' });
    llm.enqueueTranscription({ hang: true });
    const before = llm.transcriptionRequests().length;
    const id = await send(first, phone(), { media: { url: files.url('/nota.wav'), mimeType: 'audio/wav' } });
    await waitFor(() => llm.transcriptionRequests().length > before, 10_000, 'the transcription request');
    await first.stop();

    llm.enqueueTranscription({ text: 'Quería reprogramar.' });
    const second = await startTestCore({ dataDir, env });
    try {
      expect(await analysed(second, id)).toMatchObject({ analysisState: 'done', transcript: 'Quería reprogramar.' });
      // Answered once, by the second core, with the words: the first one left the turn owed.
      expect(await replies(second, id)).toHaveLength(1);
      expect(userTexts(turnRequests().at(-1))).toEqual(['[Nota de voz] Quería reprogramar.']);
    } finally {
      await second.stop();
    }
  });
});

describe("query plans of the job's reads", () => {
  const db = openDatabase(path.join(mkdtempSync(path.join(os.tmpdir(), 'recepta-media-plans-')), 'recepta.db'));
  const captured: Array<{ sql: string; params: unknown[] }> = [];
  const recording = drizzle(db.$client, {
    schema,
    logger: { logQuery: (sql, params) => void captured.push({ sql, params }) },
  }) as unknown as Db;
  const planOf = (run: () => void) => {
    captured.length = 0;
    run();
    const [query] = captured;
    return (db.$client.prepare(`EXPLAIN QUERY PLAN ${query!.sql}`).all(...query!.params) as Array<{ detail: string }>)
      .map((r) => r.detail)
      .join(' | ');
  };
  afterAll(() => closeDatabase(db));

  it('what is left to look at comes from the partial index, not a scan of every file', () => {
    expect(planOf(() => pendingAnalysis(recording))).toMatch(/SCAN media USING INDEX media_analysis_pending/);
  });

  it('the turn\'s "any voice note or image still unread?" reads the chat\'s owed messages and their files by index', () => {
    const plan = planOf(() => filesInFlight(recording, 1));
    expect(plan).toMatch(/SEARCH messages USING (COVERING )?INDEX messages_pending_turn \(conversation_id=\?\)/);
    expect(plan).toMatch(/SEARCH media USING INDEX media_message \(message_id=\?\)/);
  });
});
