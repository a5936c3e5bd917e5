import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { MakerDeb } from '@electron-forge/maker-deb';
import { MakerZIP } from '@electron-forge/maker-zip';
import { VitePlugin } from '@electron-forge/plugin-vite';
import type { ForgeConfig } from '@electron-forge/shared-types';
import { appUpdateYml, APP_UPDATE_YML, UPDATE_SIGNING_FILE } from './src-main/electron/update-policy';

/**
 * Electron fuses: switches compiled into the Electron binary, flipped at packaging so that no environment
 * variable or command-line argument can turn the shipped app into something else. Names are those of
 * @electron/fuses' `FuseV1Options`.
 * - RunAsNode off: `ELECTRON_RUN_AS_NODE=1 guichet` would otherwise be a signed Node.js for anyone.
 * - NODE_OPTIONS and --inspect off: no code injected at start, no debugger attached to the main process
 *   (which holds the replica key).
 * - Cookie encryption on: the session's cookies are encrypted at rest with the OS key store.
 * - ASAR integrity on, app only from the ASAR: the app code cannot be swapped beside or inside the archive.
 */
export const electronFuses = {
  RunAsNode: false,
  EnableCookieEncryption: true,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
} as const;

/**
 * Flips the fuses in a packaged app. @electron/fuses is loaded by name: until it is installed (see
 * docs/decisions/0001-windows-installer-and-updates.md) packaging stops here rather than ship an app whose
 * fuses are the permissive defaults. `electron-forge start` (development) never packages, so it is unaffected.
 */
async function flipElectronFuses(outputPaths: string[], platform: string, arch: string): Promise<void> {
  const moduleName = '@electron/fuses';
  let fuses: { flipFuses(path: string, config: Record<string | number, unknown>): Promise<unknown>; FuseVersion: { V1: unknown }; FuseV1Options: Record<string, number> };
  try {
    fuses = (await import(moduleName)) as typeof fuses;
  } catch {
    throw new Error('Packaging needs @electron/fuses (npm i -E -D @electron/fuses@1.8.0): the Electron fuses cannot be set without it');
  }
  const config: Record<string | number, unknown> = { version: fuses.FuseVersion.V1, resetAdHocDarwinSignature: platform === 'darwin' && arch === 'arm64' };
  for (const [name, value] of Object.entries(electronFuses)) config[fuses.FuseV1Options[name]!] = value;
  for (const outputPath of outputPaths) await fuses.flipFuses(electronBinary(outputPath, platform), config);
}

function electronBinary(outputPath: string, platform: string): string {
  if (platform === 'darwin' || platform === 'mas') return join(outputPath, 'Guichet.app');
  return join(outputPath, platform === 'win32' ? 'guichet.exe' : 'guichet');
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
  const windowsPublisherNames = (env['GUICHET_WINDOWS_PUBLISHER'] ?? '').split(';').map((name) => name.trim()).filter((name) => name !== '');
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
  // Windows: no Forge maker. The installer is NSIS, built from Forge's packaged app by electron-builder
  // (`electron-builder --win nsis --prepackaged out/Guichet-win32-x64`), the format electron-updater updates;
  // why: docs/decisions/0001-windows-installer-and-updates.md.
  makers: [
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
    // `buildPath` is <resources>/app: what the updater reads sits beside it.
    packageAfterCopy: async (_config, buildPath, _electronVersion, platform) => {
      // electron-updater picks its Linux updater from `<resources>/package-type`, a file electron-builder
      // writes and Forge does not; without it a .deb install would try to update itself as an AppImage.
      if (platform === 'linux') writeFileSync(join(dirname(buildPath), 'package-type'), 'deb\n');
      writeUpdateVerification(dirname(buildPath), platform, process.env);
    },
    postPackage: async (_config, result) => flipElectronFuses(result.outputPaths, result.platform, result.arch),
  },
};

export default config;
