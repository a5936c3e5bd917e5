import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { DataSplitter } from 'electron-updater/out/differentialDownloader/DataSplitter';
import { OperationKind, type Operation } from 'electron-updater/out/differentialDownloader/downloadPlanBuilder';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCentralTestDb, dbKinds, type CentralTestDb } from './support/central-test-db';
import { buildTestServer } from './support/test-server';
import { centralPaths } from '../../src-shared/http/endpoints';

const installerName = 'Guichet-0.2.0.AppImage';
const signature = randomBytes(64);
const manifest = 'version: 0.2.0\nfiles:\n  - url: Guichet-0.2.0.AppImage\n    size: 1048576\npath: Guichet-0.2.0.AppImage\n';

function updatesFolder() {
  const root = mkdtempSync(join(tmpdir(), 'guichet-feed-'));
  const dir = join(root, 'updates');
  mkdirSync(join(dir, 'old'), { recursive: true });
  const installer = randomBytes(1_048_576);
  writeFileSync(join(dir, 'latest-linux.yml'), manifest);
  writeFileSync(join(dir, installerName), installer);
  writeFileSync(join(dir, `${installerName}.sig`), signature);
  writeFileSync(join(dir, '.env.yml'), 'secret: 1\n');
  writeFileSync(join(dir, 'notes.txt'), 'not served\n');
  writeFileSync(join(dir, 'old', 'latest.yml'), 'version: 0.1.0\n');
  writeFileSync(join(root, 'outside.yml'), 'secret: outside\n');
  symlinkSync(join(root, 'outside.yml'), join(dir, 'escape.yml'));
  return { dir, installer };
}

/** A multipart/byteranges body through electron-updater's own parser: what the desktop will really run. */
function splitWithElectronUpdater(body: Buffer, boundary: string, ranges: [number, number][]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const received: Buffer[] = [];
    const out = new Writable({
      write(chunk: Buffer, _encoding, done) {
        received.push(chunk);
        done();
      },
    });
    const tasks: Operation[] = ranges.map(([start, end]) => ({ kind: OperationKind.DOWNLOAD, start, end: end + 1 }));
    const lengths = ranges.map(([start, end]) => end - start + 1);
    const splitter = new DataSplitter(
      out,
      { tasks, start: 0, end: tasks.length, oldFileFd: -1 },
      new Map(tasks.map((_, index) => [index, index])),
      boundary,
      lengths,
      () => resolve(Buffer.concat(received)),
      lengths.reduce((a, b) => a + b, 0),
    );
    splitter.on('error', reject);
    // Fed in small chunks, as a socket delivers it.
    for (let offset = 0; offset < body.length; offset += 1_000) splitter.write(body.subarray(offset, offset + 1_000));
    splitter.end();
  });
}

/** GET with the path exactly as written: fetch() would normalise `..` away before sending. */
function rawGet(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe.each(dbKinds)('update feed on %s', (kind) => {
  let testDb: CentralTestDb;
  let app: FastifyInstance;
  let installer: Buffer;

  beforeAll(async () => {
    testDb = await createCentralTestDb({ kind });
    const folder = updatesFolder();
    installer = folder.installer;
    app = await buildTestServer(testDb, { config: { updatesDir: folder.dir } });
  });
  afterAll(async () => {
    await app.close();
    await testDb.close();
  });

  it('serves the manifest without a token, as YAML, revalidated by ETag', async () => {
    const answer = await app.inject({ method: 'GET', url: `${centralPaths.updates}/latest-linux.yml` });
    expect(answer.statusCode).toBe(200);
    expect(answer.body).toBe(manifest);
    expect(answer.headers['content-type']).toBe('text/yaml; charset=utf-8');
    expect(answer.headers['accept-ranges']).toBe('bytes');
    const etag = answer.headers['etag'] as string;
    const again = await app.inject({ method: 'GET', url: `${centralPaths.updates}/latest-linux.yml`, headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('serves an installer whole, with its type and length', async () => {
    const answer = await app.inject({ method: 'GET', url: `${centralPaths.updates}/${installerName}` });
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toBe('application/vnd.appimage');
    expect(answer.headers['content-length']).toBe(String(installer.length));
    expect(answer.rawPayload.equals(installer)).toBe(true);
  });

  it("serves an installer's detached signature, which the desktop checks against its own key", async () => {
    const answer = await app.inject({ method: 'GET', url: `${centralPaths.updates}/${installerName}.sig` });
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toBe('application/octet-stream');
    expect(answer.rawPayload.equals(signature)).toBe(true);
  });

  it('answers HEAD with the headers only', async () => {
    const answer = await app.inject({ method: 'HEAD', url: `${centralPaths.updates}/${installerName}` });
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-length']).toBe(String(installer.length));
    expect(answer.rawPayload.length).toBe(0);
  });

  it.each([
    ['bytes=100-199', 100, 199],
    ['bytes=1048000-', 1_048_000, 1_048_575],
    ['bytes=-576', 1_048_000, 1_048_575],
    ['bytes=1048000-99999999', 1_048_000, 1_048_575],
  ])('serves the single range %s', async (range, start, end) => {
    const answer = await app.inject({ method: 'GET', url: `${centralPaths.updates}/${installerName}`, headers: { range } });
    expect(answer.statusCode).toBe(206);
    expect(answer.headers['content-range']).toBe(`bytes ${start}-${end}/${installer.length}`);
    expect(answer.rawPayload.equals(installer.subarray(start, end + 1))).toBe(true);
  });

  it('serves several ranges as multipart/byteranges that electron-updater splits back', async () => {
    const ranges: [number, number][] = [
      [0, 99],
      [5_000, 70_000],
      [1_048_000, 1_048_575],
    ];
    const range = `bytes=${ranges.map(([start, end]) => `${start}-${end}`).join(', ')}`;
    const answer = await app.inject({ method: 'GET', url: `${centralPaths.updates}/${installerName}`, headers: { range } });
    expect(answer.statusCode).toBe(206);
    const boundary = /^multipart\/byteranges; boundary=(\w+)$/.exec(answer.headers['content-type'] as string)?.[1] as string;
    expect(boundary).toBeDefined();
    expect(Number(answer.headers['content-length'])).toBe(answer.rawPayload.length);
    const joined = await splitWithElectronUpdater(answer.rawPayload, boundary, ranges);
    expect(joined.equals(Buffer.concat(ranges.map(([start, end]) => installer.subarray(start, end + 1))))).toBe(true);
  });

  it('sends the whole file for overlapping ranges or a stale If-Range, 416 past the end', async () => {
    const overlapping = await app.inject({
      method: 'GET',
      url: `${centralPaths.updates}/${installerName}`,
      headers: { range: 'bytes=0-100, 50-150' },
    });
    expect(overlapping.statusCode).toBe(200);
    const stale = await app.inject({
      method: 'GET',
      url: `${centralPaths.updates}/${installerName}`,
      headers: { range: 'bytes=0-9', 'if-range': '"old"' },
    });
    expect(stale.statusCode).toBe(200);
    const past = await app.inject({ method: 'GET', url: `${centralPaths.updates}/${installerName}`, headers: { range: 'bytes=2000000-' } });
    expect(past.statusCode).toBe(416);
    expect(past.headers['content-range']).toBe(`bytes */${installer.length}`);
    expect(past.json()).toEqual({ code: 'RANGE_NOT_SATISFIABLE', args: { size: installer.length } });
  });

  it.each([
    `${centralPaths.updates}/../package.json`,
    `${centralPaths.updates}/..%2fpackage.json`,
    `${centralPaths.updates}/%2e%2e%2fpackage.json`,
    `${centralPaths.updates}/%2e%2e/%2e%2e/package.json`,
    `${centralPaths.updates}/..%5cpackage.json`,
    `${centralPaths.updates}/%2fetc%2fpasswd`,
    `${centralPaths.updates}//etc/passwd`,
    `${centralPaths.updates}/.env.yml`,
    `${centralPaths.updates}/%2eenv.yml`,
    `${centralPaths.updates}/old/latest.yml`,
    `${centralPaths.updates}/escape.yml`,
    `${centralPaths.updates}/notes.txt`,
    `${centralPaths.updates}/`,
    `${centralPaths.updates}/old`,
    `${centralPaths.updates}/latest-linux.yml%00.txt`,
    `${centralPaths.updates}/missing.yml`,
  ])('refuses %s with a coded 404', async (url) => {
    const answer = await app.inject({ method: 'GET', url });
    expect(answer.statusCode).toBe(404);
    expect(answer.json()).toEqual({ code: 'RESOURCE_NOT_FOUND', args: {} });
  });

  it('refuses traversal sent verbatim over a real socket', async () => {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as { port: number }).port;
    for (const path of [
      `${centralPaths.updates}/../package.json`,
      `${centralPaths.updates}/..%2f..%2fpackage.json`,
      `${centralPaths.updates}/.env.yml`,
    ]) {
      const answer = await rawGet(port, path);
      expect(answer.status, path).toBe(404);
      expect(JSON.parse(answer.body)).toEqual({ code: 'RESOURCE_NOT_FOUND', args: {} });
    }
    expect((await rawGet(port, `${centralPaths.updates}/latest-linux.yml`)).body).toBe(manifest);
  });
});
