// A dialog's action on the agenda or its patients, its failure worded by the agenda's errors.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useAction, type Action } from '../../../shared/hooks/use-action';
import { agendaError } from '../errors';

export function useAgendaAction(): Action {
  const { t } = useTranslation();
  return useAction(useCallback((e: unknown) => agendaError(t, e), [t]));
}
