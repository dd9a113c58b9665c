// The handoff SLA watch (issue 17): a chat waiting for a person (db/repos/waiting.ts) longer
// than `sla.thresholdMinutes` is breached: told once per wait (sla.breached), marked in
// the inbox; 5 or more at once is an incident (incident.sla_cluster), told once per cluster.
// The wait ending (a staff reply, a hand-back) clears it. Only the waiting chats are read
// (the conversations_paused and conversations_waiting partial indexes), and only open
// breaches (sla_breaches_open), so a run costs what is waiting, not the inbox's size.
import { transaction, type Db } from '../../../db/client.js';
import { listWaitingConversations } from '../../../db/repos/conversations.js';
import {
  clearBreach,
  endCluster,
  openBreaches,
  openCluster,
  recordBreach,
  startCluster,
  type Wait,
} from '../../../db/repos/sla.js';
import { clinicRules } from '../../agenda/clinic.js';
import type { AgendaSettings } from '../../agenda/settings.js';
import type { InboxEvents } from '../../inbox/events.js';
import { defineJob, type Job } from '../../jobs/index.js';
import type { EventPort } from '../../kernel/events.js';
import type { Logger } from '../../kernel/logger.js';
import type { NotificationService } from '../../notifications/service.js';
import { openMsBetween } from './open-time.js';
import type { SlaSettingsReader } from './settings.js';

/** Public name (INTERFACES.md): `POST /api/jobs/sla-watch/run`. */
export const SLA_WATCH_JOB = 'sla-watch';
/** Breaches at once that make an incident. */
export const SLA_CLUSTER_SIZE = 5;
const MINUTE = 60_000;

export interface SlaWatchDeps {
  db: Db;
  settings: SlaSettingsReader & AgendaSettings;
  notifications: Pick<NotificationService, 'notify'>;
  /** The inbox hears of a breach set or cleared (the list's red marker). */
  events: EventPort<InboxEvents>;
  log: Logger;
}

/** What a run changes; each step is safe twice (UNIQUE keys), so a retry or two runs agree. */
export type SlaChange =
  | { kind: 'breach'; wait: Wait; reason: string }
  | { kind: 'clear'; breachId: number; conversationId: number }
  | { kind: 'cluster'; size: number }
  | { kind: 'cluster_end' };

/** Whether a handed-off chat or a patient writing into a paused or unanswered one: the breach's reason code. */
function reasonOf(overrideReason: string | null): string {
  return (overrideReason ?? '').startsWith('handoff:') ? 'handoff_unanswered' : 'patient_unanswered';
}

/** The changes due at `now`: new breaches, breaches whose wait ended, a cluster starting or ending. */
export function slaChanges(deps: Pick<SlaWatchDeps, 'db' | 'settings'>, now: number): SlaChange[] {
  const { db, settings } = deps;
  const threshold = settings.get('sla.thresholdMinutes') * MINUTE;
  const onlyOpen = settings.get('sla.onlyOpeningHours');
  const rules = onlyOpen ? clinicRules(db, settings, now - 15 * 24 * 3_600_000) : null;
  const waiting = listWaitingConversations(db, now);
  const waitsNow = new Map(waiting.map((c) => [c.id, c.waitingSince]));
  const changes: SlaChange[] = [];
  const open = openBreaches(db);
  let count = 0;
  for (const breach of open) {
    if (waitsNow.get(breach.conversationId) === breach.waitingSince) count++;
    else changes.push({ kind: 'clear', breachId: breach.id, conversationId: breach.conversationId });
  }
  const breached = new Set(open.map((b) => `${b.conversationId} ${b.waitingSince}`));
  for (const chat of waiting) {
    if (breached.has(`${chat.id} ${chat.waitingSince}`)) continue;
    const waited = rules ? openMsBetween(rules, chat.waitingSince, now) : now - chat.waitingSince;
    if (waited < threshold) continue;
    changes.push({
      kind: 'breach',
      wait: { conversationId: chat.id, waitingSince: chat.waitingSince },
      reason: reasonOf(chat.humanOverrideReason),
    });
    count++;
  }
  const cluster = openCluster(db);
  if (count >= SLA_CLUSTER_SIZE && !cluster) changes.push({ kind: 'cluster', size: count });
  if (count < SLA_CLUSTER_SIZE && cluster) changes.push({ kind: 'cluster_end' });
  return changes;
}

/** Applies the changes: each notification is queued in the transaction that records it, so it is told exactly once. */
export function applySlaChanges(deps: SlaWatchDeps, changes: SlaChange[], now: number): void {
  const { db, notifications, events, log } = deps;
  for (const change of changes) {
    if (change.kind === 'breach') {
      const told = transaction(db, () => {
        if (!recordBreach(db, change.wait, now)) return false;
        notifications.notify('sla.breached', {
          conversationId: change.wait.conversationId,
          reason: change.reason,
          intent: 'handoff',
        });
        return true;
      });
      if (!told) continue;
      log.info({ conversationId: change.wait.conversationId, reason: change.reason }, 'chat waiting past the SLA');
      events.emit('conversation.updated', { conversationId: change.wait.conversationId });
    } else if (change.kind === 'clear') {
      if (clearBreach(db, change.breachId, now))
        events.emit('conversation.updated', { conversationId: change.conversationId });
    } else if (change.kind === 'cluster') {
      transaction(db, () => {
        if (startCluster(db, change.size, now))
          notifications.notify('incident.sla_cluster', { reason: 'sla_cluster', count: change.size });
      });
    } else endCluster(db, now);
  }
}

/**
 * The job: every minute, and on demand. `claim` finds the changes (a read); nothing to
 * change logs no run, so the runs log shows the minutes something happened.
 */
export function slaWatchJob(deps: SlaWatchDeps): Job<SlaChange> {
  return defineJob<SlaChange>({
    name: SLA_WATCH_JOB,
    schedule: { everyMs: MINUTE },
    claim: (_db, now) => {
      const changes = slaChanges(deps, now);
      return changes.length ? changes : null;
    },
    run: (items, ctx) => applySlaChanges(deps, items, ctx.now),
  });
}
