// Claro / Oscuro / Como el sistema: the `ui.theme` setting, applied to the whole window.
// The palette is one set of light-dark() colours (styles/base.css); this only says which
// side to use. "system" leaves it to the OS through CSS, so a change there (evening mode)
// shows at once, with no listener of ours.
export const THEMES = ['light', 'dark', 'system'] as const;
export type Theme = (typeof THEMES)[number];

/** This window's last theme, read before the settings arrive: the first paint is already in it. */
const REMEMBERED = 'recepta.theme';

export const isTheme = (v: unknown): v is Theme => THEMES.some((t) => t === v);

export function applyTheme(theme: unknown): void {
  const chosen: Theme = isTheme(theme) ? theme : 'system';
  const root = document.documentElement;
  if (chosen === 'system') delete root.dataset['theme'];
  else root.dataset['theme'] = chosen;
  try {
    localStorage.setItem(REMEMBERED, chosen);
  } catch {
    /* storage off: the settings still decide once they arrive */
  }
}

/** At start: the theme this window used last (the setting, once loaded, has the final word). */
export function applyRememberedTheme(): void {
  try {
    applyTheme(localStorage.getItem(REMEMBERED));
  } catch {
    applyTheme('system');
  }
}
