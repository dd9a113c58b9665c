// The `reminders` job (issue 17): every few minutes, the reminders owed now are decided
// (selection.ts, pure) and each is claimed with its message in one transaction
// (db/repos/reminders.ts). Sending is the outbox's: its limiter and jitter pace them.
import { transaction, type Db } from '../../../db/client.js';
import { WalSync } from '../../../db/wal-sync.js';
import { addToCallList } from '../../../db/repos/call-list.js';
import {
  claimReminder,
  recordSkippedReminder,
  reminderAddressees,
  reminderCandidates,
  withdrawStaleReminders,
  writtenReminderKeys,
  type ReminderAddressee,
} from '../../../db/repos/reminders.js';
import type { ClinicSettings } from '../../agenda/settings.js';
import type { AgentSettings } from '../../agent/settings.js';
import type { InboxSettings } from '../../inbox/settings.js';
import { defineJob, type Job } from '../../jobs/index.js';
import type { SettingsReader } from '../../kernel/settings-store.js';
import { reminderKey, selectionHorizon, selectReminders, type Decision, type SelectionRules } from './selection.js';
import { quietHours, type ReminderSettings } from './settings.js';
import { templateReminders, type TemplateReminder, type TemplateReminderDeps } from './template-reminder.js';
import { reminderWriter, type ReminderLanguage } from './texts.js';

export const REMINDERS_JOB = 'reminders';
/** How often the job looks: a reminder goes out at most this late. */
export const REMINDERS_EVERY_MS = 5 * 60_000;

export type RemindersSettingsReader = SettingsReader<
  ReminderSettings &
    Pick<ClinicSettings, 'clinic.timeZone' | 'clinic.name'> &
    Pick<AgentSettings, 'assistant.tone' | 'assistant.replyLanguage'> &
    InboxSettings
>;

/** Providers that are WhatsApp by QR (a linked device): they must not start conversations. */
const QR_PROVIDERS = new Set(['whatsapp', 'evolution']);

export interface RemindersDeps {
  db: Db;
  settings: RemindersSettingsReader;
  /** A reminder's message was committed to the outbox (the inbox shows it at once). */
  onQueued?: (message: { conversationId: number; messageId: number }) => void;
  /** The official API (YCloud) for patients the channel cannot reach, when the clinic chose it. */
  templates?: TemplateReminderDeps;
}

export interface ReminderRunResult {
  /** Claimed and enqueued. */
  sent: number;
  skipped: number;
  withdrawn: number;
}

export function selectionRules(settings: RemindersSettingsReader): SelectionRules {
  const kinds = (['early', 'main', 'short'] as const)
    .filter((kind) => settings.get(`reminders.${kind}.enabled`))
    .map((kind) => ({ kind, offsetHours: settings.get(`reminders.${kind}.offsetHours`) }));
  return {
    zone: settings.get('clinic.timeZone'),
    quiet: quietHours(settings),
    kinds,
    shortOffsetHours: settings.get('reminders.short.offsetHours'),
  };
}

/** What is owed at `now`: the visits in the window, less the reminders already written. */
export function owedReminders(db: Db, settings: RemindersSettingsReader, now: number): Decision[] {
  if (!settings.get('reminders.enabled')) return [];
  const rules = selectionRules(settings);
  const to = now + selectionHorizon(rules);
  const done = new Set(writtenReminderKeys(db, now, to).map((k) => reminderKey(k.appointmentId, k.kind, k.startAt)));
  return selectReminders(rules, reminderCandidates(db, now, to), done, now);
}

/** Claims and enqueues (or records as skipped) each decision. */
export function applyDecisions(deps: RemindersDeps, decisions: readonly Decision[], now: number): ReminderRunResult {
  const { db } = deps;
  const result: ReminderRunResult = { sent: 0, skipped: 0, withdrawn: withdrawStaleReminders(db, now) };
  const run = runSettings(deps.settings, deps.templates);
  const sends = decisions.filter((d) => d.action === 'send');
  const addressees = new Map(
    reminderAddressees(db, [...new Set(sends.map((d) => d.appointmentId))]).map((a) => [a.appointmentId, a]),
  );
  // One commit per batch of up to 1,000, not per reminder (a commit waits for the disk: 1,000 took 9 s).
  // Each claim stays atomic with its message inside it (a savepoint), and a crash loses
  // the whole batch's rows together, which the next run claims again.
  // Committed without a disk flush on the main thread (WalSync): nothing acts on these rows
  // before the outbox's claim of a message, which is flushed and flushes them with it (the WAL
  // is written in order). Lost in a power cut first, they were never sent: the next run claims them again.
  const wal = WalSync.for(db);
  for (let i = 0; i < decisions.length; i += CLAIM_BATCH) {
    const queued: { conversationId: number; messageId: number }[] = [];
    wal.deferred(() =>
      transaction(db, () => {
        for (const d of decisions.slice(i, i + CLAIM_BATCH))
          applyDecision(db, run, d, addressees.get(d.appointmentId), now, result, queued);
      }),
    );
    // Told only once committed: the inbox never shows a message a rollback took back.
    for (const message of queued) deps.onQueued?.(message);
  }
  return result;
}

const CLAIM_BATCH = 1_000;

/** What a run reads from the settings, read once per run rather than several times per reminder. */
interface RunSettings {
  onlyExistingChats: boolean;
  asTemplate: TemplateReminder | null;
  maxAttempts: number;
  text: (d: Decision, to: ReminderAddressee) => string;
}

function runSettings(settings: RemindersSettingsReader, templates?: TemplateReminderDeps): RunSettings {
  const write = reminderWriter({
    texts: {
      early: settings.get('reminders.early.text'),
      main: settings.get('reminders.main.text'),
      short: settings.get('reminders.short.text'),
    },
    language: (settings.get('assistant.replyLanguage') === 'en' ? 'en' : 'es') satisfies ReminderLanguage,
    tone: settings.get('assistant.tone'),
    zone: settings.get('clinic.timeZone'),
    clinicName: settings.get('clinic.name'),
  });
  return {
    onlyExistingChats: settings.get('reminders.onlyExistingChats'),
    asTemplate: templateReminders(templates),
    maxAttempts: settings.get('outbox.maxAttempts'),
    text: (d, to) =>
      write(d.kind, {
        startAt: d.startAt,
        patientName: to.patientName ?? to.chatName,
        practitionerName: to.practitionerName,
        serviceName: to.serviceName,
      }),
  };
}

function applyDecision(
  db: Db,
  run: RunSettings,
  d: Decision,
  to: ReminderAddressee | undefined,
  now: number,
  result: ReminderRunResult,
  queued: { conversationId: number; messageId: number }[],
): void {
  const claim = { appointmentId: d.appointmentId, kind: d.kind, startAt: d.startAt, dueAt: d.dueAt, now };
  if (d.action === 'skip') {
    if (recordSkippedReminder(db, { ...claim, reason: d.reason, conversationId: null })) result.skipped++;
    return;
  }
  const chat = to && reachableChat(to, run.onlyExistingChats);
  const template = to && !chat ? run.asTemplate?.(to, now) : null;
  if (to && template) {
    const claimed = claimReminder(db, { ...claim, ...template, maxAttempts: run.maxAttempts });
    if (!claimed) return;
    result.sent++;
    queued.push({ conversationId: claimed.conversationId, messageId: claimed.messageId });
    return;
  }
  if (!to || !chat) {
    if (recordSkippedReminder(db, { ...claim, reason: 'no_chat', conversationId: to?.conversationId ?? null })) {
      result.skipped++;
      if (to)
        addToCallList(db, {
          patientId: to.patientId,
          appointmentId: d.appointmentId,
          conversationId: to.conversationId,
          reason: 'no_chat',
          createdAt: now,
        });
    }
    return;
  }
  const claimed = claimReminder(db, {
    ...claim,
    conversationId: chat.conversationId,
    provider: chat.provider,
    text: run.text(d, to),
    maxAttempts: run.maxAttempts,
  });
  if (!claimed) return;
  result.sent++;
  queued.push({ conversationId: chat.conversationId, messageId: claimed.messageId });
}

/** The patient's chat a reminder may go to, or null (none; or WhatsApp by QR and the patient never wrote). */
function reachableChat(
  to: ReminderAddressee,
  onlyExistingChats: boolean,
): { conversationId: number; provider: string } | null {
  if (to.conversationId === null || to.provider === null) return null;
  if (onlyExistingChats && QR_PROVIDERS.has(to.provider) && !to.patientWrote) return null;
  return { conversationId: to.conversationId, provider: to.provider };
}

/** The job: looks every five minutes; a run is logged only when something was owed (or someone asked). */
export function remindersJob(deps: RemindersDeps): Job<Decision> {
  return defineJob<Decision>({
    name: REMINDERS_JOB,
    schedule: { everyMs: REMINDERS_EVERY_MS },
    claim: (db, now) => owedReminders(db, deps.settings, now),
    run: (decisions, ctx) => {
      const result = applyDecisions(deps, decisions, ctx.now);
      ctx.log.info({ module: 'reminders', ...result }, 'reminders run');
    },
  });
}
