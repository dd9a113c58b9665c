import { describe, expect, it } from 'vitest';
import { HOURS_IN_VIEW, hourHeight } from './use-hour-height';

describe('hourHeight', () => {
  it('fits at least 6 hours in the pane a 1024×700 window leaves (about 430 px)', () => {
    const px = hourHeight(430);
    expect((430 - 40) / px).toBeGreaterThanOrEqual(6);
    expect(HOURS_IN_VIEW).toBeGreaterThanOrEqual(6);
  });

  it('stays readable in a tiny pane and does not balloon in a tall one', () => {
    expect(hourHeight(100)).toBe(48);
    expect(hourHeight(2000)).toBe(112);
  });
});
