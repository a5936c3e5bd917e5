import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { openReplica, type Replica } from '../../src-main/db/open-replica';
import type { Clock } from '../../src-shared/domain/clock';
import { createServices } from '../../src-main/services/services';
import { createCaller } from '../../src-main/trpc/root';

export const migrationsFolder = join(import.meta.dirname, '..', '..', 'drizzle', 'local');

/** A fresh, migrated, empty replica in memory: one per test. */
export function createTestDb(): Replica {
  return openReplica({ file: ':memory:', key: randomBytes(32), migrationsFolder });
}

/** A tRPC caller acting as `agentId` (chosen through the real session procedure). */
export async function callerFor(replica: Replica, agentId: string | null, clock?: Clock) {
  const services = createServices(replica.db, clock ? { clock } : {});
  const caller = createCaller(() => ({ services, agent: services.session.currentAgent() }));
  if (agentId !== null) await caller.session.choose({ agentId });
  return caller;
}
