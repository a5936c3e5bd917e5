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
 * else joins two questions' value rows on the response. Each statement reads indexes only (their plans are
 * checked by tests/integration/survey-synthesis.test.ts and timed by `npm run bench:voice`).
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

    /**
     * A question's value counts by the values of another (or a pseudo-question: area, department): each
     * value row of the first finds the response's rows of the second through `survey_answer_values_join`.
     */
    countsJoined(surveyId: string, question: string, items: readonly string[], segment: JoinSegment, filter: SynthesisFilter) {
      return prepare(
        // Named: without statistics (the replica runs no ANALYZE) SQLite would look the response up by its
        // text id; the integer key finds it at half the cost (bench:voice, "crosstab by another question").
        `SELECT a.item, a.value, b.value AS segment, count(*) AS n FROM survey_answer_values a
         JOIN survey_answer_values b INDEXED BY survey_answer_values_join ON b.survey_id = a.survey_id AND b.question = @segmentQuestion
           AND b.response_key = a.response_key AND b.response_id = a.response_id AND b.item = @segmentItem
         WHERE a.survey_id = @survey AND a.question = @question AND a.item IN (SELECT value FROM json_each(@items))
           AND ${filterSql('a')} AND (@segmentValue IS NULL OR b.value = @segmentValue)
         GROUP BY a.item, a.value, segment`,
      ).all({
        survey: surveyId,
        question,
        items: JSON.stringify(items),
        segmentQuestion: segment.question,
        segmentItem: segment.item,
        segmentValue: segment.value,
        ...filterParams(filter),
      }) as { item: string; value: string; segment: string; n: number }[];
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

    /** How many gave a text answer to this question, and one page of them (newest first), optionally searched. */
    openAnswers(surveyId: string, question: string, search: string, offset: number, limit: number, filter: SynthesisFilter) {
      const pattern = search.trim() === '' ? null : `%${search.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const where = `v.survey_id = @survey AND v.question = @question AND v.item = '' AND ${filterSql('v')}
        AND (@pattern IS NULL OR v.value LIKE @pattern ESCAPE '\\')`;
      const params = { survey: surveyId, question, pattern, ...filterParams(filter) };
      const total = prepare(`SELECT count(*) FROM survey_answer_values v WHERE ${where}`).pluck().get(params) as number;
      const answers = prepare(
        `SELECT v.response_id AS responseId, v.value AS text, v.day, v.channel FROM survey_answer_values v WHERE ${where}
         ORDER BY v.day DESC, v.response_id LIMIT @limit OFFSET @offset`,
      ).all({ ...params, limit, offset }) as { responseId: string; text: string; day: string; channel: SurveyChannel }[];
      return { total, answers };
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
