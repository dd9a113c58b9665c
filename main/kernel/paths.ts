import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project root: two folders up from main/kernel in source (vitest), three from
 * dist/main/kernel when compiled. Found by looking for package.json rather than by
 * counting, so both layouts (and the packaged app) agree.
 */
function findRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    dir = path.dirname(dir);
  }
  throw new Error('Recepta could not find its own package.json');
}

const root = findRoot();

/** Where everything lives: the data folder's layout, and the files shipped with the app. */
export function paths(dataDir: string) {
  return {
    root,
    packageJson: path.join(root, 'package.json'),
    renderer: path.join(root, 'dist', 'renderer'),
    resources: path.join(root, 'resources'),
    database: path.join(dataDir, 'recepta.db'),
    logs: path.join(dataDir, 'logs'),
    media: path.join(dataDir, 'media'),
    /** Who holds the folder (pid, host, since), for the "already in use" message. */
    lock: path.join(dataDir, 'recepta.lock'),
    /** The OS-released lock itself (db/lock-file.ts). */
    lockDb: path.join(dataDir, 'recepta.lock.db'),
  };
}
