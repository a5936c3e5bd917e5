import { describe, expect, it } from 'vitest';
import { closedQuestions, optionKey } from '../../src-renderer/features/voice/closed-questions';
import { indicatorDraft, optionValue, sourcesToSave } from '../../src-renderer/features/voice/indicator-draft';

const words = { yes: 'Oui', no: 'Non', other: 'Autre' };

const definition = {
  title: 'Piscine',
  pages: [
    {
      name: 'p1',
      elements: [
        {
          type: 'radiogroup',
          name: 'bassin',
          title: { default: 'Pool?', fr: 'Quel bassin ?' },
          choices: ['grand', { value: 'petit', text: { default: 'Small', fr: 'Petit bain' } }],
        },
        { type: 'checkbox', name: 'services', choices: ['sauna', 'douches'], showOtherItem: true },
        { type: 'rating', name: 'accueil', rateType: 'stars', rateMax: 4 },
        { type: 'rating', name: 'nps', rateMin: 0, rateMax: 10 },
        { type: 'boolean', name: 'revenir', title: 'Reviendrez-vous ?' },
        { type: 'comment', name: 'pourquoi' },
        { type: 'text', inputType: 'number', name: 'age' },
        // Kept read-only by the designer (a scale of its own), still a closed question an indicator may follow.
        { type: 'rating', name: 'horaires', rateMax: 3 },
        { type: 'panel', name: 'famille', elements: [{ type: 'boolean', name: 'enfants' }] },
      ],
    },
  ],
};

describe('closed questions of a survey (indicator sources)', () => {
  it('lists choices, ratings, NPS and yes/no with the answers a response stores, open questions left out', () => {
    const questions = closedQuestions(definition, 'fr', words);
    expect(questions.map((question) => [question.name, question.title, question.options.map((option) => option.value)])).toEqual([
      ['bassin', 'Quel bassin ?', ['grand', 'petit']],
      ['services', 'services', ['sauna', 'douches', 'other']],
      ['accueil', 'accueil', [1, 2, 3, 4]],
      ['nps', 'nps', [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]],
      ['revenir', 'Reviendrez-vous ?', [true, false]],
      ['horaires', 'horaires', [1, 2, 3]],
    ]);
    expect(questions[0]?.options.map((option) => option.label)).toEqual(['grand', 'Petit bain']);
    expect(questions[1]?.options.at(-1)?.label).toBe('Autre');
    expect(closedQuestions(definition, 'en', words)[0]?.options.map((option) => option.label)).toEqual(['grand', 'Small']);
  });

  it('answers nothing for a definition it cannot read', () => {
    for (const broken of [null, 'text', { pages: 'no' }, []]) expect(closedQuestions(broken, 'fr', words)).toEqual([]);
  });

  it('carries favourable values of each type through the form and back', () => {
    for (const value of [4, 0, 'petit', 'n:4', true, false]) expect(optionValue(optionKey(value))).toBe(value);
    const draft = indicatorDraft({
      label: { fr: 'Accueil', en: '' },
      sources: [{ surveyId: 'survey', question: 'revenir', favourable: [true] }],
    });
    expect(draft.sources[0]?.favourable).toEqual(['b:true']);
    expect(sourcesToSave(draft)).toEqual([{ surveyId: 'survey', question: 'revenir', favourable: [true] }]);
    expect(sourcesToSave({ ...draft, sources: [{ surveyId: 'survey', question: 'revenir', favourable: [] }] })).toBeNull();
    expect(sourcesToSave({ ...draft, sources: [{ surveyId: null, question: null, favourable: [] }] })).toBeNull();
  });
});
