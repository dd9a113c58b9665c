import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { channelsApi, useChannels } from '../../api/channels';
import { errorMessage } from '../../../../lib/errors';

export type DraftStatus = { kind: 'idle' | 'saving' | 'saved' } | { kind: 'error'; message: string };

/**
 * A provider's plain settings as a form: the draft follows what the server has until it is
 * edited; "Guardar" sends only what changed (`toPatch`) and shows the answer.
 */
export function useSettingsDraft<F extends object>(
  provider: string,
  saved: F,
  toPatch: (draft: F, saved: F) => Record<string, unknown>,
) {
  const { t } = useTranslation();
  const savedKey = JSON.stringify(saved);
  const [draft, setDraft] = useState<F>(saved);
  const [status, setStatus] = useState<DraftStatus>({ kind: 'idle' });
  useEffect(() => setDraft(JSON.parse(savedKey) as F), [savedKey]);

  const edit = (patch: Partial<F>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setStatus({ kind: 'idle' });
  };

  async function save(e: FormEvent, valid = true) {
    e.preventDefault();
    if (!valid) return;
    setStatus({ kind: 'saving' });
    try {
      useChannels.getState().put(await channelsApi.update(provider, toPatch(draft, saved)));
      void useChannels.getState().load();
      setStatus({ kind: 'saved' });
    } catch (error) {
      setStatus({ kind: 'error', message: errorMessage(t, error) });
    }
  }

  return { draft, edit, status, changed: JSON.stringify(draft) !== savedKey, save };
}
