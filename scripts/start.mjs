// `npm start`: build what changed, then open the desktop app (Electron). Where Electron
// cannot start — its binary was never downloaded, there is no display, or it would run
// as root (Chromium refuses to without disabling its sandbox, which we will not do) —
// say why in one line and run the same core headless in this process instead, which
// prints the URL to open in a browser.
//
// This script never downloads Electron: it looks for the binary where the `electron`
// package keeps it (or ELECTRON_OVERRIDE_DIST_PATH) and never loads that package's
// index.js, which would try to.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { buildIfNeeded, root } from './build-if-needed.mjs';

/** The executable's path inside an Electron dist folder, as the electron package's install.js names it. */
function platformExecutable() {
  switch (process.platform) {
    case 'darwin':
      return 'Electron.app/Contents/MacOS/Electron';
    case 'win32':
      return 'electron.exe';
    default:
      return 'electron';
  }
}

/** The Electron binary, or why there is none. Never triggers a download. */
function findElectron() {
  let packageDir;
  try {
    packageDir = path.dirname(createRequire(path.join(root, 'package.json')).resolve('electron/package.json'));
  } catch {
    return { reason: 'the electron package is not installed' };
  }
  const pathFile = path.join(packageDir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : platformExecutable();
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = override ? path.join(override, executable) : path.join(packageDir, 'dist', executable);
  if (existsSync(binary)) return { binary };
  return {
    reason: override
      ? `no Electron binary at ELECTRON_OVERRIDE_DIST_PATH (${binary})`
      : 'no Electron binary was downloaded',
  };
}

/** Why Electron cannot open a window here, or null if it can. */
function whyNotElectron() {
  const found = findElectron();
  if (!found.binary) return { reason: found.reason };
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY)
    return { reason: 'no display' };
  if (process.platform === 'linux' && process.getuid?.() === 0)
    return { reason: 'running as root, where Chromium will not start sandboxed' };
  return { binary: found.binary };
}

function runElectron(binary) {
  const env = { ...process.env };
  // Set by some tools (and inherited): it would make the binary behave as plain Node.
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(binary, [root, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit', env });
  // Ctrl-C reaches the whole process group; a signal sent to this script alone is passed
  // on. Either way the app stops its core in order, and we leave with its exit code.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    });
  }
  child.on('error', (error) => {
    console.error(`Recepta: could not run Electron (${error.message}).`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    if (signal) {
      console.error(`Recepta: Electron ended on ${signal}.`);
      process.exit(1);
    }
    process.exit(code ?? 1);
  });
}

buildIfNeeded();
const decision = whyNotElectron();
if (decision.binary) {
  runElectron(decision.binary);
} else {
  process.stderr.write(`Electron cannot start here (${decision.reason}); starting Recepta in browser mode instead.\n`);
  await import('../dist/main/app/cli.js');
}
