import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import {
  errorStatus,
  fail,
  type GuichetError,
  isGuichetError,
  validationError,
  type ErrorCode,
  type ErrorPayload,
  type ErrorStatus,
} from '../../src-shared/errors';

const statusCodes: Record<ErrorStatus, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  internal: 500,
};

/** HTTP is more precise than the catalogue's transport statuses for these few codes. */
const precise: Partial<Record<ErrorCode, number>> = {
  SIGN_IN_THROTTLED: 429,
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
  RANGE_NOT_SATISFIABLE: 416,
};

export function httpStatusOf(code: ErrorCode): number {
  return precise[code] ?? statusCodes[errorStatus[code]];
}

export interface HttpError {
  statusCode: number;
  payload: ErrorPayload;
  headers: Record<string, string>;
}

function hasCode<C extends ErrorCode>(error: GuichetError, code: C): error is GuichetError<C> {
  return error.code === code;
}

function fromGuichetError(error: GuichetError): HttpError {
  const headers: Record<string, string> = {};
  if (hasCode(error, 'SIGN_IN_THROTTLED')) headers['retry-after'] = String(error.args.retryAfterSeconds);
  if (hasCode(error, 'RATE_LIMITED')) headers['retry-after'] = String(error.args.retryAfterSeconds);
  if (hasCode(error, 'RANGE_NOT_SATISFIABLE')) headers['content-range'] = `bytes */${error.args.size}`;
  return { statusCode: httpStatusOf(error.code), payload: error.toPayload(), headers };
}

/** Fastify's own 4xx (bad JSON, wrong content type, body too large, bad URL…) as catalogue codes. */
function fromFrameworkError(error: FastifyError, statusCode: number, bodyLimit: number): HttpError {
  if (statusCode === 413) return fromGuichetError(fail('PAYLOAD_TOO_LARGE', { limitBytes: bodyLimit }));
  if (statusCode === 404) return fromGuichetError(fail('RESOURCE_NOT_FOUND'));
  const reason = typeof error.code === 'string' ? error.code.replace(/^FST_ERR_(CTP_)?/, '').toLowerCase() : 'bad_request';
  return { statusCode, payload: fail('MALFORMED_REQUEST', { reason }).toPayload(), headers: {} };
}

export interface ErrorContext {
  /** The body limit of the route that refused the request (routes may raise the server's). */
  bodyLimit: number;
  logUnexpected: (reference: string, error: unknown) => void;
}

/**
 * Anything thrown becomes a catalogue payload: GuichetError with its status, zod errors as
 * VALIDATION_FAILED, Fastify's client errors as MALFORMED_REQUEST / PAYLOAD_TOO_LARGE / RESOURCE_NOT_FOUND,
 * and the rest as 500 INTERNAL with a reference that is logged with the error (never a stack to the client).
 */
export function toHttpError(error: unknown, context: ErrorContext): HttpError {
  if (isGuichetError(error) && error.status !== 'internal') return fromGuichetError(error);
  if (error instanceof ZodError) return fromGuichetError(validationError(error));
  const statusCode = (error as Partial<FastifyError> | null)?.statusCode;
  if (!isGuichetError(error) && typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    return fromFrameworkError(error as FastifyError, statusCode, context.bodyLimit);
  }
  const reference = randomUUID();
  context.logUnexpected(reference, error);
  return { statusCode: 500, payload: fail('INTERNAL', { reference }).toPayload(), headers: {} };
}

export function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const http = toHttpError(error, {
    bodyLimit: request.routeOptions.bodyLimit ?? request.server.initialConfig.bodyLimit ?? 0,
    logUnexpected: (reference, cause) => request.log.error({ err: cause, reference }, 'unexpected error'),
  });
  void reply.code(http.statusCode).headers(http.headers).send(http.payload);
}

export function handleNotFound(_request: FastifyRequest, reply: FastifyReply): void {
  const http = fromGuichetError(fail('RESOURCE_NOT_FOUND'));
  void reply.code(http.statusCode).send(http.payload);
}

/**
 * Requests Node's HTTP parser rejects before Fastify sees them (bad header bytes, broken chunking) still get
 * a coded body, like every other refusal.
 */
export function handleClientError(error: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const refusal = tooLarge
    ? fail('PAYLOAD_TOO_LARGE', { limitBytes: 16_384 })
    : fail('MALFORMED_REQUEST', { reason: (error.code ?? 'client_error').toLowerCase() });
  const body = JSON.stringify(refusal.toPayload());
  const status = tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request';
  socket.end(
    `HTTP/1.1 ${status}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
