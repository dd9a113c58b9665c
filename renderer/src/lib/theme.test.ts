import { afterEach, describe, expect, it } from 'vitest';
import { applyRememberedTheme, applyTheme, isTheme } from './theme';

describe('the theme', () => {
  afterEach(() => {
    localStorage.clear();
    delete document.documentElement.dataset['theme'];
  });

  it('"Claro" and "Oscuro" pin the palette; "Como el sistema" leaves it to the OS', () => {
    applyTheme('dark');
    expect(document.documentElement.dataset['theme']).toBe('dark');
    applyTheme('light');
    expect(document.documentElement.dataset['theme']).toBe('light');
    applyTheme('system');
    expect(document.documentElement.dataset['theme']).toBeUndefined();
    applyTheme('sepia');
    expect(document.documentElement.dataset['theme']).toBeUndefined();
    expect(isTheme('sepia')).toBe(false);
  });

  it('is remembered by the window, so the next start paints in it before the settings arrive', () => {
    applyTheme('dark');
    delete document.documentElement.dataset['theme'];
    applyRememberedTheme();
    expect(document.documentElement.dataset['theme']).toBe('dark');
  });
});
