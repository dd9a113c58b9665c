/**
 * Which copy of a thing is the newest, when copies come back out of order.
 *
 * The page hears of a change by push and then asks for the thing; replies to earlier
 * requests (a list, a page of messages, "mark as read") can arrive after that. Each
 * request takes a ticket as it leaves, and a copy only replaces the one shown when its
 * request left later: otherwise a reply answered before a pause could undo it on screen.
 */
export class Freshness<K> {
  private clock = 0;
  private readonly shown = new Map<K, number>();

  /** A ticket for a request leaving now (or for news that arrived now). */
  take(): number {
    return ++this.clock;
  }

  /** A copy that arrived just now (a save's answer, a push): newer than every request still on its way. */
  mark(key: K): void {
    this.shown.set(key, this.take());
  }

  /** Whether a copy of `key` from `ticket` is at least as new as the one shown; if so, it becomes the shown one. */
  claim(key: K, ticket: number): boolean {
    if ((this.shown.get(key) ?? 0) > ticket) return false;
    this.shown.set(key, ticket);
    return true;
  }
}
