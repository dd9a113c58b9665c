// "Para llamar" (issue 17): the patients a reminder did not reach, worked through between
// patients, and below it every message a channel did not deliver, with one-tap "Reintentar".
import { useEffect, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../shared/components/EmptyState';
import { errorMessage } from '../../lib/errors';
import { CallEntryRow } from './components/CallEntryRow';
import { UndeliveredRow } from './components/UndeliveredRow';
import { useCallList } from './store';

export function CallListPage() {
  const { t } = useTranslation();
  const id = useId();
  const entries = useCallList((s) => s.entries);
  const undelivered = useCallList((s) => s.undelivered);
  const loadError = useCallList((s) => s.loadError);

  useEffect(() => {
    void useCallList.getState().load();
  }, []);

  const open = entries?.filter((e) => e.status === 'open') ?? [];
  const done = entries?.filter((e) => e.status === 'done') ?? [];

  return (
    <div className="settings-page call-list-page">
      <header className="page-head">
        <h1 tabIndex={-1}>{t('callList.title')}</h1>
        <p className="muted">{t('callList.intro')}</p>
      </header>
      {loadError && !entries ? (
        <div className="card" role="alert">
          <p className="form-error">{`${t('callList.loadError')} ${errorMessage(t, loadError)}`}</p>
          <button type="button" className="button" onClick={() => void useCallList.getState().load()}>
            {t('app.retry')}
          </button>
        </div>
      ) : null}
      {!entries && !loadError ? <p aria-live="polite">{t('app.loading')}</p> : null}
      {entries ? (
        <section className="card" aria-labelledby={`${id}-calls`}>
          <h2 id={`${id}-calls`}>{t('callList.listTitle')}</h2>
          {open.length === 0 ? (
            <EmptyState title={t('callList.emptyTitle')}>
              <p>{t('callList.emptyBody')}</p>
            </EmptyState>
          ) : (
            <ul className="call-list" aria-label={t('callList.listTitle')}>
              {open.map((entry) => (
                <CallEntryRow key={entry.id} entry={entry} />
              ))}
            </ul>
          )}
          {done.length > 0 ? (
            <>
              <h3 className="call-list__subhead">{t('callList.doneTitle')}</h3>
              <ul className="call-list call-list--done" aria-label={t('callList.doneTitle')}>
                {done.map((entry) => (
                  <CallEntryRow key={entry.id} entry={entry} />
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}
      {undelivered ? (
        <section className="card" aria-labelledby={`${id}-undelivered`}>
          <h2 id={`${id}-undelivered`}>{t('callList.undelivered.title')}</h2>
          <p className="hint">{t('callList.undelivered.intro')}</p>
          {undelivered.length === 0 ? (
            <EmptyState title={t('callList.undelivered.emptyTitle')}>
              <p>{t('callList.undelivered.emptyBody')}</p>
            </EmptyState>
          ) : (
            <ul className="call-list" aria-label={t('callList.undelivered.title')}>
              {undelivered.map((m) => (
                <UndeliveredRow key={m.id} message={m} />
              ))}
            </ul>
          )}
        </section>
      ) : null}
    </div>
  );
}
