import { describe, expect, it } from 'vitest';
import { QUIET_AFTER_MS, quietFor } from './quiet';

const now = Date.parse('2026-05-12T14:00:00Z');
const hours = (h: number) => now - h * 3_600_000;

describe('the quiet-provider warning', () => {
  it('says how long a provider the clinic expects has sent nothing, past a day', () => {
    expect(quietFor({ expecting: true, newestEventAt: hours(30), lastHeardAt: null, now })).toEqual({
      unit: 'days',
      count: 1,
    });
    expect(quietFor({ expecting: true, newestEventAt: hours(2), lastHeardAt: null, now })).toBeNull();
  });

  it('after a restart emptied the delivery list, measures from the last chat activity the server reports', () => {
    expect(quietFor({ expecting: true, newestEventAt: undefined, lastHeardAt: hours(72), now })).toEqual({
      unit: 'days',
      count: 3,
    });
    // The newer of the two counts: a fresh delivery silences an old chat activity.
    expect(quietFor({ expecting: true, newestEventAt: hours(1), lastHeardAt: hours(72), now })).toBeNull();
  });

  it('says nothing for a provider nobody set up, or one never heard from', () => {
    expect(quietFor({ expecting: false, newestEventAt: hours(72), lastHeardAt: hours(72), now })).toBeNull();
    expect(quietFor({ expecting: true, newestEventAt: undefined, lastHeardAt: null, now })).toBeNull();
    expect(QUIET_AFTER_MS).toBe(24 * 3_600_000);
  });
});
