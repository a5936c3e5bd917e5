import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type ConfigEnv } from 'vite';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));

/**
 * The renderer (src-renderer). Under Electron Forge it is built into `.vite/renderer/<name>`, the only
 * folder Forge packages; `vite build` alone (`npm run build:renderer`, for browser mode) writes
 * `dist-renderer`.
 */
export default defineConfig((env) => {
  const forgeName = forgeRendererName(env);
  return {
    root: resolve(repoRoot, 'src-renderer'),
    // Relative asset URLs work on app://guichet/ and in browser mode alike.
    base: './',
    plugins: [react()],
    build: {
      outDir: forgeName === null ? resolve(repoRoot, 'dist-renderer') : resolve(repoRoot, '.vite', 'renderer', forgeName),
      // The out dir is outside `root`: Vite only empties it when told to.
      emptyOutDir: true,
      // Loaded from disk or loopback, never over a network: one React + Mantine chunk is fine.
      chunkSizeWarningLimit: 1500,
    },
  };
});

/** @electron-forge/plugin-vite adds `forgeConfigSelf` (this renderer's entry in forge.config.ts) to the env. */
function forgeRendererName(env: ConfigEnv): string | null {
  const self: unknown = Reflect.get(env, 'forgeConfigSelf');
  if (typeof self !== 'object' || self === null) return null;
  const name: unknown = Reflect.get(self, 'name');
  return typeof name === 'string' ? name : null;
}
