import { forwardRef, useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { errorMessage } from '../lib/errors';
import { tickNow } from '../lib/use-now';
import { useConversations } from '../store/conversations';
import { SendIcon } from './icons';

interface Props {
  conversationId: number;
  name: string;
}

/** The staff reply box. Enter sends, Shift+Enter adds a line; the draft is kept per chat. */
export const Composer = forwardRef<HTMLTextAreaElement, Props>(function Composer({ conversationId, name }, ref) {
  const { t } = useTranslation();
  const id = useId();
  const draft = useConversations((s) => s.drafts[conversationId] ?? '');
  const setDraft = useConversations((s) => s.setDraft);
  const [sendingFor, setSendingFor] = useState<number | null>(null);
  const [error, setError] = useState<{ conversationId: number; message: string } | null>(null);
  const sending = sendingFor === conversationId;

  async function send(e?: FormEvent) {
    e?.preventDefault();
    const text = draft.trim();
    if (!text || sending) return;
    setSendingFor(conversationId);
    setError(null);
    try {
      const { messageId } = await api.reply(conversationId, text);
      const store = useConversations.getState();
      // Clear only what was sent: anything typed meanwhile stays.
      if ((store.drafts[conversationId] ?? '').trim() === text) store.setDraft(conversationId, '');
      void store.fetchMessage(messageId);
      void store.refreshConversation(conversationId);
      tickNow();
    } catch (err) {
      setError({ conversationId, message: `${errorMessage(t, err)} ${t('composer.draftKept')}` });
    } finally {
      setSendingFor((current) => (current === conversationId ? null : current));
    }
  }

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void send();
    }
  };

  return (
    <form className="composer" onSubmit={send}>
      <label htmlFor={`${id}-text`} className="sr-only">
        {t('composer.label', { name })}
      </label>
      <div className="composer__row">
        <textarea
          id={`${id}-text`}
          ref={ref}
          className="composer__input"
          value={draft}
          onChange={(e) => setDraft(conversationId, e.target.value)}
          onKeyDown={onKeyDown}
          placeholder={t('composer.placeholder')}
          rows={1}
          maxLength={4096}
          aria-describedby={`${id}-hint`}
        />
        <button type="submit" className="button composer__send" disabled={!draft.trim() || sending}>
          <SendIcon />
          <span>{sending ? t('composer.sending') : t('composer.send')}</span>
        </button>
      </div>
      <p id={`${id}-hint`} className="composer__hint">
        {t('composer.hint')}
      </p>
      {error && error.conversationId === conversationId ? (
        <p className="form-error" role="alert">
          {error.message}
        </p>
      ) : null}
    </form>
  );
});
