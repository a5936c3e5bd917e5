import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));

/**
 * The public pages' browser code (src-public): a survey's page and a kiosk's, served by the central service
 * (src-central/public). `npm run build:public` writes `dist-public`; assets are served under /p/.
 */
export default defineConfig({
  root: resolve(repoRoot, 'src-public'),
  base: '/p/',
  plugins: [react()],
  build: {
    outDir: resolve(repoRoot, 'dist-public'),
    emptyOutDir: true,
    // survey-core and React in one chunk, cached by the kiosk's service worker.
    chunkSizeWarningLimit: 1500,
  },
});
