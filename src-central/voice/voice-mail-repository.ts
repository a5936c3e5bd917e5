import { sql, type SQL } from 'drizzle-orm';
import type { CentralDb } from '../db/central-db-types';
import { campaignCursors, caseEvents, cases, citizens, outcomes, surveyResponses, voiceMailOptOuts, voiceMails } from '../db/schema';
import type { VoiceMailKind, VoiceMailStatus } from '../db/schema';
import { currentVersion } from '../db/versions';
import { newToken } from '../campaigns/tokens';
import { resultValues } from '../campaigns/invitation-repository';
import { addressKey } from '../campaigns/opt-outs';
import type { SendResult } from '../mail/mailer';

const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

/** What identifies an address without storing it: SHA-256 (hex) of the address, trimmed and lower-cased. */

/** The feedback's contact, as `recordFeedback` writes it in the case's `created` event. */
const contactEmail = (event: SQL) => sql`(${event}.data->'contact'->>'email')`;
const contactConsents = (event: SQL) =>
  sql`(${event}.data->'contact'->'consent' = 'true'::jsonb and coalesce(${contactEmail(event)}, '') <> '')`;
/** Consented to the outcomes' emails too: only feedback sent under the `/avis` wording that names them says so. */
const contactConsentsToOutcomes = (event: SQL) => sql`(${contactConsents(event)} and ${event}.data->'contact'->'outcomes' = 'true'::jsonb)`;

/**
 * Moves a job's cursor over the row_version feed: `select` reads the rows changed in (cursor, head] (versions
 * are visible in commit order, so none is skipped), then the cursor moves to head. The first pass ever only
 * places it: what was published or replied before the service sent these emails is never written about.
 */
async function followFeed<T>(db: CentralDb, name: string, none: T, select: (after: number, head: number) => Promise<T>): Promise<T> {
  const head = await currentVersion(db);
  const [cursor] = await db
    .select({ position: campaignCursors.position })
    .from(campaignCursors)
    .where(sql`${campaignCursors.name} = ${name}`);
  if (cursor === undefined) {
    await db.insert(campaignCursors).values({ name, position: head }).onConflictDoNothing();
    return none;
  }
  if (head <= cursor.position) return none;
  const selected = await select(cursor.position, head);
  await db
    .update(campaignCursors)
    .set({ position: sql`greatest(${campaignCursors.position}, ${head})` })
    .where(sql`${campaignCursors.name} = ${name}`);
  return selected;
}

/**
 * The participants of the outcomes published (or corrected once published) since the last pass, each owed one
 * email per outcome and address: the citizens who consented to surveys, have an address and were not merged
 * (as a campaign decides), among the identified respondents of the linked surveys and the citizens of the
 * linked cases; and the authors of the linked feedback who left an address and consented to the outcomes' emails
 * (`contact.outcomes`: feedback sent before that wording consented only to being answered).
 * An address that unsubscribed is left out. Returns the emails added (none for an outcome seen before), and
 * the outcomes looked at (their counts may have moved).
 */
export async function selectOutcomeRecipients(db: CentralDb, now: Date): Promise<{ added: number; outcomeIds: string[] }> {
  return followFeed(db, 'outcomeMail', { added: 0, outcomeIds: [] }, async (after, head) => {
    const published = await db
      .select({ id: outcomes.id })
      .from(outcomes)
      .where(sql`${outcomes.rowVersion} > ${after} and ${outcomes.rowVersion} <= ${head} and ${outcomes.status} = 'published'`);
    let added = 0;
    for (const { id } of published) added += await addOutcomeRecipients(db, id, now);
    return { added, outcomeIds: published.map((row) => row.id) };
  });
}

async function addOutcomeRecipients(db: CentralDb, outcomeId: string, now: Date): Promise<number> {
  const linkedSurveys = sql`(select jsonb_array_elements_text(survey_ids)::uuid from ${outcomes} where id = ${outcomeId})`;
  const linkedCases = sql`(select jsonb_array_elements_text(case_ids)::uuid from ${outcomes} where id = ${outcomeId})`;
  // Only the outcome's department's surveys and cases: an id of another's, linked anyway, writes to nobody.
  const department = sql`(select department_id from ${outcomes} where id = ${outcomeId})`;
  const inserted = await db.execute(sql`
    insert into ${voiceMails} (id, kind, outcome_id, case_id, citizen_id, address_key, owed_address_key, status, created_at)
    select gen_random_uuid(), 'outcome', ${outcomeId}, case_id, citizen_id, address_key, address_key, 'pending', ${now.toISOString()}::timestamptz
    from (
      select distinct on (address_key) citizen_id, case_id, address_key from (
        select c.id as citizen_id, null::uuid as case_id, ${addressKey(sql`c.email`)} as address_key, 0 as rank
        from ${citizens} c
        where c.id in (
            select ${surveyResponses.citizenId} from ${surveyResponses}
            where ${surveyResponses.surveyId} in ${linkedSurveys} and ${surveyResponses.citizenId} is not null
              and ${surveyResponses.departmentId} = ${department}
            union select ${cases.citizenId} from ${cases}
            where ${cases.id} in ${linkedCases} and ${cases.citizenId} is not null and ${cases.departmentId} = ${department})
          and c.consent_surveys and c.email is not null and c.email <> '' and c.merged_into is null
          -- Already owed this outcome's email (at the address they had then: it follows them when it leaves).
          and not exists (select 1 from ${voiceMails} v where v.kind = 'outcome' and v.outcome_id = ${outcomeId} and v.citizen_id = c.id)
        union all
        select null, e.case_id, ${addressKey(contactEmail(sql`e`))}, 1
        from ${caseEvents} e join ${cases} k on k.id = e.case_id
        where k.id in ${linkedCases} and k.department_id = ${department} and k.kind = 'feedback' and e.type = 'created'
          and ${contactConsentsToOutcomes(sql`e`)}
          and not exists (
            select 1 from ${voiceMails} v where v.kind = 'outcome' and v.outcome_id = ${outcomeId} and v.citizen_id is null and v.case_id = e.case_id)
      ) candidates
      where address_key not in (select address_key from ${voiceMailOptOuts})
        -- Nor an address this outcome's email was owed at, when its citizen has since moved (the email followed
        -- them): a feedback contact or another file there is that person's, or was counted with them.
        and address_key not in (
          select v.owed_address_key from ${voiceMails} v
          where v.kind = 'outcome' and v.outcome_id = ${outcomeId} and v.owed_address_key is not null)
      order by address_key, rank, citizen_id, case_id
    ) chosen
    on conflict do nothing returning id`);
  return rowsOf(inserted).length;
}

/**
 * The public replies added since the last pass to feedback cases: one email each when the feedback's author
 * left an address and consented to be answered. Returns how many were added, and the replies to feedback
 * nobody can be written to (their `delivery` says so on the case).
 */
export async function selectReplies(db: CentralDb, now: Date): Promise<{ added: number; unreachable: string[] }> {
  return followFeed(db, 'publicReplies', { added: 0, unreachable: [] }, async (after, head) => {
    const inserted = await db.execute(sql`
      insert into ${voiceMails} (id, kind, case_id, event_id, address_key, status, created_at)
      select gen_random_uuid(), 'reply', r.case_id, r.id, ${addressKey(contactEmail(sql`c`))}, 'pending', ${now.toISOString()}::timestamptz
      from ${caseEvents} r join ${caseEvents} c on c.case_id = r.case_id and c.type = 'created'
      where r.row_version > ${after} and r.row_version <= ${head} and r.type = 'public_reply' and ${contactConsents(sql`c`)}
      on conflict do nothing returning id`);
    const unreachable = rowsOf<{ id: string }>(
      await db.execute(sql`
        select r.id from ${caseEvents} r join ${cases} k on k.id = r.case_id
          join ${caseEvents} c on c.case_id = r.case_id and c.type = 'created'
        where r.row_version > ${after} and r.row_version <= ${head} and r.type = 'public_reply'
          and r.data->>'delivery' = 'pending' and k.kind = 'feedback' and not ${contactConsents(sql`c`)}`),
    );
    return { added: rowsOf(inserted).length, unreachable: unreachable.map((row) => row.id) };
  });
}

/**
 * Where a pending email goes now: the citizen file's current address (it may have changed since the email was
 * owed), or the contact the feedback case's first `created` event holds. `p` is the `voice_mails` row.
 */
const currentAddressOf = sql`case when p.citizen_id is not null
    then (select c.email from ${citizens} c where c.id = p.citizen_id)
    else (select ${contactEmail(sql`e`)} from ${caseEvents} e where e.case_id = p.case_id and e.type = 'created' order by e.at, e.id limit 1)
  end`;

/**
 * Decides at sending time, on the address the email would go to now, what becomes of each pending email.
 * Not sent, with the reason: `opted_out` when that address unsubscribed from the voice's emails (whatever
 * address was chosen when the email was owed); `skipped` when the citizen withdrew their consent, was merged,
 * lost their address, or now has an address another email of the same outcome already goes to. Otherwise an
 * email whose citizen changed address follows it: its `address_key` becomes the current address's, so its
 * unsubscribe link stops the address it was sent to. Returns how many were not sent, and the replies among them.
 */
export async function skipIneligible(db: CentralDb): Promise<{ skipped: number; replies: string[] }> {
  const judged = await db.execute(sql`
    with current as (
      select p.id, p.kind, p.outcome_id, p.citizen_id, p.address_key as old_key, c.consent_surveys, c.merged_into,
        ${currentAddressOf} as email
      from ${voiceMails} p left join ${citizens} c on c.id = p.citizen_id
      where p.status = 'pending'
    ), keyed as (
      select x.*, case when coalesce(btrim(x.email), '') = '' then null else ${addressKey(sql`x.email`)} end as new_key
      from current x
    ), ranked as (
      -- Two pending emails of one outcome moving to one address: the one already there (then the first) keeps it.
      select k.*, row_number() over (partition by k.kind, k.outcome_id, k.new_key order by (k.new_key = k.old_key) desc, k.id) as rank
      from keyed k
    ), judged as (
      select r.id, r.new_key, r.old_key, case
        when r.new_key is not null and r.new_key in (select address_key from ${voiceMailOptOuts}) then 'unsubscribed'
        when r.citizen_id is not null and not r.consent_surveys then 'consent withdrawn'
        when r.citizen_id is not null and r.merged_into is not null then 'citizen file merged'
        when r.new_key is null then 'no email address'
        when r.kind = 'outcome' and r.new_key <> r.old_key and (r.rank > 1 or exists (
          select 1 from ${voiceMails} o
          where o.kind = 'outcome' and o.outcome_id = r.outcome_id and o.address_key = r.new_key and o.id <> r.id))
          then 'address already written to'
        else null end as reason
      from ranked r
    )
    update ${voiceMails} m set
      status = case when j.reason is null then m.status when j.reason = 'unsubscribed' then 'opted_out' else 'skipped' end,
      error = coalesce(j.reason, m.error),
      lease_until = case when j.reason is null then m.lease_until else null end,
      address_key = case when j.reason is null then j.new_key else m.address_key end
    from judged j
    where m.id = j.id and (j.reason is not null or j.new_key <> j.old_key)
    returning m.id, m.event_id, m.status`);
  const rows = rowsOf<{ id: string; event_id: string | null; status: VoiceMailStatus }>(judged).filter((row) => row.status !== 'pending');
  return { skipped: rows.length, replies: rows.flatMap((row) => (row.event_id === null ? [] : [row.event_id])) };
}

/** Pending emails that cannot leave (no SMTP settings) say why, for the agents; they go once it is configured. */
export async function markUnsendable(db: CentralDb, reason: string): Promise<void> {
  await db.execute(sql`update ${voiceMails} set error = ${reason} where status = 'pending' and error is null`);
}

/** A claimed email with what its template needs. */
export interface ClaimedVoiceMail {
  id: string;
  kind: VoiceMailKind;
  email: string;
  /** For the unsubscribe link (only its hash was written). */
  token: string;
  /** Attempts so far, this one included. */
  attempts: number;
  outcome: { id: string; title: { fr: string; en: string }; body: { fr: string; en: string } } | null;
  reply: { eventId: string; caseId: string; trackingCode: string; body: string } | null;
}

interface DueRow {
  id: string;
  kind: VoiceMailKind;
  email: string | null;
  outcome_id: string | null;
  title: { fr: string; en: string } | null;
  outcome_body: { fr: string; en: string } | null;
  event_id: string | null;
  case_id: string | null;
  tracking_code: string | null;
  reply_body: string | null;
}

/**
 * Takes up to `max` emails due, skipping those another instance holds (`FOR UPDATE SKIP LOCKED`), leases them
 * and draws each an unsubscribe token.
 */
export async function claimVoiceMails(db: CentralDb, now: Date, options: { max: number; leaseMs: number }): Promise<ClaimedVoiceMail[]> {
  return db.transaction(async (tx) => {
    const due = rowsOf<DueRow>(
      await tx.execute(sql`
        select m.id, m.kind,
          case when m.citizen_id is not null then ci.email else ${contactEmail(sql`ce`)} end as email,
          m.outcome_id, o.title, o.body as outcome_body,
          m.event_id, m.case_id, k.tracking_code, r.data->>'body' as reply_body
        from ${voiceMails} m
          left join ${citizens} ci on ci.id = m.citizen_id
          -- One row per email whatever the case holds: its first created event carries the contact.
          left join lateral (
            select e.data from ${caseEvents} e where m.citizen_id is null and e.case_id = m.case_id and e.type = 'created'
            order by e.at, e.id limit 1
          ) ce on true
          left join ${outcomes} o on o.id = m.outcome_id
          left join ${caseEvents} r on r.id = m.event_id
          left join ${cases} k on k.id = m.case_id
        where m.status = 'pending' and (m.lease_until is null or m.lease_until <= ${now.toISOString()}::timestamptz)
          -- Only to the address judged this pass (skipIneligible): one changed or unsubscribed since waits for the next.
          and ${addressKey(sql`case when m.citizen_id is not null then ci.email else ${contactEmail(sql`ce`)} end`)} = m.address_key
          and m.address_key not in (select address_key from ${voiceMailOptOuts})
        order by m.created_at, m.id limit ${options.max}
        for update of m skip locked`),
    );
    if (due.length === 0) return [];
    const claimed = due.map((row) => ({ row, ...newToken() }));
    const values = sql.join(
      claimed.map(({ row, hash }) => sql`(${row.id}::uuid, ${hash})`),
      sql`, `,
    );
    const leaseUntil = new Date(now.getTime() + options.leaseMs).toISOString();
    const updated = rowsOf<{ id: string; attempts: number }>(
      await tx.execute(sql`
        update ${voiceMails} m set token_hash = v.hash, attempts = m.attempts + 1, lease_until = ${leaseUntil}::timestamptz
        from (values ${values}) as v(id, hash) where m.id = v.id returning m.id, m.attempts`),
    );
    const attempts = new Map(updated.map((row) => [row.id, row.attempts]));
    return claimed.map(({ row, token }) => ({
      id: row.id,
      kind: row.kind,
      email: row.email ?? '',
      token,
      attempts: attempts.get(row.id) ?? 1,
      outcome:
        row.outcome_id !== null && row.title !== null && row.outcome_body !== null
          ? { id: row.outcome_id, title: row.title, body: row.outcome_body }
          : null,
      reply:
        row.event_id !== null && row.case_id !== null
          ? { eventId: row.event_id, caseId: row.case_id, trackingCode: row.tracking_code ?? '', body: row.reply_body ?? '' }
          : null,
    }));
  });
}

/** Records a batch's outcomes in one statement: sent, failed for good, or due again later. */
export async function recordVoiceMailResults(db: CentralDb, results: readonly SendResult[], now: Date): Promise<void> {
  if (results.length === 0) return;
  await db.execute(sql`update ${voiceMails} m set
      status = case v.outcome when 'sent' then 'sent' when 'failed' then 'failed' else m.status end,
      sent_at = case when v.outcome = 'sent' then ${now.toISOString()}::timestamptz else m.sent_at end,
      error = v.reason, lease_until = v.retry_at
    from (values ${resultValues(results)}) as v(id, outcome, reason, retry_at) where m.id = v.id`);
}

/** The email an unsubscribe token was sent with. */
export interface TokenVoiceMail {
  id: string;
  citizenId: string | null;
  addressKey: string;
}

export async function voiceMailByTokenHash(db: CentralDb, hash: string): Promise<TokenVoiceMail | null> {
  const [found] = await db
    .select({ id: voiceMails.id, citizenId: voiceMails.citizenId, addressKey: voiceMails.addressKey })
    .from(voiceMails)
    .where(sql`${voiceMails.tokenHash} = ${hash}`)
    .limit(1);
  return found ?? null;
}

/** Whether the address already unsubscribed from the voice's emails. */
export async function isOptedOut(db: CentralDb, key: string): Promise<boolean> {
  const [found] = await db
    .select({ key: voiceMailOptOuts.addressKey })
    .from(voiceMailOptOuts)
    .where(sql`${voiceMailOptOuts.addressKey} = ${key}`);
  return found !== undefined;
}

/** The address will get no more of the voice's emails (idempotent). */
export async function optOut(db: CentralDb, key: string, now: Date): Promise<void> {
  await db.insert(voiceMailOptOuts).values({ addressKey: key, at: now }).onConflictDoNothing();
}
