import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Where the replica's encryption key lives. The desktop wraps it with Electron safeStorage
 * (src-main/db/wrapped-key-store.ts, through src-main/electron/safe-storage-key-store.ts); browser mode keeps it
 * in a 0600 file.
 */
export interface KeyStore {
  /** Returns the 32-byte key, creating and saving one on first use. */
  loadOrCreate(): Buffer;
}

export function createFileKeyStore(path: string): KeyStore {
  return {
    loadOrCreate() {
      if (existsSync(path)) {
        const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'hex');
        if (key.length !== 32) throw new Error(`Replica key file ${path} is not a 32-byte hex key`);
        chmodSync(path, 0o600);
        return key;
      }
      const key = randomBytes(32);
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      writeFileSync(path, key.toString('hex'), { mode: 0o600, flag: 'wx' });
      return key;
    },
  };
}
