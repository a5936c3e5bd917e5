import { fail } from '../errors';
import { parseCondition } from './conditions';
import { importText, type LocalizedText } from './localized-text';
import type { ChoiceItem, JsonObject, JsonValue, Question, SurveyElement, SurveyModel, SurveyPage } from './model';

/**
 * SurveyJS JSON → the designer's model. Nothing is dropped: properties the designer does not edit go to
 * `extra`, elements it cannot edit become read-only elements holding their JSON. Structure only: callers
 * that store a definition validate it first (`validateSurveyJson`, `surveyDefinitionSchema`).
 */

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A property the model cannot hold: the element is kept whole, read-only. */
class NotEditable extends Error {}

function without(json: JsonObject, keys: readonly string[]): JsonObject {
  return Object.fromEntries(Object.entries(json).filter(([key]) => !keys.includes(key)));
}

function text(json: JsonObject, key: string): LocalizedText {
  const value = json[key];
  if (value === undefined) return {};
  const read = importText(value);
  if (read === null) throw new NotEditable(key);
  return read;
}

function item(value: JsonValue): ChoiceItem {
  if (typeof value === 'string' || typeof value === 'number') return { value, text: null, extra: {} };
  if (!isObject(value) || (typeof value.value !== 'string' && typeof value.value !== 'number')) throw new NotEditable('item');
  return { value: value.value, text: value.text === undefined ? null : text(value, 'text'), extra: without(value, ['value', 'text']) };
}

function items(json: JsonObject, key: string): ChoiceItem[] {
  const value = json[key];
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new NotEditable(key);
  return value.map(item);
}

type KindPart<Q> = Q extends Question ? Omit<Q, 'name' | 'title' | 'description' | 'required' | 'showIf' | 'extra'> : never;
type Specific = { question: KindPart<Question>; consumed: string[] };

function ratingOf(json: JsonObject): Specific {
  const { rateType, rateMin, rateMax } = json;
  const custom = json.rateValues !== undefined || json.rateCount !== undefined;
  if (!custom && (rateType === 'stars' || rateType === 'smileys') && rateMin === undefined) {
    if (rateMax !== undefined && (typeof rateMax !== 'number' || !Number.isInteger(rateMax))) throw new NotEditable('rateMax');
    const scale = typeof rateMax === 'number' ? rateMax : 5;
    return { question: { kind: 'rating', style: rateType === 'stars' ? 'stars' : 'faces', scale }, consumed: ['rateType', 'rateMax'] };
  }
  if (!custom && rateMin === 0 && rateMax === 10 && (rateType === undefined || rateType === 'labels')) {
    return { question: { kind: 'nps' }, consumed: ['rateMin', 'rateMax'] };
  }
  throw new NotEditable('rating');
}

function specificOf(json: JsonObject): Specific | null {
  switch (json.type) {
    case 'radiogroup':
    case 'dropdown':
      return {
        question: { kind: 'singleChoice', display: json.type === 'radiogroup' ? 'radio' : 'dropdown', choices: items(json, 'choices') },
        consumed: ['choices'],
      };
    case 'checkbox': {
      const other = json.showOtherItem ?? json.hasOther ?? false;
      if (typeof other !== 'boolean') throw new NotEditable('showOtherItem');
      const question = {
        kind: 'multipleChoice' as const,
        choices: items(json, 'choices'),
        allowOther: other,
        otherText: text(json, 'otherText'),
      };
      return { question, consumed: ['choices', 'showOtherItem', 'hasOther', 'otherText'] };
    }
    case 'rating':
      return ratingOf(json);
    case 'boolean':
      return { question: { kind: 'yesNo' }, consumed: [] };
    case 'comment':
      return { question: { kind: 'longText' }, consumed: [] };
    case 'text':
      if (json.inputType === 'number') return { question: { kind: 'number' }, consumed: ['inputType'] };
      if (json.inputType === 'date') return { question: { kind: 'date' }, consumed: ['inputType'] };
      return { question: { kind: 'shortText' }, consumed: [] };
    case 'matrix':
      return { question: { kind: 'matrix', rows: items(json, 'rows'), columns: items(json, 'columns') }, consumed: ['rows', 'columns'] };
    default:
      return null;
  }
}

const common = ['type', 'name', 'title', 'description', 'isRequired', 'visibleIf'];

export function importElement(json: JsonObject): SurveyElement {
  try {
    const specific = specificOf(json);
    if (specific === null) return { kind: 'readOnly', json, reason: 'type' };
    const { name, isRequired, visibleIf } = json;
    if (typeof name !== 'string' || name === '') throw new NotEditable('name');
    if (isRequired !== undefined && typeof isRequired !== 'boolean') throw new NotEditable('isRequired');
    if (visibleIf !== undefined && typeof visibleIf !== 'string') throw new NotEditable('visibleIf');
    return {
      ...specific.question,
      name,
      title: text(json, 'title'),
      description: text(json, 'description'),
      required: isRequired === true,
      showIf: parseCondition(visibleIf),
      extra: without(json, [...common, ...specific.consumed]),
    } as Question;
  } catch (error) {
    if (error instanceof NotEditable) return { kind: 'readOnly', json, reason: 'property' };
    throw error;
  }
}

function elementsOf(json: JsonObject, path: string): SurveyElement[] {
  const elements = json.elements ?? [];
  if (!Array.isArray(elements)) throw fail('SURVEY_DEFINITION_INVALID', { path: `${path}/elements`, reason: 'type' });
  return elements.map((element, index) => {
    if (!isObject(element)) throw fail('SURVEY_DEFINITION_INVALID', { path: `${path}/elements/${index}`, reason: 'type' });
    return importElement(element);
  });
}

function importPage(json: JsonValue, index: number): SurveyPage {
  const path = `/pages/${index}`;
  if (!isObject(json)) throw fail('SURVEY_DEFINITION_INVALID', { path, reason: 'type' });
  const read = (key: string) => importText(json[key] ?? {});
  const title = read('title');
  const description = read('description');
  const name = typeof json.name === 'string' ? json.name : `page${index + 1}`;
  return {
    name,
    // A title the model cannot read stays in `extra`, where it is written back as it came.
    title: title ?? {},
    description: description ?? {},
    elements: elementsOf(json, path),
    extra: without(json, ['name', 'elements', ...(title ? ['title'] : []), ...(description ? ['description'] : [])]),
  };
}

/** Reads a SurveyJS definition; a survey given as top-level `elements` becomes one page. */
export function importSurveyJson(json: unknown): SurveyModel {
  if (!isObject(json)) throw fail('SURVEY_DEFINITION_INVALID', { path: '', reason: 'type' });
  const pages = json.pages ?? (json.elements === undefined ? [] : [{ name: 'page1', elements: json.elements }]);
  if (!Array.isArray(pages)) throw fail('SURVEY_DEFINITION_INVALID', { path: '/pages', reason: 'type' });
  const title = importText(json.title ?? {});
  const description = importText(json.description ?? {});
  return {
    title: title ?? {},
    description: description ?? {},
    pages: pages.map(importPage),
    extra: without(json, ['pages', 'elements', ...(title ? ['title'] : []), ...(description ? ['description'] : [])]),
  };
}
