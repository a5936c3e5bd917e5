import { sql, type SQL } from 'drizzle-orm';
import type { CampaignSegment } from '../../src-shared/schemas/surveys';
import { cases, citizens } from '../db/schema';
import { notOptedOut } from './opt-outs';

/** The first instant of the day `months` calendar months before `now` (UTC), as the ISO text cases hold. */
export function monthsBefore(now: Date, months: number): string {
  const since = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, now.getUTCDate()));
  return since.toISOString();
}

/**
 * Who a campaign may write to: a citizen who consented to surveys, has an address and was not merged into
 * another file, narrowed by the segment. Departments and categories widen each other (a case in one of the
 * departments or of one of the categories), within `sinceMonths`; postal codes and channels narrow; an empty
 * list restricts nothing.
 */
export function recipientCondition(segment: CampaignSegment, now: Date): SQL {
  const conditions: SQL[] = [
    sql`${citizens.consentSurveys}`,
    sql`${citizens.email} is not null and ${citizens.email} <> ''`,
    sql`${citizens.mergedInto} is null`,
    notOptedOut(sql`${citizens.email}`),
  ];
  if (segment.postalCodes.length > 0) conditions.push(sql`${citizens.postalCode} in ${segment.postalCodes}`);
  if (segment.channels.length > 0) conditions.push(sql`${citizens.preferredChannel} in ${segment.channels}`);
  const caseConditions: SQL[] = [];
  const kinds: SQL[] = [];
  if (segment.departmentIds.length > 0) kinds.push(sql`${cases.departmentId} in ${segment.departmentIds}`);
  if (segment.categoryIds.length > 0) kinds.push(sql`${cases.categoryId} in ${segment.categoryIds}`);
  if (kinds.length > 0) caseConditions.push(sql`(${sql.join(kinds, sql` or `)})`);
  if (segment.sinceMonths !== null) caseConditions.push(sql`${cases.createdAt} >= ${monthsBefore(now, segment.sinceMonths)}`);
  if (caseConditions.length > 0) {
    conditions.push(
      sql`exists (select 1 from ${cases} where ${cases.citizenId} = ${citizens.id} and ${sql.join(caseConditions, sql` and `)})`,
    );
  }
  return sql.join(conditions, sql` and `);
}
