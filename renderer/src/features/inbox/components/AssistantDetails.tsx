import { useTranslation } from 'react-i18next';
import type { Message } from '../../../shared/api/types';

type Details = NonNullable<Message['assistantDetails']>;

const pretty = (value: unknown): string => {
  if (typeof value === 'string') {
    try {
      return JSON.stringify(JSON.parse(value), null, 2);
    } catch {
      return value; // the model sent something that is not JSON: show it as it came
    }
  }
  return JSON.stringify(value, null, 2);
};

/**
 * How the assistant produced a reply, for whoever is trying it in the simulator: the
 * tools it called with their arguments and results, tokens and time. Collapsed by
 * default; the thread stays a chat.
 */
export function AssistantDetails({ details }: { details: Details }) {
  const { t, i18n } = useTranslation();
  const tokens = (details.promptTokens ?? 0) + (details.completionTokens ?? 0);
  const seconds =
    details.latencyMs === null
      ? null
      : (details.latencyMs / 1000).toLocaleString(i18n.language, { maximumFractionDigits: 1 });
  const summary = [
    t('assistantDetails.tools', { count: details.tools.length }),
    tokens ? t('assistantDetails.tokens', { count: tokens, formatted: tokens.toLocaleString(i18n.language) }) : null,
    seconds ? t('assistantDetails.seconds', { value: seconds }) : null,
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <details className="assistant-details">
      <summary>{summary}</summary>
      {details.model ? (
        <p className="assistant-details__model">{t('assistantDetails.model', { model: details.model })}</p>
      ) : null}
      <ol className="assistant-details__tools">
        {details.tools.map((tool, i) => (
          <li key={i} className={tool.ok ? '' : 'assistant-details__tool--error'}>
            <p className="assistant-details__name">
              <code>{tool.name}</code>{' '}
              {tool.ok ? null : <span className="assistant-details__flag">{t('assistantDetails.refused')}</span>}
            </p>
            <p className="assistant-details__label">{t('assistantDetails.arguments')}</p>
            <pre>{pretty(tool.arguments)}</pre>
            <p className="assistant-details__label">{t('assistantDetails.result')}</p>
            <pre>{pretty(tool.result)}</pre>
          </li>
        ))}
      </ol>
    </details>
  );
}
