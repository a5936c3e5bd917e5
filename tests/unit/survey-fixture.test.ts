import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Model, type Question as SurveyJsQuestion } from 'survey-core';
import { describe, expect, it } from 'vitest';
import { parseOrFail } from '../../src-shared/errors';
import { surveyDefinitionSchema } from '../../src-shared/schemas/surveys';
import { checkSurvey, exportSurveyJson, importSurveyJson, isQuestion, readSurveyFile } from '../../src-shared/surveys';
import { surveySchemaProblem, validateSurveyJson } from '../../src-shared/surveys/validate-json';

/** A survey written by another SurveyJS tool: every kind the designer edits, conditions, and what it cannot edit. */
const fixtureText = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'surveys', 'written-elsewhere.json'), 'utf8');
const fixture = JSON.parse(fixtureText) as unknown;

describe('a SurveyJS survey written elsewhere', () => {
  const model = readSurveyFile(fixtureText);
  const exported = exportSurveyJson(model);

  it('is valid against the schema survey-core ships, before and after the round trip', () => {
    expect(surveySchemaProblem(fixture)).toBeNull();
    expect(surveySchemaProblem(exported)).toBeNull();
  });

  it('holds every kind the designer edits, and read-only elements for the rest', () => {
    const elements = model.pages.flatMap((page) => page.elements);
    const kinds = new Set(elements.filter(isQuestion).map((question) => question.kind));
    expect([...kinds].sort()).toEqual(
      ['date', 'longText', 'matrix', 'multipleChoice', 'nps', 'rating', 'shortText', 'singleChoice', 'yesNo', 'number'].sort(),
    );
    expect(
      elements.filter((element) => element.kind === 'readOnly').map((element) => (element.kind === 'readOnly' ? element.json.name : null)),
    ).toEqual(['family', 'notice', 'temperature']);
    expect(elements.filter(isQuestion).find((question) => question.name === 'familyNeeds')?.showIf).toEqual({
      kind: 'expression',
      source: '{children} > 0 and {visited} = true',
    });
  });

  it('is written back unchanged', () => {
    expect(exported).toEqual(fixture);
  });

  it('breaks no rule of the designer', () => {
    expect(checkSurvey(model)).toEqual([]);
  });

  it('runs in survey-core as written: a conditional question shows only when its answer matches', () => {
    const survey = new Model(exported);
    const visible = (name: string) => (survey.getQuestionByName(name) as SurveyJsQuestion).isVisible;
    expect([visible('frequency'), visible('activities'), visible('lessonsWho')]).toEqual([false, false, false]);
    survey.setValue('visited', true);
    survey.setValue('frequency', 'weekly');
    expect([visible('frequency'), visible('activities'), visible('lessonsWho')]).toEqual([true, true, false]);
    survey.setValue('activities', ['swim', 'lessons']);
    expect(visible('lessonsWho')).toBe(true);
    survey.setValue('frequency', 'rarely');
    expect(visible('activities')).toBe(false);
    survey.setValue('recommend', 9);
    expect(visible('whyNot')).toBe(false);
    survey.setValue('recommend', 4);
    expect(visible('whyNot')).toBe(true);
  });

  it('shows French and English texts', () => {
    const survey = new Model(exported);
    const title = () => survey.getQuestionByName('visited').title;
    survey.locale = 'fr';
    expect(title()).toBe('Êtes-vous venu à la piscine cette année ?');
    survey.locale = 'en';
    expect(title()).toBe('Did you visit the pool this year?');
  });
});

describe('validation', () => {
  it('refuses a definition that breaks the schema with a coded error', () => {
    expect(() => validateSurveyJson({ pages: 'page1' })).toThrow(
      expect.objectContaining({ code: 'SURVEY_DEFINITION_INVALID', args: { path: '/pages', reason: 'type' } }),
    );
    expect(() => validateSurveyJson({ title: 12 })).toThrow(expect.objectContaining({ code: 'SURVEY_DEFINITION_INVALID' }));
  });

  it('refuses a file that is not JSON', () => {
    expect(() => readSurveyFile('{ pages: [')).toThrow(expect.objectContaining({ code: 'SURVEY_FILE_UNREADABLE' }));
  });

  it('bounds a definition: pages, questions, lists, text lengths, control characters', () => {
    const issuesOf = (json: unknown) => {
      try {
        parseOrFail(surveyDefinitionSchema, json);
        return [];
      } catch (error) {
        return (error as { args: { issues: { path: string; code: string; params?: unknown }[] } }).args.issues;
      }
    };
    const question = (index: number) => ({ type: 'comment', name: `q${index}` });
    const page = (count: number, offset = 0) => ({
      name: `p${offset}`,
      elements: Array.from({ length: count }, (_, index) => question(offset + index)),
    });
    expect(issuesOf(fixture)).toEqual([]);
    expect(issuesOf({ pages: Array.from({ length: 31 }, () => page(0)) })).toMatchObject([{ path: 'pages', code: 'too_big' }]);
    expect(issuesOf({ pages: [page(150), page(60, 150)] })).toEqual([{ path: '', code: 'survey_questions', params: { maximum: 200 } }]);
    expect(issuesOf({ pages: [page(201)] })).toEqual([{ path: 'pages.0.elements', code: 'too_big', params: { maximum: 200 } }]);
    expect(issuesOf({ title: { fr: 'x'.repeat(501) } })).toEqual([{ path: 'title.fr', code: 'too_big', params: { maximum: 500 } }]);
    expect(issuesOf({ description: 'x'.repeat(5000) })).toEqual([]);
    expect(issuesOf({ pages: [{ name: 'p', elements: [{ type: 'comment', name: 'n'.repeat(101) }] }] })).toMatchObject([
      { path: 'pages.0.elements.0.name', code: 'too_big' },
    ]);
    expect(issuesOf({ title: 'bell\u0007' })).toEqual([{ path: 'title', code: 'invalid_text' }]);
  });
});

describe('the copy of survey-core’s schema', () => {
  it('equals the one survey-core ships (after a survey-core bump: node scripts/copy-survey-schema.mjs)', async () => {
    const { surveyjsDefinition } = await import('../../src-shared/surveys/surveyjs-definition');
    const shipped = JSON.parse(
      readFileSync(join(import.meta.dirname, '..', '..', 'node_modules', 'survey-core', 'surveyjs_definition.json'), 'utf8'),
    ) as unknown;
    expect(surveyjsDefinition).toEqual(shipped);
  });

  it('keeps what another tool wrote even when the designer cannot edit it', () => {
    const json = {
      pages: [{ name: 'p', elements: [{ type: 'imagepicker', name: 'img', choices: [{ value: 'a', imageLink: 'a.png' }] }] }],
    };
    expect(exportSurveyJson(importSurveyJson(json))).toEqual(json);
  });
});
