import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openReplica } from '../../src-main/db/open-replica';
import { writeMeta } from '../../src-main/repositories/meta-repository';
import { createServices } from '../../src-main/services/services';
import { CentralUnreachable } from '../../src-main/sync/http-transport';
import { dbKinds, useCentralTestDb } from './support/central-test-db';
import { password } from './support/sync-city';
import { useSyncServer } from './support/sync-server';
import { centralPaths } from '../../src-shared/http/endpoints';

const replicaMigrations = join(import.meta.dirname, '..', '..', 'drizzle', 'local');

// A workspace whose push fails must still receive the others' changes, and tell the agent whether the
// central service cannot be reached or answers with errors.
describe.each(dbKinds)('a workspace whose push fails, on %s', (kind) => {
  const server = useSyncServer(useCentralTestDb(kind));
  const { workspace } = server;

  it('keeps pulling when the central service refuses its push, and says the service answers errors', async () => {
    const first = await workspace('camille@ville.example');
    const second = await workspace('camille@ville.example');
    const agent = second.services.session.currentAgent()!;
    // A broken outbox (its ids skip ahead): the central service answers every push with MUTATION_GAP.
    writeMeta(second.replica.db, 'last_mutation_id', '41');
    second.services.cases.open(agent, { categoryId: server.city.certificate.id, channel: 'counter', subject: 'Copie d’acte' });
    const theirs = first.services.cases.open(agent, {
      categoryId: server.city.potHole.id,
      channel: 'phone',
      subject: 'Trou devant l’école',
    });
    await first.services.sync.engine.sync();

    await expect(second.services.sync.engine.sync()).rejects.toMatchObject({ code: 'MUTATION_GAP' });
    expect(second.replica.db.$client.prepare('SELECT count(*) FROM cases WHERE id = ?').pluck().get(theirs.id)).toBe(1);
    expect(second.services.sync.status()).toMatchObject({ online: false, failure: 'errors', pending: 1 });
  });

  it('keeps a mutation whose push answer was lost until a resend brings its refusal to the sync inbox', async () => {
    const counter = await workspace('camille@ville.example');
    const agent = counter.services.session.currentAgent()!;
    const opened = counter.services.cases.open(agent, { categoryId: server.city.potHole.id, channel: 'phone', subject: 'Trou' });
    await counter.services.sync.engine.sync();
    // Between a desk and the service, a proxy that can lose the answer of a push (the service commits it).
    // Two: the transport sends again once at once on a fresh socket when a kept-alive one is reset.
    let pushAnswersToLose = 0;
    const proxy = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const headers = { 'content-type': 'application/json', authorization: request.headers.authorization ?? '' };
        void fetch(new URL(request.url ?? '/', server.url), { method: 'POST', headers, body: Buffer.concat(chunks) }).then(
          async (answer) => {
            const body = Buffer.from(await answer.arrayBuffer());
            if (pushAnswersToLose > 0 && request.url === centralPaths.push) {
              pushAnswersToLose--;
              request.socket.destroy();
              return;
            }
            response.writeHead(answer.status, { 'content-type': 'application/json' }).end(body);
          },
        );
      });
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const replica = openReplica({ file: ':memory:', key: randomBytes(32), migrationsFolder: replicaMigrations });
    const services = createServices(replica.db, { centralUrl: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}` });
    try {
      await services.sync.signIn({ email: 'camille@ville.example', password });
      // This test drives the syncs itself: no pokes, no timer.
      services.sync.stop();
      await services.sync.engine.sync();
      counter.services.cases.transition(agent, { caseId: opened.id, action: 'qualify', expectedStatus: 'new' });
      await counter.services.sync.engine.sync();
      services.cases.transition(agent, { caseId: opened.id, action: 'cancel', expectedStatus: 'new', comment: 'Doublon' });
      pushAnswersToLose = 2;
      // The answer is lost, the pull goes on: the server has ruled on the change, but the desk never heard how.
      await expect(services.sync.engine.sync()).rejects.toBeInstanceOf(CentralUnreachable);
      expect(services.sync.status()).toMatchObject({ pending: 1, inbox: 0 });
      await services.sync.engine.sync();
      expect(services.sync.status()).toMatchObject({ pending: 0, inbox: 1, failure: null });
      expect(services.syncInbox.inbox()[0]).toMatchObject({ outcome: 'conflict', error: { code: 'STATUS_CHANGED' } });
    } finally {
      services.sync.stop();
      replica.close();
      proxy.close();
    }
  });

  it('says the central service is unreachable when nothing answers', async () => {
    const counter = await workspace('camille@ville.example');
    expect(counter.services.sync.status()).toMatchObject({ online: true, failure: null });
    await server.app.close();
    await expect(counter.services.sync.engine.sync()).rejects.toBeInstanceOf(CentralUnreachable);
    expect(counter.services.sync.status()).toMatchObject({ online: false, failure: 'unreachable' });
  });

  it('tells a 5xx answer (a proxy or a failing service) from an unreachable one', async () => {
    const failing = http.createServer((_request, response) => response.writeHead(502).end('Bad Gateway'));
    await new Promise<void>((resolve) => failing.listen(0, '127.0.0.1', resolve));
    const replica = openReplica({ file: ':memory:', key: randomBytes(32), migrationsFolder: replicaMigrations });
    try {
      const services = createServices(replica.db, { centralUrl: `http://127.0.0.1:${(failing.address() as AddressInfo).port}` });
      writeMeta(replica.db, 'central_token', 'jeton');
      await expect(services.sync.engine.sync()).rejects.toBeInstanceOf(CentralUnreachable);
      expect(services.sync.status()).toMatchObject({ online: false, failure: 'errors' });
    } finally {
      replica.close();
      failing.close();
    }
  });
});
