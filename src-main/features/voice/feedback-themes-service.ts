import { departmentsOf, mayPerform } from '../../../src-shared/domain/permissions';
import { fail } from '../../../src-shared/errors';
import type { Clock } from '../../../src-shared/domain/clock';
import type { Agent } from '../../../src-shared/schemas/entities';
import { themeKey } from '../../../src-shared/surveys/case-tags';
import type { ReplicaDb } from '../../db/open-replica';
import type { Mutate } from '../../services/services';
import { createFeedbackThemesRepository, type FeedbackThemeRow, type FeedbackThemesRepository } from './feedback-themes-repository';

export interface CaseThemes {
  themes: { id: string; theme: string }[];
  /** The department's themes (feedback and open answers), most used first, not already on the case. */
  suggestions: string[];
  /** Whether the agent may add and take off themes here (who may reply to the case). */
  editable: boolean;
}

export interface FeedbackTheme {
  theme: string;
  /** Feedback cases filed under it. */
  count: number;
  /** Their average rating, over those that have one (null: none has). */
  averageRating: number | null;
  cases: Omit<FeedbackThemeRow, 'tagId' | 'theme' | 'departmentId'>[];
}

/** Of several spellings of one theme (each with its uses), the most used; between equals, the first in French order. */
export function themeLabel(spellings: ReadonlyMap<string, number>): string {
  return [...spellings].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'fr'))[0]?.[0] ?? '';
}

function tally(into: Map<string, Map<string, number>>, theme: string, uses: number): void {
  const key = themeKey(theme);
  const spellings = into.get(key) ?? new Map<string, number>();
  spellings.set(theme, (spellings.get(theme) ?? 0) + uses);
  into.set(key, spellings);
}

/**
 * A department's themes in use, feedback and open answers alike: one per key, named by its most used spelling,
 * most used first, without those whose key is in `except` (the themes already on the case or answer).
 */
export function departmentThemeNames(
  repo: FeedbackThemesRepository,
  departmentId: string,
  except: ReadonlySet<string> = new Set(),
): string[] {
  const themes = new Map<string, Map<string, number>>();
  for (const row of repo.feedbackTags([departmentId])) tally(themes, row.theme, 1);
  for (const row of repo.answerThemes([departmentId])) tally(themes, row.theme, row.uses);
  return [...themes]
    .filter(([key]) => !except.has(key))
    .map(([, spellings]) => ({ theme: themeLabel(spellings), uses: [...spellings.values()].reduce((sum, uses) => sum + uses, 0) }))
    .sort((a, b) => b.uses - a.uses || a.theme.localeCompare(b.theme, 'fr'))
    .map((suggestion) => suggestion.theme);
}

/**
 * Themes on feedback cases, read from the replica (offline) and written through `case.tag`/`case.untag`. A
 * case outside the agent's departments answers as a missing one; the counts per theme need
 * `survey.synthesis.read` on the department (the same agents who read the outcomes).
 */
export function createFeedbackThemesService(db: ReplicaDb, clock: Clock, mutate: Mutate) {
  const repo = createFeedbackThemesRepository(db);

  return {
    caseThemes(agent: Agent, caseId: string): CaseThemes {
      const found = repo.caseOf(caseId);
      if (found === null || !departmentsOf(agent).includes(found.departmentId)) throw fail('CASE_NOT_FOUND', { caseId });
      const themes = repo.tagsOf(caseId);
      const own = new Set(themes.map((tag) => themeKey(tag.theme)));
      const suggestions = departmentThemeNames(repo, found.departmentId, own);
      const editable = found.kind === 'feedback' && mayPerform(agent, 'case.comment', found.departmentId);
      return { themes, suggestions, editable };
    },

    /** The department's feedback themes, most used first, each with its cases (oldest first). */
    feedbackThemes(agent: Agent, departmentId: string): FeedbackTheme[] {
      if (!mayPerform(agent, 'survey.synthesis.read', departmentId)) throw fail('FORBIDDEN', { action: 'survey.synthesis.read' });
      const byKey = new Map<string, { spellings: Map<string, number>; rows: FeedbackThemeRow[] }>();
      for (const row of repo.feedbackTags([departmentId])) {
        const key = themeKey(row.theme);
        const entry = byKey.get(key) ?? { spellings: new Map<string, number>(), rows: [] };
        entry.spellings.set(row.theme, (entry.spellings.get(row.theme) ?? 0) + 1);
        entry.rows.push(row);
        byKey.set(key, entry);
      }
      return [...byKey.values()]
        .map(({ spellings, rows }) => {
          const rated = rows.flatMap((row) => (row.rating === null ? [] : [row.rating]));
          return {
            theme: themeLabel(spellings),
            count: rows.length,
            averageRating: rated.length === 0 ? null : Math.round((rated.reduce((sum, value) => sum + value, 0) / rated.length) * 10) / 10,
            cases: rows.map(({ caseId, trackingCode, subject, createdAt, rating }) => ({
              caseId,
              trackingCode,
              subject,
              createdAt,
              rating,
            })),
          };
        })
        .sort((a, b) => b.count - a.count || a.theme.localeCompare(b.theme, 'fr'));
    },

    tag(agent: Agent, input: { caseId: string; theme: string }) {
      return mutate({ name: 'case.tag', args: input, agent, now: clock.now() });
    },

    untag(agent: Agent, input: { caseId: string; theme: string }) {
      return mutate({ name: 'case.untag', args: input, agent, now: clock.now() });
    },
  };
}
