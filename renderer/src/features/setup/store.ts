// The first-run setup's state: what GET /api/setup says (steps done, demo, what the assistant
// still lacks for real patients) and whether the guided setup is on screen. It opens by itself
// on a folder not set up yet, and from Ajustes › General later.
import { create } from 'zustand';
import { call } from '../../shared/api/client';
import type { SetupStatus } from '../../shared/api/types';

interface SetupState {
  status: SetupStatus | null;
  /** The guided setup is on screen, at this step (0: the welcome). */
  visible: boolean;
  step: number;
  load(): Promise<void>;
  show(step?: number): void;
  goTo(step: number): void;
  /** Closed (finished or "Terminar más tarde"): it no longer opens by itself. */
  close(): Promise<void>;
}

let autoOpened = false;

export const useSetup = create<SetupState>((set, get) => ({
  status: null,
  visible: false,
  step: 0,
  async load() {
    try {
      const status = await call('GET /api/setup');
      set({ status });
      // Once per page load: closing it must not bring it back on the next refresh of the status.
      if (status.open && !autoOpened) {
        autoOpened = true;
        set({ visible: true, step: 0 });
      }
    } catch {
      /* the banners show the connection trouble; the setup waits for the next load */
    }
  },
  show: (step = 0) => set({ visible: true, step }),
  goTo: (step) => set({ step }),
  async close() {
    set({ visible: false });
    await call('PATCH /api/settings', { body: { 'setup.finished': true } }).catch(() => undefined);
    await get().load();
  },
}));

export const loadDemo = () => call('POST /api/setup/demo', { body: {} });
export const startFresh = () => call('POST /api/setup/start-fresh', { body: {} });
export const findLocalModels = () => call('GET /api/setup/local-models');

/** After "Empezar de cero": the core restarts; wait until it answers without the demo, then reload everything. */
export async function waitForFreshStart(timeoutMs = 60_000): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    await new Promise((r) => setTimeout(r, 500));
    try {
      if (!(await call('GET /api/setup')).demo) return true;
    } catch {
      /* restarting: briefly unreachable */
    }
  }
  return false;
}
