import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { syncRoutes } from '../../src-central/sync/sync-routes';
import { createCore, type Core } from '../../src-main/core/create-core';
import { createFileKeyStore } from '../../src-main/db/key-store';
import { openReplica, type Replica } from '../../src-main/db/open-replica';
import { writeMeta } from '../../src-main/repositories/meta-repository';
import { createServices } from '../../src-main/services/services';
import { createCaller } from '../../src-main/trpc/root';
import { startBrowserMode, type BrowserMode } from '../../src-main/web/browser-mode';
import { createCentralTestDb, type CentralTestDb } from '../central/support/central-test-db';
import { buildSyncCity, password } from '../central/support/sync-city';
import { buildTestServer } from '../central/support/test-server';
import { failure } from '../support/failure';
import { workspacePaths } from '../../src-shared/http/endpoints';

/**
 * Signing in is enforced by the main core (docs/security/sessions.md): with a central service configured, the agent
 * picker is refused and every agent procedure needs the agent the live session belongs to; alone, the
 * standalone demo keeps its picker.
 */

const replicaMigrations = resolve('drizzle/local');
let testDb: CentralTestDb;
let city: Awaited<ReturnType<typeof buildSyncCity>>;
let central: FastifyInstance;
let url: string;

beforeAll(async () => {
  testDb = await createCentralTestDb({ kind: 'pglite' });
  city = await buildSyncCity(testDb.db);
  central = await buildTestServer(testDb, { plugins: [syncRoutes()] });
  url = await central.listen({ port: 0, host: '127.0.0.1' });
}, 60_000);
afterAll(async () => {
  await central.close();
  await testDb.close();
});

describe('through createCaller', () => {
  let replica: Replica;
  let services: ReturnType<typeof createServices>;
  let caller: ReturnType<typeof createCaller>;

  const workspace = (centralUrl: string | null) => {
    replica = openReplica({ file: ':memory:', key: Buffer.alloc(32, 7), migrationsFolder: replicaMigrations });
    services = createServices(replica.db, { centralUrl });
    caller = createCaller(() => ({ services, agent: services.session.currentAgent() }));
  };
  beforeEach(() => () => {
    services.sync.stop();
    replica.close();
  });

  it('refuses the agent picker when a central service is configured', async () => {
    workspace(url);

    expect(await failure(caller.session.agents())).toMatchObject({ trpcCode: 'UNAUTHORIZED', code: 'SIGN_IN_REQUIRED' });
    expect(await failure(caller.session.choose({ agentId: city.counter.id }))).toMatchObject({ code: 'SIGN_IN_REQUIRED' });
    expect(await failure(caller.case.list({}))).toMatchObject({ trpcCode: 'UNAUTHORIZED', code: 'SIGN_IN_REQUIRED' });
  });

  it('serves agent procedures to the signed-in agent only, and to nobody once signed out', async () => {
    workspace(url);
    await caller.sync.signIn({ email: city.counter.email, password });
    await services.sync.engine.sync();
    expect((await caller.session.current())?.id).toBe(city.counter.id);
    expect(await caller.case.list({})).toBeDefined();

    await caller.sync.signOut();

    expect(await caller.session.current()).toBeNull();
    expect(await failure(caller.case.list({}))).toMatchObject({ code: 'SIGN_IN_REQUIRED' });
    // An agent id written in the replica is not a session.
    writeMeta(replica.db, 'agent_id', city.counter.id);
    expect(await failure(caller.case.list({}))).toMatchObject({ code: 'SIGN_IN_REQUIRED' });
    expect(await failure(caller.citizen.card({ id: city.counter.id }))).toMatchObject({ code: 'SIGN_IN_REQUIRED' });
  });

  it('does not let another agent id stand in for the session’s agent', async () => {
    workspace(url);
    await caller.sync.signIn({ email: city.field.email, password });
    await services.sync.engine.sync();

    writeMeta(replica.db, 'agent_id', city.counter.id);

    expect(await caller.session.current()).toBeNull();
    expect(await failure(caller.case.list({}))).toMatchObject({ code: 'SIGN_IN_REQUIRED' });
  });

  it('keeps the picker of the standalone demo', async () => {
    workspace(null);
    writeMeta(replica.db, 'agent_id', null);

    expect(await caller.session.agents()).toEqual([]);
    expect(await failure(caller.case.list({}))).toMatchObject({ code: 'NO_AGENT_SELECTED' });
  });
});

describe('over browser mode’s HTTP', () => {
  let root: string;
  let core: Core;
  let server: BrowserMode;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'guichet-signed-in-'));
    const dataDir = join(root, 'data');
    const staticDir = join(root, 'dist-renderer');
    mkdirSync(staticDir, { recursive: true });
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><html lang="fr"><title>Guichet</title></html>');
    core = createCore({
      dataDir,
      migrationsFolder: replicaMigrations,
      keyStore: createFileKeyStore(join(dataDir, 'replica.key')),
      demo: 'never',
      centralUrl: url,
    });
    server = await startBrowserMode({ core, port: 0, staticDir });
  });
  afterAll(async () => {
    await server.close();
    core.close();
    rmSync(root, { recursive: true, force: true });
  });

  const call = async (path: string, input?: unknown, method: 'GET' | 'POST' = 'GET') => {
    const query = method === 'GET' && input !== undefined ? `?input=${encodeURIComponent(JSON.stringify(input))}` : '';
    const response = await fetch(`http://127.0.0.1:${server.port}${workspacePaths.trpc}/${path}${query}`, {
      method,
      headers: { 'x-guichet-token': server.token, 'content-type': 'application/json' },
      ...(method === 'POST' ? { body: JSON.stringify(input ?? {}) } : {}),
    });
    const body = (await response.json()) as { error?: { data?: { guichet?: { code: string } } } };
    return { status: response.status, code: body.error?.data?.guichet?.code ?? null, body };
  };

  it('refuses the picker, then reads for the signed-in agent only', async () => {
    expect(await call('session.agents')).toMatchObject({ status: 401, code: 'SIGN_IN_REQUIRED' });
    expect(await call('session.choose', { agentId: city.counter.id }, 'POST')).toMatchObject({ status: 401, code: 'SIGN_IN_REQUIRED' });
    expect(await call('case.list', {})).toMatchObject({ status: 401, code: 'SIGN_IN_REQUIRED' });

    expect(await call('sync.signIn', { email: city.counter.email, password }, 'POST')).toMatchObject({ status: 200 });
    expect(await call('case.list', {})).toMatchObject({ status: 200 });

    expect(await call('sync.signOut', {}, 'POST')).toMatchObject({ status: 200 });
    expect(await call('case.list', {})).toMatchObject({ status: 401, code: 'SIGN_IN_REQUIRED' });
    expect(await call('session.choose', { agentId: city.counter.id }, 'POST')).toMatchObject({ status: 401, code: 'SIGN_IN_REQUIRED' });
  });
});
