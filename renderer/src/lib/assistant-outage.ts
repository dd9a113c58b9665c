// The model stopped answering: the core says so once per outage (`assistant.status` on the
// push channel), and once when it is back. Laura gets one desktop notification and a banner
// that stays until the model answers again or she dismisses it — not one alert per chat.
import { create } from 'zustand';
import { i18n } from '../i18n';
import { navigate, PAGE_PATHS } from './router';
import { showNotification } from './notify';

export interface Outage {
  reason: string;
  since: number;
}

interface OutageState {
  outage: Outage | null;
  dismissed: boolean;
  dismiss(): void;
}

export const useAssistantOutage = create<OutageState>((set) => ({
  outage: null,
  dismissed: false,
  dismiss: () => set({ dismissed: true }),
}));

const KNOWN_REASONS = ['timeout', 'unreachable', 'rejected', 'keychain_unavailable'] as const;
type KnownReason = (typeof KNOWN_REASONS)[number];

/** "el modelo tarda demasiado en contestar": the reason in words (any HTTP error reads as "an error"). */
export function outageReason(reason: string): string {
  const known: KnownReason | 'other' = (KNOWN_REASONS as readonly string[]).includes(reason)
    ? (reason as KnownReason)
    : 'other';
  return i18n.t(`safety.outage.reasons.${known}`);
}

/**
 * `notify: false` when the state comes from /api/health (a UI opened or reconnected
 * mid-outage): the banner shows, but the desktop notification went out when it started.
 */
export function assistantStatusChanged(
  data: { state: 'down' | 'up'; reason?: string | undefined; since?: number | undefined },
  notify = true,
): void {
  if (data.state === 'up') {
    if (useAssistantOutage.getState().outage) useAssistantOutage.setState({ outage: null, dismissed: false });
    return;
  }
  if (useAssistantOutage.getState().outage) return; // already told about this outage
  const reason = data.reason ?? 'other';
  useAssistantOutage.setState({ outage: { reason, since: data.since ?? Date.now() }, dismissed: false });
  if (!notify) return;
  showNotification({
    tag: 'recepta-assistant-outage',
    title: i18n.t('safety.outage.notifyTitle'),
    body: i18n.t('safety.outage.notifyBody', { reason: capitalize(outageReason(reason)) }),
    onClick: () => navigate(PAGE_PATHS.settings),
  });
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
