import type { PullPatch, PullResponse, RowSet } from '../../src-shared/sync';

/** Rows the database serialized itself: a JSON array of entities, sent as it is (pg-json-rows.ts). */
export interface SerializedRows {
  readonly json: string;
}

/** A page's rows as a store gives them: each list as objects, or as the JSON the database wrote. */
export type ServedRowSet = { [K in keyof RowSet]: RowSet[K] | SerializedRows };

/** A pull answer on its way out: a patch's lists may still be JSON text. */
export type ServedPull = Exclude<PullResponse, PullPatch> | (Omit<PullPatch, 'upserts'> & { upserts: ServedRowSet });

function isSerialized(list: readonly unknown[] | SerializedRows): list is SerializedRows {
  return !Array.isArray(list);
}

// A store fills every list of its registry (emptyRowSet): the lists are the set's own keys.
const lists = (rows: ServedRowSet) => Object.keys(rows) as (keyof RowSet)[];

/** The lists as objects, parsing those still JSON. */
export function materializeRows(rows: ServedRowSet): RowSet {
  const set = {} as Record<keyof RowSet, unknown>;
  for (const list of lists(rows)) {
    const served = rows[list];
    set[list] = isSerialized(served) ? JSON.parse(served.json) : served;
  }
  return set as RowSet;
}

/** The answer as objects (callers in this process: tests, the simulation). */
export function materializePull(answer: ServedPull): PullResponse {
  return answer.kind === 'patch' ? { ...answer, upserts: materializeRows(answer.upserts) } : answer;
}

/**
 * The answer as the JSON body sent over HTTP, the database's text spliced in as it is: a 5,000-row page
 * is never parsed into objects and stringified again by the service.
 */
export function pullAnswerJson(answer: ServedPull): string {
  if (answer.kind !== 'patch') return JSON.stringify(answer);
  const { upserts, ...envelope } = answer;
  const parts = lists(upserts).map((list) => {
    const rows = upserts[list];
    return `${JSON.stringify(list)}:${isSerialized(rows) ? rows.json : JSON.stringify(rows)}`;
  });
  const head = JSON.stringify(envelope);
  // `envelope` is a non-empty object: its JSON ends with `}`, which the upserts go before.
  return `${head.slice(0, -1)},"upserts":{${parts.join(',')}}}`;
}
