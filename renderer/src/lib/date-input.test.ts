import { describe, expect, it } from 'vitest';
import { formatDateInput, formatDayMonth, parseDateInput } from './date-input';

describe('formatDateInput', () => {
  it("writes a date in the app's language, not the browser's", () => {
    expect(formatDateInput('2026-05-04', 'es')).toBe('04/05/2026');
    expect(formatDateInput('2026-05-04', 'en')).toBe('05/04/2026');
  });
  it('is empty for an empty or unfinished value', () => {
    expect(formatDateInput('', 'es')).toBe('');
    expect(formatDateInput('2026-5-4', 'es')).toBe('');
  });
});

describe('formatDayMonth', () => {
  it("writes day and month in the language's order", () => {
    expect(formatDayMonth('2026-11-06', 'es')).toBe('06/11');
    expect(formatDayMonth('2026-11-06', 'en')).toBe('11/06');
    expect(formatDayMonth('', 'es')).toBe('');
  });
});

describe('parseDateInput', () => {
  it("reads the language's order, with any separator and short numbers", () => {
    expect(parseDateInput('04/05/2026', 'es')).toBe('2026-05-04');
    expect(parseDateInput('4-5-26', 'es')).toBe('2026-05-04');
    expect(parseDateInput(' 4.5.2026 ', 'es')).toBe('2026-05-04');
    expect(parseDateInput('05/04/2026', 'en')).toBe('2026-05-04');
  });
  it('takes an ISO date in either language', () => {
    expect(parseDateInput('2026-05-04', 'es')).toBe('2026-05-04');
    expect(parseDateInput('2026-05-04', 'en')).toBe('2026-05-04');
  });
  it('refuses what is not a whole, real date', () => {
    for (const text of ['', '04/05', '31/02/2026', '00/05/2026', '04/13/2026', '4/5/202', 'hoy', '04/05/2026/1']) {
      expect(parseDateInput(text, 'es'), text).toBeNull();
    }
    expect(parseDateInput('29/02/2028', 'es')).toBe('2028-02-29');
  });
});
