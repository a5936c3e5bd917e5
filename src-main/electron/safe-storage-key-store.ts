import { safeStorage } from 'electron';
import type { KeyStore } from '../db/key-store';
import { openWrappedKeyStore } from '../db/wrapped-key-store';

export { KeyProtectionUnavailableError } from '../db/wrapped-key-store';

/** The replica key wrapped by Electron's safeStorage (the logic, tested in plain Node, is in wrapped-key-store.ts). */
export function openSafeStorageKeyStore(userDataDir: string): Promise<KeyStore> {
  return openWrappedKeyStore(userDataDir, safeStorage);
}
