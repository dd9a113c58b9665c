// Drafts survive switching chats (they live in the store) and a reload of this tab
// (sessionStorage, which is per tab and gone when it closes).
const KEY = 'recepta.drafts';

export function loadDrafts(): Record<number, string> {
  try {
    const raw = sessionStorage.getItem(KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    if (!parsed || typeof parsed !== 'object') return {};
    const out: Record<number, string> = {};
    for (const [k, v] of Object.entries(parsed)) if (typeof v === 'string' && /^\d+$/.test(k)) out[Number(k)] = v;
    return out;
  } catch {
    return {};
  }
}

export function saveDrafts(drafts: Record<number, string>): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(drafts));
  } catch {
    /* storage full or unavailable: drafts still live in memory */
  }
}
