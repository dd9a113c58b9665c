import { setTimeout as sleep } from 'node:timers/promises';
import type OpenAI from 'openai';
import type { Db } from '../../../db/client.js';
import {
  filesInFlight,
  getMedia,
  markAnalysisFailed,
  markAnalyzed,
  pendingAnalysis,
  type MediaRow,
} from '../../../db/repos/media.js';
import { getMessage, type MessageRow } from '../../../db/repos/messages.js';
import { recordUsage } from '../../../db/repos/usage.js';
import type { AgentEventBus } from '../events.js';
import { KeyedQueue } from '../../kernel/keyed-queue.js';
import { externalError, type Logger } from '../../kernel/logger.js';
import type { AgentSettingsStore } from '../settings.js';
import type { SecretStore } from '../../secrets/secret-store.js';
import { OpenAIClients, classifyError, loadSdk, type Sdk } from '../openai-client.js';
import { JobFailure, type ModelResult } from './job.js';
import { analysisKind, type AnalysisKind } from './kinds.js';
import { transcribeAudio } from './transcription.js';
import { describeImage } from './vision.js';

export interface MediaUnderstandingOptions {
  db: Db;
  settings: AgentSettingsStore;
  secrets: SecretStore;
  events: AgentEventBus;
  log: Logger;
  /** Where a stored row's file is (the media store knows the data folder's layout). */
  filePath: (row: Pick<MediaRow, 'path'>) => string | null;
  /** Jobs at the same time: model calls are slow but light here, and a voice note should not queue behind a photo. */
  concurrency?: number;
  /** Waits before each retry of a transient failure (timeout, unreachable, 5xx, 429); its length bounds the retries. */
  retryDelaysMs?: readonly number[];
  /** Longest one model call may take. */
  timeoutMs?: number;
  clock?: () => number;
}

/** Failures a later try may fix; anything else (no model, a key refused, a 400) fails at once. */
const TRANSIENT = (reason: string) =>
  reason === 'timeout' || reason === 'unreachable' || reason === 'rate_limited' || reason === 'http_5xx';

/**
 * The longest a turn waits for an image's description (within ai.voiceNoteWaitMs): a few
 * seconds, as most vision calls take; a slower one is read by the next turn.
 */
export const IMAGE_WAIT_MS = 8_000;

/** How long a turn waits for these files: a voice note's full allowance, or an image's few seconds of it. */
export function fileWaitMs(inFlight: { voiceNotes: number; images: number }, voiceNoteWaitMs: number): number {
  return inFlight.voiceNotes > 0 ? voiceNoteWaitMs : Math.min(voiceNoteWaitMs, IMAGE_WAIT_MS);
}

/** The runner is stopping: the row stays `pending` and the next start resumes it. */
class Interrupted extends Error {}

/**
 * Describes the images and transcribes the audio patients send, in the background, once
 * the file is stored. The job is the row: `media.analysis_state = 'pending'` (set with
 * `stored`, see MediaStore) until the result or a short failure reason is written, so a
 * restart resumes whatever was left. Each change emits `message.updated`, which makes an
 * open thread refetch the message.
 */
export class MediaUnderstanding {
  private readonly clients: OpenAIClients;
  private readonly jobs: KeyedQueue;
  private readonly stopping = new AbortController();
  private readonly clock: () => number;

  constructor(private readonly opts: MediaUnderstandingOptions) {
    this.clients = new OpenAIClients(opts.secrets, opts.settings);
    this.clock = opts.clock ?? Date.now;
    this.jobs = new KeyedQueue(
      (id) => this.process(id),
      opts.concurrency ?? 2,
      (id, error) => opts.log.error({ mediaId: id, err: error }, 'media job crashed'),
    );
  }

  /** Looks at this file soon (fire-and-forget: the outcome is in the row and a `message.updated` event). */
  enqueue(mediaId: string): void {
    this.jobs.enqueue(mediaId);
  }

  /** Queues every file a previous run left pending. Returns how many. */
  resumePending(): number {
    const ids = pendingAnalysis(this.opts.db);
    for (const id of ids) this.enqueue(id);
    return ids.length;
  }

  /**
   * Resolves once none of the chat's unanswered messages has a voice note or an image still
   * downloading or being read, or after the wait, or when the runner stops: the turn then
   * reads the transcript as the patient's words and the description as what they showed,
   * or answers without them. A voice note may hold the whole message, so it is worth up to
   * `voiceNoteWaitMs`; an image only up to IMAGE_WAIT_MS of that.
   */
  waitForFiles(conversationId: number, voiceNoteWaitMs: number): Promise<void> {
    const { db, events } = this.opts;
    const inFlight = () => filesInFlight(db, conversationId);
    const first = inFlight();
    if (this.stopping.signal.aborted || first.voiceNotes + first.images === 0) return Promise.resolve();
    const timeoutMs = fileWaitMs(first, voiceNoteWaitMs);
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        unsubscribe();
        this.stopping.signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      // The download, the transcription and the description all announce their outcome as `message.updated`.
      const unsubscribe = events.on('message.updated', (m) => {
        if (m.conversationId !== conversationId) return;
        const now = inFlight();
        if (now.voiceNotes + now.images === 0) done();
      });
      this.stopping.signal.addEventListener('abort', done, { once: true });
    });
  }

  /** Aborts the calls in flight and waits for them; their rows stay pending for the next start. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.jobs.stop();
  }

  private async process(id: string): Promise<void> {
    const { db, log } = this.opts;
    const row = getMedia(db, id);
    if (!row || row.analysisState !== 'pending') return;
    const message = getMessage(db, row.messageId);
    if (!message) return;
    const kind = analysisKind(message.role, row.kind);
    let changed: boolean;
    try {
      if (!kind) throw new JobFailure('unsupported', false);
      // Turned off for an endpoint without vision or transcription (a local preset): the chat says a file arrived.
      if (!this.opts.settings.get(kind === 'vision' ? 'ai.vision' : 'ai.transcription'))
        throw new JobFailure('disabled', false);
      const result = await this.withRetries(id, kind, row, message);
      changed = markAnalyzed(db, id, kind === 'vision' ? { description: result.text } : { transcript: result.text });
      log.info({ mediaId: id, kind }, kind === 'vision' ? 'image described' : 'audio transcribed');
    } catch (error) {
      if (error instanceof Interrupted) return;
      const reason = error instanceof JobFailure ? error.reason : 'error';
      log.warn(
        {
          mediaId: id,
          kind,
          reason,
          failure: externalError(error instanceof JobFailure ? (error.cause ?? error) : error),
        },
        'media job failed',
      );
      changed = markAnalysisFailed(db, id, reason);
    }
    if (changed)
      this.opts.events.emit('message.updated', {
        conversationId: message.conversationId,
        messageId: message.id,
        status: message.status,
      });
  }

  private async withRetries(id: string, kind: AnalysisKind, row: MediaRow, message: MessageRow): Promise<ModelResult> {
    const delays = this.opts.retryDelaysMs ?? [2_000, 10_000];
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.attempt(kind, row, message);
      } catch (error) {
        if (!(error instanceof JobFailure) || !error.retryable || attempt >= delays.length) throw error;
        this.opts.log.info(
          { mediaId: id, kind, reason: error.reason, attempt: attempt + 1 },
          'media job failed; retrying',
        );
        await this.pause(delays[attempt]!);
      }
    }
  }

  /** One model call, its usage recorded; every failure comes out as a JobFailure (or Interrupted). */
  private async attempt(kind: AnalysisKind, row: MediaRow, message: MessageRow): Promise<ModelResult> {
    const { settings } = this.opts;
    const file = this.opts.filePath(row);
    if (!file) throw new JobFailure('file_missing', false);
    const OpenAISdk = await loadSdk();
    const baseURL =
      kind === 'vision' ? settings.get('ai.visionBaseUrl') || settings.get('ai.baseUrl') : settings.get('ai.baseUrl');
    const client = this.client(OpenAISdk, baseURL);
    const model = settings.get(kind === 'vision' ? 'ai.visionModel' : 'ai.transcriptionModel');
    const timeoutMs = this.opts.timeoutMs ?? (kind === 'vision' ? 60_000 : 120_000);
    const call = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      call.abort();
    }, timeoutMs);
    const onStop = () => call.abort();
    this.stopping.signal.addEventListener('abort', onStop, { once: true });
    const started = this.clock();
    try {
      const spec = { model, signal: call.signal, timeoutMs };
      const result =
        kind === 'vision'
          ? await describeImage(client, spec, file)
          : await transcribeAudio(client, spec, file, row.mimeType);
      recordUsage(this.opts.db, {
        conversationId: message.conversationId,
        messageId: message.id,
        kind,
        model,
        promptTokens: result.promptTokens,
        completionTokens: result.completionTokens,
        cachedTokens: result.cachedTokens,
        audioMs: result.audioMs,
        latencyMs: this.clock() - started,
        createdAt: this.clock(),
      });
      return result;
    } catch (error) {
      if (this.stopping.signal.aborted) throw new Interrupted();
      if (error instanceof JobFailure) throw error;
      const reason = timedOut ? 'timeout' : classifyError(OpenAISdk, error);
      throw new JobFailure(reason, TRANSIENT(reason), error);
    } finally {
      clearTimeout(timer);
      this.stopping.signal.removeEventListener('abort', onStop);
    }
  }

  private client(OpenAISdk: Sdk, baseURL: string): OpenAI {
    let client: OpenAI | null;
    try {
      client = this.clients.get(OpenAISdk, baseURL);
    } catch (error) {
      throw new JobFailure('keychain_unavailable', false, error);
    }
    // No key for OpenAI itself: nothing to ask. The turn still happens, with "[imagen]" in the prompt.
    if (!client) throw new JobFailure('not_configured', false);
    return client;
  }

  private async pause(ms: number): Promise<void> {
    try {
      await sleep(ms, undefined, { signal: this.stopping.signal });
    } catch {
      throw new Interrupted();
    }
  }
}
