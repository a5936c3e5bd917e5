import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { surveyCollectors, surveyResponses, surveys } from '../../src-central/db/schema';
import { createRepositories } from '../../src-main/repositories/repositories';
import type { Agent } from '../../src-shared/schemas/entities';
import { centralBuilders } from './support/builders';
import { useCentralTestDb } from './support/central-test-db';
import { password, type TestWorkspace } from './support/sync-city';
import { useSyncServer } from './support/sync-server';

const definition = {
  title: { default: 'Road works', fr: 'Travaux de voirie' },
  pages: [
    {
      name: 'page1',
      elements: [
        { type: 'rating', name: 'satisfaction', title: { default: 'Satisfied?', fr: 'Satisfait ?' }, rateType: 'stars', isRequired: true },
        { type: 'comment', name: 'why', title: { default: 'Why?', fr: 'Pourquoi ?' } },
      ],
    },
  ],
};

const agentOf = (workspace: TestWorkspace): Agent => {
  const agent = workspace.services.session.currentAgent();
  if (agent === null) throw new Error('no agent signed in');
  return agent;
};

const rows = (workspace: TestWorkspace, table: string) =>
  workspace.replica.db.$client.prepare(`SELECT id, department_id AS departmentId FROM ${table} ORDER BY id`).all();

/**
 * Surveys through the real sync (issue 12): designed and opened on a supervisor's workspace, answered at the
 * desk, they reach the central service and every workspace of their department, and no other.
 */
describe('a survey, its collectors and a desk answer, synced on PGlite', () => {
  const testDb = useCentralTestDb('pglite');
  const server = useSyncServer(testDb);

  beforeEach(async () => {
    const { buildAgent } = centralBuilders(testDb().db);
    await buildAgent({
      name: 'Responsable Voirie',
      email: 'responsable@ville.example',
      password,
      roles: [{ departmentId: server.city.voirie.id, role: 'supervisor' }],
    });
    await buildAgent({
      name: 'Responsable État civil',
      email: 'etat@ville.example',
      password,
      roles: [{ departmentId: server.city.etatCivil.id, role: 'supervisor' }],
    });
  });

  async function syncAll(...workspaces: TestWorkspace[]): Promise<void> {
    for (const workspace of workspaces) await workspace.services.sync.engine.sync();
  }

  it('reaches the central service and the department’s workspaces, not another department’s', async () => {
    const designer = await server.workspace('responsable@ville.example');
    const desk = await server.workspace('camille@ville.example');
    const field = await server.workspace('terrain@ville.example');
    const other = await server.workspace('etat@ville.example');
    const voirie = server.city.voirie.id;

    const { id } = designer.services.surveys.save(agentOf(designer), {
      id: null,
      departmentId: voirie,
      anonymity: 'identified',
      purpose: { fr: 'Mesurer la satisfaction après les travaux.', en: '' },
      definition,
      opensOn: null,
      closesOn: null,
      expectedVersion: null,
    });
    designer.services.surveys.setStatus(agentOf(designer), { id, from: 'draft', to: 'open' });
    const kiosk = designer.services.surveys.saveCollector(agentOf(designer), {
      id: null,
      surveyId: id,
      label: 'Hall de la mairie',
      settings: { kind: 'kiosk' },
      status: 'active',
    });
    await syncAll(designer, desk);

    const caseId = desk.services.cases.open(agentOf(desk), { categoryId: server.city.potHole.id, channel: 'counter', subject: 'Trou' }).id;
    const answer = desk.services.surveys.recordResponse(agentOf(desk), {
      surveyId: id,
      channel: 'counter',
      collectorId: null,
      citizenId: null,
      caseId,
      answers: { satisfaction: 2, why: 'Trop long.' },
      note: null,
    });
    await syncAll(desk, designer, field, other);

    expect(designer.services.sync.status()).toMatchObject({ pending: 0, failure: null });
    expect(desk.services.sync.status()).toMatchObject({ pending: 0, failure: null });
    const [stored] = await testDb().db.select().from(surveys).where(eq(surveys.id, id));
    expect(stored).toMatchObject({ status: 'open', departmentId: voirie, version: 2, definition });
    expect(await testDb().db.select().from(surveyCollectors)).toMatchObject([
      { id: kiosk.id, surveyId: id, departmentId: voirie, stats: { responded: 0, problem: null } },
    ]);
    expect(await testDb().db.select().from(surveyResponses)).toMatchObject([
      { id: answer.id, surveyId: id, departmentId: voirie, channel: 'counter', caseId, answers: { satisfaction: 2, why: 'Trop long.' } },
    ]);

    // The field agent of the department reads it all (its one response as « < 5 »: null); the other department's
    // supervisor nothing of it.
    expect(field.services.surveys.list(agentOf(field))).toEqual([
      expect.objectContaining({
        id,
        status: 'open',
        responses: null,
        title: { fr: 'Travaux de voirie', en: 'Road works' },
        mayDesign: false,
      }),
    ]);
    expect(rows(field, 'survey_collectors')).toEqual([{ id: kiosk.id, departmentId: voirie }]);
    expect(designer.services.surveys.caseFeedback(caseId)).toEqual([
      expect.objectContaining({
        id: answer.id,
        items: [expect.objectContaining({ name: 'satisfaction', score: { value: 2, max: 5 } }), expect.objectContaining({ name: 'why' })],
      }),
    ]);
    for (const table of ['surveys', 'survey_collectors', 'survey_responses']) expect(rows(other, table)).toEqual([]);
    // No GUICHET_PUBLIC_URL: citizens reach the service where it listens, as the sign-in told the workspace.
    expect(designer.services.surveys.publicUrl()).toBe(server.url);
    expect(other.services.surveys.list(agentOf(other))).toEqual([]);
  });

  it('refuses on the central service what the replica of a stale designer accepted: a conflicting edit', async () => {
    const first = await server.workspace('responsable@ville.example');
    const second = await server.workspace('responsable@ville.example');
    const input = {
      id: null,
      departmentId: server.city.voirie.id,
      anonymity: 'anonymous' as const,
      purpose: { fr: 'Avis.', en: '' },
      definition,
      opensOn: null,
      closesOn: null,
      expectedVersion: null,
    };
    const { id } = first.services.surveys.save(agentOf(first), input);
    await syncAll(first, second);
    first.services.surveys.save(agentOf(first), { ...input, id, expectedVersion: 1, purpose: { fr: 'Premier.', en: '' } });
    second.services.surveys.save(agentOf(second), { ...input, id, expectedVersion: 1, purpose: { fr: 'Second.', en: '' } });
    await syncAll(first, second);

    const [stored] = await testDb().db.select().from(surveys).where(eq(surveys.id, id));
    expect(stored).toMatchObject({ version: 2, purpose: { fr: 'Premier.' } });
    expect(createRepositories(second.replica.db).syncInbox.open()).toEqual([
      expect.objectContaining({ name: 'survey.save', error: expect.objectContaining({ code: 'VERSION_CONFLICT' }) }),
    ]);
    await syncAll(second);
    expect(second.services.surveys.detail(agentOf(second), id).survey).toMatchObject({ version: 2, purpose: { fr: 'Premier.' } });
  });
});
