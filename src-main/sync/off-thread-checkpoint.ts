import { statSync } from 'node:fs';
import type { ReplicaDb } from '../db/open-replica';
import { LARGE_PAGE_ROWS } from './bounded-cache';
import type { BulkOptions } from './bulk-bootstrap';
import { ReplicaWriter } from './replica-writer';

/*
 * Below LARGE_PAGE_ROWS rows written, a page commits as before, the automatic checkpoint on: a thread of its
 * own costs more than the checkpoint of a small page (bench:sync's propagation, a poke-driven pull of a few
 * rows, went from 20 to 90 ms at the median when every page started one).
 *
 * `PRAGMA wal_autocheckpoint = N` acts when it is prepared, not when it runs: a statement prepared once and run
 * again changes nothing (the first version of this file did so, and large pages went on checkpointing in their
 * COMMIT: 120 of 141 samples of a 224 ms COMMIT, bench:sync's reconnect). Each switch is prepared anew
 * (large pages only: the syncs pokes cause prepare nothing).
 */

/** About the bulk bootstrap's writer's interval (replica-writer.ts): a log this long is copied on the way. */
const LOG_LIMIT_BYTES = 200 * 1024 * 1024;

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
  private running: Promise<void> | null = null;

  constructor(
    private readonly db: ReplicaDb,
    private readonly options: BulkOptions | undefined,
    /** Past this much log, a sync of many large pages checkpoints on the way (tests: less). */
    private readonly logLimitBytes = LOG_LIMIT_BYTES,
  ) {}

  /**
   * Runs `commit` of a page that wrote `rowsWritten` rows; without the automatic checkpoint when the page is
   * large and a writer thread can do it afterwards (then answers true).
   */
  commit(commit: () => void, rowsWritten: number): boolean {
    if (this.options === undefined || this.db.$client.memory || rowsWritten < LARGE_PAGE_ROWS) {
      commit();
      return false;
    }
    const client = this.db.$client;
    const pages = client.pragma('wal_autocheckpoint', { simple: true }) as number;
    client.pragma('wal_autocheckpoint = 0');
    try {
      commit();
    } finally {
      if (client.open) client.pragma(`wal_autocheckpoint = ${pages}`);
    }
    this.due = true;
    // A long catch-up of large pages: the log is copied on the way, as the bulk bootstrap's writer does.
    if ((statSync(`${client.name}-wal`, { throwIfNoEntry: false })?.size ?? 0) >= this.logLimitBytes) void this.start();
    return true;
  }

  /** The checkpoint under way on its thread, if any. */
  underWay(): Promise<void> | null {
    return this.running;
  }

  /**
   * After a sync: checkpoints on a thread of its own if a page was committed without; the loop does not wait.
   * Answers the checkpoint under way, if this started one.
   */
  start(): Promise<void> | null {
    if (!this.due || this.writer !== null || this.options === undefined) return null;
    this.due = false;
    const writer = new ReplicaWriter({ file: this.db.$client.name, key: this.options.key, workerFile: this.options.workerFile });
    this.writer = writer;
    const running = writer
      .run([{ sql: 'PRAGMA wal_checkpoint(PASSIVE)', rows: [[]] }], { begin: false, commit: false })
      .then(
        () => writer.close(),
        () => writer.terminate('checkpoint failed'),
      )
      .finally(() => {
        if (this.writer === writer) this.writer = null;
        if (this.running === running) this.running = null;
      });
    this.running = running;
    return running;
  }

  /** Sign-out, shutdown: a checkpoint under way stops (the log stays whole; the next one copies it). */
  async stop(): Promise<void> {
    await this.writer?.terminate('checkpoint stopped');
    this.writer = null;
  }
}
