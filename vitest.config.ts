import { defineConfig } from 'vitest/config';
// Every test process, and every core a test spawns, runs on one pinned clock.
import './tests/clock/pin-clock.mjs';

const pinClock = ['./tests/clock/pin-clock.mjs'];

export default defineConfig({
  test: {
    // Integration tests spawn real processes and servers; two cores are what these machines have.
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'core',
          include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
          environment: 'node',
          setupFiles: pinClock,
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'renderer',
          include: ['renderer/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
          setupFiles: pinClock,
        },
      },
    ],
  },
});
