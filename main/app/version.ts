import { readFileSync } from 'node:fs';
import { paths } from '../kernel/paths.js';

let version: string | undefined;
/** The version in package.json (read once; the file sits at the project root in source and packaged layouts). */
export function appVersion(): string {
  version ??= (JSON.parse(readFileSync(paths('').packageJson, 'utf8')) as { version: string }).version;
  return version;
}
