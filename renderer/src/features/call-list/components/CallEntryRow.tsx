import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallListEntry } from '../../../shared/api/types';
import { Link } from '../../../shared/components/Link';
import { errorMessage } from '../../../lib/errors';
import { formatDateTime } from '../../../lib/format';
import { formatPhone } from '../../../lib/phone';
import { conversationPath } from '../../../lib/router';
import { useTimeZone } from '../../settings/store/settings';
import { useCallList } from '../store';

const KNOWN_REASONS = new Set(['reminder_not_delivered', 'no_chat']);

/** One patient to call: who, why in plain words, the visit, the phone (call or copy), and the tick. */
export function CallEntryRow({ entry }: { entry: CallListEntry }) {
  const { t, i18n } = useTranslation();
  const zone = useTimeZone();
  const name = entry.patientName || t('callList.unnamed');
  const when = (iso: string) => formatDateTime(iso, i18n.language, zone);
  const reason = KNOWN_REASONS.has(entry.reason) ? entry.reason : 'other';
  const visit = entry.appointment;
  return (
    <li className={`call-entry ${entry.status === 'done' ? 'call-entry--done' : ''}`}>
      <div className="call-entry__main">
        <p className="call-entry__name">{name}</p>
        <p className="call-entry__reason">{t(`callList.reasons.${reason}` as 'callList.reasons.other')}</p>
        <p className="muted">
          {visit
            ? visit.service && visit.practitioner
              ? t('callList.visitWith', {
                  when: when(visit.startAt),
                  service: visit.service,
                  practitioner: visit.practitioner,
                })
              : t('callList.visit', { when: when(visit.startAt) })
            : t('callList.noVisit')}
        </p>
        {entry.status === 'done' ? (
          <p className="muted">
            {t('callList.doneAt', { when: when(entry.doneAt ?? entry.createdAt) })}
            {entry.outcome ? ` — «${entry.outcome}»` : ''}
          </p>
        ) : null}
      </div>
      <div className="call-entry__actions">
        <PhoneActions phone={entry.phone} name={name} />
        {entry.conversationId !== null ? (
          <Link to={conversationPath(entry.conversationId)} className="button button--quiet button--small">
            {t('callList.openChat')}
          </Link>
        ) : null}
        {entry.status === 'open' ? (
          <DoneControl entryId={entry.id} name={name} />
        ) : (
          <UndoButton entryId={entry.id} name={name} />
        )}
      </div>
    </li>
  );
}

function PhoneActions({ phone, name }: { phone: string | null; name: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  if (!phone) return <span className="muted">{t('callList.noPhone')}</span>;
  const shown = formatPhone(phone);
  async function copy() {
    try {
      await navigator.clipboard.writeText(phone!);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      /* no clipboard (an insecure LAN page): the number is on screen to read */
    }
  }
  return (
    <span className="call-entry__phone">
      <a href={`tel:${phone}`} className="call-entry__tel" aria-label={t('callList.callPhone', { phone: shown })}>
        {shown}
      </a>
      <button
        type="button"
        className="button button--secondary button--small"
        aria-label={t('callList.copyLabel', { name })}
        onClick={() => void copy()}
      >
        {copied ? t('callList.copied') : t('callList.copy')}
      </button>
    </span>
  );
}

/** "Ya llamé" opens a one-line note (optional) and the confirmation, so a tick is never a slip. */
function DoneControl({ entryId, name }: { entryId: number; name: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [state, setState] = useState<{ kind: 'idle' | 'saving' } | { kind: 'error'; message: string }>({
    kind: 'idle',
  });
  if (!open)
    return (
      <button
        type="button"
        className="button button--small"
        aria-label={t('callList.markDoneLabel', { name })}
        onClick={() => setOpen(true)}
      >
        {t('callList.markDone')}
      </button>
    );
  async function submit(e: FormEvent) {
    e.preventDefault();
    setState({ kind: 'saving' });
    try {
      await useCallList.getState().markDone(entryId, note);
    } catch (err) {
      setState({ kind: 'error', message: errorMessage(t, err) });
    }
  }
  return (
    <form className="call-entry__done" onSubmit={(e) => void submit(e)}>
      <label htmlFor={`${id}-note`}>{t('callList.noteLabel')}</label>
      <input
        id={`${id}-note`}
        type="text"
        maxLength={500}
        value={note}
        placeholder={t('callList.notePlaceholder')}
        onChange={(e) => setNote(e.target.value)}
        autoFocus
      />
      <div className="actions">
        <button type="submit" className="button button--small" disabled={state.kind === 'saving'}>
          {state.kind === 'saving' ? t('callList.saving') : t('callList.confirmDone')}
        </button>
        <button type="button" className="button button--quiet button--small" onClick={() => setOpen(false)}>
          {t('callList.cancel')}
        </button>
      </div>
      {state.kind === 'error' ? (
        <p className="form-error" role="alert">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}

function UndoButton({ entryId, name }: { entryId: number; name: string }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      className="button button--quiet button--small"
      aria-label={t('callList.undoLabel', { name })}
      disabled={busy}
      onClick={() => {
        setBusy(true);
        void useCallList
          .getState()
          .reopen(entryId)
          .finally(() => setBusy(false));
      }}
    >
      {t('callList.undo')}
    </button>
  );
}
