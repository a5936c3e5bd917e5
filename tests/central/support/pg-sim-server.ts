import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Agent } from '../../../src-shared/schemas/entities';
import { scopeOf } from '../../../src-shared/sync';
import type { CentralDb } from '../../../src-central/db/central-db-types';
import {
  agentRoles,
  agents,
  caseEvents,
  caseTags,
  cases,
  categories,
  citizens,
  departments,
  mutationLog,
  tombstones,
} from '../../../src-central/db/schema';
import { nextVersion } from '../../../src-central/db/versions';
import { toCase, toCaseEvent, toCategory, toCitizen, toDepartment } from '../../../src-central/stores/postgres/pg-rows';
import { appCentralRegistry, departmentKey, type CentralRegistry } from '../../../src-central/stores/postgres/pg-entity-tables';
import { createPgSyncStore } from '../../../src-central/stores/postgres/pg-store';
import { extraEntities, type ExtraRow, type SimServer } from '../../sim/sim-server';

/**
 * The simulation's server on PostgreSQL or PGlite: the real sync store, with the same administration.
 * `registry`: what it syncs (the app's unless a test injects a larger one, its migrations already applied).
 */
export function pgSimServer(db: CentralDb, registry: CentralRegistry = appCentralRegistry): SimServer {
  const extraRows = async (): Promise<Record<string, ExtraRow[]>> => {
    const lists: [string, ExtraRow[]][] = [];
    for (const bound of extraEntities(registry.tables)) {
      const key = departmentKey(bound);
      const rows = (await db.select().from(bound.table)) as Record<string, unknown>[];
      lists.push([
        bound.list,
        rows.map((row) => ({ row: bound.toEntity(row) as ExtraRow['row'], departmentId: key === null ? null : (row[key] as string) })),
      ]);
    }
    return Object.fromEntries(lists);
  };
  const agentsWithRoles = async (): Promise<Agent[]> => {
    const roles = await db.select().from(agentRoles);
    return (await db.select({ id: agents.id, name: agents.name, email: agents.email }).from(agents)).map((agent) => ({
      ...agent,
      roles: roles.filter((role) => role.agentId === agent.id).map(({ departmentId, role }) => ({ departmentId, role })),
    }));
  };
  return {
    store: createPgSyncStore(db, { registry }),
    load: (city) =>
      db.transaction(async (tx) => {
        const rowVersion = await nextVersion(tx as unknown as CentralDb);
        await tx.insert(departments).values(city.departments.map((row) => ({ ...row, rowVersion })));
        await tx.insert(categories).values(city.categories.map((row) => ({ ...row, rowVersion })));
        await tx.insert(agents).values(city.agents.map(({ roles: _roles, ...row }) => ({ ...row, passwordHash: null, rowVersion })));
        await tx
          .insert(agentRoles)
          .values(city.agents.flatMap((agent) => agent.roles.map((role) => ({ id: uuidv7(), agentId: agent.id, ...role, rowVersion }))));
      }),
    setAgentRoles: (agentId, roles) =>
      db.transaction(async (tx) => {
        const rowVersion = await nextVersion(tx as unknown as CentralDb);
        await tx.delete(agentRoles).where(eq(agentRoles.agentId, agentId));
        if (roles.length > 0) await tx.insert(agentRoles).values(roles.map((role) => ({ id: uuidv7(), agentId, ...role, rowVersion })));
        // Agents travel with their roles: the agent's row carries the change.
        await tx.update(agents).set({ rowVersion }).where(eq(agents.id, agentId));
      }),
    agentScope: async (agentId) => {
      const agent = (await agentsWithRoles()).find((candidate) => candidate.id === agentId);
      if (agent === undefined) throw new Error(`no agent ${agentId}`);
      return scopeOf(agent);
    },
    snapshot: async () => ({
      departments: (await db.select().from(departments)).map(toDepartment),
      categories: (await db.select().from(categories)).map(toCategory),
      agents: await agentsWithRoles(),
      citizens: (await db.select().from(citizens)).map(toCitizen),
      cases: (await db.select().from(cases)).map(toCase),
      caseEvents: (await db.select().from(caseEvents)).map((row) => ({ ...toCaseEvent(row), departmentId: row.departmentId })),
      caseTags: (await db.select().from(caseTags)).map(({ rowVersion: _version, ...row }) => row),
      mutationLog: (await db.select().from(mutationLog)).map((row) => ({
        clientId: row.clientId,
        mutationId: row.mutationId,
        agentId: row.agentId,
        name: row.name,
        args: row.args,
        result: { mutationId: row.mutationId, outcome: row.outcome, error: row.error ?? null },
        version: row.rowVersion,
      })),
      departures: (await db.select().from(tombstones)).map((row) => ({
        entity: row.entity,
        id: row.entityId,
        departmentId: row.departmentId,
        version: row.rowVersion,
      })),
      extra: await extraRows(),
    }),
  };
}
