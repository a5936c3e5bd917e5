import {
  appSyncRegistry,
  audienceFilter,
  passes,
  type EntityName,
  type RowFilter,
  type RowSet,
  type SyncRegistry,
  type SyncScope,
} from '../../src-shared/sync';
import type { FeedRow, FeedTombstone, PullFeed, PullGlance, VersionedRows } from './store';
import { pageByVersion } from './version-page';

/** Rows and tombstones kept in memory; past this the oldest versions go (older cursors read the database). */
export const WINDOW_CAPACITY = 50_000;
/** Pulls answered by one glance statement at most. */
const MAX_GLANCES = 500;
/** How long the first glance after pokes waits for the pulls they announced, at most. */
export const GLANCE_GATHER_MS = 3;
// Announced pulls that have not come after this long are not expected any more.
const EXPECTATION_MS = 100;

interface Slot {
  feed: FeedRow;
  /** False once a newer version of the same row arrived: the newer slot answers for it. */
  live: boolean;
}

interface TombstoneSlot extends FeedTombstone {
  live: boolean;
}

/** What a caught-up pull gets from the window, all read at once (no await between the parts). */
export interface WindowAnswer {
  head: number;
  page: VersionedRows;
  deletes: { entity: EntityName; id: string }[];
}

function firstAbove<T extends { version: number }>(list: readonly T[], version: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((list[middle] as T).version <= version) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * The recent changes of the whole city, in memory, shared by every puller of an instance: the latest state of
 * each row changed in `(base, upTo]` with its version and department, and the tombstones of that range, exact as
 * of `upTo` (each extension reads `(upTo, head]` in one snapshot and replaces older states of the same rows).
 * A pull whose cursor is at or above `base` is answered from here, filtered by the agent's scope, as the
 * database would (tests/central/pull-window.test.ts compares the two). One load at a time extends it, whoever
 * asks: concurrent pullers wait for the same load.
 */
export class PullWindow {
  private base: number | null = null;
  private upTo = 0;
  private readonly slots: (Slot & { version: number })[] = [];
  private readonly latest = new Map<string, Slot>();
  private readonly tombstones: TombstoneSlot[] = [];
  private readonly latestTombstone = new Map<string, TombstoneSlot>();
  private dead = 0;
  private loading: Promise<void> | null = null;
  private readonly glances: {
    query: { clientId: string; agentId: string };
    resolve: (glance: PullGlance) => void;
    reject: (error: unknown) => void;
  }[] = [];
  private glancing = false;
  /** Pulls announced by pokes just sent that have not asked yet, and the timer that stops waiting for them. */
  private expected = 0;
  private expectedAt = 0;
  private gathering: NodeJS.Timeout | null = null;

  private readonly capacity: number;
  private readonly registry: SyncRegistry;

  /**
   * `from`: a version to fill the window from at its first load (tests); by default it starts empty at the head.
   * `registry`: the feed's (the app's by default).
   */
  constructor(
    readonly feed: PullFeed,
    options: { capacity?: number; from?: number; registry?: SyncRegistry } = {},
  ) {
    this.capacity = options.capacity ?? WINDOW_CAPACITY;
    this.registry = options.registry ?? appSyncRegistry;
    if (options.from !== undefined) {
      this.base = options.from;
      this.upTo = options.from;
    }
  }

  /** Whether a pull from `cursor` can be answered here (once the window reaches the pull's head). */
  covers(cursor: number): boolean {
    return this.base !== null && cursor >= this.base;
  }

  get head(): number {
    return this.upTo;
  }

  /**
   * A pull's glance. One statement at a time: the pulls that arrive meanwhile share the next one, so a storm
   * of pulls costs a few round trips, and a lone pull waits for none. After pokes (see `expect`), the first
   * statement waits for the pulls they announced, up to GLANCE_GATHER_MS: they reach the service over a few
   * milliseconds, and would otherwise go as many small statements.
   */
  glance(query: { clientId: string; agentId: string }): Promise<PullGlance> {
    return new Promise((resolve, reject) => {
      this.glances.push({ query, resolve, reject });
      this.expected = performance.now() - this.expectedAt > EXPECTATION_MS ? 0 : Math.max(0, this.expected - 1);
      if (this.glancing) return;
      if (this.expected === 0) this.nextGlances();
      else this.gathering ??= setTimeout(() => this.nextGlances(), GLANCE_GATHER_MS);
    });
  }

  /** `pulls` workspaces were just poked: each will likely ask for a glance within milliseconds. */
  expect(pulls: number): void {
    this.expected += pulls;
    this.expectedAt = performance.now();
  }

  private nextGlances(): void {
    if (this.gathering !== null) {
      clearTimeout(this.gathering);
      this.gathering = null;
      // Pulls that did not come by now (a workspace still busy with its last pull) are not waited for again.
      this.expected = 0;
    }
    const batch = this.glances.splice(0, MAX_GLANCES);
    this.glancing = batch.length > 0;
    if (!this.glancing) return;
    this.feed
      .glance(batch.map((entry) => entry.query))
      .then(
        (glances) => batch.forEach((entry, i) => entry.resolve(glances[i] as PullGlance)),
        (error: unknown) => batch.forEach((entry) => entry.reject(error)),
      )
      .finally(() => this.nextGlances());
  }

  /** Extends the window to at least `head` (a committed version); false if it could not (then read the database). */
  async reach(head: number): Promise<boolean> {
    for (let attempt = 0; attempt < 3 && (this.base === null || this.upTo < head); attempt++) {
      this.loading ??= this.load().finally(() => {
        this.loading = null;
      });
      await this.loading;
    }
    return this.base !== null && this.upTo >= head;
  }

  /** Changes after `after` up to the window's head, in `scope` plus reference data, one page of about `limit`. */
  answer(query: { scope: SyncScope; after: number; limit: number }): WindowAnswer {
    const { scope } = query;
    // The scope rule's filter, once an entity per answer (not once a row).
    const filters = new Map<string, RowFilter>(
      this.registry.entities.map((declared) => [declared.list, audienceFilter({ scope, reference: true }, declared.audience)]),
    );
    const visible: Slot['feed'][] = [];
    for (let i = firstAbove(this.slots, query.after); i < this.slots.length; i++) {
      const slot = this.slots[i] as Slot;
      if (!slot.live) continue;
      const { feed } = slot;
      if (passes(filters.get(feed.list) as RowFilter, feed.departmentId)) visible.push(feed);
    }
    const departed = audienceFilter({ scope, reference: false }, 'departments');
    const page = pageByVersion(visible, query.limit, query.after, put, this.registry);
    const upTo = page.more ? page.maxVersion : this.upTo;
    const deletes: { entity: EntityName; id: string }[] = [];
    if (query.after > 0) {
      for (let i = firstAbove(this.tombstones, query.after); i < this.tombstones.length; i++) {
        const tombstone = this.tombstones[i] as TombstoneSlot;
        if (tombstone.version > upTo) break;
        if (tombstone.live && passes(departed, tombstone.departmentId)) deletes.push({ entity: tombstone.entity, id: tombstone.id });
      }
    }
    return { head: this.upTo, page, deletes };
  }

  private async load(): Promise<void> {
    const batch = await this.feed.since(this.base === null ? null : this.upTo);
    if (this.base === null || batch.head < this.upTo) {
      // Empty, or the database went back (a test resetting it): start again, empty, at its head.
      this.restart(batch.head);
      return;
    }
    if (batch.head === this.upTo) return;
    const rows = [...batch.rows].sort((a, b) => a.version - b.version);
    for (const feed of rows) {
      const key = `${feed.entity}:${feed.row.id}`;
      const before = this.latest.get(key);
      if (before !== undefined) {
        before.live = false;
        this.dead++;
      }
      const slot = { feed, live: true, version: feed.version };
      this.slots.push(slot);
      this.latest.set(key, slot);
    }
    for (const tombstone of [...batch.tombstones].sort((a, b) => a.version - b.version)) {
      const key = `${tombstone.entity}:${tombstone.id}:${tombstone.departmentId}`;
      const before = this.latestTombstone.get(key);
      if (before !== undefined) before.live = false;
      const slot = { ...tombstone, live: true };
      this.tombstones.push(slot);
      this.latestTombstone.set(key, slot);
    }
    this.upTo = batch.head;
    this.trim();
  }

  /** Keeps the window within its capacity: the oldest versions go and `base` rises past them. */
  private trim(): void {
    if (this.dead > this.slots.length / 2) this.compact();
    const excess = this.slots.length - this.dead + this.tombstones.length - this.capacity;
    if (excess <= 0) return;
    // Drop the oldest quarter beyond the capacity too, so trimming is not paid on every load.
    const goal = excess + Math.floor(this.capacity / 4);
    let cut = this.base ?? 0;
    let removed = 0;
    let i = 0;
    let j = 0;
    while (removed < goal && (i < this.slots.length || j < this.tombstones.length)) {
      const slot = this.slots[i];
      const tombstone = this.tombstones[j];
      if (slot !== undefined && (tombstone === undefined || slot.version <= tombstone.version)) {
        cut = slot.version;
        if (slot.live) removed++;
        i++;
      } else if (tombstone !== undefined) {
        cut = tombstone.version;
        removed++;
        j++;
      }
    }
    this.dropUpTo(cut);
  }

  private dropUpTo(cut: number): void {
    const rowsGone = firstAbove(this.slots, cut);
    for (const slot of this.slots.splice(0, rowsGone)) {
      if (!slot.live) this.dead--;
      else this.latest.delete(`${slot.feed.entity}:${slot.feed.row.id}`);
    }
    for (const tombstone of this.tombstones.splice(0, firstAbove(this.tombstones, cut))) {
      if (tombstone.live) this.latestTombstone.delete(`${tombstone.entity}:${tombstone.id}:${tombstone.departmentId}`);
    }
    this.base = Math.max(this.base ?? 0, cut);
  }

  private restart(head: number): void {
    this.slots.length = 0;
    this.latest.clear();
    this.tombstones.length = 0;
    this.latestTombstone.clear();
    this.dead = 0;
    this.base = head;
    this.upTo = head;
  }

  private compact(): void {
    let kept = 0;
    for (const slot of this.slots) if (slot.live) this.slots[kept++] = slot;
    this.slots.length = kept;
    this.dead = 0;
    let tombstonesKept = 0;
    for (const tombstone of this.tombstones) if (tombstone.live) this.tombstones[tombstonesKept++] = tombstone;
    this.tombstones.length = tombstonesKept;
  }
}

function put(rows: RowSet, feed: FeedRow): void {
  (rows[feed.list] as unknown[]).push(feed.row);
}
