import { createPublicKey, verify } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What an update must prove before it is installed, in plain Node (no Electron import): the updater
 * (updater.ts) applies it, tests check it, forge.config.ts writes what it reads. Why this design:
 * docs/decisions/0001-windows-installer-and-updates.md.
 *
 * The feed's `latest*.yml` carries a SHA-512 of the installer, but the feed and the installer come from the
 * same server: whoever controls that server controls both. So an update is installed only when, beyond it,
 * - a detached Ed25519 signature of the installer (`<installer>.sig` beside it on the feed) verifies with the
 *   public key shipped inside the app (`<resources>/update-signing.json`, written at packaging);
 * - on Windows, the NSIS installer's Authenticode signature names the pinned publisher (electron-updater's
 *   check, fed with `publisherName` from `<resources>/app-update.yml`, also written at packaging).
 * A build packaged without a key (a developer's) has no way to verify, and so no updates.
 */

export const UPDATE_CONFIG_FILE = 'update.json';
export const UPDATE_SIGNING_FILE = 'update-signing.json';
/** electron-updater's own per-installation file (NSIS), read for `publisherName`. */
export const APP_UPDATE_YML = 'app-update.yml';
export const UPDATER_CACHE_DIR = 'guichet-updater';

export interface UpdateSigning {
  /** Ed25519 public key, PEM (SPKI). */
  publicKey: string;
  /** Subject common names an installer's Authenticode signature may carry (Windows). */
  windowsPublisherNames: string[];
}

type Warn = (message: string) => void;

/** The feed: `GUICHET_UPDATE_URL`, else `update.json` (`{ "url": "https://…" }`) in the user-data folder; https only. */
export function readUpdateFeedUrl(env: NodeJS.ProcessEnv, userDataDir: string, warn: Warn = console.warn): string | null {
  const fromEnv = env['GUICHET_UPDATE_URL']?.trim();
  const configured = fromEnv !== undefined && fromEnv !== '' ? fromEnv : readConfigFile(join(userDataDir, UPDATE_CONFIG_FILE), warn);
  if (configured === null) return null;
  // Plain HTTP would let anyone on the path serve the agents an installer.
  if (!configured.startsWith('https://')) {
    warn(`[guichet] update feed ignored, it must be https: ${configured}`);
    return null;
  }
  return configured;
}

function readConfigFile(file: string, warn: Warn): string | null {
  if (!existsSync(file)) return null;
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (typeof parsed === 'object' && parsed !== null && 'url' in parsed && typeof parsed.url === 'string') return parsed.url.trim();
    warn(`[guichet] ${file} has no "url" string; updates stay off`);
  } catch {
    warn(`[guichet] ${file} is not valid JSON; updates stay off`);
  }
  return null;
}

/**
 * The verification material shipped in the app, or null (updates stay off) when it is missing or unusable:
 * no key, a key that is not Ed25519, or on Windows no pinned publisher.
 */
export function readUpdateSigning(resourcesDir: string, platform: NodeJS.Platform, warn: Warn = console.warn): UpdateSigning | null {
  const file = join(resourcesDir, UPDATE_SIGNING_FILE);
  if (!existsSync(file)) {
    warn('[guichet] this build carries no update signing key; updates stay off');
    return null;
  }
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<UpdateSigning>;
    const publicKey = typeof parsed.publicKey === 'string' ? parsed.publicKey : '';
    if (createPublicKey(publicKey).asymmetricKeyType !== 'ed25519') throw new Error('not an Ed25519 key');
    const windowsPublisherNames = Array.isArray(parsed.windowsPublisherNames)
      ? parsed.windowsPublisherNames.filter((name) => typeof name === 'string' && name.trim() !== '')
      : [];
    if (platform === 'win32' && windowsPublisherNames.length === 0) {
      warn('[guichet] no pinned Windows publisher in this build; updates stay off');
      return null;
    }
    return { publicKey, windowsPublisherNames };
  } catch {
    warn(`[guichet] ${file} is not a usable update signing file; updates stay off`);
    return null;
  }
}

/** The installer's bytes against its detached Ed25519 signature (raw 64 bytes, or base64 text). */
export function installerSignatureValid(installer: Buffer, signature: Buffer, publicKey: string): boolean {
  const raw = signature.length === 64 ? signature : Buffer.from(signature.toString('utf8').trim(), 'base64');
  if (raw.length !== 64) return false;
  try {
    return verify(null, installer, createPublicKey(publicKey), raw);
  } catch {
    return false;
  }
}

/** Where the detached signature of a downloaded installer sits on the feed. */
export function signatureUrl(feedUrl: string, installerFileName: string): string {
  return new URL(`${encodeURIComponent(installerFileName)}.sig`, feedUrl.endsWith('/') ? feedUrl : `${feedUrl}/`).toString();
}

/**
 * electron-updater's `app-update.yml` for the NSIS updater: the publisher it checks each installer against
 * (without it, it checks nothing), and its cache folder. The feed itself is set at run time (setFeedURL).
 */
export function appUpdateYml(publisherNames: readonly string[]): string {
  const names = publisherNames.map((name) => `  - ${JSON.stringify(name)}`).join('\n');
  return `provider: generic\nurl: https://updates.invalid/\nupdaterCacheDirName: ${UPDATER_CACHE_DIR}\npublisherName:\n${names}\n`;
}
