import { existsSync, readFileSync } from 'node:fs';
import { SettingError } from '../../src-shared/errors';

/** The settings file a city's deployment writes beside the replica: `{ "centralUrl": "https://…" }`. */
export const SETTINGS_FILE = 'settings.json';

/**
 * Which central service a workspace syncs with: GUICHET_CENTRAL_URL when set (the launchers and a
 * developer's shell), else `centralUrl` in the data folder's settings file (a packaged install has no
 * shell to set it), else none: the workspace works alone on a local demo city. A value that is not an
 * http(s) URL stops the start with a sentence saying where it came from, rather than a workspace that
 * silently never syncs.
 */
export function centralUrlOf(options: { env: NodeJS.ProcessEnv; settingsFile?: string }): string | null {
  const fromEnv = options.env['GUICHET_CENTRAL_URL'];
  if (fromEnv) return checkedUrl(fromEnv, 'GUICHET_CENTRAL_URL');
  const file = options.settingsFile;
  if (file === undefined || !existsSync(file)) return null;
  let settings: unknown;
  try {
    settings = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new SettingError(`${file} is not valid JSON`);
  }
  const value = typeof settings === 'object' && settings !== null ? (settings as Record<string, unknown>)['centralUrl'] : undefined;
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string') throw new SettingError(`centralUrl in ${file} is not a text`);
  return checkedUrl(value, `centralUrl in ${file}`);
}

function checkedUrl(value: string, source: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new SettingError(`${source} is not a URL: ${value}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new SettingError(`${source} is not an http(s) URL: ${value}`);
  return value.replace(/\/+$/, '');
}
