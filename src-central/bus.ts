import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { CentralDatabase, CentralDb } from './db/central-db-types';
import { currentVersion } from './db/versions';

/** What changed: the departments whose replicas should pull, up to which sync version. */
export interface ChangeNotice {
  /** Department ids; `'*'` alone means every department (a notice too large, or missed notices). */
  departments: string[];
  version: number;
}

export type ChangeHandler = (notice: ChangeNotice) => void;

export interface ChangeBus {
  /**
   * Tells every instance on this database (this one included). Pass the transaction that made the change to
   * have the notice sent only when it commits; without it the notice leaves at once.
   */
  publish(notice: ChangeNotice, tx?: CentralDb): Promise<void>;
  subscribe(handler: ChangeHandler): () => void;
  /** Tells every instance (this one included) that a session was signed out: its poke sockets close. */
  publishSessionEnded(sessionId: string): Promise<void>;
  subscribeSessionEnded(handler: (sessionId: string) => void): () => void;
  close(): Promise<void>;
}

export const changeChannel = 'guichet_changes';
/** Sessions signed out, one id a notice: each instance closes their poke sockets at once. */
export const sessionChannel = 'guichet_sessions';
const sessionIdPattern = /^[0-9a-f-]{36}$/;
export const everyDepartment = '*';

// PostgreSQL refuses NOTIFY payloads of 8,000 bytes or more; past this, say "everything" instead.
const maxPayloadBytes = 7_900;

const noticeSchema = z.object({ departments: z.array(z.string()), version: z.number().int().nonnegative(), origin: z.string().optional() });

/**
 * Change notices between central instances, through LISTEN/NOTIFY on `guichet_changes` (JSON payload), so
 * instances sharing one PostgreSQL hear each other's commits; on PGlite the same calls stay in-process.
 * Notices are hints to pull, never data: a lost one costs a delay, not correctness.
 */
export async function createChangeBus(database: CentralDatabase, logger: Logger): Promise<ChangeBus> {
  const handlers = new Set<ChangeHandler>();
  // Notices this instance sends outside a transaction reach its own handlers at once, not through the database.
  const origin = randomUUID();
  const deliver = (notice: ChangeNotice) => {
    for (const handler of handlers) {
      try {
        handler(notice);
      } catch (error) {
        logger.error({ err: error }, 'change handler failed');
      }
    }
  };
  const unlisten = await database.listen(changeChannel, (payload) => {
    const notice = parseNotice(payload);
    if (notice === null) logger.warn({ payload: payload.slice(0, 200) }, 'ignored a malformed change notice');
    else if (notice.origin !== origin) deliver({ departments: notice.departments, version: notice.version });
  });
  const sessionHandlers = new Set<(sessionId: string) => void>();
  const endSession = (sessionId: string) => {
    for (const handler of sessionHandlers) handler(sessionId);
  };
  const unlistenSessions = await database.listen(sessionChannel, (payload) => {
    if (sessionIdPattern.test(payload)) endSession(payload);
  });
  const stopReconnect = database.onListenerReconnect(() => {
    currentVersion(database.db).then(
      (version) => deliver({ departments: [everyDepartment], version }),
      (error: unknown) => logger.error({ err: error }, 'could not read the version after reconnecting'),
    );
  });
  return {
    async publish(notice, tx) {
      // In a transaction the notice must wait for the commit: it comes back through LISTEN like any other.
      if (tx !== undefined) {
        await database.notify(changeChannel, encodeNotice(notice), tx);
        return;
      }
      // What the other instances will read (a list too long for a NOTIFY says "every department" to all).
      const payload = encodeNotice(notice, origin);
      const sent = parseNotice(payload);
      if (sent !== null) deliver({ departments: sent.departments, version: sent.version });
      // A PGlite folder has one process, this one, and the notice is delivered already: no other instance to tell.
      if (database.kind !== 'pglite') await database.notify(changeChannel, payload);
    },
    subscribe(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    async publishSessionEnded(sessionId) {
      // This instance at once; the others through NOTIFY (a lost notice is caught by their periodic check).
      endSession(sessionId);
      if (database.kind !== 'pglite') await database.notify(sessionChannel, sessionId);
    },
    subscribeSessionEnded(handler) {
      sessionHandlers.add(handler);
      return () => sessionHandlers.delete(handler);
    },
    async close() {
      stopReconnect();
      handlers.clear();
      sessionHandlers.clear();
      await unlisten();
      await unlistenSessions();
    },
  };
}

/** `origin`: the sending instance, which skips its own notice when it comes back (it delivered it already). */
export function encodeNotice(notice: ChangeNotice, origin?: string): string {
  const departments = [...new Set(notice.departments)];
  const payload = JSON.stringify({ departments, version: notice.version, origin });
  if (Buffer.byteLength(payload) <= maxPayloadBytes) return payload;
  return JSON.stringify({ departments: [everyDepartment], version: notice.version, origin });
}

function parseNotice(payload: string): z.infer<typeof noticeSchema> | null {
  try {
    const parsed = noticeSchema.safeParse(JSON.parse(payload));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
