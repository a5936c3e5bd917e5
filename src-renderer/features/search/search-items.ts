import { normalizeTrackingCode } from '../../../src-shared/domain/tracking-code';
import type { Citizen } from '../../../src-shared/schemas/entities';
import type { RouterOutputs } from '../../app/trpc';
import type { Route } from '../../app/router';

type SearchResults = RouterOutputs['search']['global'];
type CaseRow = SearchResults['cases'][number];

export type SearchItem =
  { kind: 'citizen'; id: string; route: Route; citizen: Citizen } | { kind: 'case'; id: string; route: Route; row: CaseRow };

/** One flat, ordered list for the keyboard (citizens, then cases), as the two groups are displayed. */
export function toSearchItems(results: SearchResults | undefined): SearchItem[] {
  if (results === undefined) return [];
  return [
    ...results.citizens.map((citizen): SearchItem => ({
      kind: 'citizen',
      id: citizen.id,
      route: { name: 'citizen', id: citizen.id },
      citizen,
    })),
    ...results.cases.map((row): SearchItem => ({ kind: 'case', id: row.id, route: { name: 'case', id: row.id }, row })),
  ];
}

/** The case whose tracking code was typed, when the results are exactly that case. */
export function exactTrackingCodeMatch(query: string, results: SearchResults | undefined): string | null {
  if (results === undefined) return null;
  const code = normalizeTrackingCode(query);
  if (code === null) return null;
  return results.cases.find((row) => row.trackingCode === code)?.id ?? null;
}

/** Arrow keys move through the list and wrap around; -1 means "nothing highlighted". */
export function moveActive(current: number, delta: 1 | -1, count: number): number {
  if (count === 0) return -1;
  if (current < 0) return delta === 1 ? 0 : count - 1;
  return (current + delta + count) % count;
}
