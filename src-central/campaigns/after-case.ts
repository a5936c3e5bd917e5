import { sql } from 'drizzle-orm';
import type { CentralDb } from '../db/central-db-types';
import { campaignCursors, cases, citizens } from '../db/schema';
import { currentVersion } from '../db/versions';
import { inviteForCase } from './invitation-repository';
import { notOptedOut } from './opt-outs';

const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;
const cursorName = 'afterCase';
/** A case closed longer ago than this (and only now seen, e.g. edited) is not worth an invitation. */
const freshDays = 30;

export interface AfterCaseRule {
  collectorId: string;
  surveyId: string;
  categoryIds: readonly string[];
  /** The rule applies to cases closed after it was created. */
  createdAt: string;
}

/**
 * Invites the citizens of cases closed since the last pass, for the active rules naming their category:
 * reads the cases whose row_version passed the cursor (versions are visible in commit order, so none is
 * skipped), then moves the cursor. The first pass ever only places the cursor: cases closed before the
 * service knew about after-a-case rules are not written to. Returns the invitations created.
 */
export async function inviteClosedCases(db: CentralDb, rules: readonly AfterCaseRule[], now: Date): Promise<number> {
  const head = await currentVersion(db);
  const [cursor] = await db
    .select({ position: campaignCursors.position })
    .from(campaignCursors)
    .where(sql`${campaignCursors.name} = ${cursorName}`);
  if (cursor === undefined) {
    await db.insert(campaignCursors).values({ name: cursorName, position: head }).onConflictDoNothing();
    return 0;
  }
  if (head <= cursor.position) return 0;
  let invited = 0;
  const categories = [...new Set(rules.flatMap((rule) => rule.categoryIds))];
  if (categories.length > 0) {
    const since = new Date(now.getTime() - freshDays * 86_400_000).toISOString();
    const closed = rowsOf<{ id: string; citizen_id: string; category_id: string; closed_at: string }>(
      await db.execute(sql`
        select ${cases.id} as id, ${cases.citizenId} as citizen_id, ${cases.categoryId} as category_id, ${cases.closedAt} as closed_at
        from ${cases} join ${citizens} on ${citizens.id} = ${cases.citizenId}
        where ${cases.rowVersion} > ${cursor.position} and ${cases.rowVersion} <= ${head}
          and ${cases.status} = 'closed' and ${cases.closedAt} >= ${since} and ${cases.categoryId} in ${categories}
          and ${citizens.consentSurveys} and ${citizens.email} is not null and ${citizens.email} <> '' and ${citizens.mergedInto} is null
          and ${notOptedOut(sql`${citizens.email}`)}`),
    );
    for (const found of closed) {
      for (const rule of rules) {
        if (!rule.categoryIds.includes(found.category_id) || found.closed_at < rule.createdAt) continue;
        const created = await inviteForCase(
          db,
          { collectorId: rule.collectorId, surveyId: rule.surveyId, citizenId: found.citizen_id, caseId: found.id },
          now,
        );
        if (created) invited++;
      }
    }
  }
  await db
    .update(campaignCursors)
    .set({ position: sql`greatest(${campaignCursors.position}, ${head})` })
    .where(sql`${campaignCursors.name} = ${cursorName}`);
  return invited;
}
