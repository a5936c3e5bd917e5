import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { forgeRendererName } from './vite.forge-env';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));

/**
 * The renderer (src-renderer). Under Electron Forge it is built into `.vite/renderer/<name>`, the only
 * folder Forge packages; `vite build` alone (browser mode) writes `dist-renderer`.
 */
export default defineConfig((env) => {
  const forgeName = forgeRendererName(env);
  return {
    root: resolve(repoRoot, 'src-renderer'),
    // Relative asset URLs work on app://guichet/, on a file path and behind browser mode alike.
    base: './',
    plugins: [react()],
    build: {
      outDir: forgeName === null ? resolve(repoRoot, 'dist-renderer') : resolve(repoRoot, '.vite', 'renderer', forgeName),
      // The out dir is outside `root`: Vite only empties it when told to.
      emptyOutDir: true,
    },
  };
});
