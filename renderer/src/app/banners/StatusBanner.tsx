import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PAGE_PATHS } from '../../lib/router';
import { retryPushNow } from '../live';
import { selectChannels, useApp } from '../app-store';
import { useChannelName, useChannelStateName } from '../../shared/components/ChannelBadge';
import { AssistantOutageBanner } from './AssistantOutageBanner';
import { DiskSpaceBanner } from './DiskSpaceBanner';
import { SetupBanner } from './SetupBanner';
import { Link } from '../../shared/components/Link';

/** Shown only when something is wrong for longer than a blink; says what and what to do. */
const GRACE_MS = 1_500;

export function StatusBanner() {
  const { t } = useTranslation();
  const push = useApp((s) => s.push);
  const downSince = useApp((s) => s.pushDownSince);
  const channels = useApp(selectChannels);
  const channelName = useChannelName();
  const stateName = useChannelStateName();
  const [, force] = useState(0);

  // Re-render for the grace period and the retry countdown (a local clock, not a request).
  useEffect(() => {
    if (downSince === null) return;
    const timer = setInterval(() => force((n) => n + 1), 1_000);
    return () => clearInterval(timer);
  }, [downSince]);

  const now = Date.now();
  const offline = downSince !== null && now - downSince >= GRACE_MS;
  // A channel the clinic has not set up is not trouble: the Canales page is where to start it.
  const troubled = channels.filter((c) => c.provider !== 'simulator' && c.inUse && c.state !== 'connected');

  return (
    <div className="banners" role="status">
      {offline ? (
        <div className="banner banner--warn">
          <p>
            {t('status.offline')}{' '}
            {push.state === 'waiting'
              ? t('status.offlineRetryIn', { seconds: Math.max(1, Math.ceil((push.retryAt - now) / 1000)) })
              : null}
          </p>
          <button
            type="button"
            className="button button--small"
            onClick={retryPushNow}
            disabled={push.state !== 'waiting'}
          >
            {t('status.retryNow')}
          </button>
        </div>
      ) : null}
      {troubled.map((c) => (
        <div className="banner banner--warn" key={c.provider}>
          <p>
            {t('status.channelProblem', { channel: channelName(c.provider), state: stateName(c.state) })}
            {c.reason ? ` ${c.reason}` : ''} <Link to={PAGE_PATHS.channels}>{t('status.channelProblemAction')}</Link>
          </p>
        </div>
      ))}
      <AssistantOutageBanner />
      <DiskSpaceBanner />
      <SetupBanner />
    </div>
  );
}
