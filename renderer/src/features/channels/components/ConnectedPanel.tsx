import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WhatsAppDetails } from '../../../shared/api/types';
import { formatDateTime } from '../../../lib/format';
import { useSettings } from '../../settings/store/settings';
import { formatPhone } from '../../../lib/phone';

/** "Conectado": which number, since when, the last message received, and "Desvincular" (confirmed first). */
export function ConnectedPanel({ wa, busy, onUnlink }: { wa: WhatsAppDetails; busy: boolean; onUnlink(): void }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const zone =
    useSettings((s) =>
      typeof s.values?.['clinic.timeZone'] === 'string' ? (s.values['clinic.timeZone'] as string) : undefined,
    ) ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const [confirming, setConfirming] = useState(false);
  const when = (ms: number | undefined) => (ms ? formatDateTime(new Date(ms), i18n.language, zone) : null);
  return (
    <div className="link-panel">
      <dl className="wa-facts">
        <div>
          <dt>{t('channels.whatsapp.number')}</dt>
          <dd>{wa.number ? formatPhone(wa.number) : '—'}</dd>
        </div>
        <div>
          <dt>{t('channels.whatsapp.profileName')}</dt>
          <dd>{wa.profileName ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('channels.whatsapp.since')}</dt>
          <dd>{when(wa.since) ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('channels.whatsapp.lastMessage')}</dt>
          <dd>{when(wa.lastMessageAt) ?? t('channels.whatsapp.noMessagesYet')}</dd>
        </div>
      </dl>
      {confirming ? (
        <div className="confirm" role="group" aria-labelledby={`${id}-confirm`}>
          <p id={`${id}-confirm`}>{t('channels.whatsapp.unlinkConfirm')}</p>
          <div className="form-actions">
            <button type="button" className="button button--danger" disabled={busy} onClick={onUnlink}>
              {busy ? t('channels.whatsapp.unlinking') : t('channels.whatsapp.unlinkYes')}
            </button>
            <button
              type="button"
              className="button button--quiet"
              disabled={busy}
              onClick={() => setConfirming(false)}
              autoFocus
            >
              {t('channels.whatsapp.unlinkNo')}
            </button>
          </div>
        </div>
      ) : (
        <div className="form-actions">
          <button type="button" className="button button--danger" onClick={() => setConfirming(true)}>
            {t('channels.whatsapp.unlink')}
          </button>
        </div>
      )}
    </div>
  );
}
