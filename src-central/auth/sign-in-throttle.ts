import type { Clock } from '../../src-shared/domain/clock';

/**
 * Slows down password guessing without letting an attacker lock a city out (docs/security/central-hardening.md).
 *
 * - Per account and address: an attempt is counted as a failure *before* its password is checked (a success
 *   takes it back), so a concurrent burst cannot race the count: the `perAccountLimit`-th attempt in a window
 *   locks the pair, for `baseLockSeconds` the first time and twice as long at each further failure, until it
 *   has been quiet for a whole window. Another address (another workstation, once TRUST_PROXY names the
 *   city's proxies) is not affected.
 * - Per address: never a lock, since a whole city hall may share one address. Past `perIpAllowance` failures
 *   in the window, each attempt from the address waits before its password is checked, twice as long per
 *   further failure, at most `maxIpDelaySeconds`: a guesser is slowed, a colleague still signs in after a
 *   bounded wait.
 *
 * The counts live in memory, per instance: a restart forgets them and N instances allow N times the attempts.
 * That is the trade-off chosen over a table written on every failure; argon2id's cost per guess keeps the
 * remaining rate harmless.
 */
export interface ThrottleOptions {
  clock: Clock;
  windowSeconds?: number;
  perAccountLimit?: number;
  /** Failures an address may make in a window before its attempts are delayed. */
  perIpAllowance?: number;
  baseIpDelayMs?: number;
  maxIpDelaySeconds?: number;
  baseLockSeconds?: number;
  maxLockSeconds?: number;
  /** Entries kept at most; the oldest go first (a flood of spoofed keys cannot exhaust memory). */
  maxEntries?: number;
  /** How an attempt waits its address delay (tests record it instead of sleeping). */
  wait?: (ms: number, ip: string) => Promise<void>;
}

/** What `begin` decides: refused (locked pair), or admitted after waiting `delayMs`. */
export type SignInAdmission = { refusedForSeconds: number } | { delayMs: number };

export interface SignInThrottle {
  /** Counts the attempt as a failure before anything is checked; the caller waits `delayMs` if admitted. */
  begin(email: string, ip: string): SignInAdmission;
  /** The attempt succeeded: its provisional failure is taken back and the pair's count cleared. */
  succeeded(email: string, ip: string): void;
  wait(ms: number, ip: string): Promise<void>;
}

interface Entry {
  failures: number[];
  lockedUntil: number;
  locks: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createSignInThrottle(options: ThrottleOptions): SignInThrottle {
  const windowMs = (options.windowSeconds ?? 15 * 60) * 1000;
  const perAccountLimit = options.perAccountLimit ?? 5;
  const perIpAllowance = options.perIpAllowance ?? 20;
  const baseIpDelayMs = options.baseIpDelayMs ?? 250;
  const maxIpDelayMs = (options.maxIpDelaySeconds ?? 5) * 1000;
  const baseLockMs = (options.baseLockSeconds ?? 30) * 1000;
  const maxLockMs = (options.maxLockSeconds ?? 60 * 60) * 1000;
  const maxEntries = options.maxEntries ?? 100_000;
  const entries = new Map<string, Entry>();
  const accountKey = (email: string, ip: string) => `account ${ip} ${email}`;
  const ipKey = (ip: string) => `ip ${ip}`;

  /** The entry of a key, forgetting what is older than the window. */
  const current = (key: string, now: number): Entry | undefined => {
    const entry = entries.get(key);
    if (entry === undefined) return undefined;
    entry.failures = entry.failures.filter((at) => now - at < windowMs);
    if (entry.failures.length === 0 && entry.lockedUntil <= now) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };

  const addFailure = (key: string, now: number): Entry => {
    const entry = current(key, now) ?? { failures: [], lockedUntil: 0, locks: 0 };
    entry.failures.push(now);
    entries.delete(key);
    entries.set(key, entry);
    return entry;
  };

  const ipDelay = (failures: number): number => {
    const excess = failures - perIpAllowance;
    return excess < 0 ? 0 : Math.min(maxIpDelayMs, baseIpDelayMs * 2 ** Math.min(excess, 30));
  };

  return {
    begin(email, ip) {
      const now = options.clock.now().getTime();
      const locked = (current(accountKey(email, ip), now)?.lockedUntil ?? 0) - now;
      if (locked > 0) return { refusedForSeconds: Math.ceil(locked / 1000) };
      const account = addFailure(accountKey(email, ip), now);
      if (account.failures.length >= perAccountLimit) {
        account.lockedUntil = now + Math.min(maxLockMs, baseLockMs * 2 ** account.locks);
        account.locks += 1;
      }
      const delayMs = ipDelay(addFailure(ipKey(ip), now).failures.length - 1);
      while (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
      return { delayMs };
    },
    succeeded(email, ip) {
      entries.delete(accountKey(email, ip));
      // The address keeps what it did to other accounts; only this attempt's provisional failure goes.
      const address = current(ipKey(ip), options.clock.now().getTime());
      address?.failures.pop();
    },
    wait: options.wait ?? ((ms) => sleep(ms)),
  };
}
