import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Browser mode's data folder (replica + 0600 key file): GUICHET_DATA_DIR, else the OS user-data folder +
 * /Guichet. Deliberately not the desktop app's folder (Electron's userData), whose key is wrapped by
 * safeStorage and cannot be read outside Electron.
 */
export function browserModeDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const configured = env['GUICHET_DATA_DIR'];
  if (configured !== undefined && configured !== '') return resolve(configured);
  const home = homedir();
  if (platform === 'win32') return join(env['APPDATA'] ?? join(home, 'AppData', 'Roaming'), 'Guichet');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Guichet');
  const xdgDataHome = env['XDG_DATA_HOME'];
  return join(xdgDataHome !== undefined && xdgDataHome !== '' ? xdgDataHome : join(home, '.local', 'share'), 'Guichet');
}
