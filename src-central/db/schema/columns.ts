import { bigint, timestamp } from 'drizzle-orm/pg-core';

/**
 * Column conventions of the central schema.
 *
 * - Domain timestamps and dates (`created_at`, `deadline`, `at`…) are `text` holding the exact ISO 8601
 *   strings of the shared zod schemas (UTC, `…Z`, as `Date.toISOString()` writes them; dates `YYYY-MM-DD`).
 *   The replica stores the same strings, so a pull copies them without reformatting and they sort as text.
 *   `timestamptz` read through drizzle would come back as `2026-01-01 10:00:00+00` or a `Date`, and every
 *   row of a 1,000,000-row bootstrap would have to be rewritten.
 * - Server bookkeeping that never leaves the service (sessions, audit, sync clients, mutation log,
 *   tombstone deletion time) is `timestamptz`: the server computes with it (expiry, horizons).
 * - Ids are `uuid` (UUIDv7 from the domain), 16 bytes in indexes instead of 36.
 */

/**
 * The global sync version of the row's last change (sync_counter.version at its commit). Indexed as
 * (row_version, id) and (department_id, row_version, id): a pull pages by keyset on (row_version, id),
 * since one version can stamp many rows (a bulk load, a case with its events).
 */
export const rowVersion = () => bigint('row_version', { mode: 'number' }).notNull();

/** Server-side instant, read as a `Date`. */
export const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
