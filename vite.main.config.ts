import { defineConfig } from 'vite';

/**
 * Main-process bundle, merged by @electron-forge/plugin-vite over its defaults (CommonJS, Node built-ins and
 * electron external, output in .vite/build). CommonJS because bundled dependencies such as electron-updater
 * `require()` Node built-ins, which an ES bundle cannot do.
 */
export default defineConfig({
  build: {
    rolldownOptions: {
      // Native module: loaded from node_modules at run time, never bundled (forge.config.ts ships it unpacked).
      external: ['better-sqlite3'],
      // `.cjs` because package.json says "type": "module" (package.json "main" points here).
      output: { entryFileNames: '[name].cjs' },
    },
  },
});
