// Client-side routing on the history API, without a dependency. The core serves
// index.html for any non-/api path, so every route here is also a real URL.
import { create } from 'zustand';

export type PageId = 'conversations' | 'agenda' | 'patients' | 'channels' | 'knowledge' | 'settings' | 'notFound';

export interface Route {
  page: PageId;
  /** The open conversation, on /conversaciones/:id. */
  conversationId: number | null;
}

export const PAGE_PATHS: Record<Exclude<PageId, 'notFound'>, string> = {
  conversations: '/conversaciones',
  agenda: '/agenda',
  patients: '/pacientes',
  channels: '/canales',
  knowledge: '/conocimiento',
  settings: '/ajustes',
};

export function parseRoute(pathname: string): Route {
  const clean = pathname.replace(/\/+$/, '') || '/';
  if (clean === '/') return { page: 'conversations', conversationId: null };
  const conv = /^\/conversaciones(?:\/(\d+))?$/.exec(clean);
  if (conv) return { page: 'conversations', conversationId: conv[1] ? Number(conv[1]) : null };
  for (const [page, path] of Object.entries(PAGE_PATHS)) {
    if (clean === path) return { page: page as PageId, conversationId: null };
  }
  return { page: 'notFound', conversationId: null };
}

export const conversationPath = (id: number) => `${PAGE_PATHS.conversations}/${id}`;

interface RouterState {
  route: Route;
  navigate(path: string, opts?: { replace?: boolean }): void;
}

export const useRouter = create<RouterState>((set) => ({
  route: parseRoute(window.location.pathname),
  navigate(path, opts) {
    if (path !== window.location.pathname) {
      if (opts?.replace) window.history.replaceState(null, '', path);
      else window.history.pushState(null, '', path);
    }
    set({ route: parseRoute(path) });
  },
}));

window.addEventListener('popstate', () => {
  useRouter.setState({ route: parseRoute(window.location.pathname) });
});

export const navigate = (path: string, opts?: { replace?: boolean }) => useRouter.getState().navigate(path, opts);
