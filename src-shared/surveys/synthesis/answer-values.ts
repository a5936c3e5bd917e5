import { parisDate } from '../../domain/deadline';
import type { SurveyResponse } from '../../schemas/surveys';

/**
 * A response's answers as rows of `(question, item, value)`, kept in the replica beside the response
 * (`survey_answer_values`, replaced with it) so the synthesis counts with GROUP BY over indexes instead of
 * parsing every response's JSON (docs/surveys.md, "Synthesis"; measured by `npm run bench:voice`).
 *
 * Read from the answers' shapes alone (the definition may change after the answer was given):
 * - a text, number or boolean: one row, `item` empty, `value` its text (`true`/`false` for yes/no);
 * - a list (multiple choice): one row per chosen value, plus one `answeredItem` row counting who answered;
 * - an object (matrix): one row per matrix row, `item` the row, `value` its column, plus the `answeredItem` row;
 * - `<name>-Comment` ("other" text) is a text answer under that name.
 * Pseudo-questions describe the respondent, so segments are counted the same way as answers: `@response`
 * (one row per response), `@profile` (identified), `@area` (their area) and `@department` (one row per department where they had a case).
 */
export const answeredItem = '#';
export const responseQuestion = '@response';
export const areaQuestion = '@area';
export const departmentQuestion = '@department';
/** One row when the response carries a profile (an identified respondent): the population departments are compared in. */
export const profileQuestion = '@profile';

export interface AnswerValueRow {
  responseId: string;
  /** A 53-bit number derived from the response id: the join key of cross-tabs (integers compare faster than ids). */
  responseKey: number;
  surveyId: string;
  question: string;
  item: string;
  value: string;
  /** The Europe/Paris date it was submitted on: the synthesis filters by date range. */
  day: string;
  channel: string;
  /** '' for none: part of the counts' key, which SQLite compares better without NULLs. */
  collectorId: string;
}

type Respondent = Pick<SurveyResponse, 'id' | 'surveyId' | 'answers' | 'profile' | 'submittedAt' | 'channel' | 'collectorId'>;

/** cyrb53 (public domain): a fast 53-bit string hash, a safe integer. */
export function responseKeyOf(id: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < id.length; i++) {
    const ch = id.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

// Paris is a whole number of hours from UTC: the day of an instant is the day of its UTC hour. Intl is slow
// enough to show in a pull page of responses, so each hour is converted once.
const daysByHour = new Map<string, string>();
function dayOf(submittedAt: string): string {
  const instant = new Date(submittedAt);
  const hour = instant.toISOString().slice(0, 13);
  let day = daysByHour.get(hour);
  if (day === undefined) {
    day = parisDate(instant);
    if (daysByHour.size > 10_000) daysByHour.clear();
    daysByHour.set(hour, day);
  }
  return day;
}

const scalar = (value: string | number | boolean): string => (typeof value === 'string' ? value : String(value));

export function answerValueRows(response: Respondent): AnswerValueRow[] {
  const base = {
    responseId: response.id,
    responseKey: responseKeyOf(response.id),
    surveyId: response.surveyId,
    day: dayOf(response.submittedAt),
    channel: response.channel,
    collectorId: response.collectorId ?? '',
  };
  const rows: AnswerValueRow[] = [{ ...base, question: responseQuestion, item: '', value: '' }];
  const add = (question: string, item: string, value: string) => rows.push({ ...base, question, item, value });
  for (const [question, answer] of Object.entries(response.answers)) {
    if (Array.isArray(answer)) {
      if (answer.length === 0) continue;
      add(question, answeredItem, '');
      for (const value of new Set(answer.map(scalar))) add(question, '', value);
    } else if (typeof answer === 'object') {
      const entries = Object.entries(answer);
      if (entries.length === 0) continue;
      add(question, answeredItem, '');
      for (const [row, column] of entries) add(question, row, scalar(column));
    } else if (answer !== '') add(question, '', scalar(answer));
  }
  if (response.profile !== null) {
    add(profileQuestion, '', '');
    if (response.profile.area !== null) add(areaQuestion, '', response.profile.area);
    for (const department of new Set(response.profile.departmentsWithCase)) add(departmentQuestion, '', department);
  }
  return rows;
}
