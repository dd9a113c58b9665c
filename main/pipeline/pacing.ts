// How the assistant's words leave: in bubbles a person would send, at a pace a person
// would type. Pure functions, so the rules are tested without a clock.
import type { Clock } from '../kernel/clock.js';
import { cutPoint } from '../kernel/sentence-cut.js';

/** WhatsApp's hard limit for one text message. */
export const MAX_BUBBLE_CHARS = 4096;
/** Paragraphs are packed into bubbles of about this size; a chat is not an e-mail. */
const SOFT_BUBBLE_CHARS = 700;
/**
 * More bubbles than this read as spam: the rest stays together in the last one. The
 * assistant's own words are cut to about 1,200 characters before they get here
 * (main/agent/reply-length.ts), so a reply is at most three bubbles.
 */
export const MAX_BUBBLES = 3;

function hardSplit(text: string, max: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const at = cutPoint(rest, max);
    out.push(rest.slice(0, at).trim());
    rest = rest.slice(at).trim();
  }
  if (rest) out.push(rest);
  return out;
}

/**
 * Splits a reply at blank lines into a few bubbles, packing short paragraphs together;
 * no bubble is ever longer than WhatsApp accepts.
 */
export function splitIntoBubbles(text: string): string[] {
  const paragraphs = text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .flatMap((p) => hardSplit(p, MAX_BUBBLE_CHARS));
  const bubbles: string[] = [];
  for (const p of paragraphs) {
    const last = bubbles[bubbles.length - 1];
    const fits = last !== undefined && last.length + 2 + p.length <= SOFT_BUBBLE_CHARS;
    const full = bubbles.length >= MAX_BUBBLES && last !== undefined && last.length + 2 + p.length <= MAX_BUBBLE_CHARS;
    if (fits || full) bubbles[bubbles.length - 1] = `${last}\n\n${p}`;
    else bubbles.push(p);
  }
  return bubbles.length ? bubbles : [text.trim()];
}

/** How long "escribiendo…" shows before a bubble: grows with its length, with ±15 % jitter, within bounds. */
export function typingDelayMs(text: string, random: () => number = Math.random): number {
  const base = Math.min(Math.max(600 + 30 * text.length, 800), 6_000);
  return Math.round(base * (0.85 + 0.3 * random()));
}

/**
 * A per-channel send budget (token bucket): bursts up to `perSecond`, then an even pace.
 * Providers throttle or ban numbers that send too fast.
 */
export class RateLimiter {
  private tokens: number;
  private last: number;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly perSecond: number,
    private readonly now: Clock = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {
    this.tokens = perSecond;
    this.last = now();
  }

  /** Resolves when one more send is allowed. Callers are served in order. */
  take(): Promise<void> {
    const turn = this.queue.then(async () => {
      this.refill();
      if (this.tokens < 1) {
        await this.sleep(Math.ceil(((1 - this.tokens) / this.perSecond) * 1000));
        this.refill();
      }
      this.tokens -= 1;
    });
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(this.perSecond, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
  }
}
