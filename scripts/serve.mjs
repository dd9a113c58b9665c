// `npm run serve`: build what changed, then run the core headless in this process.
import { buildIfNeeded } from './build-if-needed.mjs';

buildIfNeeded();
await import('../dist/main/app/cli.js');
