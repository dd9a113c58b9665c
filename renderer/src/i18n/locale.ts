/** Intl locale for a UI language: rioplatense Spanish, or English. */
export const localeFor = (lang: string): string => (lang === 'en' ? 'en-US' : 'es-AR');
