import { v7 as uuidv7 } from 'uuid';
import { normalizeName } from '../../src-shared/domain/similarity';
import { generateTrackingCode } from '../../src-shared/domain/tracking-code';
import type { Role } from '../../src-shared/schemas/common';
import type { ReplicaDb } from '../../src-main/db/open-replica';
import { agentRoles, agents, caseEvents, cases, categories, citizens, departments } from '../../src-main/db/schema';

type Insert<T extends { $inferInsert: unknown }> = Partial<T['$inferInsert']>;

/** Typed builders: valid defaults, named overrides, rows written straight to the replica. */
export function builders(db: ReplicaDb) {
  let codes = 0;
  const unique = () => `${Date.now().toString(36)}${(codes++).toString(36)}`;

  const buildDepartment = (overrides: Insert<typeof departments> = {}) => {
    const row = { id: uuidv7(), code: `DEP-${unique()}`, name: 'Voirie', ...overrides };
    db.insert(departments).values(row).run();
    return row;
  };

  const buildCategory = (overrides: Insert<typeof categories> & { departmentId: string }) => {
    const row = {
      id: uuidv7(),
      serviceCode: `cat-${unique()}`,
      label: 'Nid-de-poule',
      kind: 'report' as const,
      deadlineDays: 10,
      deadlineKind: 'working' as const,
      defaultPriority: 'normal' as const,
      duplicateRadiusM: 50,
      retentionMonths: 36,
      ...overrides,
    };
    db.insert(categories).values(row).run();
    return row;
  };

  const buildAgent = (overrides: { name?: string; roles?: { departmentId: string; role: Role }[] } = {}) => {
    const id = uuidv7();
    const name = overrides.name ?? 'Camille Accueil';
    db.insert(agents)
      .values({ id, name, email: `agent-${unique()}@ville.example` })
      .run();
    for (const role of overrides.roles ?? [])
      db.insert(agentRoles)
        .values({ agentId: id, ...role })
        .run();
    return { id, name, roles: overrides.roles ?? [] };
  };

  const buildCitizen = (overrides: Insert<typeof citizens> = {}) => {
    const firstName = overrides.firstName ?? 'Élodie';
    const lastName = overrides.lastName ?? 'Hervé';
    const row = {
      id: uuidv7(),
      firstName,
      lastName,
      nameKey: normalizeName(`${firstName} ${lastName}`),
      birthDate: '1980-05-12',
      email: `citoyen-${unique()}@exemple.fr`,
      phone: null,
      addressLine1: '3 rue de la Paix',
      addressLine2: null,
      postalCode: '45210',
      city: 'Rivebelle',
      preferredChannel: 'email' as const,
      consentEmail: true,
      consentSms: false,
      consentSurveys: false,
      certification: 'declared' as const,
      createdAt: '2026-01-01T10:00:00.000Z',
      updatedAt: '2026-01-01T10:00:00.000Z',
      version: 1,
      ...overrides,
    };
    db.insert(citizens).values(row).run();
    return row;
  };

  const buildCase = (overrides: Insert<typeof cases> & { categoryId: string; departmentId: string }) => {
    const row = {
      id: uuidv7(),
      trackingCode: generateTrackingCode(),
      kind: 'report' as const,
      channel: 'counter' as const,
      subject: 'Nid-de-poule devant l’école',
      description: '',
      status: 'new' as const,
      priority: 'normal' as const,
      deadline: '2026-03-16',
      createdAt: '2026-03-02T09:00:00.000Z',
      updatedAt: '2026-03-02T09:00:00.000Z',
      version: 1,
      ...overrides,
    };
    db.insert(cases).values(row).run();
    db.insert(caseEvents).values({ id: uuidv7(), caseId: row.id, type: 'created', at: row.createdAt, agentId: null, data: {} }).run();
    return row;
  };

  /** A small city: two departments, a category each, a counter agent for both, a supervisor and a field agent of the first. */
  const buildCity = () => {
    const voirie = buildDepartment({ name: 'Voirie', code: 'VOIRIE' });
    const etatCivil = buildDepartment({ name: 'État civil', code: 'ETAT-CIVIL' });
    const potHole = buildCategory({ departmentId: voirie.id, label: 'Nid-de-poule', deadlineDays: 10 });
    const birthCertificate = buildCategory({
      departmentId: etatCivil.id,
      label: 'Copie d’acte de naissance',
      kind: 'request',
      deadlineDays: 5,
    });
    const counter = buildAgent({
      name: 'Camille Accueil',
      roles: [
        { departmentId: voirie.id, role: 'counter' },
        { departmentId: etatCivil.id, role: 'counter' },
      ],
    });
    const supervisor = buildAgent({ name: 'Responsable Voirie', roles: [{ departmentId: voirie.id, role: 'supervisor' }] });
    const field = buildAgent({ name: 'Agent de terrain', roles: [{ departmentId: voirie.id, role: 'field' }] });
    return { voirie, etatCivil, potHole, birthCertificate, counter, supervisor, field };
  };

  return { buildDepartment, buildCategory, buildAgent, buildCitizen, buildCase, buildCity };
}
