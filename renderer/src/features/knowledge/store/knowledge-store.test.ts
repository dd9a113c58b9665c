// The Conocimiento page's guard against losing what was typed: while the editor holds
// unsaved changes, going elsewhere waits for Laura's answer.
import { beforeEach, describe, expect, it } from 'vitest';
import { useKnowledge } from './knowledge-store';

const store = () => useKnowledge.getState();

beforeEach(() => {
  useKnowledge.setState({ view: { kind: 'none' }, dirty: false, pending: null, flash: null, list: null });
});

describe('knowledge store', () => {
  it('opens another panel at once when nothing is unsaved', () => {
    store().open({ kind: 'article', id: 3 });
    expect(store().view).toEqual({ kind: 'article', id: 3 });
    expect(store().pending).toBeNull();
  });

  it('with unsaved changes, asks first: "seguir editando" stays, "descartar" goes', () => {
    store().open({ kind: 'article', id: 3 });
    store().setDirty(true);
    store().open({ kind: 'import' });
    expect(store().view).toEqual({ kind: 'article', id: 3 });
    expect(store().pending).toEqual({ kind: 'import' });
    store().stay();
    expect(store().pending).toBeNull();
    expect(store().view).toEqual({ kind: 'article', id: 3 });
    store().open({ kind: 'test' });
    store().leave();
    expect(store().view).toEqual({ kind: 'test' });
    expect(store().dirty).toBe(false);
  });

  it('re-opening the panel already shown is not a move', () => {
    store().open({ kind: 'article', id: 3 });
    store().setDirty(true);
    store().open({ kind: 'article', id: 3 });
    expect(store().pending).toBeNull();
  });

  it('after a save or delete, shows the next panel with its confirmation once', () => {
    store().setDirty(true);
    store().show({ kind: 'article', id: 9 }, 'Artículo creado.');
    expect(store()).toMatchObject({ view: { kind: 'article', id: 9 }, dirty: false, pending: null });
    expect(store().takeFlash()).toBe('Artículo creado.');
    expect(store().takeFlash()).toBeNull();
  });

  it('records each change the core announces, in order', () => {
    store().applyEvent({ kind: 'updated', ids: [1] });
    const first = store().lastChange!;
    store().applyEvent({ kind: 'deleted', ids: [1] });
    expect(store().lastChange).toMatchObject({ kind: 'deleted', ids: [1] });
    expect(store().lastChange!.seq).toBeGreaterThan(first.seq);
  });
});
