// The list's filter and search live in the address (/conversaciones?filtro=humano&q=ana),
// so a reload, the back button or a shared link keep them.
import { LIST_FILTERS, type ListFilter, type ListView } from '../features/inbox/store/conversations';

const PARAM_FOR: Record<ListFilter, string | null> = {
  all: null,
  whatsapp: 'whatsapp',
  instagram: 'instagram',
  facebook: 'facebook',
  human: 'humano',
};

export function viewFromSearch(search: string): ListView {
  const params = new URLSearchParams(search);
  const raw = params.get('filtro');
  const filter = LIST_FILTERS.find((f) => PARAM_FOR[f] !== null && PARAM_FOR[f] === raw) ?? 'all';
  return { filter, q: (params.get('q') ?? '').trim().slice(0, 200) };
}

/** The list's address plus the message a search result opens at ('?q=turno&mensaje=812'). */
export function withMessage(search: string, messageId: number): string {
  const params = new URLSearchParams(search);
  params.set('mensaje', String(messageId));
  return `?${params.toString()}`;
}

/** The message to jump to when a chat opens from a search result, if any. */
export function messageFromSearch(search: string): number | null {
  const id = Number(new URLSearchParams(search).get('mensaje'));
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

/** '' or '?filtro=humano&q=ana' */
export function searchForView(view: ListView): string {
  const params = new URLSearchParams();
  const f = PARAM_FOR[view.filter];
  if (f) params.set('filtro', f);
  if (view.q) params.set('q', view.q);
  const s = params.toString();
  return s ? `?${s}` : '';
}
