import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyExtraMigrations } from '../../src-central/db/migrations';
import { runMutation } from '../../src-main/mutations/run-mutation';
import { createRepositories } from '../../src-main/repositories/repositories';
import { createEntropy } from '../../src-main/services/identity';
import { departmentsOf } from '../../src-shared/domain/permissions';
import type { MutationName } from '../../src-shared/mutations';
import { noticeBoardCentral, noticeBoardReplica, noticeBoardSync, type NoticePost } from '../fixtures/notice-board';
import { memorySimServer, type SimServer } from '../sim/sim-server';
import { runSeed, type SimExtension } from '../sim/simulation';
import type { SimReplica, World } from '../sim/world';
import { createCentralTestDb, dbKinds, type CentralTestDb } from './support/central-test-db';
import { pgSimServer } from './support/pg-sim-server';

/**
 * The sync simulation over the notice-board registry (tests/fixtures/notice-board): agents pin and move
 * posts among their other work, through lost messages, partitions, crashes and department moves, and every
 * replica must end holding exactly its departments' posts. In memory and on both databases.
 */
const SEEDS = Number(process.env.NOTICE_SIM_SEEDS ?? 6);

/** An agent pins a post, or moves one they hold to another of their departments (sometimes one they lack). */
function noticeMutation(world: World, replica: SimReplica): void {
  const { prng } = world;
  const agent = replica.services.session.currentAgent();
  if (agent === null) return;
  const db = replica.replica.db;
  const held = db.$client.prepare('SELECT id, department_id AS departmentId FROM notice_posts ORDER BY id').all() as Pick<
    NoticePost,
    'id' | 'departmentId'
  >[];
  // Now and then a department the agent does not work for: refused locally, as it would be on the server.
  const departments = prng.chance(0.1) ? world.city.departments.map((department) => department.id) : departmentsOf(agent);
  if (departments.length === 0) return;
  const post = held.length > 0 && prng.chance(0.4) ? prng.pick(held) : null;
  const elsewhere = departments.filter((id) => id !== post?.departmentId);
  const entropy = createEntropy({ now: () => replica.now() }, () => prng.float());
  const run = (name: string, args: Record<string, unknown>) =>
    runMutation(
      db,
      createRepositories(db),
      { name: name as MutationName, args: args as never, agent, now: replica.now() },
      noticeBoardReplica,
    );
  if (post !== null && elsewhere.length > 0)
    run('notice.move', { id: post.id, fromDepartmentId: post.departmentId, departmentId: prng.pick(elsewhere) });
  else run('notice.pin', { id: entropy.id(), departmentId: prng.pick(departments), body: `Note de service ${prng.int(1000)}` });
}

const extension: SimExtension = { registry: noticeBoardReplica, share: 0.3, mutate: noticeMutation };

describe.each(['memory', ...dbKinds] as const)('sync simulation with the notice board on %s', (kind) => {
  let testDb: CentralTestDb | null = null;
  beforeAll(async () => {
    if (kind === 'memory') return;
    testDb = await createCentralTestDb({ kind });
    await applyExtraMigrations(testDb.db, noticeBoardCentral.migrations);
  });
  afterAll(async () => {
    await testDb?.close();
  });

  async function server(): Promise<SimServer> {
    if (testDb === null) return memorySimServer(noticeBoardSync);
    // Emptied with the app's tables (notice_posts references departments: the TRUNCATE cascades to it).
    await testDb.resetTables();
    return pgSimServer(testDb.db, noticeBoardCentral);
  }

  it(`converges on ${SEEDS} seeds, posts pinned and moved among the rest`, async () => {
    const failures: string[] = [];
    const outcomes = new Map<string, number>();
    for (let seed = 1; seed <= SEEDS; seed++) {
      const simServer = await server();
      const report = await runSeed(seed, { server: simServer, steps: 80, extension });
      if (report.violations.length > 0) failures.push(`seed ${seed}: ${report.violations.slice(0, 5).join(' | ')}`);
      for (const entry of (await simServer.snapshot()).mutationLog) {
        const key = `${entry.name} ${entry.result.outcome}`;
        outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
      }
    }
    expect(failures).toEqual([]);
    // The runs must pin and move posts (a move is what leaves tombstones), not only run the app's mutations.
    expect(outcomes.get('notice.pin applied') ?? 0).toBeGreaterThan(SEEDS);
    expect(outcomes.get('notice.move applied') ?? 0).toBeGreaterThan(0);
  }, 600_000);
});
