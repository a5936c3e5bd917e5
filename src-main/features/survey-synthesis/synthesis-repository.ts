import type { Database, Statement } from 'better-sqlite3';
import type {
  SurveyAnswers,
  SurveyChannel,
  CollectorSettings,
  CollectorStats,
  RespondentProfile,
} from '../../../src-shared/schemas/surveys';
import type { SynthesisFilter } from '../../../src-shared/surveys/synthesis/schemas';
import type { ValueCount } from '../../../src-shared/surveys/synthesis/results';

/**
 * The synthesis's SQL over the replica (docs/surveys.md, "Synthesis"). Counts come from `survey_answer_counts`
 * (kept by triggers) where a question is counted alone or by channel or collector; a cross-tab by anything
 * else merges two questions' value rows by response (`joinedSlice`). Each statement reads indexes only (the
 * cross-tab's plan is checked by tests/integration/survey-crosstab.test.ts; all are timed by `npm run bench:voice`).
 */
export interface SurveyRow {
  id: string;
  departmentId: string;
  anonymity: 'anonymous' | 'identified';
  definition: unknown;
  title: string;
}

export interface CollectorRow {
  id: string;
  label: string;
  kind: CollectorSettings['kind'];
  stats: CollectorStats;
}

export interface ResponseRow {
  id: string;
  channel: SurveyChannel;
  collectorId: string | null;
  citizenId: string | null;
  caseId: string | null;
  note: string | null;
  submittedAt: string;
  answers: SurveyAnswers;
  profile: RespondentProfile | null;
}

/** The filter as SQL over a value or count row aliased `alias`; its parameters are named. */
function filterSql(alias: string, days = true): string {
  return [
    ...(days ? [`(@from IS NULL OR ${alias}.day >= @from)`, `(@to IS NULL OR ${alias}.day <= @to)`] : []),
    `(@channel IS NULL OR ${alias}.channel = @channel)`,
    `(@collector IS NULL OR ${alias}.collector_id = @collector)`,
  ].join(' AND ');
}

/**
 * The counts to sum: all dates (`survey_answer_totals`, a few rows a value) unless a date range is asked,
 * then the per-day ones. The full synthesis of `npm run bench:voice` reads the first.
 */
function countsSource(filter: SynthesisFilter): string {
  const dated = filter.from !== null || filter.to !== null;
  return dated ? `survey_answer_counts c WHERE ${filterSql('c')} AND` : `survey_answer_totals c WHERE ${filterSql('c', false)} AND`;
}

const filterParams = (filter: SynthesisFilter) => ({
  from: filter.from,
  to: filter.to,
  channel: filter.channel,
  collector: filter.collectorId,
});

export type SegmentColumn = 'channel' | 'collector_id';

export interface JoinSegment {
  question: string;
  item: string;
  /** Only this value of the segment question (a department); null: every value is a segment. */
  value: string | null;
}

/** A range of response keys (`responseKeyOf`, 53 bits), from inclusive, to exclusive. */
export interface KeySlice {
  from: number;
  to: number;
}

/** Every response key, cut in `count` ranges of equal width (a power of two divides 2^53 exactly). */
export function keySlices(count: number): KeySlice[] {
  const width = 2 ** 53 / count;
  return Array.from({ length: count }, (_, index) => ({ from: index * width, to: (index + 1) * width }));
}

/** Counts by item, then value. */
export type ItemValueCounts = Map<string, Map<string, number>>;

/** What a cross-tab's slices add up: the question's own counts, and per segment asked, its counts by segment value. */
export interface JoinedCounts {
  own: ItemValueCounts;
  bySegment: Map<string, ItemValueCounts>[];
}

export const emptyJoinedCounts = (): JoinedCounts => ({ own: new Map(), bySegment: [] });

function add(counts: ItemValueCounts, item: string, value: string, n: number): void {
  let values = counts.get(item);
  if (values === undefined) counts.set(item, (values = new Map()));
  values.set(value, (values.get(value) ?? 0) + n);
}

/**
 * The statement of `joinedSlice` for this many segments: side 0 the question's rows, side i + 1 segment i's,
 * each a range of `survey_answer_values_join` in key order. Exported for the test of its plan.
 */
export function joinedSliceSql(segmentCount: number): string {
  // The filter is applied to every side: a response's rows share its day, channel and collector.
  const side = (index: number, where: string) =>
    `SELECT v.response_key AS k, v.response_id AS id, ${index} AS side, v.item, v.value
     FROM survey_answer_values v INDEXED BY survey_answer_values_join
     WHERE v.survey_id = @survey AND ${where} AND v.response_key >= @keyFrom AND v.response_key < @keyTo AND ${filterSql('v')}`;
  const sides = [
    side(0, 'v.question = @question AND v.item IN (SELECT value FROM json_each(@items))'),
    ...Array.from({ length: segmentCount }, (_, index) =>
      side(index + 1, `v.question = @question${index} AND v.item = @item${index} AND (@value${index} IS NULL OR v.value = @value${index})`),
    ),
  ];
  return `SELECT group_concat(rows, char(30)) FROM (
    SELECT json_group_array(json_array(side, item, value)) AS rows FROM (${sides.join(' UNION ALL ')} ORDER BY k, id)
    GROUP BY k, id HAVING min(side) = 0)`;
}

export function createSynthesisRepository(client: Database) {
  const statements = new Map<string, Statement>();
  const prepare = (sql: string): Statement => {
    let statement = statements.get(sql);
    if (statement === undefined) {
      statement = client.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };

  return {
    survey(id: string): SurveyRow | null {
      const row = prepare('SELECT id, department_id, anonymity, definition FROM surveys WHERE id = ?').get(id) as
        { id: string; department_id: string; anonymity: SurveyRow['anonymity']; definition: string } | undefined;
      if (row === undefined) return null;
      const definition = JSON.parse(row.definition) as Record<string, unknown>;
      const title = definition.title;
      return {
        id: row.id,
        departmentId: row.department_id,
        anonymity: row.anonymity,
        definition,
        title: typeof title === 'string' ? title : typeof title === 'object' && title !== null ? String(Object.values(title)[0] ?? '') : '',
      };
    },

    surveyIdsOf(departmentId: string): string[] {
      return prepare('SELECT id FROM surveys WHERE department_id = ? ORDER BY created_at, id').pluck().all(departmentId) as string[];
    },

    collectors(surveyId: string): CollectorRow[] {
      const rows = prepare('SELECT id, label, settings, stats FROM survey_collectors WHERE survey_id = ? ORDER BY created_at, id').all(
        surveyId,
      ) as { id: string; label: string; settings: string; stats: string }[];
      return rows.map((row) => ({
        id: row.id,
        label: row.label,
        kind: (JSON.parse(row.settings) as CollectorSettings).kind,
        stats: JSON.parse(row.stats) as CollectorStats,
      }));
    },

    departmentNames(): Map<string, string> {
      const rows = prepare('SELECT id, name FROM departments').all() as { id: string; name: string }[];
      return new Map(rows.map((row) => [row.id, row.name]));
    },

    /** Every value count of these questions (one GROUP BY walking the counts' primary key). */
    valueCounts(surveyId: string, questions: readonly string[], filter: SynthesisFilter): Map<string, ValueCount[]> {
      const result = new Map<string, ValueCount[]>(questions.map((question) => [question, []]));
      if (questions.length === 0) return result;
      const rows = prepare(
        `SELECT c.question, c.item, c.value, sum(c.n) AS n FROM ${countsSource(filter)}
         c.survey_id = @survey AND c.question IN (SELECT value FROM json_each(@questions))
         GROUP BY c.question, c.item, c.value`,
      ).all({ survey: surveyId, questions: JSON.stringify(questions), ...filterParams(filter) }) as (ValueCount & { question: string })[];
      for (const { question, item, value, n } of rows) result.get(question)?.push({ item, value, n });
      return result;
    },

    /** A question's value counts by channel or collector (`item` '#': respondents of a multiple choice). */
    countsBy(surveyId: string, question: string, items: readonly string[], column: SegmentColumn, filter: SynthesisFilter) {
      return prepare(
        `SELECT c.item, c.value, c.${column} AS segment, sum(c.n) AS n FROM ${countsSource(filter)}
         c.survey_id = @survey AND c.question = @question AND c.item IN (SELECT value FROM json_each(@items))
         GROUP BY c.item, c.value, segment`,
      ).all({ survey: surveyId, question, items: JSON.stringify(items), ...filterParams(filter) }) as {
        item: string;
        value: string;
        segment: string;
        n: number;
      }[];
    },

    /** A question's respondents by channel and collector together (`item`: '#' for a multiple choice's respondents). */
    sizesByChannelAndCollector(surveyId: string, question: string, item: string, filter: SynthesisFilter) {
      return prepare(
        `SELECT c.channel, c.collector_id AS collectorId, sum(c.n) AS n FROM ${countsSource(filter)}
         c.survey_id = @survey AND c.question = @question AND c.item = @item
         GROUP BY c.channel, c.collector_id`,
      ).all({ survey: surveyId, question, item, ...filterParams(filter) }) as { channel: SurveyChannel; collectorId: string; n: number }[];
    },

    /**
     * One slice of a cross-tab by the values of other questions (or pseudo-questions: area, department),
     * added to `into`: the question's value rows and each segment question's whose response keys fall in
     * `slice`, read as range scans of `survey_answer_values_join` that SQLite merges in key order (`UNION ALL
     * ... ORDER BY`: no sort), grouped by response (in that order: no sort either), each response's rows as
     * one JSON array. A lookup of the segment's row per answer (a join) paid a b-tree descent per response,
     * and a `GROUP BY` of the pairs a sort of them; here most responses share their array with many others,
     * so JavaScript parses each distinct one once (`npm run bench:voice`, "crosstab by another question").
     */
    joinedSlice(
      surveyId: string,
      question: string,
      items: readonly string[],
      segments: readonly JoinSegment[],
      filter: SynthesisFilter,
      slice: KeySlice,
      into: JoinedCounts,
    ): void {
      const params: Record<string, unknown> = {
        survey: surveyId,
        question,
        items: JSON.stringify(items),
        keyFrom: slice.from,
        keyTo: slice.to,
        ...filterParams(filter),
      };
      segments.forEach((segment, index) => {
        params[`question${index}`] = segment.question;
        params[`item${index}`] = segment.item;
        params[`value${index}`] = segment.value;
      });
      const joined = prepare(joinedSliceSql(segments.length)).pluck().get(params) as string | null;
      if (joined === null) return;
      // JSON escapes control characters: the separator is never inside an array.
      const responses = new Map<string, number>();
      for (const rows of joined.split('\x1e')) responses.set(rows, (responses.get(rows) ?? 0) + 1);
      for (const [text, n] of responses) {
        const rows = JSON.parse(text) as [number, string, string][];
        const answers = rows.filter(([sideIndex]) => sideIndex === 0);
        for (const [, item, value] of answers) add(into.own, item, value, n);
        segments.forEach((_, index) => {
          const cells = (into.bySegment[index] ??= new Map());
          for (const [sideIndex, , segmentValue] of rows) {
            if (sideIndex !== index + 1) continue;
            let segmentCells = cells.get(segmentValue);
            if (segmentCells === undefined) cells.set(segmentValue, (segmentCells = new Map()));
            for (const [, item, value] of answers) add(segmentCells, item, value, n);
          }
        });
      }
    },

    /** How many answered each of these (open) questions. */
    answeredCounts(surveyId: string, questions: readonly string[], filter: SynthesisFilter): Map<string, number> {
      if (questions.length === 0) return new Map();
      const rows = prepare(
        `SELECT v.question, count(*) AS n FROM survey_answer_values v
         WHERE v.survey_id = @survey AND v.question IN (SELECT value FROM json_each(@questions)) AND v.item = '' AND ${filterSql('v')}
         GROUP BY v.question`,
      ).all({ survey: surveyId, questions: JSON.stringify(questions), ...filterParams(filter) }) as { question: string; n: number }[];
      return new Map(rows.map((row) => [row.question, row.n]));
    },

    /** Responses by channel and collector (the `@response` pseudo-question). */
    responsesBy(surveyId: string, filter: SynthesisFilter): { channel: SurveyChannel; collectorId: string; n: number }[] {
      return prepare(
        `SELECT c.channel, c.collector_id AS collectorId, sum(c.n) AS n FROM ${countsSource(filter)}
         c.survey_id = @survey AND c.question = '@response' AND c.item = '' AND c.value = ''
         GROUP BY c.channel, c.collector_id`,
      ).all({ survey: surveyId, ...filterParams(filter) }) as { channel: SurveyChannel; collectorId: string; n: number }[];
    },

    /** One page of a survey's responses in submission order, after `after` (keyset paging for the exports). */
    responsesPage(surveyId: string, after: { submittedAt: string; id: string } | null, limit: number): ResponseRow[] {
      const rows = prepare(
        `SELECT id, channel, collector_id, citizen_id, case_id, note, submitted_at, answers, profile FROM survey_responses
         WHERE survey_id = @survey AND (@at IS NULL OR (submitted_at, id) > (@at, @id)) ORDER BY submitted_at, id LIMIT @limit`,
      ).all({ survey: surveyId, at: after?.submittedAt ?? null, id: after?.id ?? null, limit }) as {
        id: string;
        channel: SurveyChannel;
        collector_id: string | null;
        citizen_id: string | null;
        case_id: string | null;
        note: string | null;
        submitted_at: string;
        answers: string;
        profile: string | null;
      }[];
      return rows.map((row) => ({
        id: row.id,
        channel: row.channel,
        collectorId: row.collector_id,
        citizenId: row.citizen_id,
        caseId: row.case_id,
        note: row.note,
        submittedAt: row.submitted_at,
        answers: JSON.parse(row.answers) as SurveyAnswers,
        profile: row.profile === null ? null : (JSON.parse(row.profile) as RespondentProfile),
      }));
    },
  };
}

export type SynthesisRepository = ReturnType<typeof createSynthesisRepository>;
