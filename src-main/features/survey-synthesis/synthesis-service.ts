import { fail } from '../../../src-shared/errors';
import { mayPerform } from '../../../src-shared/domain/permissions';
import type { Agent } from '../../../src-shared/schemas/entities';
import type { SurveyChannel } from '../../../src-shared/schemas/surveys';
import { textOf, type LocalizedText } from '../../../src-shared/surveys/localized-text';
import type { ChoiceItem, Question } from '../../../src-shared/surveys/model';
import {
  answeredItem,
  areaQuestion,
  channelLabels,
  crosstabTable,
  departmentQuestion,
  isClosed,
  itemCounts,
  offersOther,
  otherValue,
  profileQuestion,
  questionResult,
  shownCount,
  surveyQuestions,
  type CrosstabInput,
  type CrosstabOptions,
  type CrosstabTable,
  type QuestionResult,
  type SegmentCounts,
  type ShownCount,
  type SynthesisFilter,
  type ValueCount,
} from '../../../src-shared/surveys/synthesis';
import {
  emptyJoinedCounts,
  keySlices,
  type CollectorRow,
  type ItemValueCounts,
  type JoinSegment,
  type SurveyRow,
  type SynthesisRepository,
} from './synthesis-repository';
import { filtersHiddenSegment, hiddenInView, hiddenSegmentsUnder, shownResponded } from './hidden-segments';

export interface SynthesisOverview {
  /** The survey's department (its agents may export all of its surveys). */
  departmentId: string;
  /** Responses within the filter; null when under the minimum (then nothing else is shown). */
  total: ShownCount;
  channels: { channel: SurveyChannel; count: ShownCount }[];
  collectors: {
    id: string;
    label: string;
    kind: CollectorRow['kind'];
    count: ShownCount;
    /** An email campaign's emails sent and respondents, as the central service counts them (all dates). */
    sent: number | null;
    responded: ShownCount;
  }[];
  questions: QuestionResult[];
}

export interface CrosstabResult {
  question: { name: string; title: LocalizedText };
  table: CrosstabTable;
}

type Reader = Pick<Agent, 'roles'>;

/** The items a closed question's answers are counted under, as the rows of its cross-tab. */
function rowsOf(question: Question, item: string | null): ChoiceItem[] {
  const range = (from: number, to: number): ChoiceItem[] =>
    Array.from({ length: to - from + 1 }, (_, index) => ({ value: from + index, text: null, extra: {} }));
  switch (question.kind) {
    case 'singleChoice':
    case 'multipleChoice':
      return offersOther(question)
        ? [...question.choices, { value: otherValue, text: textOf('Autre', 'Other'), extra: {} }]
        : question.choices;
    case 'rating':
      return range(1, question.scale);
    case 'nps':
      return range(0, 10);
    case 'yesNo':
      return [
        { value: 'true', text: textOf('Oui', 'Yes'), extra: {} },
        { value: 'false', text: textOf('Non', 'No'), extra: {} },
      ];
    case 'matrix':
      return item === null ? [] : question.columns;
    default:
      return [];
  }
}

const sizeItemOf = (question: Question) => (question.kind === 'multipleChoice' ? answeredItem : null);

type Counted = { item: string; value: string; segment: string; n: number }[];

const countedRows = (bySegment: Map<string, ItemValueCounts> | undefined): Counted =>
  [...(bySegment ?? [])].flatMap(([segment, items]) =>
    [...items].flatMap(([item, values]) => [...values].map(([value, n]) => ({ item, value, segment, n }))),
  );

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface SynthesisServiceOptions {
  /**
   * Awaited between two pieces of a synthesis (a question's counts, a slice of a cross-tab), so the main
   * loop serves other windows meanwhile (`npm run bench:voice`, "main loop blocked"); a test applies
   * responses there.
   */
  turn?: () => Promise<void>;
  /** How many ranges of response keys a cross-tab by another question reads one after the other. */
  slices?: number;
}

/** A slice of a 100,000-response cross-tab is then about ten milliseconds of CPU (`npm run bench:voice`, "main loop blocked"). */
export const crosstabSlices = 16;

export function createSynthesisService(repo: SynthesisRepository, options: SynthesisServiceOptions = {}) {
  const turn = options.turn ?? nextTurn;
  const slices = keySlices(options.slices ?? crosstabSlices);

  function readable(agent: Reader, surveyId: string): SurveyRow {
    const survey = repo.survey(surveyId);
    // The replica holds only the surveys of the agent's departments: one answer for absent and not allowed.
    if (survey === null || !mayPerform(agent, 'survey.synthesis.read', survey.departmentId)) {
      throw fail('FORBIDDEN', { action: 'survey.synthesis.read' });
    }
    return survey;
  }

  function closedQuestion(survey: SurveyRow, name: string): Question {
    const question = surveyQuestions(survey.definition).find((candidate) => candidate.name === name);
    if (question === undefined || !isClosed(question)) throw fail('MALFORMED_REQUEST', { reason: 'not_a_closed_question' });
    return question;
  }

  /** Each question's value counts, one question at a time with a turn of the loop between. */
  async function valueCountsOf(surveyId: string, questions: readonly string[], filter: SynthesisFilter) {
    const counts = new Map<string, ValueCount[]>();
    for (const question of questions) {
      await turn();
      counts.set(question, repo.valueCounts(surveyId, [question], filter).get(question) ?? []);
    }
    return counts;
  }

  async function overview(agent: Reader, surveyId: string, filter: SynthesisFilter): Promise<SynthesisOverview> {
    const survey = readable(agent, surveyId);
    const questions = surveyQuestions(survey.definition);
    const hidden = hiddenSegmentsUnder(repo, surveyId, filter);
    const total = hidden.rows.reduce((sum, row) => sum + row.n, 0);
    const collectors = repo.collectors(surveyId);
    const channels = [...hidden.channelSizes];
    const totalShown = shownCount(total);
    const shown = (n: number, hidden: boolean | undefined) => (totalShown === null || hidden === true ? null : shownCount(n));
    const closed = questions.filter(isClosed).map((question) => question.name);
    const open = questions.filter((question) => !isClosed(question)).map((question) => question.name);
    const counts = totalShown === null ? new Map<string, ValueCount[]>() : await valueCountsOf(surveyId, closed, filter);
    // An open question's texts are not summed (each is its own value): only how many answered it.
    const answered = new Map<string, number>();
    if (totalShown !== null)
      for (const question of open) {
        await turn();
        for (const [name, n] of repo.answeredCounts(surveyId, [question], filter)) answered.set(name, n);
      }
    const countsOf = (name: string): ValueCount[] =>
      counts.get(name) ?? (answered.has(name) ? [{ item: '', value: '', n: answered.get(name) ?? 0 }] : []);
    return {
      departmentId: survey.departmentId,
      total: totalShown,
      channels: channels.map(([channel, n]) => ({ channel, count: shown(n, hidden.channels.get(channel)) })),
      collectors: collectors.map((collector) => ({
        id: collector.id,
        label: collector.label,
        kind: collector.kind,
        count: shown(hidden.collectorSizes.get(collector.id) ?? 0, hidden.collectors.get(collector.id)),
        sent: collector.kind === 'email' ? collector.stats.sent : null,
        responded: shownResponded(collector, hidden.collectors),
      })),
      questions: totalShown === null ? [] : questions.map((question) => questionResult(question, countsOf(question.name))),
    };
  }

  /**
   * A question's counts by the values of other questions, read slice of response keys by slice with a turn of
   * the loop between: a response's rows are all in one slice, read at once, so the question's own counts and
   * the segments' come from the same rows even when responses arrive meanwhile.
   */
  async function joinedCounts(input: CrosstabInput, question: string, items: readonly string[], segments: readonly JoinSegment[]) {
    const counts = emptyJoinedCounts();
    for (const slice of slices) {
      await turn();
      repo.joinedSlice(input.surveyId, question, items, segments, input.filter, slice, counts);
    }
    const own = [...counts.own].flatMap(([item, values]) => [...values].map(([value, n]) => ({ item, value, n })));
    return { own, bySegment: segments.map((_, index) => countedRows(counts.bySegment[index])) };
  }

  async function crosstab(agent: Reader, input: CrosstabInput): Promise<CrosstabResult> {
    const survey = readable(agent, input.surveyId);
    const question = closedQuestion(survey, input.question);
    if (question.kind === 'matrix' && input.item === null) throw fail('MALFORMED_REQUEST', { reason: 'matrix_row_required' });
    const item = question.kind === 'matrix' ? (input.item ?? '') : '';
    const nothing = (): CrosstabResult => {
      const rows = itemCounts(rowsOf(question, item === '' ? null : item), []);
      return { question: { name: question.name, title: question.title }, table: crosstabTable(rows, [], 0) };
    };
    if (filtersHiddenSegment(repo, input.surveyId, input.filter)) return nothing();
    const sizeItem = sizeItemOf(question);
    const items = sizeItem === null ? [item] : [item, sizeItem];
    const segments = new Map<string, { label: LocalizedText | null; size: number; cells: Map<string, number> }>();
    const add = (rows: Counted, label: (segment: string) => LocalizedText | null, sign = 1, rename?: string) => {
      for (const row of rows) {
        const key = rename ?? row.segment;
        let segment = segments.get(key);
        if (segment === undefined) {
          segment = { label: label(row.segment), size: 0, cells: new Map() };
          segments.set(key, segment);
        }
        const n = sign * row.n;
        if (row.item === sizeItem) segment.size += n;
        else {
          segment.cells.set(row.value, (segment.cells.get(row.value) ?? 0) + n);
          if (sizeItem === null) segment.size += n;
        }
      }
    };
    // Counted with the segments when they are joined, so that both describe the same responses.
    const scanned: { own: ValueCount[] | null } = { own: null };
    const joined = async (...wanted: JoinSegment[]) => {
      const counted = await joinedCounts(input, question.name, items, wanted);
      scanned.own = counted.own;
      return counted.bySegment;
    };
    const choice = input.segment;
    const options: CrosstabOptions = {};
    // By channel or by collector: the two margins of one table of the question's respondents, decided together
    // (either cross-tab, with the other, would give a hidden one back by subtraction), and under a channel or
    // collector filter with the cells the table without it hides (`hiddenInView`).
    const margins = () => {
      const sizes = (filter: SynthesisFilter) =>
        repo
          .sizesByChannelAndCollector(input.surveyId, question.name, sizeItem ?? item, filter)
          .map((row) => ({ row: row.channel, column: row.collectorId, n: row.n }));
      const view = hiddenInView(
        sizes(input.filter),
        () => sizes({ ...input.filter, channel: null, collectorId: null }),
        input.filter,
        [],
        [...repo.collectors(input.surveyId).map((collector) => collector.id), ''],
      );
      return view;
    };
    // Filtered on a channel or a collector, the total is a margin or (both) a cell of that table: nothing when hidden.
    if ((input.filter.channel !== null || input.filter.collectorId !== null) && margins().all) return nothing();
    switch (choice.kind) {
      case 'channel':
        options.hidden = margins().rows;
        add(repo.countsBy(input.surveyId, question.name, items, 'channel', input.filter), (channel) => {
          const labels = (language: 'fr' | 'en') => channelLabels[language][channel as SurveyChannel] ?? channel;
          return textOf(labels('fr'), labels('en'));
        });
        break;
      case 'collector': {
        options.hidden = margins().columns;
        const labels = new Map(repo.collectors(input.surveyId).map((collector) => [collector.id, collector.label]));
        add(repo.countsBy(input.surveyId, question.name, items, 'collector_id', input.filter), (id) =>
          id === '' ? textOf('Sans point de collecte', 'No collector') : { default: labels.get(id) ?? id },
        );
        break;
      }
      case 'area': {
        const [byArea = []] = await joined({ question: areaQuestion, item: '', value: null });
        add(byArea, (area) => ({ default: area }));
        break;
      }
      case 'department': {
        const name = repo.departmentNames().get(choice.departmentId) ?? choice.departmentId;
        const [within = [], identified = []] = await joined(
          { question: departmentQuestion, item: '', value: choice.departmentId },
          { question: profileQuestion, item: '', value: null },
        );
        add(within, () => textOf(`Dossier en ${name} dans les 12 mois`, `Case in ${name} within 12 months`), 1, 'with');
        // The other identified respondents: all those with a profile, less those with a case there.
        add(identified, () => textOf('Autres répondants identifiés', 'Other identified respondents'), 1, 'others');
        add(within, () => null, -1, 'others');
        break;
      }
      case 'question': {
        const other = closedQuestion(survey, choice.question);
        if (other.kind === 'matrix' && choice.item === null) throw fail('MALFORMED_REQUEST', { reason: 'matrix_row_required' });
        const otherItems = itemCounts(rowsOf(other, choice.item), []);
        const label = (value: string) => otherItems.find((candidate) => candidate.value === value)?.label ?? null;
        const segmentItem = other.kind === 'matrix' ? (choice.item ?? '') : '';
        // A multiple choice's segments overlap: their union, who answered it, is counted beside them.
        const overlapping = other.kind === 'multipleChoice';
        const [byValue = [], answered = []] = await joined(
          { question: other.name, item: segmentItem, value: null },
          ...(overlapping ? [{ question: other.name, item: answeredItem, value: null }] : []),
        );
        add(byValue, label);
        if (overlapping) {
          const union = { size: 0, cells: new Map<string, number>() };
          for (const row of answered) {
            if (row.item === sizeItem) union.size += row.n;
            else {
              union.cells.set(row.value, (union.cells.get(row.value) ?? 0) + row.n);
              if (sizeItem === null) union.size += row.n;
            }
          }
          options.union = union;
        }
        break;
      }
    }
    const counted: ValueCount[] = scanned.own ?? repo.valueCounts(input.surveyId, [question.name], input.filter).get(question.name) ?? [];
    const own = counted.filter((row) => row.item === item);
    const total =
      sizeItem === null
        ? own.reduce((sum, row) => sum + row.n, 0)
        : counted.filter((row) => row.item === sizeItem).reduce((sum, row) => sum + row.n, 0);
    const rows = itemCounts(rowsOf(question, item === '' ? null : item), own);
    const ordered: SegmentCounts[] = [...segments].map(([key, segment]) => ({ key, ...segment }));
    return { question: { name: question.name, title: question.title }, table: crosstabTable(rows, ordered, total, options) };
  }

  return { readable, overview, crosstab };
}

export type SynthesisService = ReturnType<typeof createSynthesisService>;
