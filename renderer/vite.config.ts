import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));

// The UI bundle the local API serves from dist/renderer. Absolute base ('/') because
// client-side routes like /conversaciones/12 load the same index.html.
export default defineConfig({
  root: here,
  base: '/',
  plugins: [react()],
  build: {
    outDir: path.resolve(here, '../dist/renderer'),
    emptyOutDir: true,
    // No inline scripts: the CSP is script-src 'self'.
    assetsInlineLimit: 0,
    sourcemap: false,
  },
});
