import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { MakerDeb } from '@electron-forge/maker-deb';
import { MakerZIP } from '@electron-forge/maker-zip';
import { FusesPlugin } from '@electron-forge/plugin-fuses';
import { VitePlugin } from '@electron-forge/plugin-vite';
import type { ForgeConfig } from '@electron-forge/shared-types';
import { FuseV1Options, FuseVersion, type FuseV1Config } from '@electron/fuses';
import { appUpdateYml, APP_UPDATE_YML, UPDATE_SIGNING_FILE } from './src-main/electron/update-policy';

/**
 * Electron fuses: switches compiled into the Electron binary, flipped at packaging (FusesPlugin, before the
 * app is signed) so that no environment variable or command-line argument can turn the shipped app into
 * something else.
 * - RunAsNode off: `ELECTRON_RUN_AS_NODE=1 guichet` would otherwise be a signed Node.js for anyone.
 * - NODE_OPTIONS and --inspect off: no code injected at start, no debugger attached to the main process
 *   (which holds the replica key).
 * - Cookie encryption on: the session's cookies are encrypted at rest with the OS key store.
 * - ASAR integrity on, app only from the ASAR: the app code cannot be swapped beside or inside the archive.
 * - No extra file:// privileges: the renderer is served from app:// (src-main/electron/renderer-protocol.ts).
 */
export const electronFuses = {
  RunAsNode: false,
  EnableCookieEncryption: true,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
  GrantFileProtocolExtraPrivileges: false,
} as const satisfies Partial<Record<keyof typeof FuseV1Options, boolean>>;

/** The fuses as @electron/fuses takes them; every fuse it knows must be given (strictlyRequireAllFuses). */
export function fuseConfig(): FuseV1Config {
  const wire: Partial<Record<FuseV1Options, boolean>> = {};
  for (const [name, value] of Object.entries(electronFuses)) wire[FuseV1Options[name as keyof typeof FuseV1Options]] = value;
  // A V8 snapshot of the browser process is a build option Guichet does not use: left as Electron ships it.
  wire[FuseV1Options.LoadBrowserProcessSpecificV8Snapshot] = false;
  return { version: FuseVersion.V1, strictlyRequireAllFuses: true, ...(wire as Record<FuseV1Options, boolean>) };
}

/**
 * What the packaged app checks its updates against (src-main/electron/update-policy.ts), given at packaging
 * time by the city's release machine: GUICHET_UPDATE_PUBLIC_KEY (Ed25519 public key, PEM) and, for Windows,
 * GUICHET_WINDOWS_PUBLISHER (the subject CN of the code-signing certificate; several separated by `;`).
 * Without them the build carries nothing, and its updater stays off.
 */
function writeUpdateVerification(resourcesDir: string, platform: string, env: NodeJS.ProcessEnv): void {
  const publicKey = env['GUICHET_UPDATE_PUBLIC_KEY']?.trim();
  if (publicKey === undefined || publicKey === '') return;
  const windowsPublisherNames = (env['GUICHET_WINDOWS_PUBLISHER'] ?? '')
    .split(';')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  writeFileSync(join(resourcesDir, UPDATE_SIGNING_FILE), JSON.stringify({ publicKey, windowsPublisherNames }, null, 2));
  if (platform === 'win32') writeFileSync(join(resourcesDir, APP_UPDATE_YML), appUpdateYml(windowsPublisherNames));
}

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
      unpack:
        '{**/node_modules/better-sqlite3/**,**/node_modules/bindings/**,**/node_modules/file-uri-to-path/**,**/*.node,**/.vite/build/replica-writer.cjs}',
    },
    // Lands at <resources>/local; src-main/electron/main.ts passes that path to the core.
    extraResource: ['drizzle/local'],
    ignore: (file: string) => !isPackaged(file),
  },
  rebuildConfig: {
    // Rebuild the SQLite driver against Electron's Node ABI.
    onlyModules: ['better-sqlite3'],
  },
  // Windows: no Forge maker. The installer is NSIS, built from Forge's packaged app by electron-builder
  // (`electron-builder --win nsis --prepackaged out/Guichet-win32-x64`), the format electron-updater updates;
  // why: docs/decisions/0001-windows-installer-and-updates.md.
  makers: [new MakerZIP({}, ['darwin']), new MakerDeb({ options: { name: 'guichet', productName: 'Guichet', categories: ['Office'] } })],
  plugins: [
    new FusesPlugin(fuseConfig()),
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
    // `buildPath` is <resources>/app: what the updater reads sits beside it.
    packageAfterCopy: async (_config, buildPath, _electronVersion, platform) => {
      // electron-updater picks its Linux updater from `<resources>/package-type`, a file electron-builder
      // writes and Forge does not; without it a .deb install would try to update itself as an AppImage.
      if (platform === 'linux') writeFileSync(join(dirname(buildPath), 'package-type'), 'deb\n');
      writeUpdateVerification(dirname(buildPath), platform, process.env);
    },
  },
};

export default config;
