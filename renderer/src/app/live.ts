// Keeps every store current from the push channel: no polling, no reload. After each
// (re)connection, what may have been missed while offline is fetched once.
import { connectPush, type PushConnection } from '../shared/api/events';
import type { PushEvent } from '../shared/api/types';
import { api, authHeaders, currentSession } from '../shared/api/client';
import { useChannels } from '../features/channels/api/channels';
import { needsAttention, overrideReason, waitingSince } from '../features/inbox/api/model';
import { waitedFor } from '../lib/format';
import { conversationName } from '../features/inbox/components/ConversationList';
import { i18n } from '../i18n';
import { showNotification } from '../lib/notify';
import { assistantStatusChanged } from '../lib/assistant-outage';
import { diskStatusChanged } from '../lib/disk-space';
import { tickNow } from '../lib/use-now';
import { conversationPath, navigate, patientPath, useRouter } from '../lib/router';
import { useApp } from './app-store';
import { useConversations } from '../features/inbox/store/conversations';
import { useSettings } from '../features/settings/store/settings';
import type { AgendaPushEvent, Conversation } from '../shared/api/types';
import { agendaChanged, useAgenda } from '../features/agenda/store/agenda';
import { useClinic } from '../features/settings/store/clinic';
import { useSetup } from '../features/setup/store';
import { useKnowledge } from '../features/knowledge/store/knowledge-store';
import type { BackupPushEvent, KnowledgePushEvent } from '../shared/api/types';
import { useBackups } from '../features/settings/store/backups';
import { callListChanged } from '../features/call-list/store';
import { waitlistChanged } from '../features/agenda/api/waitlist';
import { patientAppointmentsChanged, patientChanged, usePatients } from '../features/patients/store/patients';

const HANDOFF_REASONS = new Set(['staff_reply', 'staff_echo', 'manual']);

/**
 * A chat just turned to "Necesita atención", or its wait just passed the clinic's SLA
 * (`late`): tell Laura, unless she is looking at it.
 */
function announceAttention(c: Conversation, late = false): void {
  const route = useRouter.getState().route;
  const looking =
    document.visibilityState === 'visible' &&
    document.hasFocus() &&
    route.page === 'conversations' &&
    route.conversationId === c.id;
  if (looking) return;
  const reason = overrideReason(c);
  const handoff = reason !== null && !HANDOFF_REASONS.has(reason);
  const since = waitingSince(c);
  const waited = since === null ? null : waitedFor(since, Date.now());
  showNotification({
    conversationId: c.id,
    title: i18n.t('notifications.title', { name: conversationName(c) }),
    body:
      late && waited
        ? i18n.t('notifications.lateBody', {
            waited: i18n.t(`conversations.waitingFor.${waited.unit}`, { count: waited.count }),
          })
        : handoff
          ? i18n.t('notifications.handoffBody', { reason: reason.replace(/^handoff:\s*/, '') })
          : c.lastMessagePreview,
    onClick: () => navigate(conversationPath(c.id)),
  });
}

/** Chats already announced while they need attention (two quick updates must not notify twice). */
const announced = new Set<number>();
/** The same for a wait past the SLA: once per breach (a new wait is a new `slaBreachedAt`). */
const announcedLate = new Map<number, string>();

async function onConversationUpdated(id: number): Promise<void> {
  const store = useConversations.getState();
  const before = store.byId[id];
  const after = await store.refreshConversation(id);
  if (!after) return;
  if (!needsAttention(after)) {
    announced.delete(id);
    announcedLate.delete(id);
    return;
  }
  if (
    after.slaBreachedAt &&
    announcedLate.get(id) !== after.slaBreachedAt &&
    before?.slaBreachedAt !== after.slaBreachedAt
  ) {
    announcedLate.set(id, after.slaBreachedAt);
    announced.add(id);
    announceAttention(after, true);
    return;
  }
  if (announced.has(id) || (before && needsAttention(before))) return;
  announced.add(id);
  announceAttention(after);
}

/**
 * Status events received so far, by type. /api/health reports the same states: an answer the
 * core computed before an event arrived here must not undo it (on a busy PC the event can
 * overtake the slower HTTP answer — the outage banner would show and vanish at once).
 */
const statusEventsSeen = { 'assistant.status': 0, 'disk.status': 0, 'channel.status': 0 };
type StatusEvent = keyof typeof statusEventsSeen;
const isStatusEvent = (type: string): type is StatusEvent => type in statusEventsSeen;

export function handlePushEvent(event: PushEvent | AgendaPushEvent | KnowledgePushEvent | BackupPushEvent): void {
  const conversations = useConversations.getState();
  if (isStatusEvent(event.type)) statusEventsSeen[event.type] += 1;
  switch (event.type) {
    case 'message.created':
      void conversations.fetchMessage(event.data.messageId);
      break;
    case 'message.updated': {
      const { conversationId, messageId, status } = event.data;
      const known = conversations.threads[conversationId]?.messages.some((m) => m.id === messageId);
      // The tick changes at once; the full message follows (a failure's reason, a download's state).
      if (known) conversations.setMessageStatus(conversationId, messageId, status);
      if (conversations.threads[conversationId]) void conversations.fetchMessage(messageId);
      // A reply that failed (or is retried) changes the chat's marker in the list.
      if (status === 'failed' || status === 'queued') {
        void onConversationUpdated(conversationId);
        callListChanged(); // "Mensajes no entregados" gains or loses it
      }
      break;
    }
    case 'conversation.updated':
      // A pause may have just been set: count it down from now, not from the last 15 s tick.
      tickNow();
      void onConversationUpdated(event.data.conversationId);
      break;
    case 'turn.started':
    case 'turn.finished':
      conversations.setThinking(event.data.conversationId, event.type === 'turn.started');
      break;
    case 'assistant.status':
      assistantStatusChanged(event.data);
      break;
    case 'disk.status':
      diskStatusChanged(event.data);
      break;
    case 'channel.status':
      useApp.getState().setChannelState(event.data);
      useChannels.getState().applyStatus(event.data);
      if (event.data.state === 'connected') void useSetup.getState().load(); // the setup's WhatsApp step
      break;
    case 'settings.updated': {
      const settings = useSettings.getState();
      void settings.load();
      if (event.data.keys.some((k) => k.startsWith('secret') || k.startsWith('ai.'))) void settings.loadSecrets();
      void useSetup.getState().load(); // what the setup (and its banner) still needs
      break;
    }
    case 'appointment.changed':
      agendaChanged();
      patientAppointmentsChanged(openPatientId(), patientsShown());
      break;
    case 'agenda.catalogue.updated':
      // Time off and hours for single dates are read by their own lists; the calendar shows them through the agenda.
      if (event.data.what !== 'time_off' && event.data.what !== 'date_hours')
        void useClinic.getState().load(event.data.what);
      if (event.data.what === 'services' || event.data.what === 'practitioners') void useSetup.getState().load();
      agendaChanged();
      break;
    case 'patient.updated':
      patientChanged(event.data.patientId, patientsShown(), event.data.mergedId);
      // The open patient was merged into another: follow it there.
      if (event.data.mergedId !== undefined && event.data.mergedId === openPatientId())
        navigate(patientPath(event.data.patientId), { replace: true });
      agendaChanged();
      if (event.data.mergedId !== undefined) waitlistChanged(); // the merged patient's entries moved
      break;
    case 'waitlist.changed':
      waitlistChanged();
      break;
    case 'knowledge.updated':
      useKnowledge.getState().applyEvent(event.data);
      break;
    case 'callList.changed':
      callListChanged();
      break;
    case 'backup.progress':
    case 'backup.finished':
      useBackups.getState().applyEvent(event);
      break;
    default:
      break;
  }
}

export async function refreshHealth(): Promise<void> {
  try {
    const seen = { ...statusEventsSeen };
    const health = await api.health();
    const fresh = (type: StatusEvent) => statusEventsSeen[type] === seen[type];
    const shown = useApp.getState().health;
    useApp.getState().setHealth(fresh('channel.status') || !shown ? health : { ...health, channels: shown.channels });
    if (fresh('assistant.status')) assistantStatusChanged(health.assistant, false);
    if (health.disk && fresh('disk.status')) diskStatusChanged(health.disk, false);
  } catch {
    /* the push banner already says we are offline */
  }
}

/** Everything a missed event could have changed. */
export function resync(openConversationId: number | null): void {
  const conversations = useConversations.getState();
  void conversations.loadList();
  for (const id of Object.keys(conversations.threads).map(Number)) {
    if (id === openConversationId || conversations.threads[id]?.messages.length) void conversations.loadThread(id);
  }
  void useSettings.getState().load();
  void refreshHealth();
  if (useChannels.getState().channels) void useChannels.getState().load();
  resyncAgenda();
  if (useKnowledge.getState().list !== null) void useKnowledge.getState().load();
  callListChanged(); // the sidebar's "Para llamar" count
  waitlistChanged(); // an open "Lista de espera"
}

const openPatientId = () => useRouter.getState().route.patientId ?? null;
const patientsShown = () => useRouter.getState().route.page === 'patients';

/** The agenda, the catalogue and the patients on screen, after a reconnection. */
function resyncAgenda(): void {
  if (useAgenda.getState().range) void useAgenda.getState().refetch();
  const clinic = useClinic.getState();
  if (clinic.profile || clinic.practitioners) void clinic.loadAll();
  const patients = usePatients.getState();
  if (patients.list && patientsShown()) void patients.reloadList();
  const open = openPatientId();
  if (open !== null) void patients.loadDetail(open);
}

let connection: PushConnection | null = null;

export function startLive(getOpenConversation: () => number | null): () => void {
  const s = currentSession();
  connection = connectPush({
    url: `${s.apiBase}/api/events`,
    headers: authHeaders(),
    onEvent: handlePushEvent,
    onStatus: (status) => {
      useApp.getState().setPush(status);
      // Whatever happened before this connection opened (while offline, or between the
      // first load and now) is fetched once; from here on the events keep it current.
      if (status.state === 'open') resync(getOpenConversation());
    },
    onUnauthorized: () => useApp.getState().setSession('expired'),
  });
  return () => {
    connection?.close();
    connection = null;
  };
}

export const retryPushNow = () => connection?.retryNow();
