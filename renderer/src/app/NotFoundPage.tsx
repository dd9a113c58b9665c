import { useTranslation } from 'react-i18next';
import { EmptyState } from '../shared/components/EmptyState';
import { Link } from '../shared/components/Link';
import { PAGE_PATHS } from '../lib/router';

/** An address the app does not know (a mistyped or cut link): say so, and offer the way back. */
export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <div className="not-found-page">
      <EmptyState level={1} title={t('notFound.title')}>
        <p>{t('notFound.body')}</p>
        <p className="actions">
          <Link className="button" to={PAGE_PATHS.conversations}>
            {t('notFound.goConversations')}
          </Link>
        </p>
      </EmptyState>
    </div>
  );
}
