import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Step } from './replica-apply';

/** Where the writer thread's code is when running from sources (tsx, vitest); the Electron build passes its own. */
export const sourceReplicaWriterFile = fileURLToPath(new URL('./worker/replica-writer.mjs', import.meta.url));

export interface ReplicaWriterOptions {
  /** The replica's file: the writer opens its own connection to it. */
  file: string;
  key: Buffer;
  /** worker/replica-writer.mjs, or its bundle in a packaged app. */
  workerFile: string;
}

/** The writer thread failed (or was stopped): what it was sent since its last answer is not in the replica. */
export class ReplicaWriterFailed extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ReplicaWriterFailed';
  }
}

interface Answer {
  id: number;
  error: { message: string; code: string | null } | null;
}

/**
 * A second connection to the replica in a worker thread, for long writes that must not hold the main loop.
 * Jobs run in the order sent; each answers its own promise. After a failure every job fails.
 */
export class ReplicaWriter {
  readonly worker: Worker;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  private failure: ReplicaWriterFailed | null = null;
  private readonly exited: Promise<unknown>;

  constructor(options: ReplicaWriterOptions) {
    this.worker = new Worker(options.workerFile, {
      workerData: {
        file: options.file,
        hexKey: options.key.toString('hex'),
        // Commits are not synced one by one (WAL, NORMAL), and checkpoints (each one fsyncs) come every
        // ~200 MB of log rather than every 4 MB: pages arrive in version order, not id order, so each one
        // dirties leaves all over the id indexes, and a checkpoint writes each of them once however many
        // commits touched it (a 1,000,000-row bootstrap: 60.6 s with 40 MB, 52.9 s with 200 MB). The
        // bootstrap ends with one checkpoint of its own; the workspace's connection trims the log after.
        // A 256 MB page cache (the workspace's has 64) keeps those id indexes in memory rather than sending
        // their pages through the cipher at every eviction; it goes with the connection when the bootstrap ends.
        pragmas: [
          'synchronous = NORMAL',
          'foreign_keys = ON',
          'busy_timeout = 5000',
          'cache_size = -262144',
          'temp_store = MEMORY',
          'wal_autocheckpoint = 50000',
        ],
      },
    });
    this.exited = once(this.worker, 'exit');
    this.worker.on('message', (answer: Answer) => {
      const job = this.waiting.get(answer.id);
      this.waiting.delete(answer.id);
      if (answer.error === null) job?.resolve();
      // The SQLite code travels as the cause: a damaged file is told from other failures (db/damage-marker.ts).
      else this.fail(new ReplicaWriterFailed(`replica writer: ${answer.error.message}`, { cause: answer.error }));
    });
    this.worker.on('error', (error) => this.fail(new ReplicaWriterFailed(`replica writer crashed: ${error.message}`, { cause: error })));
    this.worker.on('exit', (code) => this.fail(new ReplicaWriterFailed(`replica writer exited (${code})`)));
  }

  /**
   * Runs the steps in one transaction by default. `begin` without `commit` opens one that the next jobs
   * add to until one commits; neither runs them outside any (pragmas such as a checkpoint).
   */
  run(steps: Step[], transaction: { begin: boolean; commit: boolean } = { begin: true, commit: true }): Promise<void> {
    if (this.failure !== null) return Promise.reject(this.failure);
    const id = this.nextId++;
    const done = new Promise<void>((resolve, reject) => this.waiting.set(id, { resolve, reject }));
    this.worker.postMessage({ id, steps, ...transaction });
    return done;
  }

  get failed(): ReplicaWriterFailed | null {
    return this.failure;
  }

  /** Closes the writer's connection once the jobs sent are done. */
  async close(): Promise<void> {
    if (this.failure === null) this.worker.postMessage('close');
    await this.exited;
  }

  /** Stops the thread at once: the transaction under way rolls back, the replica keeps what was committed. */
  async terminate(reason: string): Promise<void> {
    this.fail(new ReplicaWriterFailed(reason));
    await this.worker.terminate();
  }

  private fail(error: ReplicaWriterFailed): void {
    this.failure ??= error;
    for (const job of this.waiting.values()) job.reject(this.failure);
    this.waiting.clear();
  }
}
