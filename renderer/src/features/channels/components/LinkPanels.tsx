import { useId, useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { WhatsAppDetails } from '../../../shared/api/types';
import { QrCode } from './QrCode';
import { useSecondsUntil } from '../hooks/use-countdown';

interface Actions {
  busy: boolean;
  onPhone(phone: string): void;
  onQr(): void;
  onCancel(): void;
}

/** The steps on the phone, the same for QR and code; the last one differs. */
function Steps({ last }: { last: 'qr' | 'code' }) {
  const { t } = useTranslation();
  return (
    <div className="link-steps">
      <p>{t('channels.whatsapp.qrSteps')}</p>
      <ol>
        <li>{t('channels.whatsapp.step1')}</li>
        <li>
          <Trans i18nKey="channels.whatsapp.step2" components={{ strong: <strong /> }} />
        </li>
        <li>
          <Trans
            i18nKey={last === 'qr' ? 'channels.whatsapp.step3' : 'channels.whatsapp.pairingStep3'}
            components={{ strong: <strong /> }}
          />
        </li>
      </ol>
    </div>
  );
}

/** "Escaneá el código": the QR large, its countdown, the steps, and the way to use a number instead. */
export function QrPanel({ wa, ...actions }: { wa: WhatsAppDetails } & Actions) {
  const { t } = useTranslation();
  const [byPhone, setByPhone] = useState(false);
  const seconds = useSecondsUntil(wa.qrExpiresAt);
  return (
    <div className="link-panel">
      <h3 className="link-panel__title">{t('channels.whatsapp.qrTitle')}</h3>
      <div className="link-panel__body">
        {byPhone ? (
          <PhoneForm {...actions} />
        ) : (
          <div className="link-panel__qr">
            {wa.qr ? <QrCode value={wa.qr} label={t('channels.whatsapp.qrAlt')} /> : null}
            <p className="muted small" aria-live="off">
              {seconds ? t('channels.whatsapp.qrRenews', { seconds }) : t('channels.whatsapp.qrRenewing')}
            </p>
          </div>
        )}
        <Steps last="qr" />
      </div>
      <div className="form-actions">
        <button type="button" className="link-button" onClick={() => setByPhone((v) => !v)}>
          {byPhone ? t('channels.whatsapp.useQr') : t('channels.whatsapp.usePhone')}
        </button>
        <button type="button" className="button button--quiet" onClick={actions.onCancel} disabled={actions.busy}>
          {t('channels.whatsapp.cancel')}
        </button>
      </div>
    </div>
  );
}

function PhoneForm({ busy, onPhone }: Actions) {
  const { t } = useTranslation();
  const id = useId();
  const [phone, setPhone] = useState('');
  const [invalid, setInvalid] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const digits = phone.replace(/\D/g, '');
    if (digits.length < 8 || digits.length > 15) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    onPhone(phone.trim());
  };
  return (
    <form className="phone-form" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={`${id}-phone`}>{t('channels.whatsapp.phoneLabel')}</label>
        <input
          id={`${id}-phone`}
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          value={phone}
          onChange={(e) => setPhone(e.target.value)}
          aria-describedby={`${id}-hint${invalid ? ` ${id}-error` : ''}`}
          aria-invalid={invalid || undefined}
          autoFocus
        />
        <p className="hint" id={`${id}-hint`}>
          {t('channels.whatsapp.phoneHint')}
        </p>
        {invalid ? (
          <p className="form-error" id={`${id}-error`} role="alert">
            {t('channels.whatsapp.phoneInvalid')}
          </p>
        ) : null}
      </div>
      <button type="submit" className="button" disabled={busy}>
        {busy ? t('channels.whatsapp.linking') : t('channels.whatsapp.phoneSubmit')}
      </button>
    </form>
  );
}

/** The 8-character code to type on the phone, grouped 4 + 4 as WhatsApp shows its boxes. */
export function PairingPanel({
  wa,
  onQr,
  onCancel,
  busy,
}: { wa: WhatsAppDetails } & Pick<Actions, 'onQr' | 'onCancel' | 'busy'>) {
  const { t } = useTranslation();
  const code = wa.pairingCode ?? '';
  return (
    <div className="link-panel">
      <h3 className="link-panel__title">{t('channels.whatsapp.pairingTitle')}</h3>
      <div className="link-panel__body">
        <p className="pairing-code">
          <span className="sr-only">{`${t('channels.whatsapp.pairingCodeLabel')}: ${code.split('').join(' ')}`}</span>
          <span aria-hidden="true">{code.slice(0, 4)}</span>
          <span aria-hidden="true" className="pairing-code__dash">
            -
          </span>
          <span aria-hidden="true">{code.slice(4)}</span>
        </p>
        <Steps last="code" />
      </div>
      <div className="form-actions">
        <button type="button" className="link-button" onClick={onQr} disabled={busy}>
          {t('channels.whatsapp.useQr')}
        </button>
        <button type="button" className="button button--quiet" onClick={onCancel} disabled={busy}>
          {t('channels.whatsapp.cancel')}
        </button>
      </div>
    </div>
  );
}
