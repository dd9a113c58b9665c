// `npm run serve`: the core headless, for a browser, a server or LAN mode.
import { ConfigError, loadBootConfig } from './config.js';
import { startCore } from './core.js';

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
  const core = await startCore({ config });
  // The ready line is the contract with scripts and tests: printed once both listeners are up.
  process.stdout.write(`${core.readyLine}\n`);

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    core.log.info({ module: 'core', signal }, 'stopping');
    core.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('Recepta did not stop cleanly:', error instanceof Error ? error.message : error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  const code = (error as { code?: string }).code;
  // Known start-up failures explain themselves in one line; anything else shows its stack.
  if (code === 'DATABASE_TOO_NEW' || code === 'DATA_DIR_IN_USE' || code === 'EADDRINUSE') {
    console.error(`Recepta could not start: ${(error as Error).message}`);
  } else {
    console.error('Recepta could not start:', error);
  }
  process.exit(1);
});
