import type { Clock } from '../../kernel/clock.js';
/**
 * The ids of the messages we sent lately. WhatsApp echoes every message of the linked
 * account back to us (`fromMe`), ours included, often before `sendMessage` resolves —
 * so the id is remembered before sending. Bounded: the oldest ids fall out first.
 */
export class RecentIds {
  private readonly ids = new Set<string>();

  constructor(private readonly max = 5_000) {}

  add(id: string): void {
    this.ids.delete(id);
    this.ids.add(id);
    if (this.ids.size > this.max) this.ids.delete(this.ids.values().next().value as string);
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }
}

/**
 * A small TTL cache with the shape of Baileys' `CacheStore`. Used as the message
 * retry counter: created once per channel, not per socket, so a reconnect does not
 * reset how often a message was retried (Baileys' own example does the same).
 */
export class TtlCache {
  private readonly entries = new Map<string, { value: unknown; expires: number }>();

  constructor(
    private readonly ttlMs = 10 * 60_000,
    private readonly max = 10_000,
    private readonly now: Clock = Date.now,
  ) {}

  get<T>(key: string): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expires <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value as T;
  }

  set<T>(key: string, value: T): boolean {
    this.entries.delete(key);
    this.entries.set(key, { value, expires: this.now() + this.ttlMs });
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as string);
    return true;
  }

  del(key: string): boolean {
    return this.entries.delete(key);
  }

  flushAll(): void {
    this.entries.clear();
  }
}
