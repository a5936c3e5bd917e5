import type { Clock } from '../clock';

/**
 * Slows down password guessing. Failures are counted per (email, IP) and per IP within a sliding window;
 * once a key reaches its limit it is locked, for `baseLockSeconds` the first time and twice as long at each
 * further failure, until the key has been quiet for a whole window.
 *
 * The counts live in memory, per instance: a restart forgets them and N instances behind one address allow
 * N times the attempts. That is the trade-off chosen over a table written on every failure; argon2id's cost
 * per guess keeps the remaining rate harmless. The per-IP limit is higher than the per-account one because
 * a whole city hall may reach the service through one NAT address.
 */
export interface ThrottleOptions {
  clock: Clock;
  windowSeconds?: number;
  perAccountLimit?: number;
  perIpLimit?: number;
  baseLockSeconds?: number;
  maxLockSeconds?: number;
  /** Entries kept at most; the oldest go first (a flood of spoofed keys cannot exhaust memory). */
  maxEntries?: number;
}

export interface SignInThrottle {
  /** Seconds before this email may be tried again from this IP, or 0. */
  retryAfter(email: string, ip: string): number;
  recordFailure(email: string, ip: string): void;
  recordSuccess(email: string, ip: string): void;
}

interface Entry {
  failures: number[];
  lockedUntil: number;
  locks: number;
}

export function createSignInThrottle(options: ThrottleOptions): SignInThrottle {
  const windowMs = (options.windowSeconds ?? 15 * 60) * 1000;
  const perAccountLimit = options.perAccountLimit ?? 5;
  const perIpLimit = options.perIpLimit ?? 20;
  const baseLockMs = (options.baseLockSeconds ?? 30) * 1000;
  const maxLockMs = (options.maxLockSeconds ?? 60 * 60) * 1000;
  const maxEntries = options.maxEntries ?? 100_000;
  const entries = new Map<string, Entry>();

  const keysOf = (email: string, ip: string): [string, number][] => [
    [`account ${ip} ${email}`, perAccountLimit],
    [`ip ${ip}`, perIpLimit],
  ];

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

  return {
    retryAfter(email, ip) {
      const now = options.clock.now().getTime();
      let waitMs = 0;
      for (const [key] of keysOf(email, ip)) waitMs = Math.max(waitMs, (current(key, now)?.lockedUntil ?? 0) - now);
      return waitMs > 0 ? Math.ceil(waitMs / 1000) : 0;
    },
    recordFailure(email, ip) {
      const now = options.clock.now().getTime();
      for (const [key, limit] of keysOf(email, ip)) {
        const entry = current(key, now) ?? { failures: [], lockedUntil: 0, locks: 0 };
        entry.failures.push(now);
        if (entry.failures.length >= limit) {
          entry.lockedUntil = now + Math.min(maxLockMs, baseLockMs * 2 ** entry.locks);
          entry.locks += 1;
        }
        entries.delete(key);
        entries.set(key, entry);
      }
      while (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
    },
    recordSuccess(email, ip) {
      // Only the account's counter: a valid password must not reset what the IP did to other accounts.
      entries.delete(`account ${ip} ${email}`);
    },
  };
}
