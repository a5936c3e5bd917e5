import type { IncomingMessage } from 'node:http';

/**
 * The most a `/trpc` request body may hold. The largest input a screen sends (a batch of a few mutations with
 * texts of at most a few thousand characters) is far below it; anything above is refused before it is parsed.
 */
export const TRPC_BODY_LIMIT_BYTES = 1024 * 1024;

export type BodyReading = { kind: 'read'; text: string } | { kind: 'too-large' } | { kind: 'aborted' };

/**
 * Reads a request body up to `limitBytes`, declared (`Content-Length`) or chunked alike, and stops reading as
 * soon as it is over: memory held by one request stays bounded whatever the client sends.
 */
export function readBoundedBody(req: IncomingMessage, limitBytes: number): Promise<BodyReading> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (Number.isFinite(declared) && declared > limitBytes) return Promise.resolve({ kind: 'too-large' });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (reading: BodyReading): void => {
      if (settled) return;
      settled = true;
      req.off('data', onData);
      resolve(reading);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limitBytes) {
        req.pause();
        settle({ kind: 'too-large' });
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => settle({ kind: 'read', text: Buffer.concat(chunks).toString('utf8') }));
    req.once('error', () => settle({ kind: 'aborted' }));
    req.once('close', () => settle({ kind: 'aborted' }));
  });
}
