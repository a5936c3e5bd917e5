import { looksLikeTrackingCode, normalizeTrackingCode } from '../../../src-shared/domain/tracking-code';
import type { Citizen } from '../../../src-shared/schemas/entities';
import type { CaseListRow } from '../../repositories/case-repository';
import type { Repositories } from '../../repositories/repositories';

export interface SearchResults {
  citizens: Citizen[];
  cases: CaseListRow[];
}

/** The desk's one search field: citizens and cases at once; a tracking code goes straight to its case. */
export function createSearchService(repos: Repositories) {
  return {
    global(text: string, limit: number): SearchResults {
      if (text.trim().length === 0) return { citizens: [], cases: [] };
      if (looksLikeTrackingCode(text)) {
        const code = normalizeTrackingCode(text);
        const exact = code === null ? null : repos.cases.rowByTrackingCode(code);
        if (exact !== null) return { citizens: [], cases: [exact] };
      }
      return {
        citizens: repos.citizens.search(text, limit).filter((citizen) => citizen.mergedInto === null),
        cases: repos.cases.search(text, limit),
      };
    },
  };
}
