import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { KeyStore } from './key-store';

export const ENCRYPTED_KEY_FILE = 'replica.key.enc';

/** The part of Electron's safeStorage the replica key needs (its non-deprecated async API). */
export interface KeyWrapper {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  /** Linux only in Electron; `basic_text` means no keyring, hence no protection. */
  getSelectedStorageBackend(): string;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>;
}

/** Why the replica cannot be opened safely on this machine; shown to the agent in a dialog. */
export class KeyProtectionUnavailableError extends Error {
  constructor(readonly detail: string) {
    super(`safeStorage cannot protect the replica key: ${detail}`);
    this.name = 'KeyProtectionUnavailableError';
  }
}

/**
 * The replica key, wrapped by the OS credential store (DPAPI, Keychain, libsecret/KWallet) through
 * `wrapper` (Electron's safeStorage, src-main/electron/safe-storage-key-store.ts), so copying the user-data
 * folder to another machine or account does not give the data away. Resolved once, asynchronously; the
 * returned KeyStore hands the key to the core. A wrapped key that cannot be read is an error, never a
 * reason to make a new key: that would lose the replica.
 */
export async function openWrappedKeyStore(
  userDataDir: string,
  wrapper: KeyWrapper,
  platform: NodeJS.Platform = process.platform,
): Promise<KeyStore> {
  if (!(await wrapper.isAsyncEncryptionAvailable())) throw new KeyProtectionUnavailableError('no OS credential store is available');
  // On Linux without a keyring, Chromium falls back to a hard-coded password: that is no protection at all.
  if (platform === 'linux' && wrapper.getSelectedStorageBackend() === 'basic_text') {
    throw new KeyProtectionUnavailableError('no keyring (GNOME Keyring or KWallet) is running');
  }
  const file = join(userDataDir, ENCRYPTED_KEY_FILE);
  const key = existsSync(file) ? await readKey(wrapper, file) : await createKey(wrapper, file);
  return { loadOrCreate: () => Buffer.from(key) };
}

async function readKey(wrapper: KeyWrapper, file: string): Promise<Buffer> {
  const { result, shouldReEncrypt } = await wrapper.decryptStringAsync(readFileSync(file));
  const key = Buffer.from(result, 'hex');
  if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte key`);
  // The OS rotated its wrapping key: store the replica key under the new one.
  if (shouldReEncrypt) await writeKey(wrapper, file, key);
  return key;
}

async function createKey(wrapper: KeyWrapper, file: string): Promise<Buffer> {
  const key = randomBytes(32);
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  await writeKey(wrapper, file, key);
  return key;
}

/** Write then rename: a crash mid-write must never leave a truncated key, which would lose the replica. */
async function writeKey(wrapper: KeyWrapper, file: string, key: Buffer): Promise<void> {
  const wrapped = await wrapper.encryptStringAsync(key.toString('hex'));
  const temporary = `${file}.tmp`;
  writeFileSync(temporary, wrapped, { mode: 0o600 });
  renameSync(temporary, file);
}
