import type { Clock } from '../../src-shared/domain/clock';

export interface PushRateOptions {
  clock: Clock;
  /** Pushes an agent may sustain a second; 0 turns the limit off. */
  ratePerSecond: number;
  /** Pushes an agent may send at once after a quiet while (a workspace back online sends its outbox). */
  burst: number;
  /** Agents remembered at most; the least recently seen go first. */
  maxEntries?: number;
}

export interface PushRateLimiter {
  /** Takes a push from the agent's bucket: 0 when admitted, else the seconds before one is. */
  take(agentId: string): number;
}

/**
 * A token bucket per agent (not per workspace: one agent's many devices share it), in memory per instance.
 * It bounds what one account can make the service write, whatever it runs; a workspace waits Retry-After.
 */
export function createPushRateLimiter(options: PushRateOptions): PushRateLimiter {
  const { ratePerSecond, burst } = options;
  const maxEntries = options.maxEntries ?? 100_000;
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(agentId) {
      if (ratePerSecond <= 0) return 0;
      const now = options.clock.now().getTime();
      const bucket = buckets.get(agentId) ?? { tokens: burst, at: now };
      bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * ratePerSecond);
      bucket.at = now;
      buckets.delete(agentId);
      buckets.set(agentId, bucket);
      while (buckets.size > maxEntries) buckets.delete(buckets.keys().next().value as string);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return Math.max(1, Math.ceil((1 - bucket.tokens) / ratePerSecond));
    },
  };
}
