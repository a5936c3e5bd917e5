import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { surveyResponses as centralResponses, surveys as centralSurveys } from '../../src-central/db/schema';
import { currentVersion } from '../../src-central/db/versions';
import { surveyAnswerValues, surveyResponses } from '../../src-main/db/schema';
import { centralMigrationsDir, dbKinds, useCentralTestDb } from './support/central-test-db';
import { useSyncServer } from './support/sync-server';

/** Central migration 0009, run again on a database that holds answers written the old way. */
const migration = readFileSync(join(centralMigrationsDir, '0009_named_answers_without_profile.sql'), 'utf8');
const profile = { departmentsWithCase: [uuidv7()], area: '75011' };

describe.each(dbKinds)('answers named before the "identity and profile never together" rule, on %s', (kind) => {
  const testDb = useCentralTestDb(kind);
  const server = useSyncServer(testDb);

  it('lose their profile under a new row version, and a replica pulling after it keeps no profile row', async () => {
    const { db } = testDb();
    const { voirie } = server.city;
    const surveyId = uuidv7();
    await db.insert(centralSurveys).values({
      id: surveyId,
      departmentId: voirie.id,
      status: 'open',
      opensOn: null,
      closesOn: null,
      anonymity: 'identified',
      purpose: { fr: 'Trottoirs', en: '' },
      definition: { title: 'Trottoirs', pages: [{ name: 'p', elements: [{ type: 'rating', name: 'etat' }] }] },
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      version: 1,
      rowVersion: 1,
    });
    const answer = (id: string, origin: { citizenId: string | null; caseId: string | null }) => ({
      id,
      surveyId,
      departmentId: voirie.id,
      channel: origin.caseId === null ? ('email' as const) : ('case' as const),
      collectorId: null,
      agentId: null,
      answers: { etat: 4 },
      note: null,
      profile,
      submittedAt: '2026-01-05T00:00:00.000Z',
      rowVersion: 1,
      ...origin,
    });
    // Written the old way: a named citizen's answer and a closed case's, each with a profile; and one naming no one.
    const [named, ofCase, anonymous] = [uuidv7(), uuidv7(), uuidv7()];
    await db
      .insert(centralResponses)
      .values([
        answer(named, { citizenId: uuidv7(), caseId: null }),
        answer(ofCase, { citizenId: null, caseId: uuidv7() }),
        answer(anonymous, { citizenId: null, caseId: null }),
      ]);
    const field = await server.workspace('terrain@ville.example');
    const profileRows = (responseId: string) =>
      field.replica.db
        .select()
        .from(surveyAnswerValues)
        .all()
        .filter((row) => row.responseId === responseId && ['@profile', '@area', '@department'].includes(row.question));
    expect(profileRows(named).length).toBeGreaterThan(0);

    const before = await currentVersion(db);
    await db.execute(sql.raw(migration));
    const rows = await db.select().from(centralResponses).where(eq(centralResponses.surveyId, surveyId));
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(byId.get(named)).toMatchObject({ profile: null, rowVersion: before + 1 });
    expect(byId.get(ofCase)).toMatchObject({ profile: null, rowVersion: before + 1 });
    expect(byId.get(anonymous)).toMatchObject({ profile, rowVersion: 1 });
    expect(await currentVersion(db)).toBe(before + 1);
    // Nothing left to clear: run again, it takes no version.
    await db.execute(sql.raw(migration));
    expect(await currentVersion(db)).toBe(before + 1);

    await field.services.sync.engine.sync();
    const replicaRows = field.replica.db.select().from(surveyResponses).all();
    expect(replicaRows.find((row) => row.id === named)?.profile).toBeNull();
    expect(replicaRows.find((row) => row.id === ofCase)?.profile).toBeNull();
    expect(replicaRows.find((row) => row.id === anonymous)?.profile).toEqual(profile);
    expect(profileRows(named)).toEqual([]);
    expect(profileRows(ofCase)).toEqual([]);
    expect(profileRows(anonymous).length).toBeGreaterThan(0);
  });
});
