import { describe, expect, it } from 'vitest';
import { messageFromSearch, searchForView, viewFromSearch, withMessage } from './list-view';

describe('list view in the address', () => {
  it('round-trips filter and search', () => {
    for (const view of [
      { filter: 'all', q: '' },
      { filter: 'human', q: '' },
      { filter: 'whatsapp', q: 'José Pérez' },
      { filter: 'all', q: '+54 9 11' },
    ] as const) {
      expect(viewFromSearch(searchForView(view))).toEqual(view);
    }
  });

  it('reads unknown or missing values as "Todos" and no search', () => {
    expect(viewFromSearch('?filtro=telegram')).toEqual({ filter: 'all', q: '' });
    expect(viewFromSearch('')).toEqual({ filter: 'all', q: '' });
    expect(searchForView({ filter: 'all', q: '' })).toBe('');
    expect(searchForView({ filter: 'human', q: 'ana' })).toBe('?filtro=humano&q=ana');
  });
});

describe('the message a search result opens at', () => {
  it('travels in the address next to the search, and only a real id counts', () => {
    const search = withMessage('?q=turno', 812);
    expect(search).toBe('?q=turno&mensaje=812');
    expect(messageFromSearch(search)).toBe(812);
    expect(viewFromSearch(search)).toEqual({ filter: 'all', q: 'turno' });
    expect(messageFromSearch('?q=turno')).toBeNull();
    expect(messageFromSearch('?mensaje=abc')).toBeNull();
    expect(messageFromSearch('?mensaje=-3')).toBeNull();
  });
});
