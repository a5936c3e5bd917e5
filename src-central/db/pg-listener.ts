import pg from 'pg';
import type { Logger } from 'pino';
import type { NotificationHandler } from './central-db-types';

const channelPattern = /^[a-z_][a-z0-9_]{0,62}$/;

export function assertChannelName(channel: string): void {
  if (!channelPattern.test(channel)) throw new Error(`Invalid notification channel name: ${channel}`);
}

/**
 * LISTEN needs one connection held for good, so it never comes from the pool (a pooled client would be
 * handed to queries and released). If that connection drops, it reconnects with backoff, LISTENs again and
 * tells `onReconnect` handlers that notices may have been missed.
 */
export class PgListener {
  private readonly handlers = new Map<string, Set<NotificationHandler>>();
  private readonly reconnectHandlers = new Set<() => void>();
  private client: pg.Client | null = null;
  private connecting: Promise<pg.Client> | null = null;
  private closed = false;
  private attempt = 0;

  constructor(
    private readonly connectionString: string,
    private readonly logger: Logger,
  ) {}

  async listen(channel: string, handler: NotificationHandler): Promise<() => Promise<void>> {
    assertChannelName(channel);
    const connected = await this.ensureConnected();
    let set = this.handlers.get(channel);
    if (set === undefined) {
      set = new Set();
      this.handlers.set(channel, set);
      await connected.query(`LISTEN "${channel}"`);
    }
    set.add(handler);
    const own = set;
    return async () => {
      own.delete(handler);
      if (own.size > 0 || this.handlers.get(channel) !== own) return;
      this.handlers.delete(channel);
      await this.client?.query(`UNLISTEN "${channel}"`);
    };
  }

  onReconnect(handler: () => void): () => void {
    this.reconnectHandlers.add(handler);
    return () => this.reconnectHandlers.delete(handler);
  }

  async close(): Promise<void> {
    this.closed = true;
    const current = this.client ?? (this.connecting !== null ? await this.connecting.catch(() => null) : null);
    this.client = null;
    if (current !== null) {
      current.removeAllListeners('end');
      await current.end();
    }
  }

  private dispatch(channel: string, payload: string): void {
    for (const handler of this.handlers.get(channel) ?? []) {
      try {
        handler(payload);
      } catch (error) {
        this.logger.error({ err: error, channel }, 'notification handler failed');
      }
    }
  }

  private async connect(): Promise<pg.Client> {
    const next = new pg.Client({ connectionString: this.connectionString });
    next.on('notification', (message) => this.dispatch(message.channel, message.payload ?? ''));
    next.on('error', (error) => {
      this.logger.warn({ err: error }, 'LISTEN connection failed');
      this.lost(next);
    });
    next.on('end', () => this.lost(next));
    await next.connect();
    for (const channel of this.handlers.keys()) await next.query(`LISTEN "${channel}"`);
    this.client = next;
    this.attempt = 0;
    return next;
  }

  private ensureConnected(): Promise<pg.Client> {
    if (this.client !== null) return Promise.resolve(this.client);
    this.connecting ??= this.connect().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private lost(dropped: pg.Client): void {
    if (this.client !== dropped || this.closed) return;
    this.client = null;
    dropped.removeAllListeners('end');
    void dropped.end().catch(() => undefined);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    const delay = Math.min(5_000, 100 * 2 ** this.attempt++);
    const timer = setTimeout(() => {
      if (this.closed) return;
      this.ensureConnected().then(
        () => {
          this.logger.info('LISTEN connection re-established');
          for (const handler of this.reconnectHandlers) handler();
        },
        (error: unknown) => {
          this.logger.warn({ err: error, delay }, 'LISTEN reconnection failed, retrying');
          this.scheduleReconnect();
        },
      );
    }, delay);
    timer.unref();
  }
}
