// `npm run serve`: the core headless, for a browser, a server or LAN mode.
import { ConfigError, loadBootConfig } from '../kernel/config.js';
import { startCore, type RunningCore } from './core.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadBootConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Recepta: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
  // Signal handlers go in before start-up: a SIGTERM that arrives while starting (or the
  // instant after the ready line) must stop the core cleanly, not kill it mid-write.
  let core: RunningCore | null = null;
  let signal: string | null = null;
  const requestStop = (received: string) => {
    if (signal) return;
    signal = received;
    if (core) stopAndExit(core, signal); // else: start-up finishes first, then stops
  };
  process.on('SIGINT', () => requestStop('SIGINT'));
  process.on('SIGTERM', () => requestStop('SIGTERM'));

  core = await startCore({ config });
  if (signal) return stopAndExit(core, signal);
  // The ready line is the contract with scripts and tests: printed once both listeners are up.
  process.stdout.write(`${core.readyLine}\n`);
}

function stopAndExit(core: RunningCore, signal: string): void {
  core.log.info({ module: 'core', signal }, 'stopping');
  core.stop().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error('Recepta did not stop cleanly:', error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}

main().catch((error: unknown) => {
  const code = (error as { code?: string }).code;
  // Known start-up failures explain themselves in one line; anything else shows its stack.
  if (
    code === 'DATABASE_TOO_NEW' ||
    code === 'DATABASE_DAMAGED' ||
    code === 'DATA_DIR_IN_USE' ||
    code === 'EADDRINUSE'
  ) {
    console.error(`Recepta could not start: ${(error as Error).message}`);
  } else {
    console.error('Recepta could not start:', error);
  }
  process.exit(1);
});
