// Linux has no login-item API in Electron (app.setLoginItemSettings is macOS and Windows
// only). Desktops that follow the XDG autostart spec (GNOME, KDE, Xfce, Cinnamon, MATE…)
// start every `.desktop` entry in ~/.config/autostart at login, so "Abrir Recepta al
// encender la PC" writes one there, and removes it when turned off.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { HIDDEN_ARG } from './always-on.js';

const FILE_NAME = 'recepta.desktop';

/** `$XDG_CONFIG_HOME/autostart/recepta.desktop`, or under `~/.config` when it is not set. */
export function autostartFile(env: NodeJS.ProcessEnv, home: string): string {
  const configHome =
    env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : path.join(home, '.config');
  return path.join(configHome, 'autostart', FILE_NAME);
}

/**
 * The program to start: an AppImage runs from a mount that changes each time, so its own
 * file (`$APPIMAGE`) is what must be started; otherwise the executable itself.
 */
export function launcherPath(env: NodeJS.ProcessEnv, execPath: string): string {
  return env.APPIMAGE && path.isAbsolute(env.APPIMAGE) ? env.APPIMAGE : execPath;
}

/** An argument quoted as the Desktop Entry spec asks (`"`, `` ` ``, `$` and `\` escaped inside quotes). */
function quoted(arg: string): string {
  return `"${arg.replace(/(["`$\\])/g, '\\$1')}"`;
}

/** The entry's text: Recepta, started minimised to the tray. */
export function autostartEntry(program: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Recepta',
    'Comment=Recepta abre minimizada en la bandeja al iniciar sesión',
    `Exec=${quoted(program)} ${HIDDEN_ARG}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/** Writes or removes the entry so it matches `openAtLogin`. */
export async function applyLinuxAutostart(openAtLogin: boolean, file: string, program: string): Promise<void> {
  if (!openAtLogin) {
    await rm(file, { force: true });
    return;
  }
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, autostartEntry(program), { mode: 0o644 });
}
