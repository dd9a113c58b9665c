import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * FullCalendar 6 injects its CSS from JavaScript, including an `@font-face` for its icons
 * whose source is a data: URI. Our CSP allows fonts only from 'self', and Chromium checks a
 * data: font as soon as the rule is added, used or not: a violation on every agenda visit.
 * The rule is cut from the bundle here; the icons are drawn as SVG masks instead
 * (features/agenda/components/fullcalendar-icons.css).
 */
function dropFullCalendarIconFont(): Plugin {
  const FONT_FACE = /@font-face\{font-family:fcicons;[^}]*\}/g;
  return {
    name: 'recepta:drop-fullcalendar-icon-font',
    transform(code, id) {
      if (!id.includes('fullcalendar') || !code.includes('font-family:fcicons;')) return null;
      return { code: code.replace(FONT_FACE, ''), map: null };
    },
  };
}

// The UI bundle the local API serves from dist/renderer. Absolute base ('/') because
// client-side routes like /conversaciones/12 load the same index.html.
export default defineConfig({
  root: here,
  base: '/',
  plugins: [react(), dropFullCalendarIconFont()],
  build: {
    outDir: path.resolve(here, '../dist/renderer'),
    emptyOutDir: true,
    // No inline scripts: the CSP is script-src 'self'.
    assetsInlineLimit: 0,
    sourcemap: false,
  },
});
