import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { RowSet, SyncScope } from '../../src-shared/sync';
import { pgPullFeed } from '../../src-central/stores/postgres/pg-feed';
import { createPgSyncStore } from '../../src-central/stores/postgres/pg-store';
import { PullWindow, type WindowAnswer } from '../../src-central/sync/pull-window';
import { materializeRows, type ServedRowSet } from '../../src-central/sync/served-rows';
import type { PullFeed, SyncStore, VersionedRows } from '../../src-central/sync/store';
import { canonical } from '../sim/checks';
import { simCity } from '../sim/city';
import { memorySimServer, type SimServer } from '../sim/sim-server';
import { runSeed } from '../sim/simulation';
import { createCentralTestDb, dbKinds, type CentralTestDb } from './support/central-test-db';
import { pgSimServer } from './support/pg-sim-server';

const SEEDS = 3;

/**
 * The simulation's server with the pull window on (every pull with a cursor goes through it), and a second
 * window of tiny capacity that follows every pull's head, so it trims itself over and over.
 */
function windowed(server: SimServer, store: Omit<SyncStore, 'feed'>, feed: PullFeed) {
  const tiny = new PullWindow(feed, { capacity: 6 });
  const following: PullFeed = {
    glance: async (queries) => {
      const glances = await feed.glance(queries);
      for (const glance of glances) expect(await tiny.reach(glance.head)).toBe(true);
      return glances;
    },
    since: (after) => feed.since(after),
  };
  return {
    server: {
      ...server,
      store: { registry: store.registry, push: (fn) => store.push(fn), read: (fn) => store.read(fn), feed: following },
    } satisfies SimServer,
    tiny,
  };
}

function normalised(answer: { page: VersionedRows<ServedRowSet>; deletes: WindowAnswer['deletes'] }) {
  const rows = Object.fromEntries(
    Object.entries(materializeRows(answer.page.rows)).map(([table, list]) => [
      table,
      (list as { id: string }[]).map((row) => canonical(row)).sort(),
    ]),
  ) as Record<keyof RowSet, string[]>;
  const deletes = [...new Set(answer.deletes.map((row) => `${row.entity}:${row.id}`))].sort();
  return { rows, maxVersion: answer.page.maxVersion, deletes };
}

/** For cursors from the window's base to the head, several scopes and page sizes: the window answers as the database. */
async function expectSameAsDatabase(
  store: Omit<SyncStore, 'feed'>,
  feed: PullFeed,
  window: PullWindow,
  scopes: SyncScope[],
): Promise<number> {
  const head = (await feed.glance([{ clientId: uuidv7(), agentId: uuidv7() }]))[0]?.head ?? -1;
  expect(await window.reach(head)).toBe(true);
  expect(window.head).toBe(head);
  let compared = 0;
  for (let cursor = 0; cursor <= head; cursor++) {
    if (!window.covers(cursor)) continue;
    for (const scope of scopes) {
      for (const limit of [1, 3, 5_000]) {
        const expected = await store.read(async (reader) => {
          const page = await reader.changes({ scope, reference: true, after: cursor, upTo: head, limit });
          const deletes = cursor === 0 ? [] : await reader.departures({ scope, after: cursor, upTo: page.more ? page.maxVersion : head });
          return { page, deletes };
        });
        const actual = window.answer({ scope, after: cursor, limit });
        const where = `cursor ${cursor}, limit ${limit}, scope ${canonical(scope)}`;
        if (expected.page.more && !actual.page.more && cursor > 0) {
          // The window knows the oversized last version was the last one (see below): its deletes reach the head,
          // as the database path's do on the page that ends the pull.
          expected.deletes = await store.read((reader) => reader.departures({ scope, after: cursor, upTo: head }));
        }
        expect(normalised(actual), where).toEqual(normalised(expected));
        // PostgreSQL cannot tell whether an oversized version was the last one: it may say `more` where memory knows better.
        if (actual.page.more || !expected.page.more) expect(actual.page.more, where).toBe(expected.page.more);
        compared++;
      }
    }
  }
  return compared;
}

function scopesOf(): SyncScope[] {
  const city = simCity();
  const all = city.departments.map((department) => department.id).sort();
  return [
    { departments: all, citizens: true },
    { departments: all.slice(0, 1), citizens: false },
    { departments: all.slice(1), citizens: true },
    { departments: [], citizens: false },
  ];
}

async function runWindowed(server: SimServer, store: Omit<SyncStore, 'feed'>, feed: PullFeed, seed: number) {
  const { server: simServer, tiny } = windowed(server, store, feed);
  // Filled from version 0: every cursor of the run can be compared, not only those after the first pull.
  const full = new PullWindow(feed, { from: 0 });
  const report = await runSeed(seed, { server: simServer, steps: 60 });
  expect(report.violations).toEqual([]);
  const compared = await expectSameAsDatabase(store, feed, full, scopesOf());
  await expectSameAsDatabase(store, feed, tiny, scopesOf());
  return { report, compared };
}

describe('the pull window answers as the database path (in memory)', () => {
  it(`on ${SEEDS} simulated seeds`, async () => {
    for (let seed = 1; seed <= SEEDS; seed++) {
      const server = memorySimServer();
      const store = server.store as SyncStore & { feed: PullFeed };
      const { report, compared } = await runWindowed(server, store, store.feed, seed);
      expect(report.stats.applied).toBeGreaterThan(0);
      expect(compared).toBeGreaterThan(100);
    }
  }, 120_000);
});

describe.each(dbKinds)('the pull window on %s', (kind) => {
  let testDb: CentralTestDb;
  beforeAll(async () => {
    testDb = await createCentralTestDb({ kind });
  });
  afterAll(async () => {
    await testDb.close();
  });

  it(`answers as the database path, and the simulation converges through it, on ${SEEDS} seeds`, async () => {
    for (let seed = 1; seed <= SEEDS; seed++) {
      await testDb.resetTables();
      const { report, compared } = await runWindowed(pgSimServer(testDb.db), createPgSyncStore(testDb.db), pgPullFeed(testDb.db), seed);
      expect(report.stats.applied).toBeGreaterThan(0);
      expect(compared).toBeGreaterThan(100);
    }
  }, 300_000);
});
