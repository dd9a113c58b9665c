import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isPaused } from '../api/model';
import { formatDateTime } from '../../../lib/format';
import { useNow } from '../../../lib/use-now';
import { useTimeZone } from '../../settings/store/settings';
import { useConversations } from '../store/conversations';
import { ChannelBadge } from '../../../shared/components/ChannelBadge';
import { Composer } from './Composer';
import { conversationName } from './ConversationList';
import { BackIcon, CalendarIcon } from '../../../shared/components/icons';
import { Link } from '../../../shared/components/Link';
import { MessageList } from './MessageList';
import { patientPath, useRouter } from '../../../lib/router';
import { messageFromSearch } from '../../../lib/list-view';
import { TakeoverControl } from './TakeoverControl';
import { WaitingTag } from './WaitingTag';
import { ConversationUsageLine } from '../../settings/components/usage/ConversationUsageLine';
import { SamePatientDialog } from './SamePatientDialog';

interface Props {
  conversationId: number;
  /** Put the cursor in the reply box once the chat shows (it was opened by a click). */
  focusComposer: boolean;
  /** Where "Volver a la lista" goes (the list with its filter and search). */
  backTo: string;
}

/** One open chat: who it is, the assistant/human switch, the messages and the reply box. */
export function ThreadView({ conversationId, focusComposer, backTo }: Props) {
  const { t, i18n } = useTranslation();
  const tz = useTimeZone();
  const now = useNow();
  const conversation = useConversations((s) => s.byId[conversationId]);
  const thread = useConversations((s) => s.threads[conversationId]);
  const thinking = useConversations((s) => Boolean(s.thinking[conversationId]));
  const composer = useRef<HTMLTextAreaElement>(null);
  // Opened from a search result: the message that matched.
  const jumpTo = useRouter((s) => messageFromSearch(s.route.search));
  const [linking, setLinking] = useState(false);
  const [linked, setLinked] = useState<{ conversationId: number; id: number; name: string } | null>(null);

  useEffect(() => {
    const store = useConversations.getState();
    void store.loadThread(conversationId);
    if (!store.byId[conversationId]) void store.refreshConversation(conversationId);
  }, [conversationId]);

  const present = Boolean(conversation);
  useEffect(() => {
    if (focusComposer && present) composer.current?.focus({ preventScroll: true });
  }, [focusComposer, present, conversationId]);

  if (!conversation) {
    return (
      <div className="thread thread--empty">
        <p className="messages__note">{thread?.missing ? t('conversations.notFound') : t('thread.loading')}</p>
      </div>
    );
  }

  const name = conversationName(conversation);
  const number = conversation.displayName?.trim() ? conversation.phone || conversation.externalUserId : null;
  const waitingForAssistant = thinking && !isPaused(conversation, now);
  const visit = conversation.nextAppointment;
  return (
    <div className="thread">
      <header className="thread__head">
        <Link to={backTo} className="button button--quiet thread__back">
          <BackIcon />
          <span className="sr-only">{t('conversations.back')}</span>
        </Link>
        <div className="thread__who">
          <h2 className="thread__name">{name}</h2>
          <p className="thread__sub">
            <ChannelBadge channel={conversation.channel} />
            {number ? <span>{number}</span> : null}
            <WaitingTag conversation={conversation} now={now} />
          </p>
          {visit ? (
            // When the patient asks "¿a qué hora era mi turno?", the answer is right here.
            <p className="thread__visit">
              <CalendarIcon />
              {t(visit.confirmed ? 'thread.nextVisitConfirmed' : 'thread.nextVisit', {
                when: formatDateTime(visit.startAt, i18n.language, tz),
              })}
            </p>
          ) : null}
          <ConversationUsageLine conversationId={conversationId} />
          {linked?.conversationId === conversationId ? (
            <p className="thread__linked" role="status">
              {t('thread.samePatient.done', { name: linked.name })}{' '}
              <Link to={patientPath(linked.id)}>{t('thread.samePatient.open')}</Link>
            </p>
          ) : null}
        </div>
        {conversation.patientId !== null && conversation.channel !== 'simulator' ? (
          <button type="button" className="button button--quiet thread__same" onClick={() => setLinking(true)}>
            {t('thread.samePatient.button')}
          </button>
        ) : null}
      </header>
      {linking && conversation.patientId !== null ? (
        <SamePatientDialog
          contactName={name}
          chatPatientId={conversation.patientId}
          onClose={() => setLinking(false)}
          onLinked={(patient) => {
            setLinking(false);
            setLinked({ conversationId, id: patient.id, name: patient.displayName });
            void useConversations.getState().refreshConversation(conversationId);
          }}
        />
      ) : null}
      <TakeoverControl conversation={conversation} onTakenOver={() => composer.current?.focus()} />
      <MessageList
        key={conversationId}
        conversationId={conversationId}
        name={name}
        showAssistantDetails={conversation.channel === 'simulator'}
        jumpTo={jumpTo}
      />
      {waitingForAssistant ? (
        <p className="typing" role="status">
          <span className="typing__dots" aria-hidden="true">
            <span />
            <span />
            <span />
          </span>
          {t('thread.assistantTyping')}
        </p>
      ) : null}
      <Composer ref={composer} conversationId={conversationId} name={name} />
    </div>
  );
}
