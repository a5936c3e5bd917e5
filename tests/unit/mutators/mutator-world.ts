import type { Role } from '../../../src-shared/schemas/common';
import type { Agent, Case, Category, Citizen } from '../../../src-shared/schemas/entities';
import { decide, type MutationResult } from '../../../src-shared/mutations/mutators';
import type { MutationName } from '../../../src-shared/mutations/definitions';
import type { Decision, MutatorContext } from '../../../src-shared/mutations/effects';
import { GuichetError, type ErrorPayload } from '../../../src-shared/errors';

/** Fixed ids: the tables below read better with names than with generated uuids. */
export const ids = {
  voirie: '0190a000-0000-7000-8000-000000000001',
  etatCivil: '0190a000-0000-7000-8000-000000000002',
  potHole: '0190a000-0000-7000-8000-000000000011',
  birthCertificate: '0190a000-0000-7000-8000-000000000012',
  counter: '0190a000-0000-7000-8000-0000000000a1',
  supervisor: '0190a000-0000-7000-8000-0000000000a2',
  field: '0190a000-0000-7000-8000-0000000000a3',
  civilClerk: '0190a000-0000-7000-8000-0000000000a4',
  citizen: '0190a000-0000-7000-8000-0000000000c1',
  mergedCitizen: '0190a000-0000-7000-8000-0000000000c2',
  case: '0190a000-0000-7000-8000-0000000000d1',
  newCase: '0190a000-0000-7000-8000-0000000000d2',
  event: '0190a000-0000-7000-8000-0000000000e1',
  unknown: '0190a000-0000-7000-8000-0000000000ff',
} as const;

/** Monday 2 March 2026, 10:00 UTC: deadlines count working days from there. */
export const now = new Date('2026-03-02T10:00:00.000Z');

function agent(id: string, name: string, roles: [string, Role][]): Agent {
  return { id, name, email: `${id}@ville.example`, roles: roles.map(([departmentId, role]) => ({ departmentId, role })) };
}

export const agents = {
  counter: agent(ids.counter, 'Camille Accueil', [
    [ids.voirie, 'counter'],
    [ids.etatCivil, 'counter'],
  ]),
  supervisor: agent(ids.supervisor, 'Responsable Voirie', [[ids.voirie, 'supervisor']]),
  field: agent(ids.field, 'Agent de terrain Voirie', [[ids.voirie, 'field']]),
  civilClerk: agent(ids.civilClerk, 'Agent État civil', [[ids.etatCivil, 'supervisor']]),
} as const;

export function buildCategory(overrides: Partial<Category> = {}): Category {
  return {
    id: ids.potHole,
    departmentId: ids.voirie,
    serviceCode: 'voirie-nid',
    label: 'Nid-de-poule',
    kind: 'report',
    deadlineDays: 10,
    deadlineKind: 'working',
    defaultPriority: 'normal',
    duplicateRadiusM: 50,
    retentionMonths: 36,
    ...overrides,
  };
}

export const categories = [
  buildCategory(),
  buildCategory({
    id: ids.birthCertificate,
    departmentId: ids.etatCivil,
    serviceCode: 'ec-naissance',
    label: 'Copie d’acte de naissance',
    kind: 'request',
    deadlineDays: 5,
    deadlineKind: 'calendar',
    defaultPriority: 'low',
  }),
];

export function buildCitizen(overrides: Partial<Citizen> = {}): Citizen {
  return {
    id: ids.citizen,
    firstName: 'Élodie',
    lastName: 'Hervé',
    birthDate: '1980-05-12',
    email: 'elodie.herve@exemple.fr',
    phone: null,
    address: { line1: '3 rue de la Paix', line2: null, postalCode: '45210', city: 'Rivebelle' },
    latitude: null,
    longitude: null,
    preferredChannel: 'email',
    consents: { email: true, sms: false, surveys: false },
    certification: 'declared',
    mergedInto: null,
    createdAt: '2026-01-01T10:00:00.000Z',
    updatedAt: '2026-01-01T10:00:00.000Z',
    version: 3,
    ...overrides,
  };
}

export function buildCase(overrides: Partial<Case> = {}): Case {
  return {
    id: ids.case,
    trackingCode: 'K7MP-3QXW',
    kind: 'report',
    citizenId: ids.citizen,
    categoryId: ids.potHole,
    departmentId: ids.voirie,
    channel: 'counter',
    subject: 'Nid-de-poule devant l’école',
    description: 'Profond, près du passage piéton.',
    address: '12 rue des Lilas',
    latitude: null,
    longitude: null,
    status: 'new',
    priority: 'normal',
    assigneeId: null,
    parentId: null,
    duplicateOfId: null,
    deadline: '2026-03-16',
    deadlinePausedAt: null,
    createdAt: '2026-02-27T09:00:00.000Z',
    updatedAt: '2026-02-27T09:00:00.000Z',
    closedAt: null,
    version: 2,
    ...overrides,
  };
}

export interface World {
  cases?: Case[];
  citizens?: Citizen[];
  /** Rows of entities read through `read.row` (surveys, their collectors and responses), by entity name. */
  rows?: Record<string, { id: string }[]>;
}

/** What a mutator may read, answered from plain arrays: no database. */
export function contextFor(actor: Agent, world: World = {}): MutatorContext {
  const cases = world.cases ?? [buildCase()];
  const citizens = world.citizens ?? [buildCitizen(), buildCitizen({ id: ids.mergedCitizen, mergedInto: ids.citizen })];
  const everyAgent: Agent[] = Object.values(agents);
  return {
    agent: actor,
    now,
    read: {
      case: (id) => cases.find((row) => row.id === id) ?? null,
      citizen: (id) => citizens.find((row) => row.id === id) ?? null,
      category: (id) => categories.find((row) => row.id === id) ?? null,
      agent: (id) => everyAgent.find((row) => row.id === id) ?? null,
      row: (entity, id) => (world.rows?.[entity]?.find((row) => row.id === id) as Record<string, unknown> | undefined) ?? null,
    },
  };
}

/** Runs a mutation through `decide` (arguments parsed as on the wire) and returns its decision. */
export function run<N extends MutationName>(ctx: MutatorContext, name: N, args: unknown): Decision<MutationResult<N>> {
  const { effects, result } = decide(ctx, name, args);
  return { effects, result };
}

/** The refusal a mutation ends with, as it travels (code and arguments); fails the test when it is accepted. */
export function refusal(ctx: MutatorContext, name: MutationName, args: unknown): ErrorPayload {
  try {
    decide(ctx, name, args);
  } catch (error) {
    if (error instanceof GuichetError) return error.toPayload();
    throw error;
  }
  throw new Error(`${name} was accepted`);
}
