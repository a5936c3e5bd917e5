import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';
import { fail, type GuichetError } from '../../src-shared/errors';
import type { ReplicaDb } from './open-replica';
import { perConnection } from './per-connection';
import { damageCode, damageMarkerFile } from './replica-damage';

/**
 * Damage met while the workspace runs. The start check reads a large replica only where what cannot be
 * fetched again lives (replica-damage.ts), so a damaged page of replicated rows shows up later, as a SQLite
 * error in a procedure or in the sync. That error is turned, once, into a marker beside the file (the next
 * start then sets the file aside and rebuilds it, as for damage found at start) and into a coded error that
 * asks the agent to restart; from then on the replica takes no more writes, so what can still be read of it
 * (the outbox) stays as it was.
 */

export interface DamageFound {
  /** SQLite's code (SQLITE_CORRUPT…): never a row, a query or a parameter. */
  code: string;
  at: string;
}

/** Written whole or not at all (a temporary file renamed over), so the next start never reads half of one. */
function writeMarker(replicaFile: string, found: DamageFound): void {
  const file = damageMarkerFile(replicaFile);
  const temporary = `${file}.${process.pid}.tmp`;
  const fd = openSync(temporary, 'w', 0o600);
  try {
    writeSync(fd, JSON.stringify(found));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, file);
}

export class ReplicaDamage {
  private found: DamageFound | null = null;
  private readonly listeners: (() => void)[] = [];

  /** `file`: null for an in-memory replica (nothing to mark, the latch still holds). */
  constructor(private readonly file: string | null) {}

  /**
   * When `error` is SQLite reporting damage: records it (the first time), and returns the error to answer
   * with; null for any other error.
   */
  check(error: unknown): GuichetError<'REPLICA_DAMAGED_RESTART'> | null {
    const code = damageCode(error);
    if (code === null) return null;
    if (this.found === null) {
      this.found = { code, at: new Date().toISOString() };
      try {
        if (this.file !== null) writeMarker(this.file, this.found);
      } catch {
        // A disk that refuses the marker: this run still stops writing, and the damage is met again next time.
      }
      for (const listener of this.listeners) listener();
    }
    return fail('REPLICA_DAMAGED_RESTART');
  }

  current(): DamageFound | null {
    return this.found;
  }

  /** Throws the coded error once damage was found: nothing writes to the file any more. */
  assertWritable(): void {
    if (this.found !== null) throw fail('REPLICA_DAMAGED_RESTART');
  }

  /** Called once, when damage is first found (the sync stops, the screens refresh). */
  onFound(listener: () => void): void {
    this.listeners.push(listener);
  }
}

/** One per connection: the procedures and the sync share what was found about the file they both read. */
export const replicaDamage = perConnection((db: ReplicaDb) => new ReplicaDamage(db.$client.memory ? null : db.$client.name));
