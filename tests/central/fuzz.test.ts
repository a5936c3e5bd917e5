import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { v7 as uuidv7 } from 'uuid';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isErrorPayload } from '../../src-shared/errors';
import { syncRoutes } from '../../src-central/sync/sync-routes';
import { centralBuilders } from './support/builders';
import { createCentralTestDb, dbKinds, type CentralTestDb } from './support/central-test-db';
import { buildTestServer } from './support/test-server';
import { centralPaths } from '../../src-shared/http/endpoints';

const endpoints = [
  centralPaths.health,
  centralPaths.signIn,
  centralPaths.signOut,
  centralPaths.me,
  `${centralPaths.updates}/latest.yml`,
  `${centralPaths.updates}/Guichet-0.2.0.exe`,
  centralPaths.push,
  centralPaths.pull,
];
const printable = fc.stringMatching(/^[\x20-\x7e]{0,80}$/);
const pathChars = fc.stringMatching(/^[a-zA-Z0-9%./\\_~:@!$&'()*+,;=-]{0,40}$/);

/** light-my-request resolves the path against a base URL: paths it cannot (`/\\`, `//host`) go over a socket below. */
const injectable = (url: string) => URL.canParse(url, 'http://localhost') && new URL(url, 'http://localhost').host === 'localhost';

/** A pushed mutation: a known or made-up name, arguments near the real ones or anything at all. */
function fuzzedMutation() {
  const uuid = fc.oneof(fc.uuid({ version: 7 }), printable);
  return fc.record(
    {
      mutationId: fc.oneof(fc.integer({ min: -2, max: 4 }), fc.jsonValue()),
      name: fc.oneof(
        fc.constantFrom(
          'case.open',
          'case.transition',
          'case.comment',
          'case.transfer',
          'case.update',
          'case.reassign',
          'citizen.create',
          'citizen.update',
        ),
        printable,
      ),
      createdAt: fc.oneof(
        fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
        printable,
      ),
      args: fc.oneof(
        fc.jsonValue(),
        fc.record(
          { caseId: uuid, id: uuid, categoryId: uuid, action: printable, expectedStatus: printable, body: fc.string() },
          { requiredKeys: [] },
        ),
      ),
    },
    { requiredKeys: [] },
  );
}

/** Push and pull bodies close enough to valid ones to reach the mutators and the pull paging. */
function syncBodies() {
  const uuid = fc.oneof(fc.uuid({ version: 7 }), printable);
  const mutation = fuzzedMutation();

  return fc.oneof(
    fc.record(
      {
        clientId: uuid,
        replicaFormat: fc.oneof(fc.integer({ min: -1, max: 3 }), fc.jsonValue()),
        mutations: fc.array(mutation, { maxLength: 4 }),
      },
      { requiredKeys: [] },
    ),
    fc.record(
      {
        clientId: uuid,
        replicaFormat: fc.integer({ min: -1, max: 3 }),
        cursor: fc.oneof(fc.constant(null), fc.integer({ min: -5, max: 1e12 })),
        scope: fc.jsonValue(),
        bootstrap: fc.jsonValue(),
        pageSize: fc.jsonValue(),
      },
      { requiredKeys: [] },
    ),
  );
}

function request(token: string) {
  const url = fc.oneof(
    fc.constantFrom(...endpoints),
    fc
      .tuple(fc.constantFrom(...endpoints, `${centralPaths.updates}/`, '/api/', '/'), pathChars)
      .map(([base, tail]) => base + tail)
      .filter(injectable),
  );
  const syncBody = syncBodies();
  const body = fc.oneof(
    fc.jsonValue().map((value) => JSON.stringify(value)),
    syncBody.map((value) => JSON.stringify(value)),
    fc
      .record({ email: fc.oneof(fc.emailAddress(), fc.jsonValue()), password: fc.oneof(fc.string(), fc.jsonValue()) }, { requiredKeys: [] })
      .map((value) => JSON.stringify(value)),
    fc.string(),
    fc.constantFrom('{', '{"email":', 'null', '[]', '{"__proto__":{"x":1}}', '\u0000', 'x'.repeat(1_100_000)),
  );
  const headers = fc.record(
    {
      'content-type': fc.oneof(
        fc.constantFrom(
          'application/json',
          'application/json; charset=utf-8',
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
        ),
        printable,
      ),
      authorization: fc.oneof(
        fc.constant(`Bearer ${token}`),
        fc.stringMatching(/^[A-Za-z0-9_-]{0,60}$/).map((value) => `Bearer ${value}`),
        printable,
      ),
      range: fc.oneof(fc.stringMatching(/^bytes=[0-9, -]{0,30}$/), printable),
      'if-range': printable,
      'if-none-match': printable,
      'content-length': fc.nat(3_000_000).map(String),
      'x-forwarded-for': printable,
    },
    { requiredKeys: [] },
  );
  return fc.record({
    method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'),
    url,
    headers,
    payload: fc.option(body, { nil: undefined }),
  });
}

/** One raw request with `Connection: close`, the socket left open until the server closes it (a half-close would cut off async answers). */
function rawExchange(port: number, text: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(text));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const answer = Buffer.concat(chunks).toString('latin1');
      const split = answer.indexOf('\r\n\r\n');
      const head = answer.slice(0, split);
      const length = Number(/content-length: *(\d+)/i.exec(head)?.[1] ?? 0);
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0), body: answer.slice(split + 4, split + 4 + length) });
    });
  });
}

const rawRequest = fc.record({
  method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'HEAD'),
  path: fc.oneof(fc.constantFrom(...endpoints), fc.stringMatching(/^\/[\x21-\x7e]{0,60}$/)),
  headers: fc.array(fc.tuple(fc.stringMatching(/^[\x21-\x7e]{1,20}$/), printable), { maxLength: 4 }),
  body: fc.oneof(
    fc.constant(''),
    fc.string(),
    fc.jsonValue().map((value) => JSON.stringify(value)),
  ),
});

describe.each(dbKinds)('every endpoint under malformed input on %s', (kind) => {
  let testDb: CentralTestDb;
  let app: FastifyInstance;
  let token: string;
  let signIn: () => Promise<string>;

  beforeAll(async () => {
    testDb = await createCentralTestDb({ kind });
    const updatesDir = join(mkdtempSync(join(tmpdir(), 'guichet-fuzz-')), 'updates');
    mkdirSync(updatesDir);
    writeFileSync(join(updatesDir, 'latest.yml'), 'version: 0.2.0\n');
    writeFileSync(join(updatesDir, 'Guichet-0.2.0.exe'), Buffer.alloc(64 * 1024, 7));
    app = await buildTestServer(testDb, { config: { updatesDir }, plugins: [syncRoutes()] });
    const { buildDepartment, buildAgent } = centralBuilders(testDb.db);
    const department = await buildDepartment();
    const agent = await buildAgent({ email: 'fuzz@ville.example', roles: [{ departmentId: department.id, role: 'counter' }] });
    signIn = async () => {
      const signedIn = await app.inject({
        method: 'POST',
        url: centralPaths.signIn,
        payload: { email: agent.email, password: agent.password },
      });
      return signedIn.json<{ token: string }>().token;
    };
  });
  // The fuzzer may sign its token out (it calls /api/auth/sign-out): each test starts with a session of its own.
  beforeEach(async () => {
    token = await signIn();
  });
  afterAll(async () => {
    await app.close();
    await testDb.close();
  });

  it('never answers 5xx, and every refusal carries a catalogue code', async () => {
    const seen = new Set<number>();
    await fc.assert(
      fc.asyncProperty(request(token), async (options) => {
        const answer = await app.inject(options as InjectOptions);
        seen.add(answer.statusCode);
        expect(answer.statusCode, `${options.method} ${options.url}`).toBeLessThan(500);
        if (answer.statusCode >= 400 && options.method !== 'HEAD') {
          expect(isErrorPayload(answer.json()), answer.body.slice(0, 200)).toBe(true);
        }
      }),
      { numRuns: 600 },
    );
    // The inputs reach past the parsers: successes, validation, authentication and routing all answered.
    expect([...seen]).toEqual(expect.arrayContaining([200, 400, 401, 404]));
  });

  it('feeds the sync endpoints near-valid pushes and pulls: never a 5xx, coded refusals', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(centralPaths.push, centralPaths.pull), syncBodies(), async (url, payload) => {
        const answer = await app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${token}` }, payload });
        expect(answer.statusCode, `${url} ${JSON.stringify(payload).slice(0, 300)}`).toBeLessThan(500);
        if (answer.statusCode >= 400) expect(isErrorPayload(answer.json()), answer.body.slice(0, 200)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('runs the mutators on arbitrary arguments: every mutation gets an outcome, none a 5xx', async () => {
    const outcomes = new Set<string>();
    await fc.assert(
      fc.asyncProperty(fc.array(fuzzedMutation(), { minLength: 1, maxLength: 4 }), async (mutations) => {
        // A fresh client with gap-free ids from 1, so each push reaches the mutators.
        const payload = {
          clientId: uuidv7(),
          replicaFormat: 1,
          mutations: mutations.map((m, index) => ({
            ...m,
            name: typeof m.name === 'string' && m.name.length > 0 ? m.name : 'case.open',
            args: m.args ?? null,
            mutationId: index + 1,
            createdAt: '2026-03-02T09:00:00.000Z',
          })),
        };
        const answer = await app.inject({ method: 'POST', url: centralPaths.push, headers: { authorization: `Bearer ${token}` }, payload });
        if (JSON.stringify(payload).includes('"__proto__":')) {
          // Prototype-poisoning attempts are refused whole by the JSON parser, with a code.
          expect(answer.statusCode).toBe(400);
          expect(isErrorPayload(answer.json())).toBe(true);
          return;
        }
        expect(answer.statusCode, JSON.stringify(payload).slice(0, 300)).toBe(200);
        const results = answer.json<{ results: { outcome: string }[] }>().results;
        expect(results).toHaveLength(mutations.length);
        for (const result of results) outcomes.add(result.outcome);
      }),
      { numRuns: 150 },
    );
    expect(outcomes.has('rejected')).toBe(true);
  });

  it('answers raw requests no client library would send with codes too', async () => {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as { port: number }).port;
    await fc.assert(
      fc.asyncProperty(rawRequest, async ({ method, path, headers, body }) => {
        const lines = headers.map(([name, value]) => `${name}: ${value}`).join('\r\n');
        const text = `${method} ${path} HTTP/1.1\r\nHost: x\r\n${lines}${lines ? '\r\n' : ''}Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
        const answer = await rawExchange(port, text);
        expect(answer.status, text.slice(0, 200)).toBeGreaterThanOrEqual(200);
        expect(answer.status, text.slice(0, 200)).toBeLessThan(500);
        if (answer.status >= 400 && method !== 'HEAD') expect(isErrorPayload(JSON.parse(answer.body)), answer.body).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});
