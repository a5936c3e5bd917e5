import { departmentsOf, mayPerform } from '../../../src-shared/domain/permissions';
import type { Clock } from '../../../src-shared/domain/clock';
import { fail } from '../../../src-shared/errors';
import type { Agent } from '../../../src-shared/schemas/entities';
import type {
  SurveyCollectorSaveInput,
  SurveyResponseRecordInput,
  SurveySaveInput,
  SurveySetStatusInput,
} from '../../../src-shared/schemas/survey-procedures';
import type { Survey, SurveyCollector, SurveyStatus } from '../../../src-shared/schemas/surveys';
import { answeredItems, type AnsweredItem } from '../../../src-shared/surveys/answered-items';
import { surveyTitleOf } from '../../../src-shared/surveys/survey-title';
import type { Entropy } from '../../services/identity';
import type { Mutate } from '../../services/services';
import { shownCount, type ShownCount } from '../../../src-shared/surveys/synthesis';
import type { SynthesisRepository } from '../survey-synthesis/synthesis-repository';
import { hiddenCollectorsOf, shownResponded } from '../survey-synthesis/hidden-segments';
import type { SurveyRepository } from './survey-repository';

/** A survey as the list shows it. */
export interface SurveySummary {
  id: string;
  departmentId: string;
  title: { fr: string; en: string };
  status: SurveyStatus;
  anonymity: Survey['anonymity'];
  opensOn: string | null;
  closesOn: string | null;
  updatedAt: string;
  /** Its responses as the synthesis shows its total: null under `minimumSegment` (« < 5 »). */
  responses: ShownCount;
  /** What the agent may do with it: design it (its department's supervisors, admins), enter answers. */
  mayDesign: boolean;
  mayEnter: boolean;
}

export interface SurveyDetail {
  survey: Survey;
  /**
   * `responded`: an email campaign's respondents as the synthesis shows them (`shownResponded`, null: « < 5 »,
   * or hidden with the campaign's count by the small-segment rule; null for other kinds too).
   */
  collectors: (SurveyCollector & { responded: ShownCount })[];
  /** Its responses as the synthesis shows its total: null under `minimumSegment` (« < 5 »). */
  responses: ShownCount;
  mayDesign: boolean;
  mayEnter: boolean;
}

/** A citizen's answer about a case, ready to show: the survey's title and each answered question. */
export interface CaseFeedback {
  id: string;
  surveyId: string;
  surveyTitle: { fr: string; en: string };
  channel: string;
  submittedAt: string;
  items: AnsweredItem[];
}

export function createSurveyService(
  repos: {
    surveys: SurveyRepository;
    /** The synthesis's counts, for the small-segment rule on a campaign's respondents. */
    synthesis: Pick<SynthesisRepository, 'responsesBy' | 'collectors'>;
    publicUrl: () => string | null;
  },
  clock: Clock,
  entropy: Entropy,
  mutate: Mutate,
) {
  const titleOf = (definition: unknown) => ({ fr: surveyTitleOf(definition, 'fr'), en: surveyTitleOf(definition, 'en') });

  function visible(agent: Agent, surveyId: string): Survey {
    const survey = repos.surveys.byId(surveyId);
    if (survey === null || !departmentsOf(agent).includes(survey.departmentId)) throw fail('SURVEY_NOT_FOUND', { surveyId });
    return survey;
  }

  /** The collectors, each campaign's respondents under the synthesis's decision (every date). */
  function collectorsShown(surveyId: string): SurveyDetail['collectors'] {
    const hidden = hiddenCollectorsOf(repos.synthesis, surveyId);
    return repos.surveys.collectors(surveyId).map((collector) => ({
      ...collector,
      responded: shownResponded({ id: collector.id, kind: collector.settings.kind, stats: collector.stats }, hidden),
    }));
  }

  return {
    /** Where citizens reach the public pages, as the central service said at sign-in; null: not known (yet). */
    publicUrl(): string | null {
      return repos.publicUrl();
    },

    list(agent: Agent): SurveySummary[] {
      const rows = repos.surveys.inDepartments(departmentsOf(agent));
      const counts = repos.surveys.responseCounts(rows.map((row) => row.id));
      return rows.map((survey) => ({
        id: survey.id,
        departmentId: survey.departmentId,
        title: titleOf(survey.definition),
        status: survey.status,
        anonymity: survey.anonymity,
        opensOn: survey.opensOn,
        closesOn: survey.closesOn,
        updatedAt: survey.updatedAt,
        responses: shownCount(counts.get(survey.id) ?? 0),
        mayDesign: mayPerform(agent, 'survey.design', survey.departmentId),
        mayEnter: mayPerform(agent, 'survey.response.enter', survey.departmentId),
      }));
    },

    detail(agent: Agent, surveyId: string): SurveyDetail {
      const survey = visible(agent, surveyId);
      return {
        survey,
        collectors: collectorsShown(survey.id),
        responses: shownCount(repos.surveys.responseCounts([survey.id]).get(survey.id) ?? 0),
        mayDesign: mayPerform(agent, 'survey.design', survey.departmentId),
        mayEnter: mayPerform(agent, 'survey.response.enter', survey.departmentId),
      };
    },

    save(agent: Agent, input: SurveySaveInput): { id: string; version: number } {
      return mutate({ name: 'survey.save', args: { ...input, id: input.id ?? entropy.id() }, agent, now: clock.now() });
    },

    setStatus(agent: Agent, input: SurveySetStatusInput): { id: string; status: SurveyStatus; version: number } {
      return mutate({ name: 'survey.setStatus', args: input, agent, now: clock.now() });
    },

    saveCollector(agent: Agent, input: SurveyCollectorSaveInput): { id: string } {
      return mutate({ name: 'surveyCollector.save', args: { ...input, id: input.id ?? entropy.id() }, agent, now: clock.now() });
    },

    /** An answer entered at the desk, on the phone or at a meeting: its id is made here, where it was given. */
    recordResponse(agent: Agent, input: SurveyResponseRecordInput): { id: string } {
      return mutate({ name: 'surveyResponse.record', args: { ...input, id: entropy.id() }, agent, now: clock.now() });
    },

    /** The citizen's answers about a case, for its detail ("Avis du citoyen"). */
    caseFeedback(caseId: string): CaseFeedback[] {
      return repos.surveys.responsesForCase(caseId).flatMap((response) => {
        const survey = repos.surveys.byId(response.surveyId);
        if (survey === null) return [];
        return [
          {
            id: response.id,
            surveyId: survey.id,
            surveyTitle: titleOf(survey.definition),
            channel: response.channel,
            submittedAt: response.submittedAt,
            items: answeredItems(survey.definition, response.answers),
          },
        ];
      });
    },
  };
}
