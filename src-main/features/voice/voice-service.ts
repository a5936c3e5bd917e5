import { mayPerform } from '../../../src-shared/domain/permissions';
import { departmentsOf } from '../../../src-shared/domain/permissions';
import { fail } from '../../../src-shared/errors';
import type { Agent } from '../../../src-shared/schemas/entities';
import type { IndicatorSource, Outcome, SurveyIndicator } from '../../../src-shared/schemas/voice';
import { indicatorSeries, suggestThemes, surveyTitleOf, type IndicatorSeries, type ThemeSuggestion } from '../../../src-shared/surveys';
import type { Clock } from '../../../src-shared/domain/clock';
import type { ReplicaDb } from '../../db/open-replica';
import type { Entropy } from '../../services/identity';
import type { Mutate } from '../../services/services';
import { parisDate } from '../../../src-shared/domain/deadline';
import { shownCount, type SynthesisFilter } from '../../../src-shared/surveys/synthesis';
import { themeKey } from '../../../src-shared/surveys/case-tags';
import { createSynthesisRepository } from '../survey-synthesis/synthesis-repository';
import { hiddenSegmentsUnder } from '../survey-synthesis/hidden-segments';
import { createFeedbackThemesRepository } from './feedback-themes-repository';
import { departmentThemeNames, themeLabel } from './feedback-themes-service';
import { createVoiceRepository } from './voice-repository';

export interface IndicatorView {
  indicator: SurveyIndicator;
  series: IndicatorSeries;
  /** Each source's survey title (null: the survey is no longer on this replica). */
  sources: (IndicatorSource & { surveyTitle: string | null })[];
}

export interface OpenAnswer {
  responseId: string;
  text: string;
  submittedAt: string;
  /** Null when the small-segment rule hides its channel in the synthesis under the same filter. */
  channel: string | null;
  tags: { id: string; theme: string }[];
}

export interface OpenAnswersPage {
  total: number;
  answers: OpenAnswer[];
  /**
   * Themes in use on this question, one per key whatever its spelling (`themeKey`), named by its most used
   * spelling, with the answers filed under each (all answers, not the page).
   */
  themes: { theme: string; answers: number }[];
  /**
   * The department's themes of feedback and open answers (one per key), offered as an agent types one; absent
   * when the filter shows no text.
   */
  departmentThemes?: string[];
  suggestions: ThemeSuggestion[];
}

const folded = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();

/**
 * Indicators, themes on open answers and outcomes, read from the replica (offline) and written through named
 * mutations. Reading asks `survey.synthesis.read` on the department before anything of its rows is read.
 */
export function createVoiceService(db: ReplicaDb, clock: Clock, entropy: Entropy, mutate: Mutate) {
  const repo = createVoiceRepository(db);
  const synthesisRepo = createSynthesisRepository(db.$client);
  const themesRepo = createFeedbackThemesRepository(db);
  const readable = (agent: Agent) => departmentsOf(agent).filter((id) => mayPerform(agent, 'survey.synthesis.read', id));

  function requireRead(agent: Agent, departmentId: string): void {
    if (!mayPerform(agent, 'survey.synthesis.read', departmentId)) throw fail('FORBIDDEN', { action: 'survey.synthesis.read' });
  }

  /** A survey the agent reads, or RESOURCE_NOT_FOUND as if it did not exist. */
  function readableSurvey(agent: Agent, surveyId: string) {
    const survey = repo.survey(surveyId);
    if (survey === null || !mayPerform(agent, 'survey.synthesis.read', survey.departmentId)) throw fail('RESOURCE_NOT_FOUND');
    return survey;
  }

  return {
    indicators(agent: Agent, departmentId: string): IndicatorView[] {
      requireRead(agent, departmentId);
      return repo.indicators([departmentId]).map((indicator) => {
        const answers = indicator.sources.flatMap((source) => repo.answersTo(source.surveyId, source.question));
        const sources = indicator.sources.map((source) => {
          const survey = repo.survey(source.surveyId);
          return { ...source, surveyTitle: survey === null ? null : surveyTitleOf(survey.definition, 'fr') };
        });
        return { indicator, series: indicatorSeries(indicator, answers), sources };
      });
    },

    saveIndicator(
      agent: Agent,
      input: { id: string | null; departmentId: string; label: { fr: string; en: string }; sources: IndicatorSource[] },
    ) {
      const id = input.id ?? entropy.id();
      return mutate({ name: 'indicator.save', args: { ...input, id }, agent, now: clock.now() });
    },

    /**
     * The surveys an agent may pick sources or links from: their departments' (title, status), with the
     * definition the indicator editor reads a survey's closed questions and choices from.
     */
    surveys(agent: Agent) {
      return repo.surveysOf(readable(agent)).map((survey) => ({ ...survey, title: surveyTitleOf(survey.definition, 'fr') }));
    },

    openAnswers(
      agent: Agent,
      input: {
        surveyId: string;
        question: string;
        search: string;
        theme: string | null;
        offset: number;
        limit: number;
        /** The synthesis's filter (dates, channel, collector) the answers are read under. */
        filter: SynthesisFilter;
      },
    ): OpenAnswersPage {
      const survey = readableSurvey(agent, input.surveyId);
      const { filter } = input;
      // A filter on a segment the synthesis hides shows none of its texts (docs/surveys.md, "Small segments").
      // Nor any text of a population under 5, which the synthesis shows as « < 5 » and nothing else.
      const hidden = hiddenSegmentsUnder(synthesisRepo, input.surveyId, filter);
      const population = hidden.rows.reduce((sum, row) => sum + row.n, 0);
      if (hidden.all || shownCount(population) === null) return { total: 0, answers: [], themes: [], suggestions: [] };
      // Each answer names its channel only where the synthesis beside it shows that channel's count: a label
      // on the texts of a hidden channel would show it (its size, its texts) in the unfiltered list.
      const hiddenChannels = hidden.channels;
      const tags = repo.tags(input.surveyId, input.question);
      const tagsOf = new Map<string, { id: string; theme: string }[]>();
      for (const tag of tags) tagsOf.set(tag.responseId, [...(tagsOf.get(tag.responseId) ?? []), { id: tag.id, theme: tag.theme }]);
      const day = (at: string) => parisDate(new Date(at));
      const all = repo
        .openAnswers(input.surveyId, input.question)
        .filter(
          (answer) =>
            answer.text.trim() !== '' &&
            (filter.channel === null || answer.channel === filter.channel) &&
            (filter.collectorId === null || answer.collectorId === filter.collectorId) &&
            (filter.from === null || day(answer.submittedAt) >= filter.from) &&
            (filter.to === null || day(answer.submittedAt) <= filter.to),
        )
        .map(({ collectorId: _collector, ...answer }) => ({
          ...answer,
          channel: hiddenChannels.get(answer.channel) === false ? answer.channel : null,
        }));
      // "Horaires" and "horaires" are one theme (docs/surveys.md, "Feedback themes"): counted once an answer.
      const themes = new Map<string, { spellings: Map<string, number>; responses: Set<string> }>();
      for (const tag of tags) {
        const key = themeKey(tag.theme);
        const entry = themes.get(key) ?? { spellings: new Map<string, number>(), responses: new Set<string>() };
        entry.spellings.set(tag.theme, (entry.spellings.get(tag.theme) ?? 0) + 1);
        entry.responses.add(tag.responseId);
        themes.set(key, entry);
      }
      const needle = folded(input.search.trim());
      const wantedTheme = input.theme === null ? null : themeKey(input.theme);
      const matching = all.filter(
        (answer) =>
          (needle === '' || folded(answer.text).includes(needle)) &&
          (wantedTheme === null || (tagsOf.get(answer.responseId) ?? []).some((tag) => themeKey(tag.theme) === wantedTheme)),
      );
      return {
        total: matching.length,
        answers: matching
          .slice(input.offset, input.offset + input.limit)
          .map((answer) => ({ ...answer, tags: tagsOf.get(answer.responseId) ?? [] })),
        themes: [...themes.values()]
          .map(({ spellings, responses }) => ({ theme: themeLabel(spellings), answers: responses.size }))
          .sort((a, b) => b.answers - a.answers || a.theme.localeCompare(b.theme, 'fr')),
        departmentThemes: departmentThemeNames(themesRepo, survey.departmentId),
        suggestions: suggestThemes(all.map((answer) => answer.text)),
      };
    },

    tag(agent: Agent, input: { responseId: string; question: string; theme: string }) {
      return mutate({ name: 'answer.tag', args: { ...input, id: entropy.id() }, agent, now: clock.now() });
    },

    untag(agent: Agent, id: string) {
      return mutate({ name: 'answer.untag', args: { id }, agent, now: clock.now() });
    },

    outcomes(agent: Agent): (Outcome & { surveys: { id: string; title: string | null }[] })[] {
      return repo.outcomes(readable(agent)).map((outcome) => ({
        ...outcome,
        surveys: outcome.surveyIds.map((id) => {
          const survey = repo.survey(id);
          return { id, title: survey === null ? null : surveyTitleOf(survey.definition, 'fr') };
        }),
      }));
    },

    saveOutcome(
      agent: Agent,
      input: Omit<Outcome, 'id' | 'status' | 'publishedAt' | 'createdAt' | 'updatedAt' | 'version' | 'mailStats'> & {
        id: string | null;
        expectedVersion: number | null;
      },
    ) {
      const id = input.id ?? entropy.id();
      return mutate({ name: 'outcome.save', args: { ...input, id }, agent, now: clock.now() });
    },

    publishOutcome(agent: Agent, input: { id: string; expectedVersion: number }) {
      return mutate({ name: 'outcome.publish', args: input, agent, now: clock.now() });
    },
  };
}
