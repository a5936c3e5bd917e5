import { pino, type DestinationStream, type Logger } from 'pino';
import { isGuichetError } from '../src-shared/errors';
import type { LogLevel } from './config';

interface LoggedRequest {
  method?: string;
  url?: string;
  host?: string;
  ip?: string;
}

/** A WebSocket cannot send headers from a browser, so tokens may travel as `?token=`: never log them. */
export function redactUrl(url: string | undefined): string | undefined {
  // Survey links carry their single-use token as `?t=`, unsubscribe links as the path's last segment.
  return url?.replace(/([?&](?:token|access_token|t)=)[^&#]*/gi, '$1[redacted]').replace(/^(\/u\/)[^/?#]+/, '$1[redacted]');
}

const sqlState = /^[0-9A-Z]{5}$/;
/** Fields of a PostgreSQL error that name things of the schema or the server's code, never a value. */
const namingFields = ['code', 'severity', 'routine', 'schema', 'table', 'column', 'dataType', 'constraint'] as const;
const maxCauses = 4;

/**
 * A database error (drizzle's, with `query` and `params`; pg's or PGlite's, with a SQLSTATE): its message,
 * detail, hint, where, internalQuery and statement may all carry what an agent typed (PGlite's EXECUTE
 * text holds every value), so only the fields that name the schema are kept.
 */
function isDatabaseError(error: Record<string, unknown>): boolean {
  if ('query' in error || 'params' in error) return true;
  return typeof error['code'] === 'string' && sqlState.test(error['code']) && ('severity' in error || 'routine' in error);
}

/** The stack's frames without its first line, which repeats the message. */
function framesOf(stack: unknown): string | undefined {
  if (typeof stack !== 'string') return undefined;
  return stack
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .join('\n');
}

/**
 * Errors as logged: type, code and frames always; the message only for errors that are not the database's;
 * causes likewise, a few deep. Nothing of a statement, its parameters or a failing row reaches the log.
 */
export function serializeError(error: unknown, depth = 0): Record<string, unknown> {
  if (typeof error !== 'object' || error === null) return { type: typeof error };
  const fields = error as Record<string, unknown>;
  const logged: Record<string, unknown> = { type: error.constructor?.name ?? 'Object' };
  if (isDatabaseError(fields)) {
    for (const name of namingFields) if (typeof fields[name] === 'string') logged[name] = fields[name];
    logged['stack'] = framesOf(fields['stack']);
  } else {
    if (typeof fields['message'] === 'string') logged['message'] = fields['message'];
    if (typeof fields['code'] === 'string') logged['code'] = fields['code'];
    if (typeof fields['stack'] === 'string') logged['stack'] = fields['stack'];
  }
  if (fields['cause'] !== undefined && depth < maxCauses) logged['cause'] = serializeError(fields['cause'], depth + 1);
  return logged;
}

/** One line for the operator: the code of a coded error (something they can act on), the whole error otherwise. */
export function describeFatal(error: unknown): string {
  if (isGuichetError(error)) return `${error.code} ${JSON.stringify(error.args)}`;
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/** Structured JSON logs on stdout; no credential and no citizen data reaches them (docs/security/central-hardening.md). */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options = {
    level,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'password', '*.password'], censor: '[redacted]' },
    serializers: {
      req: (request: LoggedRequest) => ({
        method: request.method,
        url: redactUrl(request.url),
        host: request.host,
        remoteAddress: request.ip,
      }),
      err: serializeError,
      error: serializeError,
    },
  };
  return destination === undefined ? pino(options) : pino(options, destination);
}
