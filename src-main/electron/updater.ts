import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { autoUpdater } from 'electron-updater';

/**
 * Updates come from the city's own generic feed (a folder of electron-builder `latest*.yml` files and
 * installers on an HTTPS server), configured per installation: `GUICHET_UPDATE_URL`, else `update.json`
 * (`{ "url": "https://…" }`) in the user-data folder. No feed configured: no update traffic at all.
 */
export const UPDATE_CONFIG_FILE = 'update.json';
const CHECK_EVERY_MS = 6 * 60 * 60 * 1000;

export function readUpdateFeedUrl(env: NodeJS.ProcessEnv, userDataDir: string): string | null {
  const fromEnv = env['GUICHET_UPDATE_URL']?.trim();
  const configured = fromEnv !== undefined && fromEnv !== '' ? fromEnv : readConfigFile(join(userDataDir, UPDATE_CONFIG_FILE));
  if (configured === null) return null;
  // Plain HTTP would let anyone on the path serve the agents an installer.
  if (!configured.startsWith('https://')) {
    console.warn(`[guichet] update feed ignored, it must be https: ${configured}`);
    return null;
  }
  return configured;
}

function readConfigFile(file: string): string | null {
  if (!existsSync(file)) return null;
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (typeof parsed === 'object' && parsed !== null && 'url' in parsed && typeof parsed.url === 'string') {
      return parsed.url.trim();
    }
    console.warn(`[guichet] ${file} has no "url" string; updates stay off`);
  } catch (error) {
    console.warn(`[guichet] ${file} is not valid JSON; updates stay off`, error);
  }
  return null;
}

/** Checks now and every few hours; an update downloads in the background and installs on quit. */
export function startAutoUpdates(options: { env: NodeJS.ProcessEnv; userDataDir: string; isPackaged: boolean }): void {
  // electron-updater only knows how to replace an installed, packaged app.
  if (!options.isPackaged) return;
  const url = readUpdateFeedUrl(options.env, options.userDataDir);
  if (url === null) return;
  autoUpdater.logger = console;
  autoUpdater.setFeedURL({ provider: 'generic', url });
  const check = (): void => {
    autoUpdater.checkForUpdatesAndNotify().catch((error: unknown) => {
      // Offline is the field agent's normal state: a failed check is logged, never shown.
      console.warn('[guichet] update check failed', error);
    });
  };
  check();
  setInterval(check, CHECK_EVERY_MS).unref();
}
