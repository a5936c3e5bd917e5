import { exportCondition } from './conditions';
import { exportText, type LocalizedText } from './localized-text';
import type { ChoiceItem, JsonObject, JsonValue, Question, SurveyElement, SurveyModel, SurveyPage } from './model';

/** The designer's model → SurveyJS JSON: what it edits, over every property it kept untouched. */

/** Only the entries that have a value: SurveyJS reads an absent property as its default. */
function defined(entries: Record<string, JsonValue | undefined>): JsonObject {
  return Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== undefined)) as JsonObject;
}

const textValue = (text: LocalizedText): JsonValue | undefined => exportText(text);

export function exportItem(item: ChoiceItem): JsonValue {
  if (item.text === null && Object.keys(item.extra).length === 0) return item.value;
  return { ...item.extra, ...defined({ value: item.value, text: item.text === null ? undefined : textValue(item.text) }) };
}

function specificJson(question: Question): Record<string, JsonValue | undefined> {
  switch (question.kind) {
    case 'singleChoice':
      return { type: question.display === 'radio' ? 'radiogroup' : 'dropdown', choices: question.choices.map(exportItem) };
    case 'multipleChoice':
      return {
        type: 'checkbox',
        choices: question.choices.map(exportItem),
        showOtherItem: question.allowOther ? true : undefined,
        otherText: question.allowOther ? textValue(question.otherText) : undefined,
      };
    case 'rating':
      return {
        type: 'rating',
        rateType: question.style === 'stars' ? 'stars' : 'smileys',
        rateMax: question.scale === 5 ? undefined : question.scale,
      };
    case 'nps':
      return { type: 'rating', rateMin: 0, rateMax: 10 };
    case 'yesNo':
      return { type: 'boolean' };
    case 'shortText':
      return { type: 'text' };
    case 'longText':
      return { type: 'comment' };
    case 'number':
      return { type: 'text', inputType: 'number' };
    case 'date':
      return { type: 'text', inputType: 'date' };
    case 'matrix':
      return { type: 'matrix', rows: question.rows.map(exportItem), columns: question.columns.map(exportItem) };
  }
}

export function exportElement(element: SurveyElement): JsonObject {
  if (element.kind === 'readOnly') return element.json;
  const { type, ...specific } = specificJson(element);
  return {
    ...defined({ type, name: element.name, title: textValue(element.title), description: textValue(element.description) }),
    ...element.extra,
    ...defined({ visibleIf: exportCondition(element.showIf), isRequired: element.required ? true : undefined, ...specific }),
  };
}

function exportPage(page: SurveyPage): JsonObject {
  return {
    name: page.name,
    ...page.extra,
    ...defined({ title: textValue(page.title), description: textValue(page.description) }),
    elements: page.elements.map(exportElement),
  };
}

export function exportSurveyJson(model: SurveyModel): JsonObject {
  return {
    ...model.extra,
    ...defined({ title: textValue(model.title), description: textValue(model.description) }),
    pages: model.pages.map(exportPage),
  };
}
