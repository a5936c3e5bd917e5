import { defineConfig } from 'vite';

/**
 * Preload bundle (merged by @electron-forge/plugin-vite over its CommonJS preload defaults). A sandboxed
 * preload cannot load modules itself, so trpc-electron's bridge is inlined and only electron stays external.
 */
export default defineConfig({
  build: {
    rolldownOptions: {
      external: ['electron', 'better-sqlite3'],
      // `.cjs` because package.json says "type": "module"; main.ts loads `.vite/build/preload.cjs`.
      output: { entryFileNames: '[name].cjs' },
    },
  },
});
