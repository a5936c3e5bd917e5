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

function startDesktop() {
  const forgeCli = join(repoRoot, 'node_modules', '@electron-forge', 'cli', 'dist', 'electron-forge.js');
  const child = spawn(process.execPath, [forgeCli, 'start'], { cwd: repoRoot, stdio: 'inherit' });
  child.on('exit', (code, signal) => process.exit(signal === null ? (code ?? 1) : 1));
  child.on('error', (error) => {
    console.error('electron-forge start a échoué :', error);
    process.exit(1);
  });
}

async function startBrowserMode() {
  console.log(
    "Electron n'est pas installé sur cette machine : démarrage en mode navigateur. (Electron is not installed here: starting browser mode.)",
  );
  /** @type {{ launchBrowserMode: () => Promise<void> }} */
  const launcher = await tsImport('../src-main/web/start-web.ts', import.meta.url);
  await launcher.launchBrowserMode();
}

if (electronBinaryInstalled()) {
  startDesktop();
} else {
  startBrowserMode().catch((error) => {
    console.error('Guichet ne peut pas démarrer en mode navigateur :', error);
    process.exit(1);
  });
}
