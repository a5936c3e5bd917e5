import type { Agent, Citizen, Department } from '../../src-shared/schemas/entities';
import type { RouterOutputs } from '../../src-renderer/app/trpc';

type CaseRow = RouterOutputs['search']['global']['cases'][number];

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
