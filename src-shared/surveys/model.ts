import type { LocalizedText } from './localized-text';

/**
 * The designer's model of a survey: what an agent edits, converted to and from SurveyJS JSON
 * (`exportSurveyJson`, `importSurveyJson`). Every property the designer does not edit is kept in `extra`
 * and written back as it came; an element it cannot edit at all is a `readOnly` element, kept verbatim.
 */

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export const questionKinds = [
  'singleChoice',
  'multipleChoice',
  'rating',
  'nps',
  'yesNo',
  'shortText',
  'longText',
  'number',
  'date',
  'matrix',
] as const;
export type QuestionKind = (typeof questionKinds)[number];

/** A choice, a matrix row or column: SurveyJS's `itemvalue` (`"a"` or `{ value, text }`). */
export interface ChoiceItem {
  value: string | number;
  /** Null: the value is shown as is. */
  text: LocalizedText | null;
  extra: JsonObject;
}

export type ConditionOperator = 'equals' | 'notEquals' | 'anyOf' | 'contains' | 'atLeast' | 'atMost';
export type ConditionValue = string | number | boolean | (string | number)[];

/** "Show if": an earlier question's answer compared to a value. */
export interface Condition {
  kind: 'answer';
  question: string;
  operator: ConditionOperator;
  value: ConditionValue;
  /** The expression as it was imported, written back while the condition is unchanged. */
  source: string | null;
}

/** An expression the designer cannot parse: shown, kept, never rewritten. */
export interface RawCondition {
  kind: 'expression';
  source: string;
}

export type ShowIf = Condition | RawCondition | null;

interface QuestionBase {
  name: string;
  title: LocalizedText;
  description: LocalizedText;
  required: boolean;
  showIf: ShowIf;
  extra: JsonObject;
}

export type Question = QuestionBase &
  (
    | { kind: 'singleChoice'; display: 'radio' | 'dropdown'; choices: ChoiceItem[] }
    | { kind: 'multipleChoice'; choices: ChoiceItem[]; allowOther: boolean; otherText: LocalizedText }
    | { kind: 'rating'; style: 'stars' | 'faces'; scale: number }
    | { kind: 'nps' }
    | { kind: 'yesNo' }
    | { kind: 'shortText' }
    | { kind: 'longText' }
    | { kind: 'number' }
    | { kind: 'date' }
    | { kind: 'matrix'; rows: ChoiceItem[]; columns: ChoiceItem[] }
  );

export type QuestionOf<K extends QuestionKind> = Extract<Question, { kind: K }>;

/** An element the designer does not edit (a panel, an HTML block, a file upload…), kept as it came. */
export interface ReadOnlyElement {
  kind: 'readOnly';
  json: JsonObject;
  /** Why it is not editable, for the screen: `type` (unsupported type) or `property` (a setting it cannot edit). */
  reason: 'type' | 'property';
}

export type SurveyElement = Question | ReadOnlyElement;

export interface SurveyPage {
  name: string;
  title: LocalizedText;
  description: LocalizedText;
  elements: SurveyElement[];
  extra: JsonObject;
}

export interface SurveyModel {
  title: LocalizedText;
  description: LocalizedText;
  pages: SurveyPage[];
  /** Survey-level settings the designer does not edit (triggers, completedHtml, calculated values…). */
  extra: JsonObject;
}

export function isQuestion(element: SurveyElement): element is Question {
  return element.kind !== 'readOnly';
}

/** The names an element answers under: a question's own, every named element inside a read-only one. */
export function answerNames(element: SurveyElement): string[] {
  if (isQuestion(element)) return [element.name];
  const names: string[] = [];
  const visit = (value: JsonValue): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (typeof value === 'object' && value !== null) {
      if (typeof value.name === 'string' && typeof value.type === 'string') names.push(value.name);
      for (const key of ['elements', 'templateElements', 'questions'] as const) {
        const inner = value[key];
        if (inner !== undefined) visit(inner);
      }
    }
  };
  visit(element.json);
  return names;
}
