import { useTranslation } from 'react-i18next';
import { Dialog } from '../../../shared/components/Dialog';

/** On a hand-back, the patient's unanswered messages: the assistant answers them now, or she already did. */
export type HandBackChoice = 'answer' | 'answered';

interface Props {
  /** Patient messages after the last reply that nothing answered. */
  count: number;
  busy: boolean;
  onChoose(choice: HandBackChoice): void;
  onClose(): void;
}

/**
 * "Devolver al asistente" with messages nobody answered: never dropped in silence. The
 * default (first, focused) is that the assistant answers them at once.
 */
export function HandBackDialog({ count, busy, onChoose, onClose }: Props) {
  const { t } = useTranslation();
  return (
    <Dialog
      title={t('takeover.handBack.title')}
      onClose={onClose}
      busy={busy}
      actions={
        <>
          <button type="button" className="button" data-autofocus onClick={() => onChoose('answer')} disabled={busy}>
            {t('takeover.handBack.answer')}
          </button>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => onChoose('answered')}
            disabled={busy}
          >
            {t('takeover.handBack.answered')}
          </button>
          <button type="button" className="button button--quiet" onClick={onClose} disabled={busy}>
            {t('takeover.handBack.cancel')}
          </button>
        </>
      }
    >
      <p>{t('takeover.handBack.body', { count })}</p>
    </Dialog>
  );
}
