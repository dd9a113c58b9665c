import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { agendaApi, saveBlob } from '../api/agenda';
import { ApiError } from '../../../shared/api/client';
import { formatDay } from '../../../lib/format';
import { useAgenda } from '../store/agenda';
import { Dialog } from '../../../shared/components/Dialog';
import { agendaError } from '../errors';
import { localParts } from '../time';
import { FormFeedback } from '../../../shared/components/FormFeedback';
import { Link } from '../../../shared/components/Link';
import { clinicSettingsPath } from '../../settings/sections';
import type { CalendarFeed } from '../../../shared/api/types';

/** CSV and ICS of the visible range, and the calendar feed other apps can subscribe to. */
export function ExportDialog({ onClose }: { onClose(): void }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const range = useAgenda((s) => s.range);
  const timeZone = useAgenda((s) => s.data?.timeZone ?? 'America/Argentina/Buenos_Aires');
  const [busy, setBusy] = useState<'csv' | 'ics' | 'rotate' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [feedInfo, setFeedInfo] = useState<CalendarFeed | null>(null);
  const feed = feedInfo?.url ?? null;
  const [feedError, setFeedError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [confirmRotate, setConfirmRotate] = useState(false);

  useEffect(() => {
    agendaApi
      .calendarFeed()
      .then(setFeedInfo)
      .catch((e: unknown) =>
        setFeedError(
          e instanceof ApiError && e.code === 'KEYCHAIN_UNAVAILABLE'
            ? t('agenda.export.feedNoKeychain')
            : agendaError(t, e),
        ),
      );
  }, [t]);

  async function download(kind: 'csv' | 'ics') {
    if (!range) return;
    setBusy(kind);
    setError(null);
    try {
      const blob = await agendaApi.exportFile(kind, range.from, range.to);
      const from = localParts(range.from, timeZone).date;
      const to = localParts(new Date(Date.parse(range.to) - 1), timeZone).date;
      saveBlob(blob, `turnos-${from}-a-${to}.${kind}`);
    } catch (e) {
      setError(agendaError(t, e));
    } finally {
      setBusy(null);
    }
  }

  async function rotate() {
    setBusy('rotate');
    setFeedError(null);
    try {
      setFeedInfo(await agendaApi.rotateCalendarFeed());
      setConfirmRotate(false);
      setCopied(false);
    } catch (e) {
      setFeedError(agendaError(t, e));
    } finally {
      setBusy(null);
    }
  }

  async function copy() {
    if (!feed) return;
    try {
      await navigator.clipboard.writeText(feed);
      setCopied(true);
    } catch {
      // No clipboard permission: select the text so Ctrl+C works.
      document.getElementById(`${id}-feed`)?.focus();
      (document.getElementById(`${id}-feed`) as HTMLInputElement | null)?.select();
    }
  }

  const first = range ? formatDay(range.from, i18n.language, timeZone) : '';
  const last = range ? formatDay(new Date(Date.parse(range.to) - 1), i18n.language, timeZone) : '';
  const rangeText = !range
    ? ''
    : first === last
      ? t('agenda.export.day', { day: first })
      : t('agenda.export.range', { from: first, to: last });

  return (
    <Dialog title={t('agenda.export.title')} onClose={onClose} busy={busy === 'rotate'}>
      <section className="export-section" aria-labelledby={`${id}-dl`}>
        <h3 id={`${id}-dl`}>{t('agenda.export.downloadTitle')}</h3>
        <p className="muted">{rangeText}</p>
        <div className="form-actions">
          <button
            type="button"
            className="button button--secondary"
            disabled={!range || busy !== null}
            onClick={() => void download('csv')}
          >
            {busy === 'csv' ? <span className="spinner" aria-hidden="true" /> : null}
            {t('agenda.export.csv')}
          </button>
          <button
            type="button"
            className="button button--secondary"
            disabled={!range || busy !== null}
            onClick={() => void download('ics')}
          >
            {busy === 'ics' ? <span className="spinner" aria-hidden="true" /> : null}
            {t('agenda.export.ics')}
          </button>
        </div>
        <FormFeedback message={null} error={error} />
      </section>
      <section className="export-section" aria-labelledby={`${id}-feed-title`}>
        <h3 id={`${id}-feed-title`}>{t('agenda.export.feedTitle')}</h3>
        <p className="hint">{t('agenda.export.feedHint')}</p>
        {feedInfo && !feedInfo.url ? (
          // No public address yet: say what is missing instead of a link that reaches nobody.
          <div className="notice notice--info export-no-address" role="note">
            <p>{t('agenda.export.noPublicAddress')}</p>
            <Link to={clinicSettingsPath('general')}>{t('agenda.export.setPublicAddress')}</Link>
          </div>
        ) : (
          <div className="field">
            <label htmlFor={`${id}-feed`}>{t('agenda.export.feedLabel')}</label>
            <div className="input-with-button">
              <input
                id={`${id}-feed`}
                readOnly
                value={feed ?? (feedError ? t('agenda.export.feedUnavailable') : t('app.loading'))}
                onFocus={(e) => e.target.select()}
                spellCheck={false}
              />
              <button type="button" className="button button--small" disabled={!feed} onClick={() => void copy()}>
                {t('agenda.export.copy')}
              </button>
            </div>
            <p className="form-status form-status--ok" role="status">
              {copied ? t('agenda.export.copied') : ''}
            </p>
          </div>
        )}
        {confirmRotate ? (
          <div className="confirm">
            <p>{t('agenda.export.rotateConfirm')}</p>
            <div className="form-actions">
              <button
                type="button"
                className="button button--danger button--small"
                disabled={busy !== null}
                onClick={() => void rotate()}
              >
                {busy === 'rotate' ? <span className="spinner" aria-hidden="true" /> : null}
                {t('agenda.export.rotate')}
              </button>
              <button
                type="button"
                className="button button--quiet button--small"
                onClick={() => setConfirmRotate(false)}
              >
                {t('agenda.detail.back')}
              </button>
            </div>
          </div>
        ) : (
          <button type="button" className="link-button" onClick={() => setConfirmRotate(true)}>
            {t('agenda.export.rotateAsk')}
          </button>
        )}
        <FormFeedback message={null} error={feedError} />
      </section>
    </Dialog>
  );
}
