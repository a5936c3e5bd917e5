// @ts-check
import { spawn } from 'node:child_process';
import console from 'node:console';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

/**
 * `npm start`: the desktop app when Electron's binary is installed, else browser mode. Installs made with
 * ELECTRON_SKIP_BINARY_DOWNLOAD=1 (or offline) have the `electron` package but no binary, and requiring
 * `electron` would start downloading it: so its files are looked at instead.
 */
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

function electronBinaryInstalled() {
  const electronDir = join(repoRoot, 'node_modules', 'electron');
  const pathFile = join(electronDir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  // The same override node_modules/electron/index.js honours.
  const overrideDir = process.env['ELECTRON_OVERRIDE_DIST_PATH'];
  if (overrideDir !== undefined && overrideDir !== '') return existsSync(join(overrideDir, executable || 'electron'));
  return executable !== '' && existsSync(join(electronDir, 'dist', executable));
}

/** @param {{ close: () => Promise<void> } | null} central */
function startDesktop(central) {
  const forgeCli = join(repoRoot, 'node_modules', '@electron-forge', 'cli', 'dist', 'electron-forge.js');
  const child = spawn(process.execPath, [forgeCli, 'start'], { cwd: repoRoot, stdio: 'inherit' });
  // Ctrl-C or a stop reaches Electron, and this process waits for it to end before closing the embedded service.
  for (const name of /** @type {const} */ (['SIGINT', 'SIGTERM'])) process.on(name, () => child.kill(name));
  child.on('exit', (code, signal) => {
    const exit = () => process.exit(signal === null ? (code ?? 1) : 1);
    // The embedded central service's PGlite closes cleanly before this process goes.
    if (central === null) exit();
    else central.close().then(exit, exit);
  });
  child.on('error', (error) => {
    console.error('electron-forge start a échoué :', error);
    process.exit(1);
  });
}

/** @param {{ close: () => Promise<void> } | null} central */
async function startBrowserMode(central) {
  /** @type {{ launchBrowserMode: (env: NodeJS.ProcessEnv, options: { alsoClose?: () => Promise<void> }) => Promise<unknown> }} */
  const launcher = await tsImport('../src-main/web/start-web.ts', import.meta.url);
  await launcher.launchBrowserMode(process.env, central === null ? {} : { alsoClose: () => central.close() });
}

/**
 * No central service configured (GUICHET_CENTRAL_URL): start one here, on PGlite with the demo city, so a
 * newcomer sees sync working, in two workspaces side by side unless GUICHET_WORKSPACES says otherwise.
 * GUICHET_STANDALONE=1 skips it (the workspace then works alone). Returns it, to be closed on the way out.
 * @returns {Promise<{ close: () => Promise<void> } | null>}
 */
async function ensureCentral() {
  if (process.env['GUICHET_CENTRAL_URL'] || process.env['GUICHET_STANDALONE'] === '1') return null;
  /** @type {{ browserModeDataDir: () => string }} */
  const { browserModeDataDir } = await tsImport('../src-main/web/data-dir.ts', import.meta.url);
  /** @type {{ startEmbeddedCentral: (options: { dataDir: string }) => Promise<{ url: string, close: () => Promise<void> }> }} */
  const { startEmbeddedCentral } = await tsImport('../src-central/service.ts', import.meta.url);
  console.log('Démarrage du service central intégré (PGlite, ville de démonstration)…');
  /** @type {{ bundleIsCurrent: (bundle: 'public', root: string, outDir: string) => boolean, buildBundle: (bundle: 'public', root: string) => Promise<void> }} */
  const { bundleIsCurrent, buildBundle } = await tsImport('../src-main/web/renderer-build.ts', import.meta.url);
  if (!bundleIsCurrent('public', repoRoot, join(repoRoot, 'dist-public'))) {
    console.log('Construction des pages publiques des questionnaires (dist-public)…');
    await buildBundle('public', repoRoot);
  }
  const central = await startEmbeddedCentral({ dataDir: join(browserModeDataDir(), 'central') });
  process.env['GUICHET_CENTRAL_URL'] = central.url;
  process.env['GUICHET_WORKSPACES'] ??= '2';
  console.log(
    `Service central : ${central.url} (agents de démonstration, mot de passe « demo », par exemple camille.accueil@rivebelle.example)`,
  );
  return central;
}

async function main() {
  const webOnly = process.argv.includes('--web');
  const central = await ensureCentral();
  if (!webOnly && electronBinaryInstalled()) {
    startDesktop(central);
    return;
  }
  if (!webOnly) {
    console.log(
      "Electron n'est pas installé sur cette machine : démarrage en mode navigateur. (Electron is not installed here: starting browser mode.)",
    );
  }
  await startBrowserMode(central);
}

main().catch((error) => {
  // A setting to fix (src-shared/errors/setting-error.ts) reads as its one line; anything else with its stack.
  console.error('Guichet ne peut pas démarrer :', error?.name === 'SettingError' ? error.message : error);
  process.exit(1);
});
