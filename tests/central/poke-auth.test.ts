import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import WebSocket from 'ws';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isErrorPayload } from '../../src-shared/errors';
import { pokeMessageSchema } from '../../src-shared/sync/protocol';
import { runAdminCommand } from '../../src-central/admin/admin-cli';
import { currentVersion } from '../../src-central/db/versions';
import { syncRoutes } from '../../src-central/sync/sync-routes';
import { dbKinds, useCentralTestDb } from './support/central-test-db';
import { buildSyncCity, password } from './support/sync-city';
import { ManualClock } from '../support/manual-clock';
import { buildTestServer } from './support/test-server';
import { centralPaths } from '../../src-shared/http/endpoints';

const sessionIdleHours = 1;

/** What became of a poke socket: refused before the upgrade (status and body), or open. */
type PokeAttempt = { kind: 'refused'; status: number; body: string } | { kind: 'open'; socket: WebSocket; messages: unknown[] };

/** Opens `/api/sync/poke?<query>` with the real `ws` client and waits for the handshake's outcome. */
function attemptPoke(baseUrl: string, query: string): Promise<PokeAttempt> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}${centralPaths.poke}?${query}`);
    const messages: unknown[] = [];
    socket.on('message', (data: Buffer) => messages.push(pokeMessageSchema.parse(JSON.parse(data.toString('utf8')))));
    socket.on('unexpected-response', (_request, response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        // The handshake never completed: aborting it ends with an error and a 1006 close, both expected.
        socket.on('error', () => undefined);
        socket.terminate();
        resolve({ kind: 'refused', status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
      });
    });
    socket.on('open', () => resolve({ kind: 'open', socket, messages }));
    socket.on('error', reject);
  });
}

/** Resolves with the socket's messages once `count` have arrived. */
async function messagesOf(attempt: PokeAttempt, count: number): Promise<unknown[]> {
  if (attempt.kind !== 'open') throw new Error('the poke socket was refused');
  const { socket, messages } = attempt;
  if (messages.length >= count) return messages;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${messages.length} of ${count} pokes after 10 s`)), 10_000);
    const onMessage = () => {
      if (messages.length < count) return;
      clearTimeout(timer);
      socket.off('message', onMessage);
      resolve(messages);
    };
    socket.on('message', onMessage);
  });
}

describe.each(dbKinds)('the poke WebSocket on %s', (kind) => {
  const testDb = useCentralTestDb(kind);
  let app: FastifyInstance;
  let baseUrl: string;
  let clock: ManualClock;
  let city: Awaited<ReturnType<typeof buildSyncCity>>;
  const sockets: WebSocket[] = [];

  const signIn = async (email: string): Promise<string> => {
    const response = await fetch(`${baseUrl}${centralPaths.signIn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { token: string }).token;
  };
  const open = async (query: string): Promise<PokeAttempt> => {
    const attempt = await attemptPoke(baseUrl, query);
    if (attempt.kind === 'open') sockets.push(attempt.socket);
    return attempt;
  };
  /** Pushes one case.open in the category's department, as the agent of `token`; returns the version it took. */
  const openCase = async (token: string, categoryId: string, trackingCode: string): Promise<number> => {
    const response = await fetch(`${baseUrl}/api/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        clientId: uuidv7(),
        replicaFormat: 1,
        mutations: [
          {
            mutationId: 1,
            name: 'case.open',
            createdAt: clock.now().toISOString(),
            args: { id: uuidv7(), trackingCode, eventId: uuidv7(), categoryId, channel: 'phone', subject: 'Signalement' },
          },
        ],
      }),
    });
    expect(await response.json()).toMatchObject({ lastMutationId: 1, results: [{ outcome: 'applied' }] });
    return currentVersion(testDb().db);
  };

  beforeEach(async () => {
    city = await buildSyncCity(testDb().db);
    clock = new ManualClock();
    app = await buildTestServer(testDb(), { clock, config: { sessionIdleHours }, plugins: [syncRoutes()] });
    baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterEach(async () => {
    while (sockets.length > 0) sockets.pop()?.terminate();
    await app.close();
  });

  it('refuses a missing, empty or malformed token before the upgrade: 401 ACCESS_DENIED', async () => {
    for (const query of [
      '',
      'token=',
      'x=1',
      'token=not-a-token',
      `token=${'a'.repeat(42)}`,
      `token=${'a'.repeat(42)}%21`,
      'token=a&token=b',
    ]) {
      const attempt = await open(query);
      expect(attempt, query).toEqual({ kind: 'refused', status: 401, body: JSON.stringify({ code: 'ACCESS_DENIED', args: {} }) });
    }
  });

  it('refuses a well-formed token no session has: 401 SESSION_EXPIRED', async () => {
    const attempt = await open(`token=${'A'.repeat(43)}`);
    expect(attempt).toEqual({ kind: 'refused', status: 401, body: JSON.stringify({ code: 'SESSION_EXPIRED', args: {} }) });
  });

  it('refuses the token of a session unused past its idle timeout: 401 SESSION_EXPIRED', async () => {
    const token = await signIn('terrain@ville.example');
    clock.advance(sessionIdleHours * 3_600_000 - 1_000);
    const stillLive = await open(`token=${token}`);
    expect(stillLive.kind).toBe('open');
    // That use slid the expiry: it is the idle timeout from then that ends the session.
    clock.advance(sessionIdleHours * 3_600_000);
    const attempt = await open(`token=${token}`);
    expect(attempt).toEqual({ kind: 'refused', status: 401, body: JSON.stringify({ code: 'SESSION_EXPIRED', args: {} }) });
  });

  it('refuses the token of a signed-out session: 401 SESSION_EXPIRED', async () => {
    const token = await signIn('terrain@ville.example');
    const signOut = await fetch(`${baseUrl}${centralPaths.signOut}`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(signOut.status).toBe(204);
    const attempt = await open(`token=${token}`);
    expect(attempt).toEqual({ kind: 'refused', status: 401, body: JSON.stringify({ code: 'SESSION_EXPIRED', args: {} }) });
  });

  it('accepts a live token and pokes it with the version of a push in its department', async () => {
    const token = await signIn('terrain@ville.example');
    const field = await open(`token=${token}`);
    expect(field.kind).toBe('open');
    const version = await openCase(await signIn('camille@ville.example'), city.potHole.id, 'POKE-0001');
    expect(version).toBeGreaterThan(1);
    expect(await messagesOf(field, 1)).toEqual([{ type: 'poke', version }]);
  });

  it('does not poke an agent with no role in the changed department', async () => {
    const counterToken = await signIn('camille@ville.example');
    const counter = await open(`token=${counterToken}`);
    const field = await open(`token=${await signIn('terrain@ville.example')}`);

    // État civil: the counter agent has a role there, the field agent (Voirie only) has none.
    const elsewhere = await openCase(counterToken, city.certificate.id, 'POKE-0002');
    expect(await messagesOf(counter, 1)).toEqual([{ type: 'poke', version: elsewhere }]);
    // A later change in Voirie reaches the field agent: its first and only poke is that one, not the first.
    const voirie = await openCase(counterToken, city.potHole.id, 'POKE-0003');
    expect(voirie).toBeGreaterThan(elsewhere);
    expect(await messagesOf(field, 1)).toEqual([{ type: 'poke', version: voirie }]);
    expect(await messagesOf(counter, 2)).toEqual([
      { type: 'poke', version: elsewhere },
      { type: 'poke', version: voirie },
    ]);
  });

  it('follows an agent an admin moves to another department, and closes on an agent disabled', async () => {
    const counterToken = await signIn('camille@ville.example');
    const counter = await open(`token=${counterToken}`);
    const field = await open(`token=${await signIn('terrain@ville.example')}`);
    const admin = (...argv: string[]) => runAdminCommand(argv, testDb().database, { out: () => undefined, err: () => undefined });

    // Voirie → État civil: the notice for every department pokes both sockets, then the field agent's scope follows.
    expect(await admin('set-roles', '--email', 'terrain@ville.example', '--role', 'ETAT-CIVIL:field')).toBe(0);
    const moved = await currentVersion(testDb().db);
    expect(await messagesOf(field, 1)).toEqual([{ type: 'poke', version: moved }]);
    expect(await messagesOf(counter, 1)).toEqual([{ type: 'poke', version: moved }]);
    // Voirie's change no longer concerns the field agent (the counter agent's poke for it shows it went out)…
    const voirie = await openCase(counterToken, city.potHole.id, 'POKE-0004');
    expect(await messagesOf(counter, 2)).toEqual([moved, voirie].map((version) => ({ type: 'poke', version })));
    // …État civil's does.
    const etatCivil = await openCase(counterToken, city.certificate.id, 'POKE-0005');
    expect(await messagesOf(field, 2)).toEqual([moved, etatCivil].map((version) => ({ type: 'poke', version })));

    if (field.kind !== 'open') throw new Error('the field agent was refused');
    const closed = new Promise<number>((resolve) => field.socket.once('close', (code) => resolve(code)));
    expect(await admin('disable', '--email', 'terrain@ville.example')).toBe(0);
    expect(await closed).toBe(4403);
  });

  it('takes arbitrary tokens and query strings: a coded 401 unless it is the live token, never a 5xx, still healthy', async () => {
    const valid = await signIn('terrain@ville.example');
    const token = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 80 }),
      fc.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      fc.constant(valid),
      fc.tuple(fc.string({ maxLength: 4 }), fc.string({ maxLength: 4 })).map(([before, after]) => `${before}${valid}${after}`),
    );
    const tokenQuery = token.map((value) => ({ token: value, query: new URLSearchParams({ token: value }).toString() }));
    // Anything after the `?`, unencoded, a fragment excepted (the client refuses those before connecting).
    const pairs = fc
      .array(
        fc.tuple(fc.constantFrom('token', 'token[]', 'TOKEN', 'token.x', '__proto__', ''), fc.string({ unit: 'binary', maxLength: 50 })),
        { maxLength: 4 },
      )
      .map((entries) => entries.map(([key, value]) => `${key}=${value}`).join('&'));
    const rawQuery = fc
      .oneof(fc.string({ unit: 'binary', maxLength: 200 }), pairs)
      .map((query) => ({ token: null, query: query.replaceAll('#', '%23') }));
    const codes = new Set<string>();
    let accepted = 0;

    await fc.assert(
      fc.asyncProperty(fc.oneof(tokenQuery, rawQuery), async ({ token: sent, query }) => {
        const attempt = await open(query);
        if (sent === valid) expect(attempt.kind, query).toBe('open');
        if (attempt.kind === 'open') {
          // Only the live token opens a socket; the bearer parsing tolerates spaces around it.
          expect(sent?.trim(), query).toBe(valid);
          accepted++;
          return;
        }
        expect(attempt.status, query).toBe(401);
        const payload: unknown = JSON.parse(attempt.body);
        expect(isErrorPayload(payload), attempt.body).toBe(true);
        codes.add((payload as { code: string }).code);
      }),
      { numRuns: 300 },
    );

    expect([...codes].sort()).toEqual(['ACCESS_DENIED', 'SESSION_EXPIRED']);
    expect(accepted).toBeGreaterThan(0);
    const health = await fetch(`${baseUrl}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', database: kind });
  });
});
