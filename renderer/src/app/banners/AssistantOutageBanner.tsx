import { useTranslation } from 'react-i18next';
import { outageReason, useAssistantOutage } from '../../lib/assistant-outage';
import { PAGE_PATHS } from '../../lib/router';
import { Link } from '../../shared/components/Link';

/** The model is down: what patients get meanwhile, and where to look. Gone when the model answers again. */
export function AssistantOutageBanner() {
  const { t } = useTranslation();
  const outage = useAssistantOutage((s) => s.outage);
  const dismissed = useAssistantOutage((s) => s.dismissed);
  if (!outage || dismissed) return null;
  return (
    <div className="banner banner--warn" data-testid="assistant-outage">
      <p>
        {t('safety.outage.banner', { reason: outageReason(outage.reason) })}{' '}
        <Link to={PAGE_PATHS.settings}>{t('safety.outage.action')}</Link>
      </p>
      <button type="button" className="button button--small" onClick={() => useAssistantOutage.getState().dismiss()}>
        {t('safety.outage.dismiss')}
      </button>
    </div>
  );
}
