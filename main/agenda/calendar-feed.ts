import { timingSafeEqual } from 'node:crypto';
import { registerSecretForRedaction } from '../kernel/logger.js';
import type { SecretStore } from '../secrets/secret-store.js';

/**
 * The token of the subscribe-able ICS feed (`/calendar/<token>.ics`). Calendar apps
 * cannot send a bearer header, so the URL itself is the credential: 32 random bytes
 * kept in the OS keychain (never in the database), rotated on request.
 */
export class CalendarFeedToken {
  private cached: string | null = null;

  constructor(private readonly secrets: SecretStore) {}

  token(): string {
    if (!this.cached) {
      this.cached = this.secrets.internalKey('calendarFeedToken').toString('base64url');
      // A feed URL in an error log would hand out the clinic's calendar.
      registerSecretForRedaction(this.cached);
    }
    return this.cached;
  }

  /** A new token: every URL handed out before stops working. */
  rotate(): string {
    this.secrets.forgetInternalKey('calendarFeedToken');
    this.cached = null;
    return this.token();
  }

  /** False for a wrong token, and when the keychain cannot be read: a feed URL never says more than "not found". */
  matches(candidate: string): boolean {
    let token: string;
    try {
      token = this.token();
    } catch {
      return false;
    }
    const expected = Buffer.from(token);
    const given = Buffer.from(candidate);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
