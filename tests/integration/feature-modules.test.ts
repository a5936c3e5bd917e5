import { describe, expect, expectTypeOf, it } from 'vitest';
import { mainFeatures } from '../../src-main/features';
import { defineMainFeature, routersOf, type FeatureDeps } from '../../src-main/features/main-feature';
import { createServices } from '../../src-main/services/services';
import { appRouter } from '../../src-main/trpc/root';
import { agentProcedure, createCallerFactory, router } from '../../src-main/trpc/trpc';
import { builders } from '../support/builders';
import { createTestDb } from '../support/test-db';

/** A feature as a test folder would declare it: a service built from the deps, a router calling it. */
function createBoardService(deps: FeatureDeps) {
  return { departmentCount: () => deps.repos.reference.departments().length };
}
type BoardServices = { board: ReturnType<typeof createBoardService> };

const boardFeature = defineMainFeature({
  namespace: 'board',
  router: router({
    // The workspace's `Services` learns of `board` from a `declare module` in the feature's folder; a test file
    // must not widen it for every other test, hence the cast.
    departmentCount: agentProcedure.query(({ ctx }) => (ctx.services as unknown as BoardServices).board.departmentCount()),
  }),
  services: { board: createBoardService },
});

describe('feature modules (main)', () => {
  it('serves every feature of the list under its namespace, nothing else', () => {
    const namespaces = Object.keys(appRouter._def.record).sort();
    expect(namespaces).toEqual(mainFeatures.map((feature) => feature.namespace).sort());
  });

  it('plugs a feature declared outside the list in with one line: its procedure answers through createCaller', async () => {
    const replica = createTestDb();
    const seed = builders(replica.db);
    const department = seed.buildDepartment();
    const agent = seed.buildAgent({ roles: [{ departmentId: department.id, role: 'counter' }] });
    const withBoard = router(routersOf([...mainFeatures, boardFeature]));
    const services = createServices(replica.db, { extraFeatures: [boardFeature] });
    services.session.choose(agent.id);
    const caller = createCallerFactory(withBoard)(() => ({ services, agent: services.session.currentAgent() }));

    const count = await caller.board.departmentCount();

    expectTypeOf(count).toEqualTypeOf<number>();
    expect(count).toBe(1);
    // The workspace's own procedures are still there beside it.
    expect((await caller.reference.departments()).map((row) => row.id)).toEqual([department.id]);
    replica.close();
  });

  it('keeps the permission check of agent procedures for a plugged-in feature', async () => {
    const replica = createTestDb();
    const services = createServices(replica.db, { extraFeatures: [boardFeature] });
    const caller = createCallerFactory(router(routersOf([boardFeature])))(() => ({ services, agent: null }));
    await expect(caller.board.departmentCount()).rejects.toMatchObject({ message: 'NO_AGENT_SELECTED' });
    replica.close();
  });

  it('refuses two features claiming one namespace or one service', () => {
    expect(() => routersOf([boardFeature, boardFeature])).toThrow(/namespace "board"/);
    const replica = createTestDb();
    expect(() => createServices(replica.db, { extraFeatures: [boardFeature, boardFeature] })).toThrow(/service "board"/);
    replica.close();
  });
});
