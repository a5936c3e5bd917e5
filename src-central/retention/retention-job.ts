import type { Logger } from 'pino';
import type { Clock } from '../../src-shared/domain/clock';
import type { CentralDb } from '../db/central-db-types';
import { clearMutationArgs, purgeAudit } from './retention-repository';

export interface RetentionResult {
  argsCleared: number;
  auditPurged: number;
}

export interface RetentionJob {
  /** One pass now: what the mutation log and the audit log hold past their retention goes. */
  run(): Promise<RetentionResult>;
  /** A pass now, then every `RETENTION_INTERVAL_MS`; failures are logged and the next pass tries again. */
  start(): void;
  stop(): void;
}

const day = 86_400_000;
/** Every six hours: a row outlives its retention by a quarter of a day at most. */
export const RETENTION_INTERVAL_MS = day / 4;

export function createRetentionJob(options: {
  db: CentralDb;
  clock: Clock;
  logger: Logger;
  mutationArgsRetentionDays: number;
  auditRetentionDays: number;
}): RetentionJob {
  let timer: NodeJS.Timeout | null = null;
  const run = async (): Promise<RetentionResult> => {
    const now = options.clock.now().getTime();
    const argsCleared = await clearMutationArgs(options.db, new Date(now - options.mutationArgsRetentionDays * day));
    const auditPurged = await purgeAudit(options.db, new Date(now - options.auditRetentionDays * day));
    if (argsCleared + auditPurged > 0)
      options.logger.info({ argsCleared, auditPurged }, 'retention: expired mutation arguments and audit rows removed');
    return { argsCleared, auditPurged };
  };
  const pass = () => void run().catch((error: unknown) => options.logger.error({ err: error }, 'retention pass failed'));
  return {
    run,
    start() {
      if (timer !== null) return;
      pass();
      timer = setInterval(pass, RETENTION_INTERVAL_MS);
      timer.unref();
    },
    stop() {
      if (timer !== null) clearInterval(timer);
      timer = null;
    },
  };
}
