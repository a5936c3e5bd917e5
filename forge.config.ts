import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { MakerDeb } from '@electron-forge/maker-deb';
import { MakerSquirrel } from '@electron-forge/maker-squirrel';
import { MakerZIP } from '@electron-forge/maker-zip';
import { VitePlugin } from '@electron-forge/plugin-vite';
import type { ForgeConfig } from '@electron-forge/shared-types';

/**
 * The Vite plugin packages only `/.vite` (the bundles) by default. The SQLite driver is a native module that
 * cannot be bundled, so it and its run-time dependencies are kept from node_modules as well.
 */
const keptModules = ['better-sqlite3', 'bindings', 'file-uri-to-path'];

function isPackaged(file: string): boolean {
  if (file === '' || file === '/package.json' || file === '/node_modules') return true;
  if (file === '/.vite' || file.startsWith('/.vite/')) return true;
  return keptModules.some((name) => file === `/node_modules/${name}` || file.startsWith(`/node_modules/${name}/`));
}

const config: ForgeConfig = {
  packagerConfig: {
    name: 'Guichet',
    executableName: 'guichet',
    asar: {
      // A .node binary cannot be loaded from inside an asar archive; the replica's writer thread runs from
      // the unpacked copy too (src-main/electron/main.ts), beside the driver and what the driver requires.
      unpack: '{**/node_modules/better-sqlite3/**,**/node_modules/bindings/**,**/node_modules/file-uri-to-path/**,**/*.node,**/.vite/build/replica-writer.cjs}',
    },
    // Lands at <resources>/local; src-main/electron/main.ts passes that path to the core.
    extraResource: ['drizzle/local'],
    ignore: (file: string) => !isPackaged(file),
  },
  rebuildConfig: {
    // Rebuild the SQLite driver against Electron's Node ABI.
    onlyModules: ['better-sqlite3'],
  },
  makers: [
    new MakerSquirrel({ name: 'guichet' }),
    new MakerZIP({}, ['darwin']),
    new MakerDeb({ options: { name: 'guichet', productName: 'Guichet', categories: ['Office'] } }),
  ],
  plugins: [
    new VitePlugin({
      build: [
        { entry: 'src-main/electron/main.ts', config: 'vite.main.config.ts', target: 'main' },
        { entry: 'src-main/electron/preload.ts', config: 'vite.preload.config.ts', target: 'preload' },
        // The bulk bootstrap's writer thread (plain JavaScript): .vite/build/replica-writer.cjs.
        { entry: 'src-main/sync/worker/replica-writer.mjs', config: 'vite.main.config.ts', target: 'main' },
      ],
      renderer: [{ name: 'main_window', config: 'vite.renderer.config.ts' }],
    }),
  ],
  hooks: {
    // electron-updater picks its Linux updater from `<resources>/package-type`, a file electron-builder
    // writes and Forge does not; without it a .deb install would try to update itself as an AppImage.
    packageAfterCopy: async (_config, buildPath, _electronVersion, platform) => {
      if (platform === 'linux') writeFileSync(join(dirname(buildPath), 'package-type'), 'deb\n');
    },
  },
};

export default config;
