import { create } from 'zustand';
import type { PushStatus } from '../shared/api/events';
import type { Health } from '../shared/api/types';

export type SessionState = 'ok' | 'missing' | 'expired';

interface AppState {
  session: SessionState;
  push: PushStatus;
  /** When the push channel last left the 'open' state (to delay the banner past a blink). */
  pushDownSince: number | null;
  health: Health | null;
  setSession(session: SessionState): void;
  setPush(status: PushStatus): void;
  setHealth(health: Health): void;
  setChannelState(update: {
    provider: string;
    state: string;
    reason?: string | undefined;
    inUse?: boolean | undefined;
  }): void;
}

type Channel = Health['channels'][number];
const NO_CHANNELS: Channel[] = [];

/** The channels as /api/health and channel.status events report them (a stable empty list before). */
export const selectChannels = (s: { health: Health | null }): Channel[] => s.health?.channels ?? NO_CHANNELS;

export const useApp = create<AppState>((set) => ({
  session: 'ok',
  push: { state: 'connecting', attempt: 0 },
  pushDownSince: Date.now(),
  health: null,
  setSession: (session) => set({ session }),
  setPush: (push) =>
    set((s) => ({
      push,
      pushDownSince: push.state === 'open' ? null : (s.pushDownSince ?? Date.now()),
    })),
  setHealth: (health) => set({ health }),
  setChannelState: ({ provider, state, reason, inUse = true }) =>
    set((s) => {
      if (!s.health) return {};
      const others = s.health.channels.filter((c) => c.provider !== provider);
      const channel = reason ? { provider, state, reason, inUse } : { provider, state, inUse };
      const channels = [...others, channel].sort((a, b) => a.provider.localeCompare(b.provider));
      return { health: { ...s.health, channels } };
    }),
}));
