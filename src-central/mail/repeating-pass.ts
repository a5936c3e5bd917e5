import type { Logger } from 'pino';

export interface RepeatingPass {
  /** Starts the passes (the first after one interval); a second call does nothing. */
  start(): void;
  /** No pass starts after this; resolves once the one running (if any) has ended. */
  stop(): Promise<void>;
}

/**
 * Runs `pass` again `intervalMs` after each one ends (never two at once, whatever a pass takes); a pass that
 * fails is logged with `failure` and the next one still comes. The mail jobs (campaigns, the voice's emails)
 * each run on one.
 */
export function repeatingPass(
  pass: () => Promise<unknown>,
  options: { intervalMs: number; logger: Pick<Logger, 'error'>; failure: string },
): RepeatingPass {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  let stopped = false;
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = pass()
        .catch((error: unknown) => options.logger.error({ err: error }, options.failure))
        .finally(() => {
          running = null;
          schedule();
        });
    }, options.intervalMs);
    timer.unref();
  };
  return {
    start() {
      if (timer !== null || stopped) return;
      schedule();
    },
    async stop() {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
      timer = null;
      await running;
    },
  };
}
