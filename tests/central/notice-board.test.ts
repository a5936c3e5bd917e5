import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { setAgentRoles } from '../../src-central/admin/agent-admin';
import { systemClock } from '../../src-shared/domain/clock';
import { applyExtraMigrations } from '../../src-central/db/migrations';
import { runMutation } from '../../src-main/mutations/run-mutation';
import { createRepositories } from '../../src-main/repositories/repositories';
import type { MutationName } from '../../src-shared/mutations';
import { noticeBoardCentral, noticeBoardReplica, noticePosts } from '../fixtures/notice-board';
import { centralBuilders } from './support/builders';
import { dbKinds, useCentralTestDb } from './support/central-test-db';
import { password, signedInWorkspace, type TestWorkspace } from './support/sync-city';
import { useSyncServer } from './support/sync-server';

/**
 * The proof that the sync is generic (issue 11): a department notice board declared in a test fixture only
 * (tests/fixtures/notice-board: schema, tables, migrations, registry entry, bindings, mutators) syncs end to
 * end through the real central service and workspace core, on PGlite and on PostgreSQL.
 */
describe.each(dbKinds)('the notice board, an entity injected by a test, on %s', (kind) => {
  const testDb = useCentralTestDb(kind);
  beforeAll(async () => {
    await applyExtraMigrations(testDb().db, noticeBoardCentral.migrations);
  });
  const server = useSyncServer(testDb, { registry: { central: noticeBoardCentral, replica: noticeBoardReplica } });
  const dir = mkdtempSync(join(tmpdir(), 'guichet-notice-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  beforeEach(async () => {
    // An agent of the other department only.
    await centralBuilders(testDb().db).buildAgent({
      name: 'Terrain État civil',
      email: 'etat@ville.example',
      password,
      roles: [{ departmentId: server.city.etatCivil.id, role: 'field' }],
    });
  });

  function mutate(workspace: TestWorkspace, name: string, args: Record<string, unknown>) {
    const agent = workspace.services.session.currentAgent();
    if (agent === null) throw new Error('no agent signed in');
    const db = workspace.replica.db;
    // The app's mutation names are typed; an injected registry's go through the same runMutation, untyped.
    runMutation(
      db,
      createRepositories(db),
      { name: name as MutationName, args: args as never, agent, now: new Date() },
      noticeBoardReplica,
    );
  }

  function pin(workspace: TestWorkspace, departmentId: string, body: string): string {
    const id = uuidv7();
    mutate(workspace, 'notice.pin', { id, departmentId, body });
    return id;
  }

  const posts = (workspace: TestWorkspace) =>
    workspace.replica.db.$client.prepare('SELECT id, department_id AS departmentId, body FROM notice_posts ORDER BY id').all();

  it('reaches the colleagues of its department by pull, and no one else', async () => {
    const field = await server.workspace('terrain@ville.example');
    const counter = await server.workspace('camille@ville.example');
    const other = await server.workspace('etat@ville.example');
    // Pull only: no pokes.
    for (const workspace of [counter, other]) workspace.services.sync.stop();
    const id = pin(field, server.city.voirie.id, 'Travaux rue Haute lundi');
    await field.services.sync.engine.sync();
    await counter.services.sync.engine.sync();
    await other.services.sync.engine.sync();

    expect(await testDb().db.select().from(noticePosts)).toMatchObject([{ id, departmentId: server.city.voirie.id }]);
    expect(posts(counter)).toEqual([{ id, departmentId: server.city.voirie.id, body: 'Travaux rue Haute lundi' }]);
    expect(posts(other)).toEqual([]);
    expect(field.services.sync.status().pending).toBe(0);
  });

  it('reaches a colleague by poke, without being asked', async () => {
    const field = await server.workspace('terrain@ville.example');
    const counter = await server.workspace('camille@ville.example');
    counter.services.sync.start();
    const arrived = (async () => {
      for await (const _ of counter.services.changes(AbortSignal.timeout(20_000))) if (posts(counter).length === 1) return;
    })();
    const id = pin(field, server.city.voirie.id, 'Réunion d’équipe à 14 h');
    await field.services.sync.engine.sync();
    await arrived;
    expect(posts(counter)).toMatchObject([{ id }]);
  });

  it('leaves the replicas of a department it moves out of, and of an agent who changes department', async () => {
    const field = await server.workspace('terrain@ville.example');
    const counter = await server.workspace('camille@ville.example');
    const other = await server.workspace('etat@ville.example');
    const id = pin(field, server.city.voirie.id, 'Permanence samedi');
    await field.services.sync.engine.sync();
    await counter.services.sync.engine.sync();
    // Moved to État civil: a tombstone tells Voirie's replicas, État civil's receive it.
    mutate(counter, 'notice.move', { id, fromDepartmentId: server.city.voirie.id, departmentId: server.city.etatCivil.id });
    await counter.services.sync.engine.sync();
    await field.services.sync.engine.sync();
    await other.services.sync.engine.sync();
    expect(posts(field)).toEqual([]);
    expect(posts(other)).toMatchObject([{ id, departmentId: server.city.etatCivil.id }]);
    // The État civil agent moves to Voirie: their replica drops what it held of État civil.
    await setAgentRoles(testDb().db, systemClock, { email: 'etat@ville.example', roles: [{ departmentCode: 'VOIRIE', role: 'field' }] });
    const kept = pin(field, server.city.voirie.id, 'Nouvelle consigne');
    await field.services.sync.engine.sync();
    await other.services.sync.engine.sync();
    expect(posts(other)).toMatchObject([{ id: kept, departmentId: server.city.voirie.id }]);
  });

  it('refuses, on the server, a move of a post that moved meanwhile: the mutator reads the post', async () => {
    const field = await server.workspace('terrain@ville.example');
    const first = await server.workspace('camille@ville.example');
    const second = await server.workspace('camille@ville.example');
    const id = pin(field, server.city.voirie.id, 'Consigne');
    await field.services.sync.engine.sync();
    await first.services.sync.engine.sync();
    await second.services.sync.engine.sync();
    // No pokes for the second replica from now on: it must not see the first one's move.
    second.services.sync.stop();
    const move = { id, fromDepartmentId: server.city.voirie.id, departmentId: server.city.etatCivil.id };
    mutate(first, 'notice.move', move);
    await first.services.sync.engine.sync();
    // The second replica has not seen the move: it still holds the post in Voirie, and moves it too.
    mutate(second, 'notice.move', move);
    await second.services.sync.engine.sync();
    expect(second.services.sync.status()).toMatchObject({ pending: 0, inbox: 1 });
    expect(second.replica.db.$client.prepare('SELECT error FROM _sync_inbox').pluck().get()).toContain('DEPARTMENT_CHANGED');
    expect(posts(second)).toMatchObject([{ id, departmentId: server.city.etatCivil.id }]);
  });

  it('fills a fresh file replica through the bulk bootstrap', async () => {
    const field = await server.workspace('terrain@ville.example');
    const pinned = ['Un', 'Deux', 'Trois'].map((body) => pin(field, server.city.voirie.id, body));
    await field.services.sync.engine.sync();
    let writers = 0;
    const fresh = await signedInWorkspace(server.url, 'camille@ville.example', {
      registry: noticeBoardReplica,
      file: join(dir, `${kind}.db`),
      bulk: { onWriter: () => writers++ },
    });
    try {
      expect(writers).toBe(1);
      expect(posts(fresh).map((row) => (row as { id: string }).id)).toEqual([...pinned].sort());
      // The bootstrap dropped the posts' index while it wrote, and built it again at the end.
      const index = fresh.replica.db.$client.prepare(
        `SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'notice_posts' AND sql IS NOT NULL`,
      );
      expect(index.pluck().all()).toEqual(['notice_posts_department_pinned']);
    } finally {
      await fresh.shutdown();
    }
  });

  it('applies its extra migrations once, and refuses a database that applied others', async () => {
    expect(await applyExtraMigrations(testDb().db, noticeBoardCentral.migrations)).toBe(0);
    await expect(applyExtraMigrations(testDb().db, [{ name: 'something_else', statements: [] }])).rejects.toMatchObject({
      code: 'CENTRAL_MIGRATION_DIVERGED',
    });
  });
});
