import { hash, verify } from '@node-rs/argon2';

/**
 * argon2id with 46 MiB and 3 passes: about 50 ms a hash on the 2-core machines the service targets
 * (measured: 47 MiB × 2 passes ≈ 32 ms, × 3 ≈ 50 ms). The parameters travel inside each PHC string, so raising
 * them later keeps old hashes verifiable.
 */
// No `algorithm`: the library's default is argon2id (its const enum cannot be imported under
// verbatimModuleSyntax); tests/central/auth.test.ts checks the PHC string says argon2id.
const hashOptions = { memoryCost: 47_104, timeCost: 3, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, hashOptions);
}

/** False for a wrong password and for a hash that cannot be read (never throws on bad input). */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | null = null;

/**
 * Spends the time of a real verification when there is no real hash to check (unknown email, agent without
 * a password), so the answer's timing does not tell which emails exist.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword('guichet-dummy-password-never-matches');
  await verifyPassword(await dummyHash, password);
  return false;
}

/** Passwords an admin may set: long enough to matter, short enough that hashing stays bounded. */
export const passwordRules = { minLength: 8, maxLength: 1024 } as const;
