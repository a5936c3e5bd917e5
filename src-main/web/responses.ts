import { createReadStream, statSync } from 'node:fs';
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { fail, type ErrorPayload } from '../../src-shared/errors';
import { mimeTypeFor } from './static-files';

export type RefusalStatus = 401 | 403 | 404 | 405;

/**
 * Refusals carry a catalogue payload, like the central service's, so a client can tell a missing token from a
 * broken build. The status stays the caller's: 401 (no or wrong token) and 403 (wrong Host or Origin, a path
 * outside the build) are both ACCESS_DENIED to the client.
 */
function refusalPayload(status: RefusalStatus): ErrorPayload {
  if (status === 401 || status === 403) return fail('ACCESS_DENIED').toPayload();
  if (status === 404) return fail('RESOURCE_NOT_FOUND').toPayload();
  return fail('MALFORMED_REQUEST', { reason: 'method_not_allowed' }).toPayload();
}

export function refuseHttp(res: ServerResponse, status: RefusalStatus): void {
  sendJson(res, status, JSON.stringify(refusalPayload(status)));
}

/** A request body over the limit: the catalogue's payload, and the connection closed (the rest is not read). */
export function refuseTooLarge(res: ServerResponse, limitBytes: number): void {
  res.setHeader('Connection', 'close');
  sendJson(res, 413, JSON.stringify(fail('PAYLOAD_TOO_LARGE', { limitBytes }).toPayload()));
}

function sendJson(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

/** A refused WebSocket upgrade: answer in plain HTTP, then destroy the socket so nothing else goes through. */
export function refuseUpgrade(socket: Duplex, status: RefusalStatus): void {
  const body = JSON.stringify(refusalPayload(status));
  const head = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Cache-Control: no-store',
    'Connection: close',
  ].join('\r\n');
  socket.end(`${head}\r\n\r\n${body}`, () => socket.destroy());
}

export function sendStaticFile(req: IncomingMessage, res: ServerResponse, file: string): void {
  const html = file.endsWith('.html');
  res.writeHead(200, {
    'Content-Type': mimeTypeFor(file),
    'Content-Length': statSync(file).size,
    // The page carries the session (token in its URL): never keep it in a cache.
    'Cache-Control': html ? 'no-store' : 'private, no-cache',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
