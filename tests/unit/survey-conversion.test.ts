import { describe, expect, it } from 'vitest';
import {
  checkSurvey,
  exportSurveyJson,
  importElement,
  importSurveyJson,
  newPage,
  newQuestion,
  parseCondition,
  printCondition,
  questionKinds,
  textIn,
  textOf,
  withText,
  writtenIn,
  type Condition,
  type JsonObject,
  type LocalizedText,
  type Question,
  type SurveyModel,
} from '../../src-shared/surveys';

/** A survey of one page holding the given elements. */
function surveyOf(...elements: JsonObject[]): JsonObject {
  return { pages: [{ name: 'page1', elements }] };
}

describe('localized texts', () => {
  it.each<[string, LocalizedText, string, string]>([
    ['a plain string reads the same in both languages', { default: 'Piscine' }, 'Piscine', 'Piscine'],
    ['`default` is English, `fr` French', { default: 'Pool', fr: 'Piscine' }, 'Piscine', 'Pool'],
    ['French alone: English falls back to… nothing held', { fr: 'Piscine' }, 'Piscine', ''],
    ['an `en` key written elsewhere is read before `default`, as survey-core does', { default: 'Piscine', en: 'Pool' }, 'Piscine', 'Pool'],
    ['empty', {}, '', ''],
  ])('%s', (_label, text, fr, en) => {
    expect([textIn(text, 'fr'), textIn(text, 'en')]).toEqual([fr, en]);
  });

  it('writes one language and leaves what the other reads', () => {
    expect(withText({ default: 'Piscine' }, 'en', 'Pool')).toEqual({ default: 'Pool', fr: 'Piscine' });
    expect(withText({ default: 'Pool', fr: 'Piscine' }, 'fr', 'Bassin')).toEqual({ default: 'Pool', fr: 'Bassin' });
    expect(withText({ default: 'Pool', fr: 'Piscine' }, 'en', '')).toEqual({ default: 'Piscine' });
    expect(textOf('Piscine', 'Piscine')).toEqual({ default: 'Piscine' });
    // A new choice's French placeholder, then its French: English readers see the French, not the placeholder.
    expect(withText({ default: 'Choix 1' }, 'fr', 'Oui')).toEqual({ default: 'Oui' });
  });

  it('shows an English equal to the French as not written', () => {
    expect([writtenIn({ default: 'Piscine' }, 'en'), writtenIn({ default: 'Pool', fr: 'Piscine' }, 'en')]).toEqual(['', 'Pool']);
    expect(writtenIn({ default: 'Piscine' }, 'fr')).toBe('Piscine');
  });

  it('keeps the locales it does not edit', () => {
    expect(withText({ default: 'Pool', fr: 'Piscine', de: 'Schwimmbad' }, 'fr', 'Bassin')).toEqual({
      default: 'Pool',
      fr: 'Bassin',
      de: 'Schwimmbad',
    });
  });
});

describe('conditions', () => {
  it.each<[string, Omit<Condition, 'kind' | 'source'>]>([
    ['{visited} = true', { question: 'visited', operator: 'equals', value: true }],
    ["{pool} = 'Jean-Bouin'", { question: 'pool', operator: 'equals', value: 'Jean-Bouin' }],
    ['{pool} != "Les Tilleuls"', { question: 'pool', operator: 'notEquals', value: 'Les Tilleuls' }],
    ["{frequency} anyof ['weekly', 'monthly']", { question: 'frequency', operator: 'anyOf', value: ['weekly', 'monthly'] }],
    ["{activities} contains 'swim'", { question: 'activities', operator: 'contains', value: 'swim' }],
    ['{recommend} >= 9', { question: 'recommend', operator: 'atLeast', value: 9 }],
    ['{recommend}<=6', { question: 'recommend', operator: 'atMost', value: 6 }],
  ])('reads %s', (source, condition) => {
    expect(parseCondition(source)).toEqual({ kind: 'answer', ...condition, source });
  });

  it.each([
    "{a} = 'x' and {b} = 'y'",
    'age({birthDate}) >= 18',
    '{hours.weekday} = 1',
    '{visits} > 3',
    "{pool} = 'l''eau'",
    '{recommend} >= [1, 2]',
  ])('keeps %s as a raw expression', (source) => {
    expect(parseCondition(source)).toEqual({ kind: 'expression', source });
  });

  it('prints what it reads', () => {
    for (const source of ["{pool} = 'Jean-Bouin'", "{frequency} anyof ['weekly', 'monthly']", '{recommend} >= 9', '{visited} = true']) {
      expect(printCondition(parseCondition(source) as Condition)).toBe(source);
    }
  });
});

/** One SurveyJS element per kind, as another tool writes it, and the kind the designer reads. */
const elementOfKind: Record<Question['kind'], JsonObject> = {
  singleChoice: { type: 'radiogroup', name: 'q', title: 'Choix', choices: ['a', { value: 'b', text: { default: 'B', fr: 'Bé' } }] },
  multipleChoice: { type: 'checkbox', name: 'q', choices: ['a', 'b'], showOtherItem: true, otherText: 'Autre' },
  rating: { type: 'rating', name: 'q', rateType: 'smileys', rateMax: 3 },
  nps: { type: 'rating', name: 'q', rateMin: 0, rateMax: 10 },
  yesNo: { type: 'boolean', name: 'q', isRequired: true },
  shortText: { type: 'text', name: 'q', description: 'Une ligne' },
  longText: { type: 'comment', name: 'q', rows: 6 },
  number: { type: 'text', name: 'q', inputType: 'number', min: 0 },
  date: { type: 'text', name: 'q', inputType: 'date' },
  matrix: { type: 'matrix', name: 'q', rows: ['r1', 'r2'], columns: [{ value: 1, text: 'Un' }] },
};

describe('SurveyJS JSON ⇄ the model, kind by kind', () => {
  it.each(questionKinds)('%s: read as its kind and written back as it came', (kind) => {
    const json = surveyOf({ type: 'boolean', name: 'first' }, { ...elementOfKind[kind], visibleIf: '{first} = true' });
    const model = importSurveyJson(json);
    const question = model.pages[0]?.elements[1] as Question;
    expect(question.kind).toBe(kind);
    expect(question.showIf).toMatchObject({ kind: 'answer', question: 'first', operator: 'equals', value: true });
    expect(exportSurveyJson(model)).toEqual(json);
  });

  it.each(questionKinds)('%s: a new one is written as SurveyJS reads it, and read back the same', (kind) => {
    const model: SurveyModel = { title: textOf('Enquête'), description: {}, pages: [newPage('page1')], extra: {} };
    const question = { ...newQuestion(kind, 'q1'), title: textOf('Votre avis', 'Your opinion'), required: true };
    model.pages[0]?.elements.push(question);
    const json = exportSurveyJson(model);
    expect(importSurveyJson(json)).toEqual(model);
  });

  it('writes the SurveyJS shape of each kind', () => {
    const typeOf = (kind: Question['kind']) => {
      const element = exportSurveyJson({
        title: {},
        description: {},
        extra: {},
        pages: [{ ...newPage('p'), elements: [newQuestion(kind, 'q')] }],
      }).pages as { elements: JsonObject[] }[];
      const { type, inputType, rateType, rateMin, rateMax } = element[0]?.elements[0] ?? {};
      return [type, inputType, rateType, rateMin, rateMax].filter((part) => part !== undefined).join(' ');
    };
    expect(Object.fromEntries(questionKinds.map((kind) => [kind, typeOf(kind)]))).toEqual({
      singleChoice: 'radiogroup',
      multipleChoice: 'checkbox',
      rating: 'rating stars',
      nps: 'rating 0 10',
      yesNo: 'boolean',
      shortText: 'text',
      longText: 'comment',
      number: 'text number',
      date: 'text date',
      matrix: 'matrix',
    });
  });

  it('writes an edited condition as an expression, an unchanged one as it came', () => {
    const json = surveyOf({ type: 'boolean', name: 'a' }, { type: 'comment', name: 'b', visibleIf: '{a}=true' });
    const model = importSurveyJson(json);
    expect(exportSurveyJson(model)).toEqual(json);
    const question = model.pages[0]?.elements[1] as Question;
    question.showIf = { kind: 'answer', question: 'a', operator: 'equals', value: false, source: null };
    expect((exportSurveyJson(model).pages as { elements: JsonObject[] }[])[0]?.elements[1]?.visibleIf).toBe('{a} = false');
  });

  it('reads legacy `hasOther` as "other" allowed, and writes it as `showOtherItem`', () => {
    const model = importSurveyJson(surveyOf({ type: 'checkbox', name: 'q', choices: ['a'], hasOther: true }));
    expect(model.pages[0]?.elements[0]).toMatchObject({ kind: 'multipleChoice', allowOther: true });
    expect(exportSurveyJson(model)).toEqual(surveyOf({ type: 'checkbox', name: 'q', choices: ['a'], showOtherItem: true }));
  });

  it('reads top-level `elements` as one page', () => {
    const model = importSurveyJson({ elements: [{ type: 'comment', name: 'q' }] });
    expect(exportSurveyJson(model)).toEqual(surveyOf({ type: 'comment', name: 'q' }));
  });
});

describe('what the designer cannot edit', () => {
  it.each<[string, JsonObject, 'type' | 'property']>([
    ['an unknown type', { type: 'signaturepad', name: 'sign' }, 'type'],
    ['a panel', { type: 'panel', name: 'p', elements: [{ type: 'text', name: 'inner' }] }, 'type'],
    ['a rating with its own values', { type: 'rating', name: 'r', rateValues: [1, 2] }, 'property'],
    ['a rating scale not starting at 1', { type: 'rating', name: 'r', rateType: 'stars', rateMin: 2 }, 'property'],
    ['a labels rating that is not 0–10', { type: 'rating', name: 'r', rateMin: 1, rateMax: 7 }, 'property'],
    ['a question without a name', { type: 'comment', title: 'Sans nom' }, 'property'],
    ['a title that is not a text', { type: 'comment', name: 'q', title: { default: 3 } }, 'property'],
    ['a choice without a value', { type: 'radiogroup', name: 'q', choices: [{ text: 'A' }] }, 'property'],
  ])('%s is kept whole, read-only', (_label, json, reason) => {
    expect(importElement(json)).toEqual({ kind: 'readOnly', json, reason });
  });

  it('keeps properties it does not edit on the questions it edits', () => {
    const json = surveyOf({ type: 'comment', name: 'q', maxLength: 300, customWidget: { any: ['thing'] } });
    expect(importSurveyJson(json).pages[0]?.elements[0]).toMatchObject({
      kind: 'longText',
      extra: { maxLength: 300, customWidget: { any: ['thing'] } },
    });
    expect(exportSurveyJson(importSurveyJson(json))).toEqual(json);
  });

  it('refuses what is not a survey with a code', () => {
    for (const json of [null, [], 'survey', { pages: 'one' }, { pages: [3] }, { pages: [{ elements: {} }] }]) {
      expect(() => importSurveyJson(json)).toThrow(expect.objectContaining({ code: 'SURVEY_DEFINITION_INVALID' }));
    }
  });
});

describe('checkSurvey', () => {
  const check = (...elements: JsonObject[]) => checkSurvey(importSurveyJson(surveyOf(...elements)));

  it('accepts a condition on an earlier question', () => {
    expect(check({ type: 'boolean', name: 'a' }, { type: 'comment', name: 'b', visibleIf: '{a} = true' })).toEqual([]);
  });

  it.each<[string, JsonObject[], { question: string; target: string }]>([
    [
      'a later question',
      [
        { type: 'comment', name: 'b', visibleIf: '{a} = true' },
        { type: 'boolean', name: 'a' },
      ],
      { question: 'b', target: 'a' },
    ],
    ['itself', [{ type: 'boolean', name: 'a', visibleIf: '{a} = true' }], { question: 'a', target: 'a' }],
    [
      'a question that does not exist',
      [{ type: 'comment', name: 'b', visibleIf: "{nowhere} = 'x'" }],
      { question: 'b', target: 'nowhere' },
    ],
    [
      'a free text, which it cannot compare',
      [
        { type: 'text', name: 'a' },
        { type: 'comment', name: 'b', visibleIf: "{a} = 'x'" },
      ],
      { question: 'b', target: 'a' },
    ],
    [
      'a multiple choice with `=`',
      [
        { type: 'checkbox', name: 'a' },
        { type: 'comment', name: 'b', visibleIf: "{a} = 'x'" },
      ],
      { question: 'b', target: 'a' },
    ],
  ])('refuses a condition on %s', (_label, elements, args) => {
    expect(check(...elements)).toEqual([{ code: 'SURVEY_CONDITION_INVALID', args }]);
  });

  it.each<[string, JsonObject, string]>([
    ['a repeated choice', { type: 'radiogroup', name: 'q', choices: ['a', 'b', 'a'] }, 'a'],
    ['an empty choice', { type: 'checkbox', name: 'q', choices: ['a', { value: ' ', text: 'Vide' }] }, ' '],
    ['a repeated matrix column', { type: 'matrix', name: 'q', rows: ['r'], columns: [1, 2, 2] }, '2'],
  ])('refuses %s', (_label, json, value) => {
    expect(check(json)).toEqual([{ code: 'SURVEY_CHOICE_VALUE_INVALID', args: { question: 'q', value } }]);
  });

  it('refuses two answers under one name, read-only elements included', () => {
    expect(check({ type: 'comment', name: 'a' }, { type: 'panel', name: 'p', elements: [{ type: 'text', name: 'a' }] })).toEqual([
      { code: 'SURVEY_QUESTION_NAME_TAKEN', args: { name: 'a' } },
    ]);
  });

  it('does not judge raw expressions nor conditions on read-only elements', () => {
    expect(
      check(
        { type: 'panel', name: 'p', elements: [{ type: 'text', name: 'inner' }] },
        { type: 'comment', name: 'b', visibleIf: '{inner} >= 2' },
        { type: 'comment', name: 'c', visibleIf: '{later} = 1 or {b} notempty' },
      ),
    ).toEqual([]);
  });
});
