import { useTranslation } from 'react-i18next';
import { FormFeedback } from '../../../../shared/components/FormFeedback';
import type { DraftStatus } from './use-settings-draft';

/** A provider settings form's "Guardar" and the line that says what happened. */
export function SettingsSave({
  status,
  changed,
  invalid,
}: {
  status: DraftStatus;
  changed: boolean;
  invalid: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      <div className="form-actions">
        <button
          type="submit"
          className="button button--secondary"
          disabled={!changed || invalid || status.kind === 'saving'}
        >
          {status.kind === 'saving' ? t('webhook.saving') : t('webhook.save')}
        </button>
      </div>
      <FormFeedback
        message={status.kind === 'saved' && !changed ? t('webhook.saved') : null}
        error={status.kind === 'error' ? status.message : null}
        ok
      />
    </>
  );
}
