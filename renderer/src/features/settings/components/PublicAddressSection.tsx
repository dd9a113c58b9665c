import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../lib/errors';
import { AddressCheck } from '../../../shared/components/AddressCheck';
import { FormFeedback } from '../../../shared/components/FormFeedback';
import { useSettings } from '../store/settings';
import { QuickTunnelOffer } from './QuickTunnelOffer';

/**
 * Ajustes › General › Dirección pública (`network.publicUrl`): the tunnel's address, from
 * which the calendar feed's link (and the channels' webhook links) are built. Empty = none yet,
 * and the agenda's export says so instead of handing out a 127.0.0.1 link.
 */
export function PublicAddressSection({ value }: { value: unknown }) {
  const { t } = useTranslation();
  const id = useId();
  const saved = typeof value === 'string' ? value : '';
  const [draft, setDraft] = useState(saved);
  const [status, setStatus] = useState<{ kind: 'idle' | 'saving' | 'saved' } | { kind: 'error'; message: string }>({
    kind: 'idle',
  });
  useEffect(() => setDraft(saved), [saved]);

  async function save(e: FormEvent) {
    e.preventDefault();
    setStatus({ kind: 'saving' });
    try {
      // Trailing slashes are the one thing people add that the setting refuses (it takes no path).
      await useSettings.getState().save({ 'network.publicUrl': draft.trim().replace(/\/+$/, '') });
      setStatus({ kind: 'saved' });
    } catch (err) {
      setStatus({
        kind: 'error',
        message: errorMessage(t, err, { 'network.publicUrl': t('lan.publicAddress.label') }),
      });
    }
  }

  return (
    <section className="card" aria-labelledby={`${id}-title`} id="direccion-publica">
      <h2 id={`${id}-title`}>{t('lan.publicAddress.section')}</h2>
      <p className="muted">{t('lan.publicAddress.intro')}</p>
      <form onSubmit={(e) => void save(e)} noValidate>
        <div className="field">
          <label htmlFor={`${id}-url`}>{t('lan.publicAddress.label')}</label>
          <input
            id={`${id}-url`}
            type="url"
            inputMode="url"
            value={draft}
            placeholder={t('lan.publicAddress.placeholder')}
            onChange={(e) => {
              setDraft(e.target.value);
              setStatus({ kind: 'idle' });
            }}
            maxLength={300}
            spellCheck={false}
            autoComplete="off"
            aria-describedby={`${id}-hint`}
          />
          <p className="hint" id={`${id}-hint`}>
            {saved ? t('lan.publicAddress.hint') : t('lan.publicAddress.none')}
          </p>
        </div>
        <div className="form-actions">
          <button type="submit" className="button" disabled={status.kind === 'saving' || draft.trim() === saved}>
            {status.kind === 'saving' ? <span className="spinner" aria-hidden="true" /> : null}
            {status.kind === 'saving' ? t('lan.publicAddress.saving') : t('lan.publicAddress.save')}
          </button>
        </div>
        <FormFeedback
          message={status.kind === 'saved' ? t('lan.publicAddress.saved') : ''}
          error={status.kind === 'error' ? status.message : null}
          ok
        />
      </form>
      {/* Checks what is saved, not the draft: the provider reaches the saved address. */}
      {saved ? <AddressCheck disabled={draft.trim() !== saved} /> : null}
      <QuickTunnelOffer />
    </section>
  );
}
