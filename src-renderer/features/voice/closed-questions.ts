import {
  importSurveyJson,
  isQuestion,
  textIn,
  type ChoiceItem,
  type JsonObject,
  type SurveyElement,
  type SurveyLanguage,
} from '../../../src-shared/surveys';

/** One answer an indicator may count as favourable: the value stored in a response, and its words. */
export interface AnswerOption {
  value: string | number | boolean;
  label: string;
}

/** A question an indicator can follow: single or multiple choice, rating, NPS, yes/no. */
export interface ClosedQuestion {
  name: string;
  title: string;
  options: AnswerOption[];
}

export interface ClosedQuestionWords {
  yes: string;
  no: string;
  other: string;
}

const range = (from: number, to: number, step = 1) =>
  Array.from({ length: Math.max(0, Math.floor((to - from) / step) + 1) }, (_, index) => from + index * step);

const numbers = (values: number[]): AnswerOption[] => values.map((value) => ({ value, label: String(value) }));

/** A SurveyJS `itemvalue` as the respondent read it. */
function itemOption(item: unknown, language: SurveyLanguage): AnswerOption | null {
  if (typeof item === 'string' || typeof item === 'number') return { value: item, label: String(item) };
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return null;
  const { value, text } = item as { value?: unknown; text?: unknown };
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const label =
    typeof text === 'string' ? text : typeof text === 'object' && text !== null ? textIn(text as Record<string, string>, language) : '';
  return { value, label: label === '' ? String(value) : label };
}

/**
 * What the designer keeps read-only (a rating with its own scale, a choice list it cannot edit…) is still a
 * closed question an indicator may follow: its options are read from the JSON as SurveyJS reads them.
 */
function readOnlyOptions(json: JsonObject, language: SurveyLanguage, words: ClosedQuestionWords): AnswerOption[] | null {
  switch (json.type) {
    case 'boolean':
      return [
        { value: true, label: words.yes },
        { value: false, label: words.no },
      ];
    case 'rating': {
      if (Array.isArray(json.rateValues)) return json.rateValues.map((item) => itemOption(item, language)).filter((item) => item !== null);
      const from = typeof json.rateMin === 'number' ? json.rateMin : 1;
      const to = typeof json.rateMax === 'number' ? json.rateMax : 5;
      const step = typeof json.rateStep === 'number' && json.rateStep > 0 ? json.rateStep : 1;
      return numbers(range(from, to, step).slice(0, 100));
    }
    case 'radiogroup':
    case 'dropdown':
    case 'checkbox':
      return Array.isArray(json.choices) ? json.choices.map((item) => itemOption(item, language)).filter((item) => item !== null) : null;
    default:
      return null;
  }
}

function elementQuestion(element: SurveyElement, language: SurveyLanguage, words: ClosedQuestionWords): ClosedQuestion | null {
  if (!isQuestion(element)) {
    const name = element.json.name;
    const options = readOnlyOptions(element.json, language, words);
    if (typeof name !== 'string' || options === null || options.length === 0) return null;
    const title =
      typeof element.json.title === 'string' ? element.json.title : textIn((element.json.title ?? {}) as Record<string, string>, language);
    return { name, title: title === '' ? name : title, options };
  }
  const title = textIn(element.title, language) || element.name;
  const choices = (items: readonly ChoiceItem[]) =>
    items.map((item) => ({ value: item.value, label: (item.text === null ? '' : textIn(item.text, language)) || String(item.value) }));
  switch (element.kind) {
    case 'singleChoice':
      return { name: element.name, title, options: choices(element.choices) };
    case 'multipleChoice':
      return {
        name: element.name,
        title,
        options: [
          ...choices(element.choices),
          ...(element.allowOther ? [{ value: 'other', label: textIn(element.otherText, language) || words.other }] : []),
        ],
      };
    case 'rating':
      return { name: element.name, title, options: numbers(range(1, element.scale)) };
    case 'nps':
      return { name: element.name, title, options: numbers(range(0, 10)) };
    case 'yesNo':
      return {
        name: element.name,
        title,
        options: [
          { value: true, label: words.yes },
          { value: false, label: words.no },
        ],
      };
    default:
      return null;
  }
}

/** The closed questions of a survey's SurveyJS definition, in its order; none when the definition cannot be read. */
export function closedQuestions(definition: unknown, language: SurveyLanguage, words: ClosedQuestionWords): ClosedQuestion[] {
  let pages;
  try {
    pages = importSurveyJson(definition).pages;
  } catch {
    return [];
  }
  return pages.flatMap((page) =>
    page.elements.map((element) => elementQuestion(element, language, words)).filter((question) => question !== null),
  );
}

/** An option's key in a form (a checkbox's value is a string): `n:4`, `s:oui`, `b:true`. */
export function optionKey(value: AnswerOption['value']): string {
  return `${typeof value === 'number' ? 'n' : typeof value === 'boolean' ? 'b' : 's'}:${String(value)}`;
}
