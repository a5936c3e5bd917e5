import { v7 as uuidv7 } from 'uuid';
import { hashPassword } from '../../../src-central/auth/passwords';
import type { CentralDb } from '../../../src-central/db/central-db-types';
import { agentRoles, agents, departments } from '../../../src-central/db/schema';
import type { Role } from '../../../src-shared/schemas/common';

/** Typed builders with valid defaults and named overrides; rows written straight to the central database. */
export function centralBuilders(db: CentralDb) {
  let serial = 0;
  const unique = () => `${Date.now().toString(36)}${(serial++).toString(36)}`;

  const buildDepartment = async (overrides: Partial<typeof departments.$inferInsert> = {}) => {
    const row = { id: uuidv7(), code: `DEP-${unique()}`, name: 'Voirie', rowVersion: 1, ...overrides };
    await db.insert(departments).values(row);
    return row;
  };

  const buildAgent = async (
    overrides: {
      name?: string;
      email?: string;
      password?: string | null;
      roles?: { departmentId: string; role: Role }[];
      disabledAt?: Date;
    } = {},
  ) => {
    const id = uuidv7();
    const email = overrides.email ?? `agent-${unique()}@ville.example`;
    const password = overrides.password === undefined ? 'correct horse battery' : overrides.password;
    await db.insert(agents).values({
      id,
      name: overrides.name ?? 'Camille Accueil',
      email,
      passwordHash: password === null ? null : await hashPassword(password),
      disabledAt: overrides.disabledAt ?? null,
      rowVersion: 1,
    });
    const roles = overrides.roles ?? [];
    if (roles.length > 0) await db.insert(agentRoles).values(roles.map((role) => ({ id: uuidv7(), agentId: id, ...role, rowVersion: 1 })));
    return { id, email, password, roles };
  };

  return { buildDepartment, buildAgent };
}
