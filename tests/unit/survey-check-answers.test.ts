import { Model } from 'survey-core';
import { describe, expect, it } from 'vitest';
import { checkAnswers } from '../../src-shared/surveys';
import writtenElsewhere from '../fixtures/surveys/written-elsewhere.json';

/** What survey-core itself collects from a citizen who fills in the fixture. */
function answeredBySurveyCore(): Record<string, unknown> {
  const model = new Model(writtenElsewhere);
  const values: Record<string, unknown> = {
    visited: true,
    frequency: 'weekly',
    pool: 'Les Tilleuls',
    activities: ['swim', 'other'],
    'activities-Comment': 'Aquagym du jeudi',
    cleanliness: 3,
    welcome: 5,
    recommend: 4,
    whyNot: 'Trop de monde le samedi',
    visits: 12,
    lastVisit: '2026-11-30',
    hours: { weekday: 1, weekend: 2 },
    children: 2,
    temperature: 'cold',
  };
  for (const [name, value] of Object.entries(values)) model.setValue(name, value);
  return model.data as Record<string, unknown>;
}

describe('checkAnswers', () => {
  it('accepts what survey-core collects for every kind of question', () => {
    const data = answeredBySurveyCore();
    expect(Object.keys(data)).toContain('activities-Comment');
    expect(checkAnswers(writtenElsewhere, data as never)).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    ['a question the survey does not ask', { visited: true, cleanliness: 2, unasked: 'x' }, 'unknown_question', 'unasked'],
    ['a choice not offered', { visited: true, cleanliness: 2, frequency: 'daily' }, 'invalid_value', 'frequency'],
    ['a rating above its scale', { visited: true, cleanliness: 5 }, 'invalid_value', 'cleanliness'],
    ['a rating that is not a whole number', { visited: true, cleanliness: 2.5 }, 'invalid_value', 'cleanliness'],
    ['an NPS of 11', { visited: true, cleanliness: 2, recommend: 11 }, 'invalid_value', 'recommend'],
    ['a yes/no given as text', { visited: 'oui', cleanliness: 2 }, 'invalid_value', 'visited'],
    ['a choice twice in a multiple choice', { visited: true, cleanliness: 2, activities: ['swim', 'swim'] }, 'invalid_value', 'activities'],
    ['a date that is not one', { visited: true, cleanliness: 2, lastVisit: '30/11/2026' }, 'invalid_value', 'lastVisit'],
    ['a number given as text', { visited: true, cleanliness: 2, visits: 'douze' }, 'invalid_value', 'visits'],
    ['a matrix row not in it', { visited: true, cleanliness: 2, hours: { sunday: 1 } }, 'invalid_value', 'hours'],
    ['a matrix column not in it', { visited: true, cleanliness: 2, hours: { weekday: 9 } }, 'invalid_value', 'hours'],
    [
      'an "other" comment on a question without "other"',
      { visited: true, cleanliness: 2, 'pool-Comment': 'x' },
      'unknown_question',
      'pool-Comment',
    ],
    ['a required question left out', { visited: true }, 'required_missing', 'cleanliness'],
  ])('refuses %s', (_label, answers, code, question) => {
    expect(checkAnswers(writtenElsewhere, answers as never)).toContainEqual({ code, question });
  });

  it('does not require a required question that has a condition', () => {
    const definition = {
      pages: [
        {
          name: 'p',
          elements: [
            { type: 'boolean', name: 'a' },
            { type: 'comment', name: 'b', isRequired: true, visibleIf: '{a} = true' },
          ],
        },
      ],
    };
    expect(checkAnswers(definition, { a: false })).toEqual([]);
  });

  it('accepts any storable value under a name inside an element the designer keeps read-only', () => {
    expect(checkAnswers(writtenElsewhere, { visited: false, cleanliness: 1, children: 3, temperature: 'hot' })).toEqual([]);
  });
});
