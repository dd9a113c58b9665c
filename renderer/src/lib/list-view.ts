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

/** '' or '?filtro=humano&q=ana' */
export function searchForView(view: ListView): string {
  const params = new URLSearchParams();
  const f = PARAM_FOR[view.filter];
  if (f) params.set('filtro', f);
  if (view.q) params.set('q', view.q);
  const s = params.toString();
  return s ? `?${s}` : '';
}
