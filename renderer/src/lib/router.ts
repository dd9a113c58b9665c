// Client-side routing on the history API, without a dependency. The core serves
// index.html for any non-/api path, so every route here is also a real URL.
import { create } from 'zustand';

export type PageId =
  'conversations' | 'agenda' | 'patients' | 'calls' | 'channels' | 'knowledge' | 'settings' | 'notFound';

export interface Route {
  page: PageId;
  /** The open conversation, on /conversaciones/:id. */
  conversationId: number | null;
  /** The query string, '' or '?filtro=humano&q=ana'. */
  search: string;
  /** The open patient, on /pacientes/:id. */
  patientId?: number | null;
}

export const PAGE_PATHS: Record<Exclude<PageId, 'notFound'>, string> = {
  conversations: '/conversaciones',
  agenda: '/agenda',
  patients: '/pacientes',
  calls: '/para-llamar',
  channels: '/canales',
  knowledge: '/conocimiento',
  settings: '/ajustes',
};

export function parseRoute(pathname: string, search = ''): Route {
  const clean = pathname.replace(/\/+$/, '') || '/';
  const s = search === '?' ? '' : search;
  if (clean === '/') return { page: 'conversations', conversationId: null, search: s };
  const conv = /^\/conversaciones(?:\/(\d+))?$/.exec(clean);
  if (conv) return { page: 'conversations', conversationId: conv[1] ? Number(conv[1]) : null, search: s };
  const patient = /^\/pacientes\/(\d+)$/.exec(clean);
  if (patient) return { page: 'patients', conversationId: null, search: s, patientId: Number(patient[1]) };
  for (const [page, path] of Object.entries(PAGE_PATHS)) {
    if (clean === path) return { page: page as PageId, conversationId: null, search: s };
  }
  return { page: 'notFound', conversationId: null, search: s };
}

/** A chat's address; `search` keeps the list's filter and search ('?filtro=humano'). */
export const conversationPath = (id: number, search = '') => `${PAGE_PATHS.conversations}/${id}${search}`;
/** A patient's page. */
export const patientPath = (id: number) => `${PAGE_PATHS.patients}/${id}`;

function split(path: string): { pathname: string; search: string } {
  const i = path.indexOf('?');
  return i < 0 ? { pathname: path, search: '' } : { pathname: path.slice(0, i), search: path.slice(i) };
}

interface RouterState {
  route: Route;
  navigate(path: string, opts?: { replace?: boolean }): void;
}

export const useRouter = create<RouterState>((set) => ({
  route: parseRoute(window.location.pathname, window.location.search),
  navigate(path, opts) {
    if (path !== window.location.pathname + window.location.search) {
      if (opts?.replace) window.history.replaceState(null, '', path);
      else window.history.pushState(null, '', path);
    }
    const { pathname, search } = split(path);
    set({ route: parseRoute(pathname, search) });
  },
}));

window.addEventListener('popstate', () => {
  useRouter.setState({ route: parseRoute(window.location.pathname, window.location.search) });
});

export const navigate = (path: string, opts?: { replace?: boolean }) => useRouter.getState().navigate(path, opts);
