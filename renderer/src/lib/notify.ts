// Desktop notifications and the app badge for "a chat needs a person". Permission is
// only ever asked from a button (Ajustes or the banner in Conversaciones), never on load.
import { create } from 'zustand';

export type NotifyPermission = 'unsupported' | 'default' | 'granted' | 'denied';

const DISMISSED_KEY = 'recepta.notifications.dismissed';

function currentPermission(): NotifyPermission {
  if (typeof window === 'undefined' || !('Notification' in window)) return 'unsupported';
  return Notification.permission;
}

function readDismissed(): boolean {
  try {
    return localStorage.getItem(DISMISSED_KEY) === '1';
  } catch {
    return false;
  }
}

interface NotifyState {
  permission: NotifyPermission;
  /** "Ahora no" on the banner: it does not come back (Ajustes still has the button). */
  bannerDismissed: boolean;
  request(): Promise<NotifyPermission>;
  dismissBanner(): void;
  /** Re-reads the permission (it can change in the browser's site settings). */
  refresh(): void;
}

export const useNotify = create<NotifyState>((set) => ({
  permission: currentPermission(),
  bannerDismissed: readDismissed(),
  async request() {
    if (currentPermission() === 'unsupported') return 'unsupported';
    let result: NotifyPermission;
    try {
      result = await Notification.requestPermission();
    } catch {
      result = currentPermission();
    }
    set({ permission: result });
    return result;
  },
  dismissBanner() {
    try {
      localStorage.setItem(DISMISSED_KEY, '1');
    } catch {
      /* ignore */
    }
    set({ bannerDismissed: true });
  },
  refresh() {
    set({ permission: currentPermission() });
  },
}));

export interface AttentionNotice {
  /** The chat it is about; without one, `tag` names what it is about (a newer notice with the same tag replaces the older). */
  conversationId?: number;
  tag?: string;
  title: string;
  body: string;
  onClick(): void;
}

/** Shows one desktop notification per chat (a newer one replaces the older). False when not allowed. */
export function showNotification(n: AttentionNotice): boolean {
  if (currentPermission() !== 'granted') return false;
  try {
    const notification = new Notification(n.title, {
      body: n.body,
      tag: n.tag ?? `recepta-conversation-${n.conversationId}`,
      icon: '/favicon.svg',
    });
    notification.onclick = () => {
      window.focus();
      n.onClick();
      notification.close();
    };
    return true;
  } catch {
    return false;
  }
}

type BadgeNavigator = Navigator & { setAppBadge?: (n?: number) => Promise<void>; clearAppBadge?: () => Promise<void> };

/** The app icon's badge (installed app / Electron, where the platform has one). */
export function setAppBadge(count: number): void {
  const nav = navigator as BadgeNavigator;
  try {
    if (count > 0) void nav.setAppBadge?.(count)?.catch(() => {});
    else void nav.clearAppBadge?.()?.catch(() => {});
  } catch {
    /* not available here */
  }
}
