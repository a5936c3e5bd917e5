import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ENCRYPTED_KEY_FILE,
  KeyProtectionUnavailableError,
  openWrappedKeyStore,
  type KeyWrapper,
} from '../../src-main/db/wrapped-key-store';

/**
 * What the desktop's OS credential store does for safeStorage, here with AES-256-GCM under a key of the
 * "OS account" (Electron cannot run on this machine). `rotated`: the OS says its wrapping key changed.
 */
function osCredentialStore(options: { osKey?: Buffer; backend?: string; available?: boolean; rotated?: boolean } = {}) {
  const osKey = options.osKey ?? randomBytes(32);
  const calls = { encrypt: 0 };
  const wrapper: KeyWrapper = {
    isAsyncEncryptionAvailable: async () => options.available ?? true,
    getSelectedStorageBackend: () => options.backend ?? 'gnome_libsecret',
    encryptStringAsync: async (plainText) => {
      calls.encrypt++;
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', osKey, iv);
      const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decryptStringAsync: async (encrypted) => {
      const decipher = createDecipheriv('aes-256-gcm', osKey, encrypted.subarray(0, 12));
      decipher.setAuthTag(encrypted.subarray(12, 28));
      const result = Buffer.concat([decipher.update(encrypted.subarray(28)), decipher.final()]).toString('utf8');
      return { result, shouldReEncrypt: options.rotated ?? false };
    },
  };
  return { wrapper, osKey, calls };
}

const userData = () => join(mkdtempSync(join(tmpdir(), 'guichet-wrapped-')), 'Guichet');

describe('the replica key wrapped by the OS credential store', () => {
  it('is made once, stored wrapped in a 0600 file of a 0700 folder, and the same at every start', async () => {
    const dir = userData();
    const os = osCredentialStore();
    const key = (await openWrappedKeyStore(dir, os.wrapper, 'linux')).loadOrCreate();
    expect(key).toHaveLength(32);
    const file = join(dir, ENCRYPTED_KEY_FILE);
    const stored = readFileSync(file);
    expect(stored.includes(Buffer.from(key.toString('hex')))).toBe(false);
    expect(stored.includes(key)).toBe(false);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);

    const again = (await openWrappedKeyStore(dir, osCredentialStore({ osKey: os.osKey }).wrapper, 'linux')).loadOrCreate();
    expect(again.equals(key)).toBe(true);
  });

  it('stores the key again under a rotated OS key, through a temporary file that does not remain', async () => {
    const dir = userData();
    const first = osCredentialStore();
    const key = (await openWrappedKeyStore(dir, first.wrapper, 'darwin')).loadOrCreate();
    const before = readFileSync(join(dir, ENCRYPTED_KEY_FILE));
    const rotated = osCredentialStore({ osKey: first.osKey, rotated: true });
    expect((await openWrappedKeyStore(dir, rotated.wrapper, 'darwin')).loadOrCreate().equals(key)).toBe(true);
    expect(rotated.calls.encrypt).toBe(1);
    expect(readFileSync(join(dir, ENCRYPTED_KEY_FILE)).equals(before)).toBe(false);
    expect(readdirSync(dir)).toEqual([ENCRYPTED_KEY_FILE]);
  });

  it('refuses to run without a credential store, or on Linux without a keyring', async () => {
    const dir = userData();
    await expect(openWrappedKeyStore(dir, osCredentialStore({ available: false }).wrapper, 'win32')).rejects.toBeInstanceOf(
      KeyProtectionUnavailableError,
    );
    await expect(openWrappedKeyStore(dir, osCredentialStore({ backend: 'basic_text' }).wrapper, 'linux')).rejects.toThrow(/no keyring/);
    // Nothing was written unprotected.
    expect(existsSync(join(dir, ENCRYPTED_KEY_FILE))).toBe(false);
  });

  it('never replaces a wrapped key it cannot read: another account, or a file that holds no 32-byte key', async () => {
    const dir = userData();
    await openWrappedKeyStore(dir, osCredentialStore().wrapper, 'linux');
    const file = join(dir, ENCRYPTED_KEY_FILE);
    const stored = readFileSync(file);
    await expect(openWrappedKeyStore(dir, osCredentialStore().wrapper, 'linux')).rejects.toThrow();
    expect(readFileSync(file).equals(stored)).toBe(true);

    const os = osCredentialStore();
    writeFileSync(file, await os.wrapper.encryptStringAsync('abcd'));
    await expect(openWrappedKeyStore(dir, os.wrapper, 'linux')).rejects.toThrow(/32-byte key/);
  });
});
