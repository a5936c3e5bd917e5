import type { ErrorPayload } from '../errors';
import { answerNames, isQuestion, type ChoiceItem, type Question, type SurveyModel } from './model';

export type SurveyProblem = ErrorPayload<'SURVEY_QUESTION_NAME_TAKEN' | 'SURVEY_CONDITION_INVALID' | 'SURVEY_CHOICE_VALUE_INVALID'>;

/** The question kinds a condition can read, and with which operators. */
const operatorsByKind: Partial<Record<Question['kind'], readonly string[]>> = {
  singleChoice: ['equals', 'notEquals', 'anyOf'],
  multipleChoice: ['contains', 'anyOf'],
  rating: ['equals', 'notEquals', 'atLeast', 'atMost'],
  nps: ['equals', 'notEquals', 'atLeast', 'atMost'],
  number: ['equals', 'notEquals', 'atLeast', 'atMost'],
  yesNo: ['equals', 'notEquals'],
};

export function conditionOperatorsFor(kind: Question['kind']): readonly string[] {
  return operatorsByKind[kind] ?? [];
}

function itemLists(question: Question): ChoiceItem[][] {
  if (question.kind === 'singleChoice' || question.kind === 'multipleChoice') return [question.choices];
  return question.kind === 'matrix' ? [question.rows, question.columns] : [];
}

/** The first empty or repeated value of each list of the question (an answer could not tell them apart). */
function choiceProblems(question: Question): SurveyProblem[] {
  return itemLists(question).flatMap((items) => {
    const values = items.map((item) => String(item.value));
    const bad = values.find((value, index) => value.trim() === '' || values.indexOf(value) !== index);
    return bad === undefined ? [] : [{ code: 'SURVEY_CHOICE_VALUE_INVALID' as const, args: { question: question.name, value: bad } }];
  });
}

/**
 * What the schema cannot see: each answer has its own name, each choice its own value, and a "show if"
 * reads an answer asked before it (an earlier question of the survey, in page order). Raw expressions are
 * not judged.
 */
export function checkSurvey(model: SurveyModel): SurveyProblem[] {
  const problems: SurveyProblem[] = [];
  const asked = new Map<string, Question | null>();
  for (const element of model.pages.flatMap((page) => page.elements)) {
    if (isQuestion(element) && element.showIf?.kind === 'answer') {
      const target = asked.get(element.showIf.question);
      const readable = target === null || (target !== undefined && conditionOperatorsFor(target.kind).includes(element.showIf.operator));
      if (!readable) problems.push({ code: 'SURVEY_CONDITION_INVALID', args: { question: element.name, target: element.showIf.question } });
    }
    if (isQuestion(element)) problems.push(...choiceProblems(element));
    for (const name of answerNames(element)) {
      if (asked.has(name)) problems.push({ code: 'SURVEY_QUESTION_NAME_TAKEN', args: { name } });
      // A name inside a read-only element may be read by a condition; its kind is not the designer's to judge.
      asked.set(name, isQuestion(element) ? element : null);
    }
  }
  return problems;
}
