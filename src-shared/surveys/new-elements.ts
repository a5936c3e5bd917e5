import { fail, parseOrFail } from '../errors';
import { surveyDefinitionSchema } from '../schemas/surveys';
import { importSurveyJson } from './import-json';
import { textOf } from './localized-text';
import { answerNames, type Question, type QuestionKind, type SurveyModel, type SurveyPage } from './model';

/** What the designer starts from: a blank question of each kind, a page, a survey. */

const blank = { description: {}, required: false, showIf: null, extra: {} } as const;

function choices(...values: string[]) {
  return values.map((value, index) => ({ value: `choice${index + 1}`, text: textOf(value), extra: {} }));
}

export function newQuestion(kind: QuestionKind, name: string): Question {
  const title = textOf('');
  switch (kind) {
    case 'singleChoice':
      return { ...blank, kind, name, title, display: 'radio', choices: choices('Choix 1', 'Choix 2') };
    case 'multipleChoice':
      return { ...blank, kind, name, title, choices: choices('Choix 1', 'Choix 2'), allowOther: false, otherText: {} };
    case 'rating':
      return { ...blank, kind, name, title, style: 'stars', scale: 5 };
    case 'matrix':
      return { ...blank, kind, name, title, rows: choices('Ligne 1'), columns: choices('Pas du tout', 'Un peu', 'Beaucoup') };
    default:
      return { ...blank, kind, name, title } as Question;
  }
}

export function newPage(name: string): SurveyPage {
  return { name, title: {}, description: {}, elements: [], extra: {} };
}

export function newSurvey(): SurveyModel {
  return { title: {}, description: {}, pages: [newPage('page1')], extra: {} };
}

/** `prefix` followed by the first number no answer or page of the survey holds yet. */
export function freeName(model: SurveyModel, prefix: string): string {
  const taken = new Set(model.pages.flatMap((page) => [page.name, ...page.elements.flatMap(answerNames)]));
  let index = 1;
  while (taken.has(`${prefix}${index}`)) index++;
  return `${prefix}${index}`;
}

/** A file's text as a survey: JSON, within the limits, read into the model. */
export function readSurveyFile(text: string): SurveyModel {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw fail('SURVEY_FILE_UNREADABLE');
  }
  return importSurveyJson(parseOrFail(surveyDefinitionSchema, json));
}
