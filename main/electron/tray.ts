// The tray icon: open the window, see at a glance whether the channels are up, quit.
import path from 'node:path';
import { Menu, Tray, nativeImage, type NativeImage } from 'electron';
import type { AppEvents } from '../http/app-events.js';
import type { Logger } from '../kernel/logger.js';
import { updateStatusLabel, type UpdateState } from './update-policy.js';
import { channelStatusLine, channelsNeedAttention } from './policy.js';

export interface TrayOptions {
  iconDir: string;
  events: AppEvents;
  /** The channel states at start (the health route); events keep them current afterwards. */
  loadStates: () => Promise<Array<{ provider: string; state: string }>>;
  onOpen: () => void;
  onQuit: () => void;
  /** "Buscar actualizaciones". */
  onCheckUpdates: () => void;
  /** "Reiniciar y actualizar", offered once an update is downloaded. */
  onInstallUpdate: () => void;
  log: Logger;
}

export interface AppTray {
  setUpdateState(state: UpdateState): void;
  destroy(): void;
}

/**
 * macOS wants a black "template" image it recolours for light and dark menu bars;
 * Windows and Linux get the coloured one, and a variant with a red dot when a channel
 * is in error. Windows picks tray.png or tray@2x.png by display scale; Linux panels are
 * about 24 px and would get the 16 px one, so they have their own 32 px file (not named
 * @2x, which Electron would treat as a 16 px image at scale 2).
 */
function trayImage(iconDir: string, attention: boolean): NativeImage {
  if (process.platform === 'darwin') {
    const image = nativeImage.createFromPath(path.join(iconDir, 'trayTemplate.png'));
    image.setTemplateImage(true);
    return image;
  }
  const base = attention ? 'tray-alert' : 'tray';
  return nativeImage.createFromPath(
    path.join(iconDir, process.platform === 'linux' ? `${base}-linux.png` : `${base}.png`),
  );
}

export function createTray(opts: TrayOptions): AppTray {
  const states = new Map<string, string>();
  const tray = new Tray(trayImage(opts.iconDir, false));
  let attention = false;
  let update: UpdateState = { kind: 'idle' };

  const render = () => {
    if (tray.isDestroyed()) return;
    const line = channelStatusLine(states);
    tray.setToolTip(`Recepta — ${line}`);
    const needsAttention = channelsNeedAttention(states);
    if (needsAttention !== attention) {
      attention = needsAttention;
      tray.setImage(trayImage(opts.iconDir, attention));
    }
    const updateLabel = updateStatusLabel(update);
    // Linux only picks up menu changes when the menu is set again, so it is rebuilt each time.
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: 'Abrir Recepta', click: () => opts.onOpen() },
        { type: 'separator' },
        { label: line, enabled: false },
        { type: 'separator' },
        {
          label: 'Buscar actualizaciones',
          enabled: update.kind !== 'checking' && update.kind !== 'downloading',
          click: () => opts.onCheckUpdates(),
        },
        ...(updateLabel ? [{ label: updateLabel, enabled: false }] : []),
        ...(update.kind === 'downloaded'
          ? [{ label: 'Reiniciar y actualizar', click: () => opts.onInstallUpdate() }]
          : []),
        { type: 'separator' },
        { label: 'Salir', click: () => opts.onQuit() },
      ]),
    );
  };

  const seen = new Set<string>();
  const unsubscribe = opts.events.subscribe((event) => {
    if (event.type !== 'channel.status') return;
    seen.add(event.data.provider);
    states.set(event.data.provider, event.data.state);
    render();
  });
  opts.loadStates().then(
    (initial) => {
      // An event that arrived while the health request was in flight is newer: keep it.
      for (const { provider, state } of initial) if (!seen.has(provider)) states.set(provider, state);
      render();
    },
    (error: unknown) =>
      opts.log.warn({ module: 'electron', err: error }, 'could not read the channel states for the tray'),
  );

  // A click on the icon opens the window on Windows and Linux (macOS shows the menu).
  tray.on('click', () => opts.onOpen());
  render();

  return {
    setUpdateState(state) {
      update = state;
      render();
    },
    destroy() {
      unsubscribe();
      if (!tray.isDestroyed()) tray.destroy();
    },
  };
}
