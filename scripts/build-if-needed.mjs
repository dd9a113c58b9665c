// Builds the core (tsc) and the UI (vite) only when a source file is newer than the build,
// so `npm start` / `npm run serve` are quick after the first time.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function newest(dir, skip = new Set(['node_modules', 'dist'])) {
  let latest = 0;
  if (!existsSync(dir)) return latest;
  if (!statSync(dir).isDirectory()) return statSync(dir).mtimeMs;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (skip.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full, skip) : statSync(full).mtimeMs);
  }
  return latest;
}

function stale(output, sources) {
  if (!existsSync(output)) return true;
  const built = statSync(output).mtimeMs;
  return sources.some((s) => newest(path.join(root, s)) > built);
}

export function buildIfNeeded({ quiet = false } = {}) {
  const run = (what, cmd) => {
    if (!quiet) process.stderr.write(`Building ${what}…\n`);
    execSync(cmd, { cwd: root, stdio: quiet ? 'ignore' : ['ignore', 'ignore', 'inherit'] });
  };
  if (stale(path.join(root, 'dist', 'main', 'app', 'cli.js'), ['main', 'db', 'preload', 'tsconfig.json'])) {
    run('the core', 'npx tsc -p tsconfig.json');
  }
  if (stale(path.join(root, 'dist', 'renderer', 'index.html'), ['renderer'])) {
    run('the interface', 'npx vite build --config renderer/vite.config.ts --logLevel error');
  }
}
