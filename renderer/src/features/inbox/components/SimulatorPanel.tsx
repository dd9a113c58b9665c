import { useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { inboxApi } from '../api/inbox';
import { errorMessage } from '../../../lib/errors';
import { conversationPath, navigate } from '../../../lib/router';
import { useConversations } from '../store/conversations';
import { isPaused } from '../api/model';
import { randomSimNumber, useSimulator } from '../store/simulator';
import { FlaskIcon } from '../../../shared/components/icons';
import { FormFeedback } from '../../../shared/components/FormFeedback';

/** `paused`: the assistant is paused in that chat, so nobody but a person answers it. */
type Status =
  { kind: 'idle' } | { kind: 'sending' } | { kind: 'sent'; paused: boolean } | { kind: 'error'; message: string };

/** "Probar el asistente": staff write as a patient; the message takes the real pipeline. */
export function SimulatorPanel({ defaultOpen }: { defaultOpen: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const sim = useSimulator();
  const open = sim.open ?? defaultOpen;
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const textRef = useRef<HTMLTextAreaElement>(null);
  const name = sim.name ?? t('simulator.defaultName');

  async function send(e?: FormEvent) {
    e?.preventDefault();
    const text = sim.text.trim();
    if (!text || !sim.from.trim() || status.kind === 'sending') return;
    setStatus({ kind: 'sending' });
    try {
      const { conversationId } = await inboxApi.simulate({
        from: sim.from.trim(),
        name: name.trim() || undefined,
        text,
      });
      sim.set({ text: '' });
      navigate(conversationPath(conversationId));
      const chat = await useConversations.getState().refreshConversation(conversationId);
      setStatus({ kind: 'sent', paused: chat !== null && isPaused(chat, Date.now()) });
      textRef.current?.focus();
    } catch (error) {
      setStatus({ kind: 'error', message: errorMessage(t, error) });
    }
  }

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void send();
    }
  };

  return (
    <section className={`simulator ${open ? 'simulator--open' : ''}`} aria-labelledby={`${id}-title`}>
      <h2 className="simulator__heading" id={`${id}-title`}>
        <button
          type="button"
          className="simulator__toggle"
          aria-expanded={open}
          aria-controls={`${id}-body`}
          onClick={() => sim.setOpen(!open)}
        >
          <FlaskIcon />
          <span>{t('simulator.title')}</span>
          <span className="chevron" aria-hidden="true" />
        </button>
      </h2>
      <div id={`${id}-body`} hidden={!open}>
        <form className="simulator__form" onSubmit={send}>
          <p className="muted small">{t('simulator.intro')}</p>
          <div className="field-row">
            <div className="field">
              <label htmlFor={`${id}-from`}>{t('simulator.from')}</label>
              <input
                id={`${id}-from`}
                value={sim.from}
                onChange={(e) => sim.set({ from: e.target.value })}
                inputMode="tel"
                autoComplete="off"
                maxLength={64}
                required
              />
            </div>
            <div className="field">
              <label htmlFor={`${id}-name`}>{t('simulator.name')}</label>
              <input
                id={`${id}-name`}
                value={name}
                onChange={(e) => sim.set({ name: e.target.value })}
                autoComplete="off"
                maxLength={120}
              />
            </div>
          </div>
          <button
            type="button"
            className="link-button small"
            onClick={() => {
              const from = randomSimNumber();
              sim.set({ from, name: `${t('simulator.defaultName')} ${from.slice(-4)}` });
            }}
          >
            {t('simulator.newPatient')}
          </button>
          <div className="field">
            <label htmlFor={`${id}-text`}>{t('simulator.text')}</label>
            <textarea
              id={`${id}-text`}
              ref={textRef}
              value={sim.text}
              onChange={(e) => {
                sim.set({ text: e.target.value });
                if (status.kind !== 'sending') setStatus({ kind: 'idle' });
              }}
              onKeyDown={onKeyDown}
              placeholder={t('simulator.textPlaceholder')}
              rows={2}
              maxLength={4096}
            />
          </div>
          <div className="form-actions">
            <button type="submit" className="button" disabled={!sim.text.trim() || status.kind === 'sending'}>
              {status.kind === 'sending' ? t('simulator.sending') : t('simulator.send')}
            </button>
          </div>
          <FormFeedback
            message={status.kind === 'sent' ? t(status.paused ? 'simulator.sentPaused' : 'simulator.sent') : null}
            error={status.kind === 'error' ? status.message : null}
          />
        </form>
      </div>
    </section>
  );
}
