import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from './config';

interface LoggedRequest {
  method?: string;
  url?: string;
  host?: string;
  ip?: string;
}

/** A WebSocket cannot send headers from a browser, so tokens may travel as `?token=`: never log them. */
export function redactUrl(url: string | undefined): string | undefined {
  return url?.replace(/([?&](?:token|access_token)=)[^&#]*/gi, '$1[redacted]');
}

/** Structured JSON logs on stdout; credentials never reach them, in headers, bodies or query strings. */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options = {
    level,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'password', '*.password'], censor: '[redacted]' },
    serializers: {
      req: (request: LoggedRequest) => ({ method: request.method, url: redactUrl(request.url), host: request.host, remoteAddress: request.ip }),
    },
  };
  return destination === undefined ? pino(options) : pino(options, destination);
}
