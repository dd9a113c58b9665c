import { useTranslation } from 'react-i18next';
import { freeSpaceText, useDiskSpace } from '../../lib/disk-space';

/** The data folder's disk is almost full: what happens when it fills, and what to do now. */
export function DiskSpaceBanner() {
  const { t } = useTranslation();
  const free = useDiskSpace((s) => s.lowFreeBytes);
  const dismissed = useDiskSpace((s) => s.dismissed);
  if (free === null || dismissed) return null;
  return (
    <div className="banner banner--warn" data-testid="disk-low">
      <p>{t('disk.lowBanner', { free: freeSpaceText(free) })}</p>
      <button type="button" className="button button--small" onClick={() => useDiskSpace.getState().dismiss()}>
        {t('disk.dismiss')}
      </button>
    </div>
  );
}
