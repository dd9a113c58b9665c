// The article editor's state machine without its form: load → edit (unsaved) → save →
// a change made elsewhere while typing (kept apart until Laura takes it) → deleted elsewhere.
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '../../../i18n';
import type { KnowledgeArticle } from '../../../shared/api/types';
import { knowledgeApi } from '../api/knowledge';
import { useKnowledge } from '../store/knowledge-store';
import { useArticleDraft, type ArticleDraft } from './use-article-draft';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const article = (over: Partial<KnowledgeArticle> = {}): KnowledgeArticle => ({
  id: 4,
  title: 'Horarios',
  body: 'De lunes a viernes, de 9 a 18.',
  tags: ['horario'],
  source: 'manual',
  createdAt: '2026-01-05T12:00:00.000Z',
  updatedAt: '2026-01-05T12:00:00.000Z',
  ...over,
});

let current: ArticleDraft;
function Harness({ articleId }: { articleId: number | null }) {
  current = useArticleDraft(articleId);
  return null;
}

async function mount(articleId: number | null) {
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  await act(async () =>
    root.render(
      <I18nextProvider i18n={i18n}>
        <Harness articleId={articleId} />
      </I18nextProvider>,
    ),
  );
  return () => act(() => root.unmount());
}

/** Runs a step and lets its replies and re-renders land. */
const step = (fn: () => unknown) => act(async () => void (await fn()));
const leaveIsGuarded = () => !window.dispatchEvent(new Event('beforeunload', { cancelable: true }));

beforeEach(async () => {
  await i18n.changeLanguage('es');
  useKnowledge.setState({
    view: { kind: 'article', id: 4 },
    dirty: false,
    pending: null,
    flash: null,
    lastChange: null,
    list: null,
  });
});
afterEach(() => vi.restoreAllMocks());

describe('useArticleDraft', () => {
  it('edit → save → changed elsewhere while typing → take theirs', async () => {
    const get = vi.spyOn(knowledgeApi, 'get').mockResolvedValue(article());
    const unmount = await mount(4);
    expect(get).toHaveBeenCalledWith(4);
    expect(current.draft).toEqual({ title: 'Horarios', body: 'De lunes a viernes, de 9 a 18.', tags: 'horario' });
    expect(current.dirty).toBe(false);
    expect(leaveIsGuarded()).toBe(false);

    // Typing: unsaved, and the page and the window know it.
    await step(() => current.edit('body', '  De lunes a sábado, de 9 a 18.  '));
    expect(current.dirty).toBe(true);
    expect(useKnowledge.getState().dirty).toBe(true);
    expect(leaveIsGuarded()).toBe(true);
    // Spaces around the text or tags spelled differently are not a change.
    await step(() => current.edit('tags', ' horario , '));

    const saved = article({ body: 'De lunes a sábado, de 9 a 18.', updatedAt: '2026-01-05T12:01:00.000Z' });
    const update = vi.spyOn(knowledgeApi, 'update').mockResolvedValue(saved);
    await step(() => current.save());
    expect(update).toHaveBeenCalledWith(4, {
      title: 'Horarios',
      body: 'De lunes a sábado, de 9 a 18.',
      tags: ['horario'],
    });
    expect(current.status).toEqual({ kind: 'done', message: 'Cambios guardados.' });
    expect(current.dirty).toBe(false);
    expect(useKnowledge.getState().dirty).toBe(false);
    expect(leaveIsGuarded()).toBe(false);

    // Our own save announced back: nothing changed elsewhere.
    get.mockResolvedValue(saved);
    await step(() => useKnowledge.getState().applyEvent({ kind: 'updated', ids: [4] }));
    expect(current.elsewhere).toBeNull();

    // Typing again, then another window saves this article: what is typed stays.
    await step(() => current.edit('title', 'Horarios de atención'));
    expect(current.status).toEqual({ kind: 'idle' });
    const theirs = article({ body: 'Cerrado por vacaciones.', updatedAt: '2026-01-05T12:05:00.000Z' });
    get.mockResolvedValue(theirs);
    await step(() => useKnowledge.getState().applyEvent({ kind: 'updated', ids: [4] }));
    expect(current.elsewhere).toBe('changed');
    expect(current.draft.title).toBe('Horarios de atención');
    expect(current.dirty).toBe(true);

    await step(() => current.takeTheirs());
    expect(current.elsewhere).toBeNull();
    expect(current.draft).toEqual({ title: 'Horarios', body: 'Cerrado por vacaciones.', tags: 'horario' });
    expect(current.dirty).toBe(false);
    await unmount();
    expect(useKnowledge.getState().dirty).toBe(false);
  });

  it('a change elsewhere replaces an untouched draft at once; discard goes back to the saved text', async () => {
    const get = vi.spyOn(knowledgeApi, 'get').mockResolvedValue(article());
    const unmount = await mount(4);
    get.mockResolvedValue(article({ title: 'Horario de verano', updatedAt: '2026-01-05T12:05:00.000Z' }));
    await step(() => useKnowledge.getState().applyEvent({ kind: 'updated', ids: [4] }));
    expect(current.elsewhere).toBeNull();
    expect(current.draft.title).toBe('Horario de verano');

    await step(() => current.edit('title', 'Otra cosa'));
    expect(current.dirty).toBe(true);
    await step(() => current.discard());
    expect(current.draft.title).toBe('Horario de verano');
    expect(current.dirty).toBe(false);
    await unmount();
  });

  it('deleted elsewhere: the text left is unsaved, and saving creates it again', async () => {
    vi.spyOn(knowledgeApi, 'get').mockResolvedValue(article());
    const unmount = await mount(4);
    await step(() => useKnowledge.getState().applyEvent({ kind: 'deleted', ids: [4] }));
    expect(current.elsewhere).toBe('deleted');
    expect(current.dirty).toBe(true);

    const create = vi.spyOn(knowledgeApi, 'create').mockResolvedValue(article({ id: 9 }));
    const update = vi.spyOn(knowledgeApi, 'update');
    await step(() => current.save());
    expect(update).not.toHaveBeenCalled();
    expect(create).toHaveBeenCalledWith({
      title: 'Horarios',
      body: 'De lunes a viernes, de 9 a 18.',
      tags: ['horario'],
    });
    expect(useKnowledge.getState().view).toEqual({ kind: 'article', id: 9 });
    expect(useKnowledge.getState().flash).toBe('Artículo creado.');
    await unmount();
  });

  it('a refused save keeps the draft and says why; delete asks first', async () => {
    vi.spyOn(knowledgeApi, 'get').mockResolvedValue(article());
    const unmount = await mount(4);
    await step(() => current.edit('body', 'Nuevo texto'));
    vi.spyOn(knowledgeApi, 'update').mockRejectedValue(new Error('boom'));
    let ok = true;
    await step(async () => (ok = await current.save()));
    expect(ok).toBe(false);
    expect(current.status.kind).toBe('error');
    expect(current.dirty).toBe(true);

    await step(() => current.askDelete());
    expect(current.status).toEqual({ kind: 'confirmDelete' });
    await step(() => current.cancelDelete());
    expect(current.status).toEqual({ kind: 'idle' });
    const remove = vi.spyOn(knowledgeApi, 'remove').mockResolvedValue(undefined);
    await step(() => current.remove());
    expect(remove).toHaveBeenCalledWith(4);
    expect(useKnowledge.getState().view).toEqual({ kind: 'none' });
    expect(useKnowledge.getState().flash).toBe('Artículo borrado.');
    await unmount();
  });

  it('"Guardar y seguir" saves, then goes where Laura was going', async () => {
    vi.spyOn(knowledgeApi, 'get').mockResolvedValue(article());
    const unmount = await mount(4);
    await step(() => current.edit('body', 'Nuevo texto'));
    await step(() => useKnowledge.getState().open({ kind: 'import' }));
    expect(useKnowledge.getState().pending).toEqual({ kind: 'import' });
    vi.spyOn(knowledgeApi, 'update').mockResolvedValue(
      article({ body: 'Nuevo texto', updatedAt: '2026-01-05T12:09:00.000Z' }),
    );
    await step(() => current.saveAndGo());
    expect(useKnowledge.getState().view).toEqual({ kind: 'import' });
    expect(useKnowledge.getState().pending).toBeNull();
    await unmount();
  });
});
