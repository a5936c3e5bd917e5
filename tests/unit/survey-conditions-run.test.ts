import { Model } from 'survey-core';
import { describe, expect, it } from 'vitest';
import {
  exportSurveyJson,
  newPage,
  newQuestion,
  textOf,
  type Condition,
  type ConditionValue,
  type Question,
  type QuestionKind,
} from '../../src-shared/surveys';

/**
 * Each comparison the designer writes, run by survey-core: the conditional question shows exactly when the
 * earlier answer matches. Choice questions hold `choice1` and `choice2` (newQuestion's defaults).
 */
const cases: [QuestionKind, Condition['operator'], ConditionValue, unknown, unknown][] = [
  ['singleChoice', 'equals', 'choice1', 'choice1', 'choice2'],
  ['singleChoice', 'notEquals', 'choice1', 'choice2', 'choice1'],
  ['singleChoice', 'anyOf', ['choice1', 'choice2'], 'choice2', 'other'],
  ['multipleChoice', 'contains', 'choice2', ['choice1', 'choice2'], ['choice1']],
  ['multipleChoice', 'anyOf', ['choice2'], ['choice2'], ['choice1']],
  ['rating', 'atLeast', 4, 5, 3],
  ['rating', 'atMost', 2, 1, 3],
  ['nps', 'atLeast', 9, 10, 8],
  ['nps', 'atMost', 6, 0, 7],
  ['number', 'equals', 3, 3, 4],
  ['yesNo', 'equals', true, true, false],
  ['yesNo', 'notEquals', true, false, true],
];

function surveyWith(kind: QuestionKind, operator: Condition['operator'], value: ConditionValue): Model {
  const asked = { ...newQuestion(kind, 'asked'), title: textOf('Première') };
  const shown: Question = {
    ...newQuestion('longText', 'shown'),
    title: textOf('Suite'),
    showIf: { kind: 'answer', question: 'asked', operator, value, source: null },
  };
  return new Model(exportSurveyJson({ title: {}, description: {}, extra: {}, pages: [{ ...newPage('page1'), elements: [asked, shown] }] }));
}

describe('conditions written by the designer, run by survey-core', () => {
  it.each(cases)('%s %s %j: shown for %j, hidden for %j', (kind, operator, value, matching, other) => {
    const survey = surveyWith(kind, operator, value);
    const shown = () => survey.getQuestionByName('shown').isVisible;
    expect(shown()).toBe(operator === 'notEquals');
    survey.setValue('asked', matching);
    expect(shown()).toBe(true);
    survey.setValue('asked', other);
    expect(shown()).toBe(false);
  });
});
