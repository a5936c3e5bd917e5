import { connect } from 'node:net';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fail, isErrorPayload } from '../../src-shared/errors';
import { createLogger } from '../../src-central/logger';
import { buildCentralServer } from '../../src-central/service';
import { centralVersion } from '../../src-central/version';
import { createCentralTestDb, dbKinds, type CentralTestDb } from './support/central-test-db';
import { buildTestServer, testConfig } from './support/test-server';
import { centralPaths } from '../../src-shared/http/endpoints';

/** Sends raw bytes and reads the first answer: for requests no HTTP client would write. */
function rawRequest(port: number, text: string): Promise<{ head: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(text));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => {
      const answer = Buffer.concat(chunks).toString('utf8');
      const split = answer.indexOf('\r\n\r\n');
      const head = answer.slice(0, split);
      const length = Number(/content-length: (\d+)/i.exec(head)?.[1] ?? 0);
      resolve({ head, body: answer.slice(split + 4, split + 4 + length) });
    });
    socket.on('error', reject);
  });
}

describe.each(dbKinds)('central HTTP on %s', (kind) => {
  let testDb: CentralTestDb;
  let app: FastifyInstance;

  beforeAll(async () => {
    testDb = await createCentralTestDb({ kind });
    app = await buildTestServer(testDb, {
      plugins: [
        async (scope) => {
          scope.get('/test/explode', async () => {
            throw new Error('secret internals at /srv/guichet');
          });
          scope.get('/test/refuse', async () => {
            throw fail('NOT_A_MEMBER', { departmentId: 'dep' });
          });
          scope.post('/test/echo', { bodyLimit: 4 * 1_048_576 }, async (request) => ({ size: JSON.stringify(request.body).length }));
        },
      ],
    });
  });
  afterAll(async () => {
    await app.close();
    await testDb.close();
  });

  it('reports health with the database kind and version, without a token', async () => {
    const answer = await app.inject({ method: 'GET', url: centralPaths.health });
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toEqual({ status: 'ok', database: kind, version: centralVersion });
  });

  it('answers an unknown route with a coded 404', async () => {
    const answer = await app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(answer.statusCode).toBe(404);
    expect(answer.json()).toEqual({ code: 'RESOURCE_NOT_FOUND', args: {} });
  });

  it('maps a GuichetError to its status and payload', async () => {
    const answer = await app.inject({ method: 'GET', url: '/test/refuse' });
    expect(answer.statusCode).toBe(403);
    expect(answer.json()).toEqual({ code: 'NOT_A_MEMBER', args: { departmentId: 'dep' } });
  });

  it('hides an unexpected error behind INTERNAL and a reference', async () => {
    const answer = await app.inject({ method: 'GET', url: '/test/explode' });
    expect(answer.statusCode).toBe(500);
    const body = answer.json<{ code: string; args: { reference: string } }>();
    expect(body.code).toBe('INTERNAL');
    expect(body.args.reference).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer.body).not.toContain('secret');
    expect(answer.body).not.toContain('/srv');
  });

  it('refuses malformed JSON with MALFORMED_REQUEST', async () => {
    const answer = await app.inject({
      method: 'POST',
      url: centralPaths.signIn,
      headers: { 'content-type': 'application/json' },
      payload: '{"email":',
    });
    expect(answer.statusCode).toBe(400);
    expect(answer.json()).toEqual({ code: 'MALFORMED_REQUEST', args: { reason: 'invalid_json_body' } });
  });

  it('drops prototype-polluting keys from JSON bodies: nothing reaches a prototype, the request is judged on the rest', async () => {
    for (const payload of [
      '{"email":"a@b.example","password":"x","__proto__":{"admin":true}}',
      '{"email":"a@b.example","password":"x","constructor":{"prototype":{"admin":true}}}',
    ]) {
      const answer = await app.inject({
        method: 'POST',
        url: centralPaths.signIn,
        headers: { 'content-type': 'application/json' },
        payload,
      });
      expect(answer.statusCode).toBe(401);
      expect(answer.json<{ code: string }>().code).toBe('SIGN_IN_FAILED');
      expect(({} as Record<string, unknown>)['admin']).toBeUndefined();
    }
  });

  it('refuses an unsupported content type', async () => {
    const answer = await app.inject({
      method: 'POST',
      url: centralPaths.signIn,
      headers: { 'content-type': 'application/xml' },
      payload: '<a/>',
    });
    expect(answer.statusCode).toBe(415);
    expect(answer.json()).toEqual({ code: 'MALFORMED_REQUEST', args: { reason: 'invalid_media_type' } });
  });

  it('refuses a body over 1 MiB with a coded 413, and honours a route that raised its limit', async () => {
    const big = JSON.stringify({ email: 'a@b.example', password: 'x'.repeat(1_100_000) });
    const refused = await app.inject({
      method: 'POST',
      url: centralPaths.signIn,
      headers: { 'content-type': 'application/json' },
      payload: big,
    });
    expect(refused.statusCode).toBe(413);
    expect(refused.json()).toEqual({ code: 'PAYLOAD_TOO_LARGE', args: { limitBytes: 1_048_576 } });
    const raised = await app.inject({ method: 'POST', url: '/test/echo', headers: { 'content-type': 'application/json' }, payload: big });
    expect(raised.statusCode).toBe(200);
    const tooBig = JSON.stringify({ blob: 'x'.repeat(5 * 1_048_576) });
    const stillRefused = await app.inject({
      method: 'POST',
      url: '/test/echo',
      headers: { 'content-type': 'application/json' },
      payload: tooBig,
    });
    expect(stillRefused.json()).toEqual({ code: 'PAYLOAD_TOO_LARGE', args: { limitBytes: 4 * 1_048_576 } });
  });

  it('logs requests as JSON without tokens, from headers or query strings', async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const logged = await buildCentralServer({ config: testConfig(), database: testDb.database, logger: createLogger('info', destination) });
    await logged.inject({
      method: 'GET',
      url: `${centralPaths.poke}?token=QUERY-SECRET&x=1`,
      headers: { authorization: 'Bearer HEADER-SECRET' },
    });
    await logged.close();
    const entries = lines.map((line) => JSON.parse(line) as { msg: string; req?: { url: string } });
    expect(entries.find((entry) => entry.msg === 'incoming request')?.req?.url).toBe(`${centralPaths.poke}?token=[redacted]&x=1`);
    expect(lines.join('')).not.toMatch(/SECRET/);
  });

  it('answers requests the HTTP parser rejects with a coded body', async () => {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as { port: number }).port;
    const answers = await Promise.all([
      rawRequest(port, 'GET /health HTTP/1.1\r\nHost: x\r\nBad Header: y\r\n\r\n'),
      rawRequest(
        port,
        'POST /api/auth/sign-in HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
      ),
      rawRequest(port, `GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`),
      rawRequest(port, 'GET /%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'),
    ]);
    for (const { head, body } of answers) {
      expect(head).toMatch(/^HTTP\/1\.1 4\d\d /);
      expect(isErrorPayload(JSON.parse(body))).toBe(true);
    }
  });
});
