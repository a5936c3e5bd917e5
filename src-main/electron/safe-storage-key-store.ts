import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { safeStorage } from 'electron';
import type { KeyStore } from '../db/key-store';

export const ENCRYPTED_KEY_FILE = 'replica.key.enc';

/** Why the replica cannot be opened safely on this machine; shown to the agent in a dialog. */
export class KeyProtectionUnavailableError extends Error {
  constructor(readonly detail: string) {
    super(`safeStorage cannot protect the replica key: ${detail}`);
    this.name = 'KeyProtectionUnavailableError';
  }
}

/**
 * The replica key, wrapped by the OS credential store (DPAPI, Keychain, libsecret/KWallet) through
 * safeStorage, so copying the user-data folder to another machine or account does not give the data away.
 * safeStorage's async API is the non-deprecated one, so the key is resolved here, once, after `ready`,
 * and the returned KeyStore just hands it to the core.
 */
export async function openSafeStorageKeyStore(userDataDir: string): Promise<KeyStore> {
  await assertKeyProtectionAvailable();
  const file = join(userDataDir, ENCRYPTED_KEY_FILE);
  const key = existsSync(file) ? await readKey(file) : await createKey(file);
  return { loadOrCreate: () => Buffer.from(key) };
}

async function assertKeyProtectionAvailable(): Promise<void> {
  if (!(await safeStorage.isAsyncEncryptionAvailable())) {
    throw new KeyProtectionUnavailableError('no OS credential store is available');
  }
  // On Linux without a keyring, Chromium falls back to a hard-coded password: that is no protection at all.
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
    throw new KeyProtectionUnavailableError('no keyring (GNOME Keyring or KWallet) is running');
  }
}

async function readKey(file: string): Promise<Buffer> {
  const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(readFileSync(file));
  const key = Buffer.from(result, 'hex');
  if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte key`);
  // The OS rotated its wrapping key: store the replica key under the new one.
  if (shouldReEncrypt) await writeKey(file, key);
  return key;
}

async function createKey(file: string): Promise<Buffer> {
  const key = randomBytes(32);
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  await writeKey(file, key);
  return key;
}

/** Write then rename: a crash mid-write must never leave a truncated key, which would lose the replica. */
async function writeKey(file: string, key: Buffer): Promise<void> {
  const wrapped = await safeStorage.encryptStringAsync(key.toString('hex'));
  const temporary = `${file}.tmp`;
  writeFileSync(temporary, wrapped, { mode: 0o600 });
  renameSync(temporary, file);
}
