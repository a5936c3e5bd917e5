import { sql } from 'drizzle-orm';
import type { OutcomeMailStats } from '../../src-shared/schemas/voice';
import type { CentralDb } from '../db/central-db-types';
import { outcomes, voiceMails } from '../db/schema';

const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

/** The outcomes with an email waiting: the only ones whose counts a pass may move (every change is of a pending email). */
export async function outcomesWithPendingMail(db: CentralDb): Promise<string[]> {
  const rows = rowsOf<{ outcome_id: string }>(
    await db.execute(sql`select distinct outcome_id from ${voiceMails} where kind = 'outcome' and status = 'pending'`),
  );
  return rows.map((row) => row.outcome_id);
}

/**
 * Published outcomes whose emails were selected but never counted (`mail_stats` null): published before the
 * counts existed (migration 0008), which no pending email brings back to a pass. At most `limit` a pass. Not
 * those without any email: writing their counts would bring an outcome published before the job's first pass
 * into the feed, and the job would write about it.
 */
export async function outcomesNotCounted(db: CentralDb, limit = 200): Promise<string[]> {
  const rows = rowsOf<{ id: string }>(
    await db.execute(sql`select o.id from ${outcomes} o where o.status = 'published' and o.mail_stats is null
      and exists (select 1 from ${voiceMails} v where v.kind = 'outcome' and v.outcome_id = o.id)
      order by o.id limit ${limit}`),
  );
  return rows.map((row) => row.id);
}

/**
 * Each outcome's emails counted as its `mailStats` shows them: owed (every address selected), sent, failed
 * for good, not sent because the address unsubscribed (`opted_out`), not sent for another reason (`skipped`),
 * and `problem` when some wait and none can leave (`SMTP_NOT_CONFIGURED`). An outcome without emails counts zeros.
 */
export async function outcomeMailStats(
  db: CentralDb,
  outcomeIds: readonly string[],
  problemWhilePending: string | null,
): Promise<Map<string, OutcomeMailStats>> {
  const stats = new Map<string, OutcomeMailStats>(
    outcomeIds.map((id) => [id, { recipients: 0, sent: 0, failed: 0, optedOut: 0, skipped: 0, problem: null }]),
  );
  if (outcomeIds.length === 0) return stats;
  const rows = rowsOf<{
    outcome_id: string;
    recipients: number;
    sent: number;
    failed: number;
    opted_out: number;
    skipped: number;
    pending: number;
  }>(
    await db.execute(sql`
      select outcome_id, count(*)::int as recipients,
        count(*) filter (where status = 'sent')::int as sent,
        count(*) filter (where status = 'failed')::int as failed,
        count(*) filter (where status = 'opted_out')::int as opted_out,
        count(*) filter (where status = 'skipped')::int as skipped,
        count(*) filter (where status = 'pending')::int as pending
      from ${voiceMails} where kind = 'outcome' and outcome_id in ${outcomeIds} group by outcome_id`),
  );
  for (const row of rows) {
    stats.set(row.outcome_id, {
      recipients: row.recipients,
      sent: row.sent,
      failed: row.failed,
      optedOut: row.opted_out,
      skipped: row.skipped,
      problem: row.pending > 0 ? problemWhilePending : null,
    });
  }
  return stats;
}

export function sameMailStats(a: OutcomeMailStats | null, b: OutcomeMailStats): boolean {
  return (
    a !== null &&
    a.recipients === b.recipients &&
    a.sent === b.sent &&
    a.failed === b.failed &&
    a.optedOut === b.optedOut &&
    a.skipped === b.skipped &&
    a.problem === b.problem
  );
}
