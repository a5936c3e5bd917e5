import { z } from 'zod';
import { agentSchema, caseEventSchema, caseSchema, categorySchema, citizenSchema, departmentSchema } from '../schemas/entities';
import { surveyCollectorSchema, surveyResponseSchema, surveySchema } from '../schemas/surveys';
import { answerTagSchema, caseTagSchema, outcomeSchema, surveyIndicatorSchema } from '../schemas/voice';

/**
 * Every replicated entity, declared once: the sync's stores, pages and replica loop over this table
 * instead of naming entities themselves (docs/adding-an-entity.md).
 */

/** Who receives an entity's rows. */
export type Audience =
  /** Reference data: every replica, in the pages that carry reference data. */
  | 'everyone'
  /** Agents who hold the citizen file (`SyncScope.citizens`). */
  | 'citizenFile'
  /** The agents of the row's department (see `DepartmentSource`). */
  | 'departments';

/** How a row's department is found: none (reference data), a column of its own, or its parent's. */
export type DepartmentSource = { kind: 'none' } | { kind: 'own'; field: string } | { kind: 'parent'; entity: string; field: string };

export interface EntityDeclaration<Name extends string = string, List extends string = string, Row = unknown> {
  name: Name;
  /** Its key in pull pages (`PullPatch.upserts`). */
  list: List;
  /** Its table, under the same name on both databases (PostgreSQL and the SQLite replica). */
  table: string;
  schema: z.ZodType<Row>;
  audience: Audience;
  department: DepartmentSource;
  /**
   * Big enough that an empty replica fills it through the bulk bootstrap (indexes and full-text triggers
   * dropped, pages checked slice by slice) rather than row by row.
   */
  bulk: boolean;
  /**
   * A row whose department changes leaves a tombstone in the old one (the replicas there delete it); a
   * child (`department.kind === 'parent'`) follows its parent and leaves one with it. Rows without a
   * department are never deleted through tombstones.
   */
  tombstones: boolean;
}

/** Declares an entity, keeping its name, list and row type for the types derived below. */
export function entity<Name extends string, List extends string, Row>(
  declaration: EntityDeclaration<Name, List, Row>,
): EntityDeclaration<Name, List, Row> {
  return declaration;
}

export const entityRegistry = [
  entity({
    name: 'department',
    list: 'departments',
    table: 'departments',
    schema: departmentSchema,
    audience: 'everyone',
    department: { kind: 'none' },
    bulk: false,
    tombstones: false,
  }),
  entity({
    name: 'category',
    list: 'categories',
    table: 'categories',
    schema: categorySchema,
    audience: 'everyone',
    department: { kind: 'none' },
    bulk: false,
    tombstones: false,
  }),
  entity({
    name: 'agent',
    list: 'agents',
    table: 'agents',
    schema: agentSchema,
    audience: 'everyone',
    department: { kind: 'none' },
    bulk: false,
    tombstones: false,
  }),
  entity({
    name: 'citizen',
    list: 'citizens',
    table: 'citizens',
    schema: citizenSchema,
    audience: 'citizenFile',
    department: { kind: 'none' },
    bulk: true,
    tombstones: false,
  }),
  entity({
    name: 'case',
    list: 'cases',
    table: 'cases',
    schema: caseSchema,
    audience: 'departments',
    department: { kind: 'own', field: 'departmentId' },
    bulk: true,
    tombstones: true,
  }),
  entity({
    name: 'caseEvent',
    list: 'caseEvents',
    table: 'case_events',
    schema: caseEventSchema,
    audience: 'departments',
    // "A transferred case takes its timeline with it": declared here, applied by every store.
    department: { kind: 'parent', entity: 'case', field: 'caseId' },
    bulk: true,
    tombstones: true,
  }),
  // A survey's department is fixed when it is created: its collectors and responses copy it, so none of them
  // ever moves and none needs tombstones.
  entity({
    name: 'survey',
    list: 'surveys',
    table: 'surveys',
    schema: surveySchema,
    audience: 'departments',
    department: { kind: 'own', field: 'departmentId' },
    bulk: false,
    tombstones: false,
  }),
  entity({
    name: 'surveyCollector',
    list: 'surveyCollectors',
    table: 'survey_collectors',
    schema: surveyCollectorSchema,
    audience: 'departments',
    department: { kind: 'own', field: 'departmentId' },
    bulk: false,
    tombstones: false,
  }),
  entity({
    name: 'surveyResponse',
    list: 'surveyResponses',
    table: 'survey_responses',
    schema: surveyResponseSchema,
    audience: 'departments',
    department: { kind: 'own', field: 'departmentId' },
    bulk: true,
    tombstones: false,
  }),
  entity({
    name: 'answerTag',
    list: 'answerTags',
    table: 'answer_tags',
    schema: answerTagSchema,
    audience: 'departments',
    department: { kind: 'own', field: 'departmentId' },
    bulk: true,
    tombstones: false,
  }),
  // A feedback case's themes follow the case, as its timeline does (a transferred case takes them along).
  entity({
    name: 'caseTag',
    list: 'caseTags',
    table: 'case_tags',
    schema: caseTagSchema,
    audience: 'departments',
    department: { kind: 'parent', entity: 'case', field: 'caseId' },
    bulk: false,
    tombstones: true,
  }),
  entity({
    name: 'surveyIndicator',
    list: 'surveyIndicators',
    table: 'survey_indicators',
    schema: surveyIndicatorSchema,
    audience: 'departments',
    department: { kind: 'own', field: 'departmentId' },
    bulk: false,
    tombstones: false,
  }),
  entity({
    name: 'outcome',
    list: 'outcomes',
    table: 'outcomes',
    schema: outcomeSchema,
    audience: 'departments',
    department: { kind: 'own', field: 'departmentId' },
    bulk: false,
    tombstones: false,
  }),
] as const;

type Registered = (typeof entityRegistry)[number];

export type EntityName = Registered['name'];
export type ListName = Registered['list'];
/** A page's rows, one list an entity. */
export type RowSet = { [E in Registered as E['list']]: E['schema'] extends z.ZodType<infer Row> ? Row[] : never };
export type RowOf<L extends ListName> = RowSet[L][number];
export type EntityOfList<L extends ListName> = Extract<Registered, { list: L }>;

export const entityNames = entityRegistry.map((declared) => declared.name) as EntityName[];
export const listNames = entityRegistry.map((declared) => declared.list) as ListName[];

export const entityNameSchema = z.enum(entityNames as [EntityName, ...EntityName[]]);

export const rowSetSchema = z.object(
  Object.fromEntries(entityRegistry.map((declared) => [declared.list, z.array(declared.schema)])) as {
    [E in Registered as E['list']]: z.ZodArray<E['schema']>;
  },
);

const byName = new Map<string, Registered>(entityRegistry.map((declared) => [declared.name, declared]));
const byList = new Map<string, Registered>(entityRegistry.map((declared) => [declared.list, declared]));

export function entityNamed(name: string): Registered {
  const found = byName.get(name);
  if (found === undefined) throw new Error(`No entity named ${name}`);
  return found;
}

export function entityOfList<L extends ListName>(list: L): EntityOfList<L> {
  return byList.get(list) as EntityOfList<L>;
}

export function emptyRowSet(): RowSet {
  return Object.fromEntries(listNames.map((list) => [list, []])) as unknown as RowSet;
}

/** Entities whose department is their parent's `entity`, with the field naming the parent. */
export function childrenOf(name: string): readonly (Registered & { department: { kind: 'parent' } })[] {
  return entityRegistry.filter(
    (declared): declared is Registered & { department: { kind: 'parent' } } =>
      declared.department.kind === 'parent' && declared.department.entity === name,
  );
}
