import { asc, eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { beforeEach, describe, expect, it } from 'vitest';
import { caseEvents as centralEvents, cases as centralCases, caseTags as centralTags, categories } from '../../src-central/db/schema';
import { createPgSyncStore } from '../../src-central/stores/postgres/pg-store';
import { applyPush } from '../../src-central/sync/push';
import { caseTags } from '../../src-main/db/schema';
import { caseTagId } from '../../src-shared/surveys/case-tags';
import { REPLICA_FORMAT } from '../../src-shared/sync';
import { centralBuilders } from './support/builders';
import { dbKinds, useCentralTestDb } from './support/central-test-db';
import { password } from './support/sync-city';
import { useSyncServer } from './support/sync-server';

const at = '2026-03-02T09:00:00.000Z';

/**
 * Themes on feedback cases go through the registry like every entity: written on a workspace, decided again
 * by the central service on its own rows, received by the case's department only, and taken along when the
 * case is transferred (a child of its case, as its timeline).
 */
describe.each(dbKinds)('themes on feedback cases through the central service, on %s', (kind) => {
  const testDb = useCentralTestDb(kind);
  const server = useSyncServer(testDb);
  let feedbackId: string;
  let reportId: string;
  let civilFeedbackCategory: string;
  let civilChief: { id: string };

  const insertCase = async (caseKind: 'feedback' | 'report', categoryId: string, departmentId: string, rating: number | null) => {
    const id = uuidv7();
    await testDb()
      .db.insert(centralCases)
      .values({
        id,
        trackingCode: id.slice(-9).toUpperCase(),
        kind: caseKind,
        categoryId,
        departmentId,
        channel: 'web',
        subject: 'Avis 2/5 : fermé trop tôt',
        description: 'La piscine ferme trop tôt le samedi.',
        status: 'new',
        priority: 'normal',
        deadline: '2026-03-20',
        createdAt: at,
        updatedAt: at,
        version: 1,
        rowVersion: 1,
      });
    await testDb()
      .db.insert(centralEvents)
      .values({
        id: uuidv7(),
        caseId: id,
        departmentId,
        type: 'created',
        at,
        agentId: null,
        data: { channel: 'web', rating },
        rowVersion: 1,
      });
    return id;
  };

  beforeEach(async () => {
    const { voirie, etatCivil, potHole } = server.city;
    const category = (departmentId: string, label: string) => ({
      id: uuidv7(),
      departmentId,
      serviceCode: `avis-${label}`,
      label,
      kind: 'feedback' as const,
      deadlineDays: 20,
      deadlineKind: 'working' as const,
      defaultPriority: 'normal' as const,
      duplicateRadiusM: 0,
      retentionMonths: 36,
      rowVersion: 1,
    });
    const voirieFeedback = category(voirie.id, 'Avis voirie');
    const civilFeedback = category(etatCivil.id, 'Avis état civil');
    civilFeedbackCategory = civilFeedback.id;
    await testDb().db.insert(categories).values([voirieFeedback, civilFeedback]);
    feedbackId = await insertCase('feedback', voirieFeedback.id, voirie.id, 2);
    reportId = await insertCase('report', potHole.id, voirie.id, null);
    civilChief = await centralBuilders(testDb().db).buildAgent({
      name: 'Chef État civil',
      email: 'etat@ville.example',
      password,
      roles: [{ departmentId: etatCivil.id, role: 'supervisor' }],
    });
  });

  const centralRows = () => testDb().db.select().from(centralTags).orderBy(asc(centralTags.id));

  it('reach the department’s workspaces only; the same theme typed twice offline is one row; taking it off reaches them', async () => {
    const field = await server.workspace('terrain@ville.example');
    const desk = await server.workspace('camille@ville.example');
    const other = await server.workspace('etat@ville.example');
    const fieldAgent = field.services.session.currentAgent()!;
    const deskAgent = desk.services.session.currentAgent()!;

    // Both file the feedback under one theme before either syncs, each spelling it their way.
    field.services.feedbackThemes.tag(fieldAgent, { caseId: feedbackId, theme: 'Horaires' });
    desk.services.feedbackThemes.tag(deskAgent, { caseId: feedbackId, theme: '  horaires ' });
    desk.services.feedbackThemes.tag(deskAgent, { caseId: feedbackId, theme: 'Accueil' });
    for (const workspace of [field, desk, field, other]) await workspace.services.sync.engine.sync();

    expect(field.services.sync.status()).toMatchObject({ pending: 0, failure: null });
    expect(desk.services.sync.status()).toMatchObject({ pending: 0, failure: null });
    const stored = await centralRows();
    expect(stored.map((row) => [row.id, row.caseId, row.departmentId, row.theme, row.removedAt])).toEqual(
      [
        [caseTagId(feedbackId, 'Horaires'), feedbackId, server.city.voirie.id, 'Horaires', null],
        [caseTagId(feedbackId, 'Accueil'), feedbackId, server.city.voirie.id, 'Accueil', null],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    for (const workspace of [field, desk]) {
      expect(
        workspace.services.feedbackThemes
          .caseThemes(workspace.services.session.currentAgent()!, feedbackId)
          .themes.map((tag) => tag.theme)
          .sort(),
      ).toEqual(['Accueil', 'Horaires']);
    }
    expect(other.replica.db.select().from(caseTags).all()).toEqual([]);
    expect(field.services.feedbackThemes.feedbackThemes(fieldAgent, server.city.voirie.id)).toEqual([
      { theme: 'Accueil', count: 1, averageRating: 2, cases: [expect.objectContaining({ caseId: feedbackId, rating: 2 })] },
      { theme: 'Horaires', count: 1, averageRating: 2, cases: [expect.objectContaining({ caseId: feedbackId, rating: 2 })] },
    ]);

    desk.services.feedbackThemes.untag(deskAgent, { caseId: feedbackId, theme: 'HORAIRES' });
    await desk.services.sync.engine.sync();
    await field.services.sync.engine.sync();
    expect(field.services.feedbackThemes.caseThemes(fieldAgent, feedbackId).themes.map((tag) => tag.theme)).toEqual(['Accueil']);
    const [removed] = await testDb()
      .db.select()
      .from(centralTags)
      .where(eq(centralTags.id, caseTagId(feedbackId, 'Horaires')));
    expect(removed?.removedAt).not.toBeNull();
  });

  it('go with their case to the department it is transferred to', async () => {
    const desk = await server.workspace('camille@ville.example');
    const field = await server.workspace('terrain@ville.example');
    const other = await server.workspace('etat@ville.example');
    const deskAgent = desk.services.session.currentAgent()!;
    desk.services.feedbackThemes.tag(deskAgent, { caseId: feedbackId, theme: 'Horaires' });
    await desk.services.sync.engine.sync();
    await field.services.sync.engine.sync();
    expect(field.replica.db.select().from(caseTags).all()).toHaveLength(1);

    desk.services.cases.transfer(deskAgent, {
      caseId: feedbackId,
      expectedDepartmentId: server.city.voirie.id,
      categoryId: civilFeedbackCategory,
      comment: null,
    });
    await desk.services.sync.engine.sync();
    await field.services.sync.engine.sync();
    await other.services.sync.engine.sync();

    expect(field.replica.db.select().from(caseTags).all()).toEqual([]);
    expect(other.replica.db.select({ caseId: caseTags.caseId, theme: caseTags.theme }).from(caseTags).all()).toEqual([
      { caseId: feedbackId, theme: 'Horaires' },
    ]);
    expect((await centralRows()).map((row) => row.departmentId)).toEqual([server.city.etatCivil.id]);
  });

  describe('the central service decides on its own rows', () => {
    async function push(agentId: string, mutations: { name: string; args: unknown }[], clientId = uuidv7()) {
      const store = createPgSyncStore(testDb().db);
      const numbered = mutations.map((mutation, index) => ({ mutationId: index + 1, createdAt: at, ...mutation }));
      const { response } = await applyPush(
        store,
        agentId,
        { clientId, replicaFormat: REPLICA_FORMAT, mutations: numbered },
        () => new Date(at),
      );
      return response.results.map(({ outcome, error }) => ({ outcome, error }));
    }

    it('refuses a case that is not feedback, another department’s case as a missing one, and hostile or oversized themes', async () => {
      const { field } = server.city;
      const missing = uuidv7();
      expect(
        await push(field.id, [
          { name: 'case.tag', args: { caseId: reportId, theme: 'Horaires' } },
          { name: 'case.tag', args: { caseId: feedbackId, theme: 'Hor\u0000aires' } },
          { name: 'case.tag', args: { caseId: feedbackId, theme: 'Horaires \uD800' } },
          { name: 'case.tag', args: { caseId: feedbackId, theme: 'x'.repeat(81) } },
          { name: 'case.tag', args: { caseId: feedbackId, theme: '   ' } },
          { name: 'case.untag', args: { caseId: feedbackId, theme: 'Jamais posé' } },
        ]),
      ).toEqual([
        { outcome: 'conflict', error: { code: 'CASE_NOT_FEEDBACK', args: { caseId: reportId } } },
        { outcome: 'rejected', error: expect.objectContaining({ code: 'VALIDATION_FAILED' }) },
        { outcome: 'rejected', error: expect.objectContaining({ code: 'VALIDATION_FAILED' }) },
        { outcome: 'rejected', error: expect.objectContaining({ code: 'VALIDATION_FAILED' }) },
        { outcome: 'rejected', error: expect.objectContaining({ code: 'VALIDATION_FAILED' }) },
        { outcome: 'rejected', error: { code: 'RESOURCE_NOT_FOUND', args: {} } },
      ]);
      // Outside their departments, État civil's chief is told exactly what a case that does not exist tells.
      expect(
        await push(civilChief.id, [
          { name: 'case.tag', args: { caseId: feedbackId, theme: 'Horaires' } },
          { name: 'case.tag', args: { caseId: missing, theme: 'Horaires' } },
        ]),
      ).toEqual([
        { outcome: 'rejected', error: { code: 'CASE_NOT_FOUND', args: { caseId: feedbackId } } },
        { outcome: 'rejected', error: { code: 'CASE_NOT_FOUND', args: { caseId: missing } } },
      ]);
      expect(await centralRows()).toEqual([]);
    });

    it('keeps one row for a push replayed, and for the same theme pushed again in another spelling', async () => {
      const { field, counter } = server.city;
      const clientId = uuidv7();
      const once = [{ name: 'case.tag', args: { caseId: feedbackId, theme: 'Horaires' } }];
      expect(await push(field.id, once, clientId)).toEqual([{ outcome: 'applied', error: null }]);
      expect(await push(field.id, once, clientId)).toEqual([{ outcome: 'applied', error: null }]);
      expect(await push(counter.id, [{ name: 'case.tag', args: { caseId: feedbackId, theme: 'HORAIRES' } }])).toEqual([
        { outcome: 'applied', error: null },
      ]);
      const rows = await centralRows();
      expect(rows.map((row) => [row.theme, row.agentId, row.removedAt])).toEqual([['Horaires', field.id, null]]);
      // Taken off, then added back: the same row, restored.
      expect(
        await push(counter.id, [
          { name: 'case.untag', args: { caseId: feedbackId, theme: 'horaires' } },
          { name: 'case.tag', args: { caseId: feedbackId, theme: 'horaires' } },
        ]),
      ).toEqual([
        { outcome: 'applied', error: null },
        { outcome: 'applied', error: null },
      ]);
      expect((await centralRows()).map((row) => [row.theme, row.agentId, row.removedAt])).toEqual([['horaires', counter.id, null]]);
    });
  });
});
