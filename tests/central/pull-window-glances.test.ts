import { v7 as uuidv7 } from 'uuid';
import { beforeEach, describe, expect, it } from 'vitest';
import { pgPullFeed } from '../../src-central/stores/postgres/pg-feed';
import { PullWindow } from '../../src-central/sync/pull-window';
import type { PullFeed } from '../../src-central/sync/store';
import { dbKinds, useCentralTestDb } from './support/central-test-db';
import { buildSyncCity } from './support/sync-city';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/**
 * Pokes make many workspaces pull within a few milliseconds: their glances (head, client, agent) should
 * go as one statement, not one each, while a lone pull still goes at once.
 */
describe.each(dbKinds)('the pull window glances on %s', (kind) => {
  const testDb = useCentralTestDb(kind);
  let agentId: string;
  let statements: number[];
  let feed: PullFeed;

  beforeEach(async () => {
    const city = await buildSyncCity(testDb().db);
    agentId = city.counter.id;
    statements = [];
    const real = pgPullFeed(testDb().db);
    feed = {
      glance: (queries) => {
        statements.push(queries.length);
        return real.glance(queries);
      },
      since: (after) => real.since(after),
    };
  });

  it('waits for the pulls that pokes announced, and asks for them in one statement', async () => {
    const window = new PullWindow(feed);
    window.expect(4);
    const glances = [];
    for (let i = 0; i < 4; i++) {
      glances.push(window.glance({ clientId: uuidv7(), agentId }));
      // Each pull comes in its own turn of the event loop, as requests over HTTP do.
      await nextTurn();
    }
    const answers = await Promise.all(glances);
    expect(statements).toEqual([4]);
    expect(answers.every((glance) => glance.agent?.id === agentId)).toBe(true);
  });

  it('answers the pulls that came when the others announced do not', async () => {
    const window = new PullWindow(feed);
    window.expect(10);
    const [glance] = await Promise.all([window.glance({ clientId: uuidv7(), agentId })]);
    expect(glance?.agent?.id).toBe(agentId);
    expect(statements).toEqual([1]);
    // The expectation is spent: the next pull does not wait for anyone.
    const next = window.glance({ clientId: uuidv7(), agentId });
    expect(statements).toEqual([1, 1]);
    await next;
  });

  it('sends a lone pull at once when nothing was announced', async () => {
    const window = new PullWindow(feed);
    const glance = window.glance({ clientId: uuidv7(), agentId });
    expect(statements).toEqual([1]);
    await glance;
  });
});
