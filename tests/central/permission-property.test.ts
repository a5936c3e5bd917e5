import fc from 'fast-check';
import { v7 as uuidv7 } from 'uuid';
import { beforeEach, describe, expect, it } from 'vitest';
import { ruleFor, transitionRules } from '../../src-shared/domain/case-status';
import { mayPerform, permissionActions, type PermissionAction } from '../../src-shared/domain/permissions';
import type { ErrorPayload } from '../../src-shared/errors';
import type { MutationName } from '../../src-shared/mutations';
import { roleSchema, type CaseStatus, type Role } from '../../src-shared/schemas/common';
import type { CaseAction } from '../../src-shared/schemas/procedures';
import { REPLICA_FORMAT } from '../../src-shared/sync';
import { cases, citizens, outcomes, surveyResponses } from '../../src-central/db/schema';
import { createPgSyncStore } from '../../src-central/stores/postgres/pg-store';
import { applyPush } from '../../src-central/sync/push';
import { centralBuilders } from './support/builders';
import { sampleDefinition, surveyBuilders } from './support/survey-builders';
import { dbKinds, useCentralTestDb } from './support/central-test-db';
import { buildSyncCity } from './support/sync-city';

const now = () => new Date('2026-03-02T09:00:00.000Z');
const at = now().toISOString();

type Place = 'A' | 'B';
/**
 * Every permission the push path decides; `citizen.read` is checked through `case.open` naming a citizen.
 * `survey.synthesis.read` is no mutation: the synthesis reads the replica, which holds only the surveys of
 * the agent's departments (the pull's scope, tests/central/survey-sync.test.ts), and the workspace's service
 * asks the table again (tests/integration/survey-synthesis.test.ts).
 */
type Pushed = Exclude<PermissionAction, 'citizen.read' | 'survey.synthesis.read'>;
/**
 * `case.comment+tag`: a theme on a feedback case (`case.tag`), which asks `case.comment` (who may reply to it)
 * in one of the agent's own departments: the desk's reach beyond them does not extend to a department's themes.
 */
type Attempt = Pushed | 'case.open+citizen' | 'case.comment+tag';

const attempts: Attempt[] = [
  ...permissionActions.filter((action): action is Pushed => action !== 'citizen.read' && action !== 'survey.synthesis.read'),
  'case.open+citizen',
  'case.comment+tag',
];

/** The mutation each survey or outcome permission is drawn through (a row of the place exists for all but the first). */
const surveyMutations: Partial<Record<Attempt, MutationName>> = {
  'survey.design': 'survey.save',
  'survey.response.enter': 'surveyResponse.record',
  'survey.answer.tag': 'answer.tag',
  'outcome.publish': 'outcome.publish',
};

const transitionAction = (attempt: Attempt): CaseAction | null =>
  attempt.startsWith('case.transition.') ? (attempt.slice('case.transition.'.length) as CaseAction) : null;

/** Statuses from which the mutation applies when allowed, so "allowed" reads as "applied". */
function statusesFor(attempt: Attempt): readonly CaseStatus[] {
  const action = transitionAction(attempt);
  if (action !== null) return ruleFor(action).from;
  if (attempt === 'case.transfer') return ['new', 'qualified'];
  if (attempt === 'case.reassign') return ['assigned', 'in_progress', 'waiting_citizen'];
  if (attempt === 'case.update') return ['new', 'qualified', 'assigned', 'in_progress', 'waiting_citizen', 'resolved'];
  return ['new', 'qualified', 'assigned', 'in_progress', 'waiting_citizen', 'resolved', 'closed', 'rejected', 'cancelled'];
}

function mutationName(attempt: Attempt): MutationName {
  if (transitionAction(attempt) !== null) return 'case.transition';
  const surveyMutation = surveyMutations[attempt];
  if (surveyMutation !== undefined) return surveyMutation;
  if (attempt === 'case.comment+tag') return 'case.tag';
  return (attempt === 'case.open+citizen' ? 'case.open' : attempt) as MutationName;
}

/** What the table says for the attempt (a citizen named on a case needs the citizen file as well). */
function allowedByTable(agent: { roles: { departmentId: string; role: Role }[] }, attempt: Attempt, departmentId: string): boolean {
  if (attempt === 'case.open+citizen') return mayPerform(agent, 'case.open', departmentId) && mayPerform(agent, 'citizen.read', null);
  if (attempt === 'case.comment+tag')
    return mayPerform(agent, 'case.comment', departmentId) && agent.roles.some((role) => role.departmentId === departmentId);
  if (attempt.startsWith('citizen.')) return mayPerform(agent, attempt as PermissionAction, null);
  return mayPerform(agent, attempt as PermissionAction, departmentId);
}

const scenario = fc.record({
  grants: fc.uniqueArray(fc.record({ place: fc.constantFrom<Place>('A', 'B'), role: fc.constantFrom(...roleSchema.options) }), {
    maxLength: 3,
    selector: (grant) => `${grant.place}:${grant.role}`,
  }),
  attempt: fc.constantFrom(...attempts),
  place: fc.constantFrom<Place>('A', 'B'),
  statusPick: fc.nat(20),
});
type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

/** Each attempt by each single role, on a row of its department and of the other: always run first. */
const everyCell: [Scenario][] = attempts.flatMap((attempt) =>
  roleSchema.options.flatMap((role) =>
    (['A', 'B'] as const).map((place): [Scenario] => [{ grants: [{ place: 'A', role }], attempt, place, statusPick: 0 }]),
  ),
);

/**
 * For every mutation × role × a row inside or outside the agent's departments, the central service's
 * decision is the permission table's (src-shared/domain/permissions.ts): applied when it allows, refused
 * with FORBIDDEN when it does not (or CASE_NOT_FOUND, SURVEY_NOT_FOUND, RESOURCE_NOT_FOUND, exactly as for a
 * missing row, when the row lies outside the agent's departments), and a refusal names nothing of the row.
 */
describe.each(dbKinds)('the central decision follows the permission table, on %s', (kind) => {
  const testDb = useCentralTestDb(kind);
  let city: Awaited<ReturnType<typeof buildSyncCity>>;
  let fieldB: { id: string };

  beforeEach(async () => {
    city = await buildSyncCity(testDb().db);
    fieldB = await centralBuilders(testDb().db).buildAgent({
      name: 'Terrain État civil',
      password: null,
      roles: [{ departmentId: city.etatCivil.id, role: 'field' }],
    });
  });

  const insertCitizen = async () => {
    const id = uuidv7();
    await testDb().db.insert(citizens).values({
      id,
      firstName: 'Jeanne',
      lastName: 'Dupont',
      preferredChannel: 'email',
      consentEmail: false,
      consentSms: false,
      consentSurveys: false,
      certification: 'declared',
      createdAt: at,
      updatedAt: at,
      version: 1,
      rowVersion: 1,
    });
    return id;
  };

  const insertCase = async (
    departmentId: string,
    categoryId: string,
    status: CaseStatus,
    assigneeId: string,
    kind: 'report' | 'feedback' = 'report',
  ) => {
    const id = uuidv7();
    await testDb()
      .db.insert(cases)
      .values({
        id,
        trackingCode: id.slice(-12),
        kind,
        categoryId,
        departmentId,
        channel: 'phone',
        subject: 'Demande',
        description: '',
        status,
        priority: 'normal',
        assigneeId: status === 'new' || status === 'qualified' ? null : assigneeId,
        deadline: '2026-03-20',
        createdAt: at,
        updatedAt: at,
        version: 1,
        rowVersion: 1,
      });
    return id;
  };

  /**
   * A row of the place the attempt acts on, and how its refusal reads to an agent outside the place's
   * departments: exactly as for a row that does not exist (`missing`: the same arguments naming none).
   */
  interface Drawn {
    args: Record<string, unknown>;
    hidden: { error: ErrorPayload; missing(): { args: Record<string, unknown>; error: ErrorPayload } } | null;
  }

  const caseHidden = (args: Record<string, unknown>, caseId: string): Drawn => ({
    args,
    hidden: {
      error: { code: 'CASE_NOT_FOUND', args: { caseId } },
      missing: () => {
        const other = uuidv7();
        return { args: { ...args, caseId: other }, error: { code: 'CASE_NOT_FOUND', args: { caseId: other } } };
      },
    },
  });

  async function surveyArgsFor(attempt: Attempt, departmentId: string): Promise<Drawn | null> {
    const notFound = (args: Record<string, unknown>, key: string): Drawn['hidden'] => ({
      error: { code: 'RESOURCE_NOT_FOUND', args: {} },
      missing: () => ({ args: { ...args, [key]: uuidv7() }, error: { code: 'RESOURCE_NOT_FOUND', args: {} } }),
    });
    if (attempt === 'survey.design') {
      const args = {
        id: uuidv7(),
        departmentId,
        anonymity: 'anonymous',
        purpose: { fr: 'Mesurer la satisfaction.', en: '' },
        definition: sampleDefinition,
        opensOn: null,
        closesOn: null,
        expectedVersion: null,
      };
      return { args, hidden: null };
    }
    if (attempt === 'outcome.publish') {
      const id = uuidv7();
      const title = { fr: 'Horaires élargis', en: '' };
      await testDb().db.insert(outcomes).values({
        id,
        departmentId,
        title,
        body: title,
        surveyIds: [],
        caseIds: [],
        status: 'draft',
        createdAt: at,
        updatedAt: at,
        version: 1,
        rowVersion: 1,
      });
      const args = { id, expectedVersion: 1 };
      return { args, hidden: notFound(args, 'id') };
    }
    if (attempt !== 'survey.response.enter' && attempt !== 'survey.answer.tag') return null;
    const survey = await surveyBuilders(testDb().db).buildSurvey({ departmentId });
    if (attempt === 'survey.response.enter') {
      const record = {
        id: uuidv7(),
        surveyId: survey.id,
        channel: 'counter',
        collectorId: null,
        citizenId: null,
        caseId: null,
        answers: { satisfaction: 4 },
        note: null,
      };
      return {
        args: record,
        hidden: {
          error: { code: 'SURVEY_NOT_FOUND', args: { surveyId: survey.id } },
          missing: () => {
            const other = uuidv7();
            return { args: { ...record, surveyId: other }, error: { code: 'SURVEY_NOT_FOUND', args: { surveyId: other } } };
          },
        },
      };
    }
    const responseId = uuidv7();
    await testDb()
      .db.insert(surveyResponses)
      .values({
        id: responseId,
        surveyId: survey.id,
        departmentId,
        channel: 'link',
        answers: { satisfaction: 2, remarks: 'Trop d’attente' },
        submittedAt: at,
        rowVersion: 1,
      });
    const args = { id: uuidv7(), responseId, question: 'remarks', theme: 'Attente' };
    return { args, hidden: notFound(args, 'responseId') };
  }

  async function argsFor(attempt: Attempt, place: Place, status: CaseStatus): Promise<Drawn> {
    const here = place === 'A' ? city.voirie : city.etatCivil;
    const drawn = await surveyArgsFor(attempt, here.id);
    if (drawn !== null) return drawn;
    const [category, elsewhere] = place === 'A' ? [city.potHole, city.certificate] : [city.certificate, city.potHole];
    const assigneeId = place === 'A' ? city.field.id : fieldB.id;
    const eventId = uuidv7();
    if (attempt === 'citizen.create') return { args: { id: uuidv7(), firstName: 'Léa', lastName: 'Martin' }, hidden: null };
    if (attempt === 'citizen.update')
      return { args: { id: await insertCitizen(), expectedVersion: 1, values: { firstName: 'Léa', lastName: 'Martin' } }, hidden: null };
    if (attempt === 'case.open' || attempt === 'case.open+citizen') {
      const id = uuidv7();
      const citizenId = attempt === 'case.open' ? null : await insertCitizen();
      return {
        args: { id, trackingCode: id.slice(-12), eventId, categoryId: category.id, citizenId, channel: 'field', subject: 'Signalement' },
        hidden: null,
      };
    }
    const caseId = await insertCase(here.id, category.id, status, assigneeId, attempt === 'case.comment+tag' ? 'feedback' : 'report');
    const action = transitionAction(attempt);
    if (action !== null) return caseHidden({ caseId, action, expectedStatus: status, assigneeId, comment: 'Motif', eventId }, caseId);
    if (attempt === 'case.transfer')
      return caseHidden({ caseId, expectedDepartmentId: here.id, categoryId: elsewhere.id, comment: null, eventId }, caseId);
    if (attempt === 'case.update') return caseHidden({ caseId, expectedVersion: 1, subject: 'Demande précisée', eventId }, caseId);
    if (attempt === 'case.reassign') return caseHidden({ caseId, assigneeId, comment: null, eventId }, caseId);
    if (attempt === 'case.comment+tag') return caseHidden({ caseId, theme: 'Horaires' }, caseId);
    return caseHidden({ caseId, visibility: 'internal', body: 'Note', eventId }, caseId);
  }

  async function push(agentId: string, name: MutationName, args: unknown) {
    const store = createPgSyncStore(testDb().db);
    const mutations = [{ mutationId: 1, name, createdAt: at, args }];
    const { response } = await applyPush(store, agentId, { clientId: uuidv7(), replicaFormat: REPLICA_FORMAT, mutations }, now);
    const [result] = response.results;
    if (result === undefined) throw new Error('no result');
    return result;
  }

  it('applies what the table allows and refuses the rest with a reason that names nothing of the row', async () => {
    const { buildAgent } = centralBuilders(testDb().db);
    await fc.assert(
      fc.asyncProperty(scenario, async ({ grants, attempt, place, statusPick }) => {
        const departmentOf = (where: Place) => (where === 'A' ? city.voirie.id : city.etatCivil.id);
        const roles = grants.map((grant) => ({ departmentId: departmentOf(grant.place), role: grant.role }));
        const agent = await buildAgent({ password: null, roles });
        const statuses = statusesFor(attempt);
        const status = statuses[statusPick % statuses.length] as CaseStatus;
        const { args, hidden } = await argsFor(attempt, place, status);
        const name = mutationName(attempt);

        const result = await push(agent.id, name, args);

        const departmentId = departmentOf(place);
        if (allowedByTable({ roles }, attempt, departmentId)) {
          expect(result, `${attempt} by ${JSON.stringify(grants)} in ${place}`).toMatchObject({ outcome: 'applied', error: null });
          return;
        }
        const outside = hidden !== null && !roles.some((role) => role.departmentId === departmentId) ? hidden : null;
        const reason: ErrorPayload = outside?.error ?? { code: 'FORBIDDEN', args: { action: name } };
        expect(result, `${attempt} by ${JSON.stringify(grants)} in ${place}`).toEqual({
          mutationId: 1,
          outcome: 'rejected',
          error: reason,
        });
        if (outside !== null) {
          // The same answer as for a row that does not exist: the refusal tells nothing of its existence.
          const missing = outside.missing();
          const nowhere = await push(agent.id, name, missing.args);
          expect(nowhere).toEqual({ mutationId: 1, outcome: 'rejected', error: missing.error });
        }
      }),
      { numRuns: everyCell.length + 60, examples: everyCell, seed: 20261207 },
    );
  }, 120_000);

  it('covers every transition rule of the state machine', () => {
    expect(attempts.filter((attempt) => transitionAction(attempt) !== null).sort()).toEqual(
      transitionRules.map((rule) => `case.transition.${rule.action}`).sort(),
    );
  });
});
