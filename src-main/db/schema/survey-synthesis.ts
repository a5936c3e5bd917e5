import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * A response's answers as `(question, item, value)` rows (src-shared/surveys/synthesis/answer-values.ts),
 * kept beside the response by its replica binding (`companion`) and removed with it by a trigger. The
 * synthesis counts over these instead of parsing answers (docs/surveys.md, "Synthesis"; `npm run bench:voice`).
 * The primary key, in that order, lets a question's values be read filtered by day, channel and collector
 * from the index alone; `survey_answer_values_join` gives a question's rows in response-key order, as the cross-tabs merge them.
 */
export const surveyAnswerValues = sqliteTable(
  'survey_answer_values',
  {
    surveyId: text('survey_id').notNull(),
    question: text('question').notNull(),
    item: text('item').notNull(),
    value: text('value').notNull(),
    day: text('day').notNull(),
    channel: text('channel').notNull(),
    collectorId: text('collector_id').notNull(),
    responseId: text('response_id').notNull(),
    responseKey: integer('response_key').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.surveyId, t.question, t.item, t.value, t.day, t.channel, t.collectorId, t.responseId] }),
    index('survey_answer_values_response').on(t.responseId),
    index('survey_answer_values_join').on(t.surveyId, t.question, t.responseKey, t.responseId, t.item, t.value),
  ],
);

/**
 * How many answers gave each value, per channel and collector (all dates): kept by triggers on
 * `survey_answer_values` (migration 0006), read by the synthesis and the cross-tabs by channel or collector
 * when no date range is asked, which then sum a few hundred rows instead of counting a hundred thousand
 * responses. WITHOUT ROWID in the migration, so the key and the count are read from one b-tree.
 */
export const surveyAnswerTotals = sqliteTable(
  'survey_answer_totals',
  {
    surveyId: text('survey_id').notNull(),
    question: text('question').notNull(),
    item: text('item').notNull(),
    value: text('value').notNull(),
    channel: text('channel').notNull(),
    collectorId: text('collector_id').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.surveyId, t.question, t.item, t.value, t.channel, t.collectorId] })],
);

/** The same counts per day too, for a date range (more rows: up to one per day a value was given). */
export const surveyAnswerCounts = sqliteTable(
  'survey_answer_counts',
  {
    surveyId: text('survey_id').notNull(),
    question: text('question').notNull(),
    item: text('item').notNull(),
    value: text('value').notNull(),
    day: text('day').notNull(),
    channel: text('channel').notNull(),
    collectorId: text('collector_id').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.surveyId, t.question, t.item, t.value, t.day, t.channel, t.collectorId] })],
);
