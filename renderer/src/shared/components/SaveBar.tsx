import type { SaveStatus } from '../../lib/settings-draft';
import { FormFeedback } from './FormFeedback';

interface Props {
  status: SaveStatus;
  dirty: boolean;
  onDiscard(): void;
  labels: { save: string; saving: string; discard: string; saved: string; unsaved: string };
}

/** The sticky bar under a settings form: save, discard, and what happened. */
export function SaveBar({ status, dirty, onDiscard, labels }: Props) {
  return (
    <div className="save-bar">
      <button type="submit" className="button" disabled={!dirty || status.kind === 'saving'}>
        {status.kind === 'saving' ? labels.saving : labels.save}
      </button>
      {dirty && status.kind !== 'saving' ? (
        <button type="button" className="button button--quiet" onClick={onDiscard}>
          {labels.discard}
        </button>
      ) : null}
      <FormFeedback
        ok={status.kind === 'saved'}
        message={
          status.kind === 'saved' && !dirty ? labels.saved : status.kind === 'idle' && dirty ? labels.unsaved : null
        }
        error={status.kind === 'error' ? status.message : null}
      />
    </div>
  );
}
