import { randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type { CampaignSegment, CollectorSettings, CollectorStats, CollectorStatus, Survey } from '../../src-shared/schemas/surveys';
import type { CentralDb } from '../db/central-db-types';
import { campaignSendState, citizens, surveyCollectors, surveyInvitations, surveys } from '../db/schema';
import { notOptedOut } from './opt-outs';
import { recipientCondition } from './segment';
import { newToken } from './tokens';
import type { SendResult } from '../mail/mailer';

const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

/** A collector the sender works on, with what its emails need of the survey. */
export interface WorkCollector {
  id: string;
  surveyId: string;
  settings: CollectorSettings;
  status: CollectorStatus;
  stats: CollectorStats;
  createdAt: string;
  survey: Pick<Survey, 'status' | 'opensOn' | 'closesOn' | 'purpose' | 'definition'>;
}

/**
 * Email campaigns and after-a-case rules that may have work: `sending`, `paused` and `done` campaigns (a done
 * one still reminds and counts answers) and `active` rules. `all` false: only those sending or active.
 */
export async function workCollectors(db: CentralDb, options: { all: boolean }): Promise<WorkCollector[]> {
  const statuses = options.all ? ['sending', 'paused', 'done', 'active'] : ['sending', 'active'];
  return db
    .select({
      id: surveyCollectors.id,
      surveyId: surveyCollectors.surveyId,
      settings: surveyCollectors.settings,
      status: surveyCollectors.status,
      stats: surveyCollectors.stats,
      createdAt: surveyCollectors.createdAt,
      survey: {
        status: surveys.status,
        opensOn: surveys.opensOn,
        closesOn: surveys.closesOn,
        purpose: surveys.purpose,
        definition: surveys.definition,
      },
    })
    .from(surveyCollectors)
    .innerJoin(surveys, sql`${surveys.id} = ${surveyCollectors.surveyId}`)
    .where(
      sql`${surveyCollectors.settings}->>'kind' in ('email', 'afterCase') and ${surveyCollectors.status} in ${statuses}
        and not (${surveyCollectors.settings}->>'kind' = 'afterCase' and ${surveyCollectors.status} <> 'active')`,
    );
}

/** Not sent yet: a placeholder no token hashes to (a SHA-256 in base64url has no colon). */
const unsentTokenHash = sql`'unsent:' || gen_random_uuid()::text`;

/**
 * Selects a campaign's recipients once: the send state row and the invitations are written together, so a
 * restart or a second instance finds the selection made (and the unique index refuses a second invitation to
 * the same person anyway). Returns how many were invited, or null when the selection was made before.
 */
export async function selectRecipients(
  db: CentralDb,
  collector: { id: string; surveyId: string; segment: CampaignSegment; ratePerMinute: number },
  now: Date,
): Promise<number | null> {
  return db.transaction(async (tx) => {
    const created = await tx
      .insert(campaignSendState)
      .values({ collectorId: collector.id, tokens: burstOf(collector.ratePerMinute), refilledAt: now })
      .onConflictDoNothing()
      .returning({ id: campaignSendState.collectorId });
    if (created.length === 0) return null;
    const inserted = await tx.execute(sql`
      insert into ${surveyInvitations} (id, collector_id, survey_id, citizen_id, token_hash, status, created_at)
      select gen_random_uuid(), ${collector.id}, ${collector.surveyId}, ${citizens.id}, ${unsentTokenHash}, 'pending', ${now.toISOString()}::timestamptz
      from ${citizens} where ${recipientCondition(collector.segment, now)}
      on conflict do nothing returning id`);
    return rowsOf(inserted).length;
  });
}

/** Invites a closed case's citizen (at most once per case and rule); false when already invited. */
export async function inviteForCase(
  db: CentralDb,
  invitation: { collectorId: string; surveyId: string; citizenId: string; caseId: string },
  now: Date,
): Promise<boolean> {
  const inserted = await db.execute(sql`
    insert into ${surveyInvitations} (id, collector_id, survey_id, citizen_id, case_id, token_hash, status, created_at)
    values (${randomUUID()}, ${invitation.collectorId}, ${invitation.surveyId}, ${invitation.citizenId}, ${invitation.caseId},
      ${unsentTokenHash}, 'pending', ${now.toISOString()}::timestamptz)
    on conflict do nothing returning id`);
  return rowsOf(inserted).length > 0;
}

/** What a collector's bucket holds at most: a second's worth (one email at least), so the rate holds without bursts. */
export function burstOf(ratePerMinute: number): number {
  return Math.max(1, ratePerMinute / 60);
}

export type ClaimKind = 'invite' | 'remind';

/** An invitation claimed for sending, with its new token (only its hash was written). */
export interface ClaimedInvitation {
  id: string;
  email: string;
  token: string;
  /** Attempts so far, this one included (of the first email, or of the reminder). */
  attempts: number;
}

export interface ClaimOptions {
  kind: ClaimKind;
  ratePerMinute: number;
  /** The most claimed at once, whatever the bucket holds. */
  max: number;
  leaseMs: number;
  maxAttempts: number;
  /** Reminders: only invitations sent before this instant. */
  sentBefore?: Date;
}

/**
 * Invitations whose citizen withdrew their consent or lost their address since the selection are not sent:
 * marked `unsubscribed` or `failed` with the reason. Judged on the citizen's address now, not the one they had
 * when selected: an address that unsubscribed from the voice's emails meanwhile is `opted_out` (counted with
 * the unsubscribed), and an invitation whose citizen changed address goes to the new one.
 */
export async function dropIneligible(db: CentralDb, collectorId: string): Promise<void> {
  const hasEmail = sql`c.email is not null and c.email <> ''`;
  const optedOut = sql`(${hasEmail} and not ${notOptedOut(sql`c.email`)})`;
  await db.execute(sql`
    update ${surveyInvitations} i set
      status = case when not c.consent_surveys or c.merged_into is not null then 'unsubscribed'
        when ${optedOut} then 'opted_out' else 'failed' end,
      error = case when not c.consent_surveys then 'consent withdrawn' when c.merged_into is not null then 'citizen file merged'
        when ${optedOut} then 'unsubscribed' else 'no email address' end,
      lease_until = null
    from ${citizens} c
    where i.collector_id = ${collectorId} and i.status = 'pending' and c.id = i.citizen_id
      and (not c.consent_surveys or c.merged_into is not null or not (${hasEmail}) or ${optedOut})`);
}

/**
 * Takes what the collector's token bucket allows (shared by every instance: its row is locked for the claim)
 * of the invitations due, skipping those another instance holds (`FOR UPDATE SKIP LOCKED`), leases them and
 * draws each a token.
 */
export async function claimInvitations(db: CentralDb, collectorId: string, now: Date, options: ClaimOptions): Promise<ClaimedInvitation[]> {
  return db.transaction(async (tx) => {
    await tx
      .insert(campaignSendState)
      .values({ collectorId, tokens: burstOf(options.ratePerMinute), refilledAt: now })
      .onConflictDoNothing();
    const [state] = rowsOf<{ tokens: number; refilled_at: Date | string }>(
      await tx.execute(sql`select tokens, refilled_at from ${campaignSendState} where collector_id = ${collectorId} for update`),
    );
    if (state === undefined) return [];
    const perMs = options.ratePerMinute / 60_000;
    const burst = burstOf(options.ratePerMinute);
    const elapsed = Math.max(0, now.getTime() - new Date(state.refilled_at).getTime());
    const tokens = Math.min(burst, Number(state.tokens) + elapsed * perMs);
    const take = Math.min(Math.floor(tokens), options.max);
    const due = take === 0 ? [] : await dueInvitations(tx as unknown as CentralDb, collectorId, now, take, options);
    await tx.execute(
      sql`update ${campaignSendState} set tokens = ${tokens - due.length}, refilled_at = ${now.toISOString()}::timestamptz where collector_id = ${collectorId}`,
    );
    if (due.length === 0) return [];
    const claimed = due.map((row) => ({ ...row, ...newToken() }));
    const hashColumn = options.kind === 'invite' ? sql.raw('token_hash') : sql.raw('reminder_token_hash');
    const attemptsColumn = options.kind === 'invite' ? sql.raw('attempts') : sql.raw('reminder_attempts');
    const values = sql.join(
      claimed.map((row) => sql`(${row.id}::uuid, ${row.hash})`),
      sql`, `,
    );
    const leaseUntil = new Date(now.getTime() + options.leaseMs).toISOString();
    const updated = rowsOf<{ id: string; attempts: number }>(
      await tx.execute(sql`
        update ${surveyInvitations} i set ${hashColumn} = v.hash, ${attemptsColumn} = i.${attemptsColumn} + 1, lease_until = ${leaseUntil}::timestamptz
        from (values ${values}) as v(id, hash) where i.id = v.id returning i.id, i.${attemptsColumn} as attempts`),
    );
    const attempts = new Map(updated.map((row) => [row.id, row.attempts]));
    return claimed.map((row) => ({ id: row.id, email: row.email, token: row.token, attempts: attempts.get(row.id) ?? 1 }));
  });
}

async function dueInvitations(
  tx: CentralDb,
  collectorId: string,
  now: Date,
  limit: number,
  options: ClaimOptions,
): Promise<{ id: string; email: string }[]> {
  const free = sql`(i.lease_until is null or i.lease_until <= ${now.toISOString()}::timestamptz)`;
  const which: SQL =
    options.kind === 'invite'
      ? sql`i.status = 'pending'`
      : sql`i.status = 'sent' and i.reminded_at is null and i.reminder_attempts < ${options.maxAttempts}
          and i.sent_at <= ${(options.sentBefore ?? now).toISOString()}::timestamptz`;
  return rowsOf<{ id: string; email: string }>(
    await tx.execute(sql`
      select i.id, c.email from ${surveyInvitations} i join ${citizens} c on c.id = i.citizen_id
      where i.collector_id = ${collectorId} and ${which} and ${free}
        and c.consent_surveys and c.merged_into is null and c.email is not null and c.email <> ''
        -- The address now (a reminder's too): one that unsubscribed since the selection gets nothing.
        and ${notOptedOut(sql`c.email`)}
      order by i.created_at, i.id limit ${limit}
      for update of i skip locked`),
  );
}

/** What became of a claimed invitation's email. */
export type { SendResult };

/** A batch's outcomes as rows `v(id, outcome, reason, retry_at)` for one `update … from (values …)`. */
export function resultValues(results: readonly SendResult[]): SQL {
  return sql.join(
    results.map(
      (result) =>
        sql`(${result.id}::uuid, ${result.outcome}, ${result.outcome === 'sent' ? null : result.reason}, ${
          result.outcome === 'retry' ? result.retryAt.toISOString() : null
        }::timestamptz)`,
    ),
    sql`, `,
  );
}

/** Records a batch's outcomes in one statement: sent, failed for good, or due again later. */
export async function recordResults(db: CentralDb, kind: ClaimKind, results: readonly SendResult[], now: Date, maxAttempts: number) {
  if (results.length === 0) return;
  const at = sql`${now.toISOString()}::timestamptz`;
  const set =
    kind === 'invite'
      ? sql`status = case v.outcome when 'sent' then 'sent' when 'failed' then 'failed' else i.status end,
          sent_at = case when v.outcome = 'sent' then ${at} else i.sent_at end,
          error = v.reason, lease_until = v.retry_at`
      : sql`reminded_at = case when v.outcome = 'sent' then ${at} else i.reminded_at end,
          reminder_attempts = case when v.outcome = 'failed' then ${maxAttempts} else i.reminder_attempts end,
          error = case when v.outcome = 'sent' then i.error else 'reminder: ' || v.reason end, lease_until = v.retry_at`;
  await db.execute(sql`update ${surveyInvitations} i set ${set}
    from (values ${resultValues(results)}) as v(id, outcome, reason, retry_at) where i.id = v.id`);
}

export type InvitationCounts = Omit<CollectorStats, 'problem'> & { pending: number };

/** Each collector's invitations counted as its `stats` shows them (and how many wait to be sent). */
export async function countInvitations(db: CentralDb, collectorIds: readonly string[]): Promise<Map<string, InvitationCounts>> {
  if (collectorIds.length === 0) return new Map();
  const rows = rowsOf<Record<keyof InvitationCounts, number> & { collector_id: string }>(
    await db.execute(sql`
      select collector_id, count(*)::int as recipients,
        count(sent_at)::int as sent,
        count(*) filter (where status = 'failed')::int as failed,
        count(reminded_at)::int as reminded,
        count(*) filter (where status in ('unsubscribed', 'opted_out'))::int as unsubscribed,
        count(*) filter (where status = 'answered')::int as responded,
        count(*) filter (where status = 'pending')::int as pending
      from ${surveyInvitations} where collector_id in ${collectorIds} group by collector_id`),
  );
  return new Map(rows.map(({ collector_id, ...counts }) => [collector_id, counts]));
}
