import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  applyLinuxAutostart,
  autostartEntry,
  autostartFile,
  launcherPath,
} from '../../main/electron/linux-autostart.js';

describe('opening Recepta at login on Linux (XDG autostart)', () => {
  it('puts the entry under XDG_CONFIG_HOME, or ~/.config', () => {
    expect(autostartFile({ XDG_CONFIG_HOME: '/srv/cfg' }, '/home/laura')).toBe('/srv/cfg/autostart/recepta.desktop');
    expect(autostartFile({}, '/home/laura')).toBe('/home/laura/.config/autostart/recepta.desktop');
    expect(autostartFile({ XDG_CONFIG_HOME: 'relative' }, '/home/laura')).toBe(
      '/home/laura/.config/autostart/recepta.desktop',
    );
  });

  it("starts the AppImage's own file, not its temporary mount", () => {
    expect(launcherPath({ APPIMAGE: '/home/laura/Recepta.AppImage' }, '/tmp/.mount_abc/recepta')).toBe(
      '/home/laura/Recepta.AppImage',
    );
    expect(launcherPath({}, '/opt/Recepta/recepta')).toBe('/opt/Recepta/recepta');
  });

  it('starts minimised to the tray, with the path quoted as the spec asks', () => {
    const entry = autostartEntry('/home/laura/Mis Apps/Re$cepta "1".AppImage');
    expect(entry).toContain('[Desktop Entry]\nType=Application\nName=Recepta\n');
    expect(entry).toContain('Exec="/home/laura/Mis Apps/Re\\$cepta \\"1\\".AppImage" --hidden\n');
  });

  it('writes the entry when turned on and removes it when turned off', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'autostart-')), 'autostart', 'recepta.desktop');
    await applyLinuxAutostart(true, file, '/opt/Recepta/recepta');
    expect(readFileSync(file, 'utf8')).toContain('Exec="/opt/Recepta/recepta" --hidden');
    await applyLinuxAutostart(false, file, '/opt/Recepta/recepta');
    expect(existsSync(file)).toBe(false);
    await applyLinuxAutostart(false, file, '/opt/Recepta/recepta'); // already gone: fine
  });
});
