import type { SurveyAnswers } from '../schemas/surveys';
import { importSurveyJson } from './import-json';
import { answerNames, isQuestion, type ChoiceItem, type Question } from './model';

/**
 * What is wrong with a response's answers for a survey's definition, checked wherever a response is stored
 * (the workspace's entries, the central service's public pages): the same rules on both sides.
 * - `unknown_question`: a name the definition does not ask (nor an "other" comment of one that allows it);
 * - `invalid_value`: a value of the wrong shape for its question (a rating out of its scale, a choice not
 *   offered, a matrix row or column not in it, a date that is not `YYYY-MM-DD`…);
 * - `required_missing`: a required question left empty that is always shown (no "show if" of its own nor of its
 *   page). Conditional questions are not required here: survey-core decides what was shown, and an answer is
 *   never refused for a condition read differently.
 * Names inside elements the designer keeps read-only (panels, file uploads…) accept any storable value.
 */
export interface AnswerProblem {
  code: 'unknown_question' | 'invalid_value' | 'required_missing';
  question: string;
}

export function checkAnswers(definition: unknown, answers: SurveyAnswers): AnswerProblem[] {
  const model = importSurveyJson(definition);
  const questions = new Map<string, Question>();
  const free = new Set<string>();
  const alwaysShown = new Set<string>();
  for (const page of model.pages) {
    const pageConditional = page.extra.visibleIf !== undefined;
    for (const element of page.elements) {
      if (!isQuestion(element)) {
        for (const name of answerNames(element)) free.add(name);
        continue;
      }
      questions.set(element.name, element);
      if (!pageConditional && element.showIf === null) alwaysShown.add(element.name);
    }
  }
  const problems: AnswerProblem[] = [];
  for (const [name, value] of Object.entries(answers)) {
    if (free.has(name)) continue;
    const question = questions.get(name);
    if (question === undefined) {
      const owner = name.endsWith('-Comment') ? questions.get(name.slice(0, -'-Comment'.length)) : undefined;
      if (owner !== undefined && allowsOther(owner)) {
        if (typeof value !== 'string') problems.push({ code: 'invalid_value', question: name });
      } else problems.push({ code: 'unknown_question', question: name });
      continue;
    }
    if (!fits(question, value)) problems.push({ code: 'invalid_value', question: name });
  }
  for (const name of alwaysShown) {
    const question = questions.get(name);
    if (question?.required === true && isEmpty(answers[name])) problems.push({ code: 'required_missing', question: name });
  }
  return problems;
}

function allowsOther(question: Question): boolean {
  if (question.kind === 'multipleChoice') return question.allowOther;
  return question.extra.showOtherItem === true || question.extra.hasOther === true;
}

const offered = (items: readonly ChoiceItem[], value: unknown) => items.some((item) => item.value === value);

function fits(question: Question, value: unknown): boolean {
  switch (question.kind) {
    case 'singleChoice':
      return offered(question.choices, value) || (value === 'other' && allowsOther(question));
    case 'multipleChoice':
      return (
        Array.isArray(value) &&
        new Set(value).size === value.length &&
        value.every((item) => offered(question.choices, item) || (item === 'other' && question.allowOther))
      );
    case 'rating':
      return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= question.scale;
    case 'nps':
      return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 10;
    case 'yesNo':
      return typeof value === 'boolean';
    case 'shortText':
    case 'longText':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));
    case 'matrix':
      return (
        typeof value === 'object' &&
        value !== null &&
        !Array.isArray(value) &&
        Object.entries(value).every(
          ([row, column]) => question.rows.some((item) => String(item.value) === row) && offered(question.columns, column),
        )
      );
  }
}

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}
