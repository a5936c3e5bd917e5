import type Database from 'better-sqlite3';
import type { ReplicaDb } from '../db/open-replica';
import { LARGE_PAGE_ROWS } from './bounded-cache';
import type { BulkOptions } from './bulk-bootstrap';
import { ReplicaWriter } from './replica-writer';

interface Pragmas {
  off: Database.Statement;
  on: Database.Statement;
  totalChanges: Database.Statement<[], number>;
}

/*
 * Below LARGE_PAGE_ROWS rows written since the last commit, a page commits as before, the automatic checkpoint
 * on: a thread of its own costs more than the checkpoint of a small page (bench:sync's propagation, a
 * poke-driven pull of a few rows, went from 20 to 90 ms at the median when every page started one).
 */
const pragmas = new WeakMap<Database.Database, Pragmas>();

function pragmasOf(client: Database.Database): Pragmas {
  let found = pragmas.get(client);
  if (found === undefined) {
    const pages = client.pragma('wal_autocheckpoint', { simple: true }) as number;
    found = {
      off: client.prepare('PRAGMA wal_autocheckpoint = 0'),
      on: client.prepare(`PRAGMA wal_autocheckpoint = ${pages}`),
      totalChanges: client.prepare<[], number>('SELECT total_changes()').pluck(),
    };
    pragmas.set(client, found);
  }
  return found;
}

/**
 * Copying the log into the file (a checkpoint) after a big pull page costs as much as writing the page,
 * mostly waiting on the disk, and SQLite does it within the commit that crosses `wal_autocheckpoint`: on
 * the main loop (bench:main-loop, the reconnect after 2,000 offline mutations). A file replica's sync
 * pages commit with the automatic checkpoint off; once the sync is done, a writer thread with its own
 * connection checkpoints (PASSIVE: it never holds up this connection's reads or writes).
 */
export class OffThreadCheckpoint {
  private due = false;
  private writer: ReplicaWriter | null = null;
  /** SQLite's count of rows this connection has written, at the last commit that went through here. */
  private changesAtLastCommit = 0;

  constructor(
    private readonly db: ReplicaDb,
    private readonly options: BulkOptions | undefined,
  ) {}

  /** Runs `commit` without the automatic checkpoint when the page is large and a writer thread can do it afterwards. */
  commit(commit: () => void): void {
    if (this.options === undefined || this.db.$client.memory) {
      commit();
      return;
    }
    const { off, on, totalChanges } = pragmasOf(this.db.$client);
    const written = totalChanges.get() as number;
    const large = written - this.changesAtLastCommit >= LARGE_PAGE_ROWS;
    this.changesAtLastCommit = written;
    if (!large) {
      commit();
      return;
    }
    off.run();
    try {
      commit();
    } finally {
      on.run();
    }
    this.due = true;
  }

  /** After a sync: checkpoints on a thread of its own if a page was committed without; the loop does not wait. */
  start(): void {
    if (!this.due || this.writer !== null || this.options === undefined) return;
    this.due = false;
    const writer = new ReplicaWriter({ file: this.db.$client.name, key: this.options.key, workerFile: this.options.workerFile });
    this.writer = writer;
    void writer
      .run([{ sql: 'PRAGMA wal_checkpoint(PASSIVE)', rows: [[]] }], { begin: false, commit: false })
      .then(
        () => writer.close(),
        () => writer.terminate('checkpoint failed'),
      )
      .finally(() => {
        if (this.writer === writer) this.writer = null;
      });
  }

  /** Sign-out, shutdown: a checkpoint under way stops (the log stays whole; the next one copies it). */
  async stop(): Promise<void> {
    await this.writer?.terminate('checkpoint stopped');
    this.writer = null;
  }
}
