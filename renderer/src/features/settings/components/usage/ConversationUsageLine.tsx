import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConversationUsage } from '../../../../shared/api/types';
import { useConversations } from '../../../inbox/store/conversations';
import { useSettings } from '../../store/settings';
import { fetchConversationUsage } from '../../api/usage';
import { formatTokens, formatUsd } from './format';
import './usage.css';

/**
 * "Asistente: 12 respuestas · 18,4 k tokens · US$ 0,02" under the chat's name. Fetched
 * again when a new assistant reply reaches the thread (its usage commits with it) and
 * when the prices change.
 */
export function ConversationUsageLine({ conversationId }: { conversationId: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const replies = useConversations(
    (s) => s.threads[conversationId]?.messages.filter((m) => m.role === 'assistant').length ?? 0,
  );
  const prices = useSettings((s) => JSON.stringify(s.values?.['ai.prices'] ?? null));
  const [usage, setUsage] = useState<ConversationUsage | null>(null);

  useEffect(() => {
    let live = true;
    fetchConversationUsage(conversationId).then(
      (u) => live && setUsage(u),
      () => live && setUsage(null), // a discreet extra: without it the header is simply as before
    );
    return () => {
      live = false;
    };
  }, [conversationId, replies, prices]);

  if (!usage || usage.conversationId !== conversationId || usage.turns.total + usage.images + usage.voiceNotes === 0)
    return null;
  const parts = [t('usage.thread.replies', { count: usage.turns.total })];
  const tokens = usage.tokens.prompt + usage.tokens.completion;
  if (tokens > 0) {
    parts.push(t('usage.thread.tokens', { value: formatTokens(tokens, lang) }));
    if (usage.costUsd > 0 || usage.unpricedModels.length === 0) {
      const cost = formatUsd(usage.costUsd, lang);
      parts.push(cost.under ? t('usage.lessThan', { amount: cost.text }) : cost.text);
    } else {
      parts.push(t('usage.noPrice'));
    }
  }
  return (
    <p className="thread__usage" title={t('usage.thread.label')}>
      {parts.join(' · ')}
    </p>
  );
}
