// The data folder's disk is almost full (`disk.status` on the push channel, `disk` in
// /api/health). One desktop notification when it turns low, a banner until there is
// room again or it is dismissed — before writes start failing, not after.
import { create } from 'zustand';
import { i18n } from '../i18n';
import { formatBytes } from './format';
import { showNotification } from './notify';

interface DiskState {
  /** Free bytes while the disk is low; null while there is room. */
  lowFreeBytes: number | null;
  dismissed: boolean;
  dismiss(): void;
}

export const useDiskSpace = create<DiskState>((set) => ({
  lowFreeBytes: null,
  dismissed: false,
  dismiss: () => set({ dismissed: true }),
}));

export const freeSpaceText = (bytes: number) => formatBytes(Math.max(bytes, 0), i18n.language);

/** `notify: false` when the state comes from /api/health: the notification went out when it turned low. */
export function diskStatusChanged(data: { low: boolean; freeBytes: number }, notify = true): void {
  const wasLow = useDiskSpace.getState().lowFreeBytes !== null;
  if (!data.low) {
    if (wasLow) useDiskSpace.setState({ lowFreeBytes: null, dismissed: false });
    return;
  }
  useDiskSpace.setState({ lowFreeBytes: data.freeBytes });
  if (wasLow || !notify) return;
  showNotification({
    tag: 'recepta-disk-low',
    title: i18n.t('disk.notifyTitle'),
    body: i18n.t('disk.notifyBody', { free: freeSpaceText(data.freeBytes) }),
    onClick: () => undefined, // the banner in the window says the rest
  });
}
