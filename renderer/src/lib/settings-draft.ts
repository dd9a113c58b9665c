// A form over some of the settings keys: what is typed stays a draft until saved, a save
// sends only the changed keys, and a change saved elsewhere (another window) shows up in
// the fields nobody is editing. Ajustes' clinic form and its assistant form share this.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SettingsUpdate, SettingsView } from '../shared/api/types';
import { useSettings } from '../features/settings/store/settings';
import { errorMessage } from './errors';

export type SaveStatus = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'error'; message: string };

/** A key the form edits: one the API stores. */
type FormKey = keyof SettingsUpdate & string;

interface Options<K extends FormKey> {
  keys: readonly K[];
  /** The saved values as the form's text fields. */
  toDraft(values: SettingsView): Record<K, string>;
  /** A field as typed → what the API stores. */
  toValue(key: K, text: string): SettingsUpdate[K];
  /** Field labels by setting key, so a refused value names its field. */
  labels: Record<string, string>;
  /** A refusal the form handles itself (e.g. by asking something and saving again): true keeps it out of the error line. */
  onRefused?(error: unknown): boolean;
}

export function useSettingsDraft<K extends FormKey>(
  values: SettingsView,
  { keys, toDraft, toValue, labels, onRefused }: Options<K>,
) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Record<K, string>>(() => toDraft(values));
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' });
  const base = useRef<Record<K, string>>(toDraft(values));

  // Saved elsewhere (another window): take the new values for the fields not being edited.
  useEffect(() => {
    const incoming = toDraft(values);
    setDraft((d) => {
      const next = { ...d };
      for (const k of keys) if (d[k] === base.current[k]) next[k] = incoming[k];
      return next;
    });
    base.current = incoming;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `keys` and `toDraft` are module constants of each form.
  }, [values]);

  const changed = keys.filter((k) => draft[k] !== base.current[k]);

  function update(next: Partial<Record<K, string>>) {
    setDraft((d) => ({ ...d, ...next }));
    if (status.kind !== 'saving') setStatus({ kind: 'idle' });
  }

  /** `extra`: fields sent with the changed keys that are not settings of the form (e.g. a key for a new endpoint). */
  async function save(e?: FormEvent, extra: SettingsUpdate = {}): Promise<boolean> {
    e?.preventDefault();
    if (changed.length === 0) return false;
    setStatus({ kind: 'saving' });
    const patch: SettingsUpdate = { ...extra };
    for (const k of changed) patch[k] = toValue(k, draft[k]);
    try {
      await useSettings.getState().save(patch);
      const saved = useSettings.getState().values;
      if (saved) {
        // Show what was stored (trimmed), unless the field was edited again while saving.
        const stored = toDraft(saved);
        base.current = stored;
        setDraft((d) => {
          const next = { ...d };
          for (const k of changed) if (d[k] === draft[k]) next[k] = stored[k];
          return next;
        });
      }
      setStatus({ kind: 'saved' });
      return true;
    } catch (err) {
      if (onRefused?.(err)) setStatus({ kind: 'idle' });
      else setStatus({ kind: 'error', message: errorMessage(t, err, labels) });
      return false;
    }
  }

  return { draft, status, changed, update, save, discard: () => setDraft(base.current) };
}
