import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../lib/errors';
import { FormFeedback } from '../../../shared/components/FormFeedback';

/** What every step is given: the id its form carries (the wizard's "Guardar y seguir" submits it) and how to go on. */
export interface StepProps {
  formId: string;
  next(): void;
}

/**
 * A step's form: saves, then goes on. `save` returns a message instead when something must be
 * fixed first; a failed call is said in the words of its error code.
 */
export function useStepForm(save: () => Promise<string | void>, next: () => void) {
  const { t } = useTranslation();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (saving) return;
    setSaving(true);
    setError(null);
    try {
      const problem = await save();
      if (problem) setError(problem);
      else next();
    } catch (err) {
      setError(errorMessage(t, err));
    } finally {
      setSaving(false);
    }
  };
  const feedback = <FormFeedback message={saving ? t('setup.saving') : ''} error={error} />;
  return { onSubmit, feedback };
}
