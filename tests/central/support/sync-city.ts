import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import type { CentralDb } from '../../../src-central/db/central-db-types';
import { sql } from 'drizzle-orm';
import { categories, syncCounter } from '../../../src-central/db/schema';
import { openReplica, type Replica } from '../../../src-main/db/open-replica';
import { createServices, type Services, type ServicesOptions } from '../../../src-main/services/services';
import type { ReplicaRegistry } from '../../../src-main/sync/replica-tables';
import { sourceReplicaWriterFile } from '../../../src-main/sync/replica-writer';
import { centralBuilders } from './builders';

const replicaMigrations = join(import.meta.dirname, '..', '..', '..', 'drizzle', 'local');
export const password = 'mot de passe de test';

/** Two departments, a category each, a counter agent for both and a field agent of the first. */
export async function buildSyncCity(db: CentralDb) {
  const { buildDepartment, buildAgent } = centralBuilders(db);
  const voirie = await buildDepartment({ name: 'Voirie', code: 'VOIRIE' });
  const etatCivil = await buildDepartment({ name: 'État civil', code: 'ETAT-CIVIL' });
  const category = (departmentId: string, label: string) => ({
    id: uuidv7(),
    departmentId,
    serviceCode: `sync-${label}`,
    label,
    kind: 'report' as const,
    deadlineDays: 10,
    deadlineKind: 'working' as const,
    defaultPriority: 'normal' as const,
    duplicateRadiusM: 50,
    retentionMonths: 36,
    rowVersion: 1,
  });
  const potHole = category(voirie.id, 'Nid-de-poule');
  const certificate = category(etatCivil.id, 'Acte');
  await db.insert(categories).values([potHole, certificate]);
  const counter = await buildAgent({
    name: 'Camille Accueil',
    email: 'camille@ville.example',
    password,
    roles: [
      { departmentId: voirie.id, role: 'counter' },
      { departmentId: etatCivil.id, role: 'counter' },
    ],
  });
  const field = await buildAgent({
    name: 'Terrain Voirie',
    email: 'terrain@ville.example',
    password,
    roles: [{ departmentId: voirie.id, role: 'field' }],
  });
  // The builders stamp their rows with version 1: the counter must have handed it out for pulls to see them.
  await db.update(syncCounter).set({ version: sql`greatest(${syncCounter.version}, 1)` });
  return { voirie, etatCivil, potHole, certificate, counter, field };
}

export interface TestWorkspace {
  replica: Replica;
  services: Services;
  close(): void;
  /** Stops the sync's threads first (a file replica's), then closes. */
  shutdown(): Promise<void>;
}

/**
 * A workspace's core without its transport: a fresh replica syncing with `centralUrl`. `registry`: what it
 * syncs (the app's by default); `file`: an encrypted file replica with the bulk bootstrap's writer thread.
 */
export async function signedInWorkspace(
  centralUrl: string,
  email: string,
  options: { registry?: ReplicaRegistry; file?: string; bulk?: Pick<NonNullable<ServicesOptions['bulk']>, 'onWriter'> } = {},
): Promise<TestWorkspace> {
  const key = randomBytes(32);
  const replica = openReplica({
    file: options.file ?? ':memory:',
    key,
    migrationsFolder: replicaMigrations,
    extraMigrations: options.registry?.migrations ?? [],
  });
  const services = createServices(replica.db, {
    centralUrl,
    ...(options.registry === undefined ? {} : { registry: options.registry }),
    ...(options.file === undefined ? {} : { bulk: { ...options.bulk, key, workerFile: sourceReplicaWriterFile } }),
  });
  await services.sync.signIn({ email, password });
  await services.sync.engine.sync();
  return {
    replica,
    services,
    close: () => {
      services.sync.stop();
      replica.close();
    },
    async shutdown() {
      // A file replica's threads (a checkpoint, a bulk bootstrap) stop before its file closes.
      await services.sync.shutdown();
      replica.close();
    },
  };
}
