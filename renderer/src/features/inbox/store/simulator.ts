import { create } from 'zustand';

// "Probar el asistente": who the simulated patient is, kept while moving around the app
// so successive messages continue the same chat.
const OPEN_KEY = 'recepta.simulator.open';

function readOpen(): boolean | null {
  try {
    const v = sessionStorage.getItem(OPEN_KEY);
    return v === null ? null : v === '1';
  } catch {
    return null;
  }
}

export const DEFAULT_SIM_NUMBER = '+5491155550101';

export function randomSimNumber(random: () => number = Math.random): string {
  return `+54911555${String(Math.floor(random() * 10_000)).padStart(4, '0')}`;
}

interface SimulatorState {
  /** null until the user opens or closes it: then the page decides (open when there are no chats). */
  open: boolean | null;
  from: string;
  name: string | null;
  text: string;
  setOpen(open: boolean): void;
  set(patch: Partial<Pick<SimulatorState, 'from' | 'name' | 'text'>>): void;
}

export const useSimulator = create<SimulatorState>((set) => ({
  open: readOpen(),
  from: DEFAULT_SIM_NUMBER,
  name: null,
  text: '',
  setOpen(open) {
    try {
      sessionStorage.setItem(OPEN_KEY, open ? '1' : '0');
    } catch {
      /* ignore */
    }
    set({ open });
  },
  set: (patch) => set(patch),
}));
