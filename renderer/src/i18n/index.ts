import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { es } from './es';

export { localeFor } from './locale';

export type Language = 'es' | 'en';
export const LANGUAGES: readonly Language[] = ['es', 'en'];
const LAST_LANGUAGE_KEY = 'recepta.language';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof es };
  }
}

export const isLanguage = (v: unknown): v is Language => v === 'es' || v === 'en';

/** The language to paint the first frame in, before the settings arrive (the last one used here). */
function initialLanguage(): Language {
  try {
    const last = localStorage.getItem(LAST_LANGUAGE_KEY);
    if (isLanguage(last)) return last;
  } catch {
    /* storage may be unavailable; Spanish it is */
  }
  return 'es';
}

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  lng: initialLanguage(),
  fallbackLng: 'es',
  supportedLngs: [...LANGUAGES],
  resources: { es: { translation: es }, en: { translation: en } },
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
  initAsync: false,
});

document.documentElement.lang = i18n.language;
i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
  try {
    localStorage.setItem(LAST_LANGUAGE_KEY, lng);
  } catch {
    /* ignore */
  }
});

/** Follows the `ui.language` setting. */
export function applyLanguage(lang: unknown): void {
  if (isLanguage(lang) && i18n.language !== lang) void i18n.changeLanguage(lang);
}
