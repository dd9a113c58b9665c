import { create } from 'zustand';
import { ApiError, api, type SecretName } from '../../../shared/api/client';
import type { SecretStatus, SettingsUpdate, SettingsView } from '../../../shared/api/types';
import { applyLanguage } from '../../../i18n';
import { Freshness } from '../../../lib/freshness';
import { applyTheme } from '../../../lib/theme';

export const DEFAULT_TIME_ZONE = 'America/Argentina/Buenos_Aires';

interface SettingsState {
  values: SettingsView | null;
  loadError: ApiError | null;
  secrets: SecretStatus[] | null;
  /** Why the key status could not be read (e.g. KEYCHAIN_UNAVAILABLE: no OS keychain on this machine). */
  secretsError: ApiError | null;
  load(): Promise<void>;
  loadSecrets(): Promise<void>;
  save(patch: SettingsUpdate): Promise<void>;
  setSecret(name: SecretName, value: string): Promise<void>;
  clearSecret(name: SecretName): Promise<void>;
}

const asApiError = (e: unknown) => (e instanceof ApiError ? e : new ApiError(0, 'NETWORK', String(e)));
/** Loads (one per `settings.updated`) and saves can answer out of order: the one that left last wins. */
const freshness = new Freshness<'values'>();

export const useSettings = create<SettingsState>((set, get) => ({
  values: null,
  loadError: null,
  secrets: null,
  secretsError: null,
  async load() {
    try {
      const ticket = freshness.take();
      const values = await api.settings();
      if (freshness.claim('values', ticket)) set({ values, loadError: null });
    } catch (e) {
      set({ loadError: asApiError(e) });
    }
  },
  async loadSecrets() {
    try {
      set({ secrets: await api.secrets(), secretsError: null });
    } catch (e) {
      set({ secretsError: asApiError(e) });
    }
  },
  async save(patch) {
    const ticket = freshness.take();
    const values = await api.updateSettings(patch);
    if (freshness.claim('values', ticket)) set({ values });
  },
  async setSecret(name, value) {
    const status = await api.setSecret(name, value);
    set({ secrets: upsertSecret(get().secrets, status), secretsError: null });
  },
  async clearSecret(name) {
    const status = await api.clearSecret(name);
    set({ secrets: upsertSecret(get().secrets, status), secretsError: null });
  },
}));

function upsertSecret(list: SecretStatus[] | null, status: SecretStatus): SecretStatus[] {
  return [...(list ?? []).filter((s) => s.name !== status.name), status];
}

// The interface follows the `ui.language` and `ui.theme` settings wherever they were changed.
useSettings.subscribe((s, prev) => {
  if (s.values === prev.values || !s.values) return;
  applyLanguage(s.values['ui.language']);
  applyTheme(s.values['ui.theme']);
});

/** The clinic's IANA time zone: every date in the UI is shown there. */
export function useTimeZone(): string {
  return useSettings((s) => s.values?.['clinic.timeZone'] || DEFAULT_TIME_ZONE);
}
