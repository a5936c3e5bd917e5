import type { AgentRole, Agent, Case, CaseEvent, Category, Citizen, Department } from '../../src-shared/schemas/entities';
import type { CaseTag } from '../../src-shared/schemas/voice';
import { appSyncRegistry, scopeOf, type ListName, type SyncRegistry, type SyncScope } from '../../src-shared/sync';
import { MemorySyncStore } from '../../src-central/stores/memory-store';
import type { LoggedMutation, SyncStore } from '../../src-central/sync/store';
import type { City } from './world';

/** Everything the server holds, read back for the checks. */
export interface ServerSnapshot {
  departments: Department[];
  categories: Category[];
  agents: Agent[];
  citizens: Citizen[];
  cases: Case[];
  caseEvents: (CaseEvent & { departmentId: string })[];
  caseTags: (CaseTag & { departmentId: string })[];
  mutationLog: LoggedMutation[];
  /** Rows that left a department (tombstones): the replicas of that department are told to delete them. */
  departures: { entity: string; id: string; departmentId: string | null; version: number }[];
  /** The rows of the entities an injected registry adds to the app's, by list, with their department. */
  extra?: Record<string, ExtraRow[]>;
}

export interface ExtraRow {
  row: { id: string } & Record<string, unknown>;
  departmentId: string | null;
}

const appLists = new Set<string>(appSyncRegistry.lists);

/** Whether a list is one an injected registry adds to the app's. */
export const isExtraList = (list: string) => !appLists.has(list);

/** The entities (or bindings) an injected registry adds to the app's. */
export function extraEntities<T extends { list: string }>(entities: readonly T[]): T[] {
  return entities.filter((declared) => isExtraList(declared.list));
}

/** The central side of a simulation: a sync store plus the administration and read-back the checks need. */
export interface SimServer {
  store: SyncStore;
  load(city: City): Promise<void>;
  /** Server-side administration (not a client mutation): an agent's roles change. */
  setAgentRoles(agentId: string, roles: AgentRole[]): Promise<void>;
  agentScope(agentId: string): Promise<SyncScope>;
  snapshot(): Promise<ServerSnapshot>;
}

/** `registry`: what the store syncs (the app's unless a test injects a larger one). */
export function memorySimServer(registry: SyncRegistry = appSyncRegistry): SimServer {
  const store = new MemorySyncStore(registry);
  const rows = <L extends ListName>(list: L) => [...store.rows(list).values()].map((entry) => structuredClone(entry.row));
  return {
    store,
    load: async (city) => store.load({ departments: city.departments, categories: city.categories, agents: city.agents }),
    setAgentRoles: (agentId, roles) => store.setAgentRoles(agentId, roles),
    agentScope: async (agentId) => {
      const agent = store.rows('agents').get(agentId)?.row;
      if (agent === undefined) throw new Error(`no agent ${agentId}`);
      return scopeOf(agent);
    },
    snapshot: async () => ({
      departments: rows('departments'),
      categories: rows('categories'),
      agents: rows('agents'),
      citizens: rows('citizens'),
      cases: rows('cases'),
      caseEvents: [...store.rows('caseEvents').values()].map(({ row, departmentId }) => ({
        ...structuredClone(row),
        departmentId: departmentId ?? '',
      })),
      caseTags: [...store.rows('caseTags').values()].map(({ row, departmentId }) => ({
        ...structuredClone(row),
        departmentId: departmentId ?? '',
      })),
      mutationLog: [...store.mutationLog.values()].map((entry) => structuredClone(entry)),
      departures: store.tombstones.map(({ entity, id, departmentId, version }) => ({ entity, id, departmentId, version })),
      extra: Object.fromEntries(
        extraEntities(registry.entities).map((declared) => [
          declared.list,
          [...store.rows(declared.list as ListName).values()].map(({ row, departmentId }) => ({
            row: structuredClone(row) as ExtraRow['row'],
            departmentId,
          })),
        ]),
      ),
    }),
  };
}
