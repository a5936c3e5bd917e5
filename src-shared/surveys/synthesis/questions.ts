import { importSurveyJson } from '../import-json';
import { isQuestion, type Question, type QuestionKind } from '../model';

/** Questions whose answers are counted (and cross-tabbed); the others are listed (open answers, dates). */
export const closedKinds: readonly QuestionKind[] = ['singleChoice', 'multipleChoice', 'rating', 'nps', 'yesNo', 'number', 'matrix'];

export function isClosed(question: Question): boolean {
  return closedKinds.includes(question.kind);
}

/** Every question of a definition, in order (read-only elements have no synthesis: their answers are exported). */
export function surveyQuestions(definition: unknown): Question[] {
  return importSurveyJson(definition).pages.flatMap((page) => page.elements.filter(isQuestion));
}

/** Whether a choice question offers "other" (its text is stored under `<name>-Comment`). */
export function offersOther(question: Question): boolean {
  if (question.kind === 'multipleChoice') return question.allowOther;
  return question.kind === 'singleChoice' && (question.extra.showOtherItem === true || question.extra.hasOther === true);
}

export const otherValue = 'other';
export const commentSuffix = '-Comment';
