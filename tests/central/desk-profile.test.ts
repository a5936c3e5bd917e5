import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { surveyResponses } from '../../src-central/db/schema';
import type { Agent } from '../../src-shared/schemas/entities';
import type { SurveyAnonymity } from '../../src-shared/schemas/surveys';
import { centralBuilders } from './support/builders';
import { useCentralTestDb } from './support/central-test-db';
import { password, type TestWorkspace } from './support/sync-city';
import { useSyncServer } from './support/sync-server';

const definition = {
  title: { default: 'Road works', fr: 'Travaux de voirie' },
  pages: [{ name: 'page1', elements: [{ type: 'rating', name: 'satisfaction', title: 'Satisfait ?', rateType: 'stars' }] }],
};

const agentOf = (workspace: TestWorkspace): Agent => {
  const agent = workspace.services.session.currentAgent();
  if (agent === null) throw new Error('no agent signed in');
  return agent;
};

/** The replica's copy of a response's profile, as the synthesis reads it. */
const replicaProfile = (workspace: TestWorkspace, id: string): unknown => {
  const row = workspace.replica.db.$client.prepare('SELECT profile FROM survey_responses WHERE id = ?').get(id) as
    { profile: string | null } | undefined;
  return row?.profile === null || row?.profile === undefined ? null : JSON.parse(row.profile);
};

/**
 * Desk entries (issue 12 §2, counter and phone) reach the central service by a push with `profile: null`: the
 * replica does not know the citizen's cases in other departments. The service stamps the profile in the push,
 * as it does for emailed answers, so the synthesis crosses departments for them too.
 */
describe('the respondent profile of a desk entry, stamped by the central service on PGlite', () => {
  const testDb = useCentralTestDb('pglite');
  const server = useSyncServer(testDb);

  beforeEach(async () => {
    await centralBuilders(testDb().db).buildAgent({
      name: 'Responsable Voirie',
      email: 'responsable@ville.example',
      password,
      roles: [{ departmentId: server.city.voirie.id, role: 'supervisor' }],
    });
  });

  async function syncAll(...workspaces: TestWorkspace[]): Promise<void> {
    for (const workspace of workspaces) await workspace.services.sync.engine.sync();
  }

  async function openSurvey(designer: TestWorkspace, anonymity: SurveyAnonymity) {
    const { id } = designer.services.surveys.save(agentOf(designer), {
      id: null,
      departmentId: server.city.voirie.id,
      anonymity,
      purpose: { fr: 'Mesurer la satisfaction après les travaux.', en: '' },
      definition,
      opensOn: null,
      closesOn: null,
      expectedVersion: null,
    });
    designer.services.surveys.setStatus(agentOf(designer), { id, from: 'draft', to: 'open' });
    return id;
  }

  it('stamps the departments of the citizen’s cases and their area on an identified desk entry, and every replica gets it', async () => {
    const designer = await server.workspace('responsable@ville.example');
    const desk = await server.workspace('camille@ville.example');
    const surveyId = await openSurvey(designer, 'identified');
    const { voirie, etatCivil, potHole, certificate } = server.city;
    const citizen = desk.services.citizens.create(agentOf(desk), {
      firstName: 'Léa',
      lastName: 'Martin',
      address: { line1: '3 rue des Lilas', line2: null, postalCode: '45210', city: 'Rivebelle' },
    });
    // A case in each department, one of them this one's: the synthesis crosses them.
    desk.services.cases.open(agentOf(desk), { categoryId: certificate.id, channel: 'counter', subject: 'Acte', citizenId: citizen.id });
    desk.services.cases.open(agentOf(desk), { categoryId: potHole.id, channel: 'counter', subject: 'Trou', citizenId: citizen.id });
    await syncAll(designer, desk);

    const answer = desk.services.surveys.recordResponse(agentOf(desk), {
      surveyId,
      channel: 'counter',
      collectorId: null,
      citizenId: citizen.id,
      caseId: null,
      answers: { satisfaction: 4 },
      note: null,
    });
    const stranger = desk.services.surveys.recordResponse(agentOf(desk), {
      surveyId,
      channel: 'phone',
      collectorId: null,
      citizenId: null,
      caseId: null,
      answers: { satisfaction: 1 },
      note: null,
    });
    expect(replicaProfile(desk, answer.id)).toBeNull();
    await syncAll(desk, designer, desk);

    const profile = { departmentsWithCase: [voirie.id, etatCivil.id].sort(), area: '45210' };
    const [stored] = await testDb().db.select().from(surveyResponses).where(eq(surveyResponses.id, answer.id));
    expect(stored).toMatchObject({ citizenId: citizen.id, channel: 'counter', profile });
    expect(replicaProfile(desk, answer.id)).toEqual(profile);
    expect(replicaProfile(designer, answer.id)).toEqual(profile);
    // Nobody named, nothing to stamp.
    const [unnamed] = await testDb().db.select().from(surveyResponses).where(eq(surveyResponses.id, stranger.id));
    expect(unnamed?.profile).toBeNull();
    expect(desk.services.sync.status()).toMatchObject({ pending: 0, failure: null });
  });

  it('counts the citizen file and the case the same push brings (an offline desk syncing at once)', async () => {
    const designer = await server.workspace('responsable@ville.example');
    const desk = await server.workspace('camille@ville.example');
    const surveyId = await openSurvey(designer, 'identified');
    await syncAll(designer, desk);
    const citizen = desk.services.citizens.create(agentOf(desk), {
      firstName: 'Hugo',
      lastName: 'Martin',
      address: { line1: '1 place du Marché', line2: null, postalCode: '45300', city: 'Rivebelle' },
    });
    desk.services.cases.open(agentOf(desk), {
      categoryId: server.city.certificate.id,
      channel: 'counter',
      subject: 'Acte',
      citizenId: citizen.id,
    });
    const answer = desk.services.surveys.recordResponse(agentOf(desk), {
      surveyId,
      channel: 'counter',
      collectorId: null,
      citizenId: citizen.id,
      caseId: null,
      answers: { satisfaction: 3 },
      note: null,
    });
    await syncAll(desk);
    const [stored] = await testDb().db.select().from(surveyResponses).where(eq(surveyResponses.id, answer.id));
    expect(stored?.profile).toEqual({ departmentsWithCase: [server.city.etatCivil.id], area: '45300' });
  });

  it('keeps no citizen, hence no profile, on an anonymous survey’s desk entry', async () => {
    const designer = await server.workspace('responsable@ville.example');
    const desk = await server.workspace('camille@ville.example');
    const surveyId = await openSurvey(designer, 'anonymous');
    const citizen = desk.services.citizens.create(agentOf(desk), { firstName: 'Léa', lastName: 'Martin' });
    await syncAll(designer, desk);
    const answer = desk.services.surveys.recordResponse(agentOf(desk), {
      surveyId,
      channel: 'counter',
      collectorId: null,
      citizenId: citizen.id,
      caseId: null,
      answers: { satisfaction: 4 },
      note: null,
    });
    await syncAll(desk);
    const [stored] = await testDb().db.select().from(surveyResponses).where(eq(surveyResponses.id, answer.id));
    expect(stored).toMatchObject({ citizenId: null, profile: null });
  });
});
