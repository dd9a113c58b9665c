import type { TFunction } from 'i18next';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { channelsApi, useChannels } from '../api/channels';
import type { ChannelView, WhatsAppDetails } from '../../../shared/api/types';
import { errorMessage } from '../../../lib/errors';
import { FormFeedback } from '../../../shared/components/FormFeedback';
import { ConnectedPanel } from './ConnectedPanel';
import { PairingPanel, QrPanel } from './LinkPanels';
import { useSecondsUntil } from '../hooks/use-countdown';

type Tone = 'ok' | 'warn' | 'idle';

/** WhatsApp as a receptionist sees it: Desconectado, Escaneá el código, Conectado — or what went wrong and what to do. */
export function WhatsAppCard({ channel }: { channel: ChannelView }) {
  const { t } = useTranslation();
  const wa: WhatsAppDetails = channel.whatsapp ?? { phase: 'disconnected', revision: 0 };
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async (call: () => Promise<WhatsAppDetails>) => {
    setBusy(true);
    setError(null);
    try {
      const details = await call();
      useChannels.getState().put({ provider: 'whatsapp', whatsapp: details });
    } catch (e) {
      setError(errorMessage(t, e));
    } finally {
      setBusy(false);
    }
  };
  const link = () => void run(() => channelsApi.link('qr'));
  const linkByPhone = (phone: string) => void run(() => channelsApi.link('phone', phone));
  const unlink = () => void run(() => channelsApi.unlink());

  const { tone, label, body } = view(wa, { busy, link, linkByPhone, unlink, t });
  return (
    <section className="card channel-card" aria-labelledby="whatsapp-title">
      <header className="channel-card__head">
        <h2 id="whatsapp-title">{t('channels.whatsapp.title')}</h2>
        <p className={`state-pill state-pill--${tone}`}>
          <span
            className={`dot ${tone === 'ok' ? 'dot--ok' : tone === 'warn' ? 'dot--warn' : ''}`}
            aria-hidden="true"
          />
          {label}
        </p>
      </header>
      {body}
      <FormFeedback message={null} error={error} />
    </section>
  );
}

interface Ctx {
  busy: boolean;
  link(): void;
  linkByPhone(phone: string): void;
  unlink(): void;
  t: TFunction;
}

function view(wa: WhatsAppDetails, c: Ctx): { tone: Tone; label: string; body: ReactNode } {
  const { t } = c;
  switch (wa.phase) {
    case 'qr':
      return {
        tone: 'idle',
        label: t('channels.whatsapp.qrTitle'),
        body: <QrPanel wa={wa} busy={c.busy} onPhone={c.linkByPhone} onQr={c.link} onCancel={c.unlink} />,
      };
    case 'pairing':
      return {
        tone: 'idle',
        label: t('channels.whatsapp.pairingTitle'),
        body: <PairingPanel wa={wa} busy={c.busy} onQr={c.link} onCancel={c.unlink} />,
      };
    case 'connecting':
      return {
        tone: 'idle',
        label: t('channels.whatsapp.connecting'),
        body: (
          <p className="channel-progress">
            <span className="spinner" aria-hidden="true" /> {t('channels.whatsapp.connecting')}
          </p>
        ),
      };
    case 'connected':
      return {
        tone: 'ok',
        label: t('channels.whatsapp.connectedTitle'),
        body: <ConnectedPanel wa={wa} busy={c.busy} onUnlink={c.unlink} />,
      };
    case 'error':
      return { tone: 'warn', label: t('channels.whatsapp.troubleTitle'), body: <Trouble wa={wa} {...c} /> };
    default:
      return { tone: 'idle', label: t('channels.whatsapp.disconnectedTitle'), body: <Disconnected wa={wa} {...c} /> };
  }
}

function Disconnected({ wa, busy, link, t }: { wa: WhatsAppDetails } & Ctx) {
  if (wa.reasonCode === 'qr_expired' || wa.reasonCode === 'logged_out') {
    const expired = wa.reasonCode === 'qr_expired';
    return (
      <div className="link-panel" role="alert">
        <h3 className="link-panel__title">
          {expired ? t('channels.whatsapp.expiredTitle') : t('channels.whatsapp.loggedOutTitle')}
        </h3>
        <p>{expired ? t('channels.whatsapp.expiredBody') : t('channels.whatsapp.loggedOutBody')}</p>
        <div className="form-actions">
          <button type="button" className="button" onClick={link} disabled={busy}>
            {busy
              ? t('channels.whatsapp.linking')
              : expired
                ? t('channels.whatsapp.retry')
                : t('channels.whatsapp.relink')}
          </button>
        </div>
      </div>
    );
  }
  return (
    <div className="link-panel">
      <p>{t('channels.whatsapp.disconnectedBody1')}</p>
      <p className="muted">{t('channels.whatsapp.disconnectedBody2')}</p>
      {wa.reasonCode === 'unlinked_by_staff' ? (
        <p className="muted small">{t('channels.whatsapp.unlinkedByStaff')}</p>
      ) : null}
      <div className="form-actions">
        <button type="button" className="button" onClick={link} disabled={busy}>
          {busy ? t('channels.whatsapp.linking') : t('channels.whatsapp.link')}
        </button>
      </div>
    </div>
  );
}

function Trouble({ wa, busy, link, unlink, t }: { wa: WhatsAppDetails } & Ctx) {
  const seconds = useSecondsUntil(wa.reasonCode === 'unreachable' ? wa.retryAt : undefined);
  const messages: Record<string, string> = {
    replaced: t('channels.whatsapp.replaced'),
    needs_update: t('channels.whatsapp.needsUpdate'),
    keychain: t('channels.whatsapp.keychain'),
    pairing_failed: t('channels.whatsapp.pairingFailed'),
  };
  const unreachable = wa.reasonCode === 'unreachable';
  const text = unreachable
    ? seconds
      ? t('channels.whatsapp.unreachable', { seconds })
      : t('channels.whatsapp.unreachableSoon')
    : (messages[wa.reasonCode ?? ''] ?? t('channels.whatsapp.unreachableSoon'));
  return (
    <div className="link-panel">
      {/* Not a live region: the countdown would be read out every second (the top banner announces the change). */}
      <div className="banner banner--warn channel-trouble">
        <p>{text}</p>
      </div>
      {unreachable ? <p className="muted">{t('channels.whatsapp.unreachableHint')}</p> : null}
      <div className="form-actions">
        {wa.reasonCode !== 'needs_update' ? (
          <button type="button" className="button" onClick={link} disabled={busy}>
            {unreachable || wa.reasonCode === 'keychain'
              ? t('channels.whatsapp.retryNow')
              : t('channels.whatsapp.reconnect')}
          </button>
        ) : null}
        {wa.linking || wa.reasonCode === 'pairing_failed' ? (
          <button type="button" className="button button--quiet" onClick={unlink} disabled={busy}>
            {t('channels.whatsapp.cancel')}
          </button>
        ) : null}
      </div>
    </div>
  );
}
