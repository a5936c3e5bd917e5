import type Database from 'better-sqlite3';

/**
 * A page whose transaction writes this many rows or more is large: its rebase bounds the page cache (below),
 * and its commit leaves the checkpoint to a thread (off-thread-checkpoint.ts).
 */
export const LARGE_PAGE_ROWS = 1_000;

/** The page cache while a large page is applied: about a thousand 4 KiB pages (the workspace keeps 64 MiB). */
const BOUND_KIB = 4_096;

/**
 * SQLite writes a transaction's dirty pages at its COMMIT, in one go. The reconnect after 2,000 offline
 * mutations dirtied about 5,000 pages of a 100,000-row replica in its first pull page (the undo touches rows
 * all over the tables and their indexes), and that COMMIT held the main loop for 140 ms (bench:main-loop),
 * however finely the work before it was sliced. While a large page is applied, the connection's page cache
 * is bounded: once it is full of dirty pages, SQLite writes one to the log each time it needs room (frames
 * no reader sees before the commit, which a rollback forgets), so those writes spread over the slices and the
 * COMMIT has at most the bound left to write. The clean pages beyond the bound leave the cache; the replica's
 * next reads fetch them again. Small pages (poke-driven pulls) keep the cache as it is.
 *
 * A page is known large from the start when the pending mutations and its rows add up to the threshold; its
 * triggers (search tables, timelines) may make it large only as it goes, so the count of rows written is
 * checked again between slices. In-memory replicas have no log to write to.
 */
export class PageCacheBound {
  /** The cache size to put back, once bounded. */
  private size: number | null = null;

  constructor(
    private readonly client: Database.Database,
    /** Rows the page's transaction has written so far. */
    private readonly written: () => number,
    expectedRows: number,
  ) {
    if (expectedRows >= LARGE_PAGE_ROWS) this.bound();
  }

  get bounded(): boolean {
    return this.size !== null;
  }

  /** Between two slices: bounds the cache once the page turns out large. */
  check(): void {
    if (this.size === null && this.written() >= LARGE_PAGE_ROWS) this.bound();
  }

  /** The transaction is over (committed or rolled back): the cache is the workspace's again. */
  restore(): void {
    if (this.size !== null && this.client.open) this.client.pragma(`cache_size = ${this.size}`);
    this.size = null;
  }

  private bound(): void {
    if (this.client.memory) return;
    this.size = this.client.pragma('cache_size', { simple: true }) as number;
    this.client.pragma(`cache_size = -${BOUND_KIB}`);
  }
}
