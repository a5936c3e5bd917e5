import type { Agent, Citizen, Department } from '../../src-shared/schemas/entities';
import type { RouterOutputs } from '../../src-renderer/app/trpc';

type CaseRow = RouterOutputs['search']['global']['cases'][number];
type SyncStatus = RouterOutputs['sync']['status'];
type RefusedChange = RouterOutputs['sync']['inbox'][number];

export const voirie: Department = { id: '0190a000-0000-7000-8000-000000000001', code: 'VOI', name: 'Voirie' };

export function buildAgent(overrides: Partial<Agent> = {}): Agent {
  return {
    id: '0190a000-0000-7000-8000-0000000000a1',
    name: 'Camille Martin',
    email: 'camille.martin@ville.example',
    roles: [{ departmentId: voirie.id, role: 'counter' }],
    ...overrides,
  };
}

export function buildCitizen(overrides: Partial<Citizen> = {}): Citizen {
  return {
    id: '0190a000-0000-7000-8000-0000000000c1',
    firstName: 'Jeanne',
    lastName: 'Dupont',
    birthDate: '1980-03-12',
    email: 'jeanne.dupont@example.fr',
    phone: '0612345678',
    address: { line1: '12 rue des Lilas', line2: null, postalCode: '75011', city: 'Paris' },
    latitude: null,
    longitude: null,
    preferredChannel: 'email',
    consents: { email: true, sms: false, surveys: false },
    certification: 'declared',
    mergedInto: null,
    createdAt: '2026-01-05T09:00:00.000Z',
    updatedAt: '2026-01-05T09:00:00.000Z',
    version: 1,
    ...overrides,
  };
}

export function buildCaseRow(overrides: Partial<CaseRow> = {}): CaseRow {
  return {
    id: '0190a000-0000-7000-8000-0000000000d1',
    trackingCode: 'K7MP-3QXW',
    kind: 'report',
    subject: "Nid-de-poule devant l'école",
    status: 'new',
    priority: 'normal',
    channel: 'counter',
    departmentId: voirie.id,
    categoryId: '0190a000-0000-7000-8000-0000000000e1',
    assigneeId: null,
    citizenId: null,
    citizenName: null,
    address: null,
    deadline: '2026-12-01',
    createdAt: '2026-11-20T10:00:00.000Z',
    updatedAt: '2026-11-20T10:00:00.000Z',
    ...overrides,
  };
}

/** Defaults: a desk without a central service. `buildSyncStatus({ configured: true, signedIn: true, … })`. */
export function buildSyncStatus(overrides: Partial<SyncStatus> = {}): SyncStatus {
  return {
    configured: false,
    signedIn: false,
    centralUrl: null,
    online: false,
    live: false,
    pending: 0,
    inbox: 0,
    lastSyncAt: null,
    progress: null,
    upgradeRequired: false,
    failure: null,
    sessionEnded: null,
    ...overrides,
  };
}

export function buildRefusal(overrides: Partial<RefusedChange> = {}): RefusedChange {
  return {
    mutationId: 7,
    agentId: '0190a000-0000-7000-8000-0000000000a1',
    name: 'case.comment',
    args: {
      caseId: '0190a000-0000-7000-8000-0000000000d1',
      visibility: 'internal',
      body: 'Rappeler l’usager avant vendredi.',
      eventId: '0190a000-0000-7000-8000-0000000000f1',
    },
    outcome: 'rejected',
    error: { code: 'NOT_A_MEMBER', args: { departmentId: voirie.id } },
    createdAt: '2026-11-20T13:02:00.000Z',
    refusedAt: '2026-11-20T13:05:00.000Z',
    resolution: null,
    ...overrides,
  };
}
