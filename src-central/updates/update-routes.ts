import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { fail } from '../../src-shared/errors';
import { parseRange, type ByteRange } from './byte-ranges';
import { resolveUpdateFile, type UpdateFile } from './update-files';
import { centralPaths } from '../../src-shared/http/endpoints';

/**
 * The desktop's update feed for electron-updater's generic provider (`url: <central>/updates`), without
 * authentication: installers are public to the city's machines. Files are streamed, with single and
 * multiple ranges (electron-updater's differential download asks for multipart/byteranges), ETag and
 * If-Range, so an interrupted download resumes and an unchanged manifest costs a 304.
 */
export async function updateRoutes(app: FastifyInstance, options: { updatesDir: string }): Promise<void> {
  app.route({
    method: ['GET', 'HEAD'],
    url: `${centralPaths.updates}/*`,
    exposeHeadRoute: false,
    handler: async (request, reply) => {
      const name = (request.params as { '*'?: string })['*'] ?? '';
      const file = await resolveUpdateFile(options.updatesDir, name);
      if (file === null) throw fail('RESOURCE_NOT_FOUND');
      return sendFile(request, reply, file);
    },
  });
}

function etagOf(file: UpdateFile): string {
  return `"${file.size.toString(16)}-${Math.floor(file.modified.getTime()).toString(16)}"`;
}

function sendFile(request: FastifyRequest, reply: FastifyReply, file: UpdateFile) {
  const etag = etagOf(file);
  void reply.headers({
    'accept-ranges': 'bytes',
    etag,
    'last-modified': file.modified.toUTCString(),
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
  });
  if (request.headers['if-none-match'] === etag) return reply.code(304).send();
  const ifRange = request.headers['if-range'];
  const rangeHeader = ifRange === undefined || ifRange === etag ? request.headers.range : undefined;
  const range = parseRange(rangeHeader, file.size);
  if (range.kind === 'unsatisfiable') throw fail('RANGE_NOT_SATISFIABLE', { size: file.size });
  const head = request.method === 'HEAD';
  if (range.kind === 'full') {
    void reply.code(200).type(file.contentType).header('content-length', file.size);
    return reply.send(head ? undefined : createReadStream(file.path));
  }
  const [only] = range.ranges;
  if (range.ranges.length === 1 && only !== undefined) {
    void reply
      .code(206)
      .type(file.contentType)
      .header('content-range', `bytes ${only.start}-${only.end}/${file.size}`)
      .header('content-length', only.end - only.start + 1);
    return reply.send(head ? undefined : createReadStream(file.path, { start: only.start, end: only.end }));
  }
  const multipart = multipartBody(file, range.ranges);
  void reply.code(206).type(`multipart/byteranges; boundary=${multipart.boundary}`).header('content-length', multipart.length);
  return reply.send(head ? undefined : Readable.from(multipart.chunks()));
}

/** RFC 9110 §14.6: each part with its own Content-Range, the length known before the first byte is sent. */
function multipartBody(file: UpdateFile, ranges: ByteRange[]) {
  const boundary = randomBytes(12).toString('hex');
  const partHeader = (range: ByteRange, index: number) =>
    Buffer.from(
      `${index === 0 ? '' : '\r\n'}--${boundary}\r\nContent-Type: ${file.contentType}\r\n` +
        `Content-Range: bytes ${range.start}-${range.end}/${file.size}\r\n\r\n`,
    );
  const headers = ranges.map(partHeader);
  const trailer = Buffer.from(`\r\n--${boundary}--\r\n`);
  const length =
    headers.reduce((sum, header) => sum + header.length, 0) +
    ranges.reduce((sum, range) => sum + range.end - range.start + 1, 0) +
    trailer.length;
  async function* chunks(): AsyncGenerator<Buffer> {
    for (const [index, range] of ranges.entries()) {
      yield headers[index] as Buffer;
      for await (const chunk of createReadStream(file.path, { start: range.start, end: range.end })) yield chunk as Buffer;
    }
    yield trailer;
  }
  return { boundary, length, chunks };
}
