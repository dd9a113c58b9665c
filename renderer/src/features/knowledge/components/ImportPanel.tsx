import { useId, useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { knowledgeApi } from '../api/knowledge';
import type { KnowledgeImportResult } from '../../../shared/api/types';
import { FormFeedback } from '../../../shared/components/FormFeedback';
import { knowledgeErrorMessage } from '../errors';
import { useImportDraft } from '../store/drafts';
import { useKnowledge } from '../store/knowledge-store';

/** The core takes up to 200,000 characters at once; a bigger file is refused before reading it. */
const MAX_FILE_BYTES = 800 * 1024;
const TEXT_FILE = /\.(txt|md|markdown)$/i;
const PREVIEW_BODY_CHARS = 180;

type Status =
  | { kind: 'idle' }
  | { kind: 'previewing' }
  | { kind: 'importing' }
  | { kind: 'done'; count: number }
  | { kind: 'error'; message: string };

/**
 * A file's text: UTF-8, or — when it is not valid UTF-8 — Windows-1252, which is what
 * older Windows editors saved Spanish text as ("también" would otherwise read "tambi�n").
 */
async function readText(file: File): Promise<string> {
  const bytes = await file.arrayBuffer();
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

const short = (body: string) => {
  const line = body.replace(/\s+/g, ' ').trim();
  return line.length > PREVIEW_BODY_CHARS ? `${line.slice(0, PREVIEW_BODY_CHARS - 1).trimEnd()}…` : line;
};

/**
 * Pasted text or a .txt/.md file → articles, through a preview of exactly what will be
 * created (the core splits it; the same split runs on import). What was pasted survives
 * switching to another panel and back.
 */
export function ImportPanel() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const { text, fileName, set } = useImportDraft();
  const [preview, setPreview] = useState<KnowledgeImportResult | null>(null);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const fileInput = useRef<HTMLInputElement>(null);
  const busy = status.kind === 'previewing' || status.kind === 'importing';
  const fail = (e: unknown) =>
    setStatus({
      kind: 'error',
      message: knowledgeErrorMessage(t, i18n.language, e, { '/text': t('knowledge.importer.paste') }),
    });

  function change(next: { text?: string; fileName?: string | undefined }) {
    set(next);
    setPreview(null);
    if (status.kind !== 'importing') setStatus({ kind: 'idle' });
  }

  async function chooseFile(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    if (!TEXT_FILE.test(file.name)) return setStatus({ kind: 'error', message: t('knowledge.importer.wrongType') });
    if (file.size > MAX_FILE_BYTES) return setStatus({ kind: 'error', message: t('knowledge.importer.tooBig') });
    try {
      const content = await readText(file);
      change({ text: content, fileName: file.name });
      await showPreview(content, file.name);
    } catch {
      setStatus({ kind: 'error', message: t('knowledge.importer.readError') });
    }
  }

  async function showPreview(content = text, name = fileName) {
    if (!content.trim()) return setStatus({ kind: 'error', message: t('knowledge.importer.needText') });
    setStatus({ kind: 'previewing' });
    try {
      setPreview(await knowledgeApi.import({ text: content, ...(name ? { fileName: name } : {}), dryRun: true }));
      setStatus({ kind: 'idle' });
    } catch (e) {
      setPreview(null);
      fail(e);
    }
  }

  async function runImport() {
    setStatus({ kind: 'importing' });
    try {
      const result = await knowledgeApi.import({ text, ...(fileName ? { fileName } : {}) });
      set({ text: '', fileName: undefined });
      setPreview(null);
      setStatus({ kind: 'done', count: result.created.length });
    } catch (e) {
      fail(e);
    }
  }

  const count = preview?.articles.length ?? 0;
  return (
    <section className="kb-panel card kb-import" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`} tabIndex={-1}>
        {t('knowledge.importer.title')}
      </h2>
      <p className="muted">{t('knowledge.importer.intro')}</p>
      <div className="kb-import__file">
        <input
          ref={fileInput}
          id={`${id}-file`}
          className="sr-only"
          type="file"
          accept=".txt,.md,.markdown,text/plain,text/markdown"
          onChange={(e) => void chooseFile(e)}
          tabIndex={-1}
          aria-hidden="true"
        />
        <button
          type="button"
          className="button button--secondary"
          onClick={() => fileInput.current?.click()}
          disabled={busy}
        >
          {t('knowledge.importer.chooseFile')}
        </button>
        {fileName ? (
          <span className="kb-import__chosen">
            {t('knowledge.importer.fileChosen', { name: fileName })}{' '}
            <button type="button" className="link-button" onClick={() => change({ text: '', fileName: undefined })}>
              {t('knowledge.importer.clearFile')}
            </button>
          </span>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor={`${id}-text`}>{t('knowledge.importer.paste')}</label>
        <textarea
          id={`${id}-text`}
          value={text}
          onChange={(e) => change({ text: e.target.value })}
          rows={10}
          placeholder={t('knowledge.importer.pastePlaceholder')}
          maxLength={200_000}
          spellCheck={false}
        />
      </div>
      <div className="form-actions">
        <button
          type="button"
          className="button button--secondary"
          disabled={busy || !text.trim()}
          onClick={() => void showPreview()}
        >
          {status.kind === 'previewing' ? t('knowledge.importer.previewing') : t('knowledge.importer.preview')}
        </button>
        {preview && count > 0 ? (
          <button type="button" className="button" disabled={busy} onClick={() => void runImport()}>
            {status.kind === 'importing'
              ? t('knowledge.importer.importing')
              : t('knowledge.importer.confirm', { count })}
          </button>
        ) : null}
        <button
          type="button"
          className="button button--quiet"
          disabled={busy}
          onClick={() => useKnowledge.getState().show({ kind: 'none' })}
        >
          {t('knowledge.importer.cancel')}
        </button>
      </div>
      {preview ? (
        <section className="kb-import__preview" aria-label={t('knowledge.importer.previewLabel')}>
          <p className="kb-import__count">{t('knowledge.importer.previewTitle', { count })}</p>
          <ol>
            {preview.articles.map((a, i) => (
              <li key={i}>
                <strong>{a.title}</strong>
                <span className="muted small">{short(a.body)}</span>
              </li>
            ))}
          </ol>
          {preview.skipped.length ? (
            <p className="hint">{t('knowledge.importer.skipped', { titles: preview.skipped.join(', ') })}</p>
          ) : null}
        </section>
      ) : null}
      <FormFeedback
        ok={status.kind === 'done'}
        message={
          status.kind === 'done' ? (
            t('knowledge.importer.done', { count: status.count })
          ) : busy ? (
            <>
              <span className="spinner" aria-hidden="true" />{' '}
              {status.kind === 'importing' ? t('knowledge.importer.importing') : t('knowledge.importer.previewing')}
            </>
          ) : null
        }
        error={status.kind === 'error' ? status.message : null}
      />
    </section>
  );
}
