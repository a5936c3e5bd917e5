import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { GuichetError } from '../../src-shared/errors';
import { CentralUnreachable, postJson, syncRequestChannel, type SyncRequestEvent } from '../../src-main/sync/http-transport';
import { centralPaths } from '../../src-shared/http/endpoints';

/**
 * The workspace's HTTP client against real loopback servers: what it makes of each kind of answer, the
 * kept-alive socket a server closed meanwhile, and the diagnostics it publishes.
 */

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function listen(server: Server): Promise<string> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function http(handle: (request: IncomingMessage, response: ServerResponse, body: string) => void): Promise<string> {
  const server = createHttpServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => handle(request, response, body));
  });
  return listen(server);
}

const connection = (url: string, timeoutMs?: number) => ({
  url,
  token: () => 'the-token',
  ...(timeoutMs === undefined ? {} : { timeoutMs }),
});

describe('postJson', () => {
  it('sends the body and the token, and returns the JSON answer', async () => {
    const url = await http((request, response, body) => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ echoed: JSON.parse(body), authorization: request.headers.authorization, path: request.url }));
    });
    const answer = await postJson(connection(url), centralPaths.pull, { clientId: 'c1', cursor: 5, note: 'café ✓' });
    expect(answer).toEqual({
      echoed: { clientId: 'c1', cursor: 5, note: 'café ✓' },
      authorization: 'Bearer the-token',
      path: centralPaths.pull,
    });
  });

  it('turns a coded 4xx into the same GuichetError, and an uncoded one into CentralUnreachable', async () => {
    const url = await http((request, response) => {
      response.statusCode = request.url === '/coded' ? 403 : 404;
      response.end(request.url === '/coded' ? JSON.stringify({ code: 'ACCESS_DENIED', args: {} }) : 'not found');
    });
    const coded = await postJson(connection(url), '/coded', {}).catch((error: unknown) => error);
    expect(coded).toBeInstanceOf(GuichetError);
    expect((coded as GuichetError).code).toBe('ACCESS_DENIED');
    await expect(postJson(connection(url), '/uncoded', {})).rejects.toBeInstanceOf(CentralUnreachable);
  });

  it('is unreachable on a 5xx, a redirect, a garbled body, a body cut off, silence, or a closed port', async () => {
    const url = await http((request, response) => {
      if (request.url === '/5xx') {
        response.statusCode = 503;
        response.end('{}');
      } else if (request.url === '/redirect') {
        response.writeHead(302, { location: '/elsewhere' }).end();
      } else if (request.url === '/garbled') {
        response.end('{"kind":"pat');
      } else if (request.url === '/cut') {
        response.writeHead(200, { 'content-length': '1000' });
        response.write('{"kind":"patch"');
        setTimeout(() => response.socket?.destroy(), 20);
      }
      // '/silent' never answers.
    });
    for (const path of ['/5xx', '/redirect', '/garbled', '/cut']) {
      await expect(postJson(connection(url), path, {}), path).rejects.toBeInstanceOf(CentralUnreachable);
    }
    await expect(postJson(connection(url, 200), '/silent', {})).rejects.toThrow(/no answer for 200 ms/);
    const closed = await listen(createTcpServer());
    servers.pop()?.close();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await expect(postJson(connection(closed), centralPaths.pull, {})).rejects.toBeInstanceOf(CentralUnreachable);
  });

  it('refuses to send without a token, unless asked to', async () => {
    const url = await http((request, response) => response.end(JSON.stringify({ authorization: request.headers.authorization ?? null })));
    const signedOut = { url, token: () => null };
    await expect(postJson(signedOut, centralPaths.pull, {})).rejects.toBeInstanceOf(GuichetError);
    expect(await postJson(signedOut, centralPaths.signIn, {}, false)).toEqual({ authorization: null });
  });

  it('sends again, once, on a new socket when the server closed the kept-alive one meanwhile', async () => {
    // A raw server: it answers the first request of each connection, and resets the connection at the second,
    // as a server whose keep-alive timeout ran out just as the request arrived.
    const connections: Socket[] = [];
    const server = createTcpServer((socket) => {
      connections.push(socket);
      let requests = 0;
      socket.on('data', (chunk) => {
        if (!chunk.toString('latin1').includes('\r\n\r\n')) return;
        requests++;
        if (requests === 1)
          socket.write(
            'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 11\r\nconnection: keep-alive\r\n\r\n{"ok":true}',
          );
        else socket.resetAndDestroy();
      });
    });
    const url = await listen(server);
    try {
      expect(await postJson(connection(url), centralPaths.pull, {})).toEqual({ ok: true });
      expect(await postJson(connection(url), centralPaths.pull, {})).toEqual({ ok: true });
      expect(connections).toHaveLength(2);
    } finally {
      for (const socket of connections) socket.destroy();
    }
  });

  it('publishes each completed request on its diagnostics channel while someone listens', async () => {
    const url = await http((_request, response) => response.end('{}'));
    const events: SyncRequestEvent[] = [];
    const listener = (message: unknown) => events.push(message as SyncRequestEvent);
    syncRequestChannel.subscribe(listener);
    try {
      await postJson(connection(url), centralPaths.push, { clientId: 'c2', mutations: [] });
    } finally {
      syncRequestChannel.unsubscribe(listener);
    }
    await postJson(connection(url), centralPaths.push, { clientId: 'c3', mutations: [] });
    expect(events).toHaveLength(1);
    const [event] = events as [SyncRequestEvent];
    expect(event.path).toBe(centralPaths.push);
    expect(event.request).toEqual({ clientId: 'c2', mutations: [] });
    expect(event.end).toBeGreaterThanOrEqual(event.start);
  });
});
