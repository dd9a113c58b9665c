// The route a patient message takes, wired here and nowhere else:
//
//   channel ──► ingest ──► turns ──► outbox ──► channel
//   (provider)  (dedup,    (debounce, (durable     (send, typing)
//               store)      one turn   rows,
//                 │         per chat)  retries)
//      staff echo │            │ handoff
//                 ▼            ▼
//                   takeover: a paused chat is stored and shown, never answered
//
// Around it, services this file hands work to or takes it from:
//   ingest ──► media store (inbox/): the file a message carries, fetched through its channel
//                └─► media understanding (agent/): descriptions, transcripts; a turn waits for voice notes
//   channel ──► delivery receipts (inbox/): what became of what the outbox sent
//   staff actions (inbox/) ──► takeover (pause, release) and the outbox (`replyQueued`)
import type { Db } from '../../db/client.js';
import type { WriteBatcher } from '../../db/write-batcher.js';
import type { AssistantReplier } from '../agent/assistant.js';
import type { MediaUnderstanding } from '../agent/media-understanding/runner.js';
import type { Channel, DeliveryUpdate, InboundHandler, MessageEdit, MessageEditOutcome } from '../channels/channel.js';
import type { JobScheduler } from '../jobs/index.js';
import type { MediaStore } from '../inbox/media-store.js';
import type { Logger } from '../kernel/logger.js';
import type { Metrics } from '../kernel/metrics.js';
import type { ClinicSettingsReader } from '../agenda/settings.js';
import type { PipelineEventBus } from './events.js';
import type { PipelineSettingsReader } from './settings.js';
import { createIngest } from './ingest.js';
import { OutboxWorker } from './outbox-worker.js';
import { TAKEOVER_RELEASE_JOB, Takeover, takeoverReleaseJob } from './takeover.js';
import { TurnScheduler } from './turns.js';
import { readinessGaps, SETUP_INCOMPLETE_HANDOFF } from '../agenda/readiness.js';
import { conversationIdByExternal, getConversation } from '../../db/repos/conversations.js';
import type { AutomationReplyHandler } from '../automations/reply-handler.js';
import { ReplyRouter } from '../automations/replies/index.js';

const SIMULATOR = 'simulator';

export interface PipelineDeps {
  db: Db;
  events: PipelineEventBus;
  /** The stages' own settings, and the clinic's country for numbers written without one. */
  settings: PipelineSettingsReader & ClinicSettingsReader;
  metrics: Metrics;
  writes: WriteBatcher;
  /** The root logger; each stage logs under its own module. */
  log: Logger;
  dataDir: string;
  /** The background jobs: the pipeline registers the takeover release (pauses that ran out end). */
  jobs: Pick<JobScheduler, 'register' | 'wake'>;
  channels: ReadonlyMap<string, Channel>;
  assistant: AssistantReplier;
  /** Downloads the files messages carry, through the channels (so it stops before them). */
  media: Pick<MediaStore, 'enqueue' | 'resumePending' | 'stop'>;
  /** Descriptions and transcripts; a turn waits for a chat's voice notes. */
  understanding: Pick<MediaUnderstanding, 'waitForFiles' | 'resumePending' | 'stop'>;
  /** A provider's receipt for a message we sent. */
  deliveryStatus(provider: string, update: DeliveryUpdate): Promise<void>;
  /** A provider's edit or deletion of a message it delivered before. */
  messageEdited?(provider: string, edit: MessageEdit): Promise<MessageEditOutcome>;
  /** A chat was handed to a person by the assistant (notifications: handoff.opened). */
  onHandoff?: (conversationId: number, reason: string) => void;
  /** Who reads patients' answers to automated messages, per kind (automations/); more register on `replies`. */
  replyHandlers?: readonly AutomationReplyHandler[];
}

export interface Pipeline {
  ingest: InboundHandler;
  takeover: Takeover;
  turns: TurnScheduler;
  outbox: OutboxWorker;
  /** Reads answers to automated messages before the assistant; `register` adds a kind's handler (the waitlist's). */
  replies: Pick<ReplyRouter, 'register'>;
  /** A reply was queued outside a turn (staff wrote it): wake the outbox. */
  replyQueued(): void;
  /**
   * Starts the channels (inbound goes to ingest), resumes
   * the downloads, descriptions and sends a shutdown interrupted, and the turns owed.
   */
  start(): Promise<void>;
  /** Undoes `start` in reverse, each step awaited; what was started before a failure is stopped too. */
  stop(): Promise<void>;
}

export function createPipeline(deps: PipelineDeps): Pipeline {
  const { db, events, settings, metrics, writes, log, channels, media, understanding } = deps;
  const outbox = new OutboxWorker({
    db,
    channels,
    events,
    metrics,
    writes,
    dataDir: deps.dataDir,
    log: log.child({ module: 'outbox' }),
    // Outside WhatsApp's 24-hour window only a person (by phone, or a template) can reach the patient.
    onNeedsPerson: (id, reason) => handOff(id, reason),
  });
  const takeover = new Takeover({
    db,
    events,
    log: log.child({ module: 'takeover' }),
    wake: () => deps.jobs.wake(TAKEOVER_RELEASE_JOB),
    // A hand-back (or a pause that ran out) left patient messages owed: answer them now, not at the next message.
    onOwed: (id) => turns.schedule(id, 0),
    onHandedBack: (id) => tellProvider(id, 'handedBack'),
  });
  deps.jobs.register(takeoverReleaseJob(takeover));
  const replies = new ReplyRouter({ db, log: log.child({ module: 'replies' }), handlers: deps.replyHandlers });
  const turns = new TurnScheduler({
    db,
    settings,
    assistant: deps.assistant,
    events,
    metrics,
    writes,
    log: log.child({ module: 'turns' }),
    onReplyQueued: () => outbox.kick(),
    // The assistant called handoff_to_human: its reply says someone will answer, and the chat waits for them.
    onHandoff: (id, reason) => handOff(id, reason),
    awaitFiles: (id) => understanding.waitForFiles(id, settings.get('ai.voiceNoteWaitMs')),
    automationReplies: (input) => replies.route(input),
    // Until the owner set the hours and a service, the assistant would invent both: real patients get a person.
    // The simulator is the owner trying it out, and still answers.
    mustHandOff: (c) =>
      c.provider !== SIMULATOR && readinessGaps(db, settings).length > 0 ? SETUP_INCOMPLETE_HANDOFF : null,
  });
  const ingest = createIngest({
    db,
    events,
    log: log.child({ module: 'ingest' }),
    metrics,
    onPatientMessage: (id) => turns.schedule(id),
    // Staff answered from their phone or the provider's inbox: the assistant steps back, as if they had used Recepta.
    onStaffMessage: (id) => takeover.pause(id, 'staff_echo'),
    onMedia: (id) => media.enqueue(id),
    defaultCountry: () => settings.get('clinic.defaultCountry'),
  });

  /** The chat goes to a person; a provider with its own inbox (Chatwoot) is told, so its agents see it. */
  function handOff(conversationId: number, reason: string): void {
    takeover.pause(conversationId, `handoff:${reason}`);
    deps.onHandoff?.(conversationId, reason);
    tellProvider(conversationId, 'handedOff');
  }

  /** A provider with its own inbox hears who has the chat now (Chatwoot: open for its agents, pending for the bot). */
  function tellProvider(conversationId: number, what: 'handedOff' | 'handedBack'): void {
    const chat = getConversation(db, conversationId);
    const channel = chat ? channels.get(chat.provider) : undefined;
    const tell = channel?.[what]?.bind(channel);
    if (!chat || !tell) return;
    tell({ externalUserId: chat.externalUserId, externalConversationId: chat.externalConversationId }).catch(
      (error: unknown) => log.warn({ err: error, provider: chat.provider, what }, 'telling the provider failed'),
    );
  }

  /** The provider's inbox says a person took the chat, or gave it back: the same pause staff get in Recepta. */
  const ownership =
    (provider: string) =>
    async ({ externalUserId, person }: { externalUserId: string; person: boolean }): Promise<void> => {
      const id = conversationIdByExternal(db, provider, externalUserId);
      if (id === null) return;
      if (person) takeover.pause(id, 'staff_echo');
      // Only a chat that is paused is handed back: releasing one that is not would answer what was left on purpose.
      else if (takeover.isPaused(id)) takeover.release(id);
    };

  const stack: Array<() => Promise<void> | void> = [];
  const stop = async () => {
    while (stack.length) await stack.pop()?.();
  };
  const start = async () => {
    for (const channel of channels.values()) {
      await channel.start({
        inbound: ingest,
        deliveryStatus: (update) => deps.deliveryStatus(channel.provider, update),
        ownership: ownership(channel.provider),
        messageEdited: async (edit) => (deps.messageEdited ? deps.messageEdited(channel.provider, edit) : 'unknown'),
      });
      stack.push(() => channel.stop());
    }
    // Media stops before the channels: a download through a channel would otherwise fail at shutdown.
    stack.push(() => media.stop());
    const resumedMedia = media.resumePending();
    if (resumedMedia) log.info({ module: 'media', resumed: resumedMedia }, 'resuming media downloads');
    const resumedJobs = understanding.resumePending();
    if (resumedJobs)
      log.info(
        { module: 'media-understanding', resumed: resumedJobs },
        'resuming image descriptions and transcriptions',
      );
    outbox.start();
    stack.push(() => outbox.stop());
    const resumed = turns.resumeOwed();
    if (resumed) log.info({ module: 'turns', resumed }, 'resuming chats that were waiting for an answer');
    // turns.stop() marks the scheduler stopped before the runner releases a turn waiting for a transcript:
    // that turn then leaves its messages owed for the next start instead of answering without the words.
    stack.push(() => Promise.all([turns.stop(), understanding.stop()]).then(() => undefined));
  };
  return { ingest, takeover, turns, outbox, replies, replyQueued: () => outbox.kick(), start, stop };
}
