import { z } from 'zod';
import { fail, parseOrFail } from '../errors';
import type { Decision, MutatorContext } from '../mutations/effects';
import type { EntityDeclaration, EntityName, RowSet } from './entity-registry';
import { pullSchemas } from './protocol';

/**
 * A registry the sync runs on: its entities (parents before children) and the named mutations whose
 * mutators write them. The app's is `appSyncRegistry` (app-registry.ts); a test injects a larger one
 * (tests/fixtures/notice-board) into the central service and the workspace core, which build their storage
 * bindings on it. Everything derived from the entities is built once here, never per row.
 */
export interface SyncRegistry {
  readonly entities: readonly EntityDeclaration[];
  readonly lists: readonly string[];
  readonly mutations: MutationTable;
  entityNamed(name: string): EntityDeclaration;
  entityOfList(list: string): EntityDeclaration;
  /** Entities whose department is their parent's `name`. */
  childrenOf(name: string): readonly ChildDeclaration[];
  /**
   * A page's empty lists, one per entity. Typed as the app's: an injected registry's extra lists are there at
   * run time only (the injected path is looser by design).
   */
  emptyRowSet(): RowSet;
  /** Validates and decides a named mutation; UNKNOWN_MUTATION for a name the registry lacks. */
  decide(ctx: MutatorContext, name: string, args: unknown): Decision<unknown> & { args: unknown };
  readonly schemas: {
    rowSet: z.ZodType<RowSet>;
    entityName: z.ZodType<EntityName>;
    pullPatch: ReturnType<typeof pullSchemas>['patch'];
    pullResponse: ReturnType<typeof pullSchemas>['response'];
  };
}

export type ChildDeclaration = EntityDeclaration & { department: { kind: 'parent'; entity: string; field: string } };

/** One named mutation: its arguments' schema and its pure mutator. */
export interface MutationEntry {
  args: z.ZodType;
  mutator: (ctx: MutatorContext, args: never) => Decision<unknown>;
}

export type MutationTable = Readonly<Record<string, MutationEntry>>;

export function createSyncRegistry(entities: readonly EntityDeclaration[], mutations: MutationTable): SyncRegistry {
  const byName = new Map(entities.map((declared) => [declared.name, declared]));
  const byList = new Map(entities.map((declared) => [declared.list, declared]));
  if (byName.size !== entities.length || byList.size !== entities.length) throw new Error('Two entities share a name or a list');
  const children = new Map(
    entities.map((declared) => [
      declared.name,
      entities.filter(
        (child): child is ChildDeclaration => child.department.kind === 'parent' && child.department.entity === declared.name,
      ),
    ]),
  );
  const lists = entities.map((declared) => declared.list);
  const rowSet = z.object(
    Object.fromEntries(entities.map((declared) => [declared.list, z.array(declared.schema)])),
  ) as unknown as z.ZodType<RowSet>;
  const entityName = z.enum(entities.map((declared) => declared.name) as [string, ...string[]]) as unknown as z.ZodType<EntityName>;
  const pulls = pullSchemas(rowSet, entityName);
  const found = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`No entity ${what}`);
    return value;
  };
  return {
    entities,
    lists,
    mutations,
    entityNamed: (name) => found(byName.get(name), `named ${name}`),
    entityOfList: (list) => found(byList.get(list), `list ${list}`),
    childrenOf: (name) => children.get(name) ?? [],
    emptyRowSet: () => Object.fromEntries(lists.map((list) => [list, []])) as unknown as RowSet,
    decide(ctx, name, args) {
      const entry = Object.hasOwn(mutations, name) ? mutations[name] : undefined;
      if (entry === undefined) throw fail('UNKNOWN_MUTATION', { name });
      const parsed: unknown = parseOrFail(entry.args, args);
      return { ...entry.mutator(ctx, parsed as never), args: parsed };
    },
    schemas: { rowSet, entityName, pullPatch: pulls.patch, pullResponse: pulls.response },
  };
}

/** `base` with more entities (after its own: their parents come first) and more mutations. */
export function extendSyncRegistry(
  base: SyncRegistry,
  extra: { entities: readonly EntityDeclaration[]; mutations: MutationTable },
): SyncRegistry {
  const clash = Object.keys(extra.mutations).find((name) => Object.hasOwn(base.mutations, name));
  if (clash !== undefined) throw new Error(`The mutation ${clash} is registered twice`);
  return createSyncRegistry([...base.entities, ...extra.entities], { ...base.mutations, ...extra.mutations });
}
