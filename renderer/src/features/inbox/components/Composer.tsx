import {
  forwardRef,
  useEffect,
  useId,
  useRef,
  useState,
  type ClipboardEvent,
  type DragEvent,
  type FormEvent,
  type KeyboardEvent,
} from 'react';
import { useTranslation } from 'react-i18next';
import { uploadAttachment } from '../../../shared/api/client';
import { inboxApi } from '../api/inbox';
import { errorMessage } from '../../../lib/errors';
import { formatBytes } from '../../../lib/format';
import { tickNow } from '../../../lib/use-now';
import { useApp } from '../../../app/app-store';
import { useConversations } from '../store/conversations';
import { CloseIcon, FileIcon, PaperclipIcon, SendIcon } from '../../../shared/components/icons';

interface Props {
  conversationId: number;
  name: string;
}

/** What the file picker offers: what every channel can carry (the core checks again). */
const ACCEPT = 'image/jpeg,image/png,image/webp,audio/*,video/mp4,application/pdf,.doc,.docx,.xls,.xlsx,.txt,.csv';
/** Until /api/health has answered: the core's default. */
const DEFAULT_MAX_BYTES = 16 * 1024 * 1024;

interface Attachment {
  conversationId: number;
  file: File;
  /** An object URL for an image's preview, revoked when the attachment goes. */
  previewUrl: string | null;
}

/**
 * The staff reply box. Enter sends, Shift+Enter adds a line; the draft is kept per chat.
 * A file can be attached with the clip, pasted, or dropped on the box; the text then
 * travels as its caption.
 */
export const Composer = forwardRef<HTMLTextAreaElement, Props>(function Composer({ conversationId, name }, ref) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const draft = useConversations((s) => s.drafts[conversationId] ?? '');
  const setDraft = useConversations((s) => s.setDraft);
  const maxBytes = useApp((s) => s.health?.attachmentMaxBytes ?? DEFAULT_MAX_BYTES);
  const [sendingFor, setSendingFor] = useState<number | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<{ conversationId: number; message: string } | null>(null);
  const [attachment, setAttachment] = useState<Attachment | null>(null);
  const [dragging, setDragging] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const sending = sendingFor === conversationId;
  const file = attachment?.conversationId === conversationId ? attachment : null;

  useEffect(
    () => () => {
      if (attachment?.previewUrl) URL.revokeObjectURL(attachment.previewUrl);
    },
    [attachment],
  );

  function attach(picked: File | undefined) {
    if (!picked) return;
    if (picked.size > maxBytes) {
      setError({ conversationId, message: t('composer.tooLarge', { size: formatBytes(maxBytes, i18n.language) }) });
      return;
    }
    setError(null);
    setAttachment({
      conversationId,
      file: picked,
      previewUrl: picked.type.startsWith('image/') ? URL.createObjectURL(picked) : null,
    });
  }

  async function send(e?: FormEvent) {
    e?.preventDefault();
    const text = draft.trim();
    if ((!text && !file) || sending) return;
    setSendingFor(conversationId);
    setError(null);
    try {
      let messageId: number;
      if (file) {
        setProgress(0);
        ({ messageId } = await uploadAttachment(conversationId, file.file, text, setProgress));
        setAttachment((current) => (current === file ? null : current));
      } else {
        ({ messageId } = await inboxApi.reply(conversationId, text));
      }
      const store = useConversations.getState();
      // Clear only what was sent: anything typed meanwhile stays.
      if ((store.drafts[conversationId] ?? '').trim() === text) store.setDraft(conversationId, '');
      void store.fetchMessage(messageId);
      void store.refreshConversation(conversationId);
      tickNow();
    } catch (err) {
      setError({
        conversationId,
        message: `${errorMessage(t, err)} ${t(file ? 'composer.fileKept' : 'composer.draftKept')}`,
      });
    } finally {
      setProgress(null);
      setSendingFor((current) => (current === conversationId ? null : current));
    }
  }

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void send();
    }
  };
  // A screenshot pasted into the box becomes the attachment (text pastes as usual).
  const onPaste = (e: ClipboardEvent<HTMLTextAreaElement>) => {
    const pasted = e.clipboardData.files[0];
    if (pasted) {
      e.preventDefault();
      attach(pasted);
    }
  };
  const onDrop = (e: DragEvent<HTMLFormElement>) => {
    if (!e.dataTransfer.types.includes('Files')) return;
    e.preventDefault();
    setDragging(false);
    attach(e.dataTransfer.files[0]);
  };
  const onDragOver = (e: DragEvent<HTMLFormElement>) => {
    if (!e.dataTransfer.types.includes('Files')) return;
    e.preventDefault();
    setDragging(true);
  };

  return (
    <form
      className={`composer ${dragging ? 'composer--dropping' : ''}`}
      onSubmit={send}
      onDragOver={onDragOver}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <label htmlFor={`${id}-text`} className="sr-only">
        {t('composer.label', { name })}
      </label>
      {file ? (
        <div className="composer__file">
          {file.previewUrl ? <img src={file.previewUrl} alt="" className="composer__file-preview" /> : <FileIcon />}
          <span className="composer__file-name">{file.file.name}</span>
          <span className="composer__file-size">{formatBytes(file.file.size, i18n.language)}</span>
          {progress !== null ? (
            <progress className="composer__progress" max={1} value={progress} aria-label={t('composer.uploading')}>
              {Math.round(progress * 100)} %
            </progress>
          ) : (
            <button
              type="button"
              className="button button--quiet button--small composer__file-remove"
              onClick={() => setAttachment(null)}
              aria-label={t('composer.removeFile', { name: file.file.name })}
            >
              <CloseIcon />
            </button>
          )}
        </div>
      ) : null}
      <div className="composer__row">
        <input
          ref={fileInput}
          type="file"
          accept={ACCEPT}
          className="sr-only"
          tabIndex={-1}
          aria-hidden="true"
          onChange={(e) => {
            attach(e.target.files?.[0]);
            e.target.value = ''; // choosing the same file again must fire again
          }}
        />
        <button
          type="button"
          className="button button--quiet composer__attach"
          onClick={() => fileInput.current?.click()}
          disabled={sending}
          aria-label={t('composer.attach')}
          title={t('composer.attach')}
        >
          <PaperclipIcon />
        </button>
        <textarea
          id={`${id}-text`}
          ref={ref}
          className="composer__input"
          value={draft}
          onChange={(e) => setDraft(conversationId, e.target.value)}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
          placeholder={file ? t('composer.captionPlaceholder') : t('composer.placeholder')}
          rows={1}
          maxLength={file ? 1024 : 4096}
          aria-describedby={`${id}-hint`}
        />
        <button type="submit" className="button composer__send" disabled={(!draft.trim() && !file) || sending}>
          <SendIcon />
          <span>
            {sending
              ? progress !== null
                ? `${Math.round(progress * 100)} %`
                : t('composer.sending')
              : t('composer.send')}
          </span>
        </button>
      </div>
      <p id={`${id}-hint`} className="composer__hint">
        {dragging ? t('composer.dropHere') : t('composer.hint')}
      </p>
      {error && error.conversationId === conversationId ? (
        <p className="form-error" role="alert">
          {error.message}
        </p>
      ) : null}
    </form>
  );
});
