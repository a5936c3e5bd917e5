import { describe, expect, it } from 'vitest';
import { suggestThemes } from '../../src-shared/surveys';

const answers = [
  "Les horaires d'ouverture sont trop courts le samedi.",
  "Élargir les horaires d'ouverture le dimanche, svp !",
  'Horaires d’ouverture à revoir pendant les vacances.',
  "L'eau est froide, et les vestiaires sales.",
  'Vestiaires sales le soir.',
  'Le personnel est très accueillant.',
  'Très bon accueil, personnel souriant.',
  'Rien à dire.',
];

describe('suggestThemes', () => {
  it('suggests the pairs and words that come back across answers, stop words left out', () => {
    const suggestions = suggestThemes(answers);
    expect(suggestions.slice(0, 3)).toEqual([
      { label: "horaires d'ouverture", answers: 3, kind: 'pair' },
      { label: 'vestiaires sales', answers: 2, kind: 'pair' },
      { label: 'personnel', answers: 2, kind: 'word' },
    ]);
    const labels = suggestions.map((suggestion) => suggestion.label);
    for (const stop of ['les', 'est', 'très', 'rien', 'dire', 'svp']) expect(labels.join(' ')).not.toMatch(new RegExp(`\\b${stop}\\b`));
  });

  it('keeps a hyphenated word whole', () => {
    const texts = ['Les poubelles débordent le week-end, rue Haute', 'Poubelles pleines le week-end', 'Le week-end, rien ne passe'];
    // Not « week » and « end » apart, nor a pair « end rue ».
    expect(suggestThemes(texts).map((suggestion) => suggestion.label)).toEqual(['week-end', 'poubelles']);
  });

  it('counts answers, not repeats inside one answer, and needs at least two answers', () => {
    expect(suggestThemes(['bruit bruit bruit bruit'])).toEqual([]);
    expect(suggestThemes(['Du bruit la nuit', 'Bruit des travaux'])).toEqual([{ label: 'bruit', answers: 2, kind: 'word' }]);
  });

  it('reads plurals, capitals and accents as one word, shown in the form most answers used', () => {
    expect(suggestThemes(['Les Vestiaires', 'un vestiaire', 'vestiaires propres', 'VESTIAIRES'])).toEqual([
      { label: 'vestiaires', answers: 4, kind: 'word' },
    ]);
    expect(suggestThemes(['Trop de bruit', 'beaucoup de bruit', 'la sécurité', 'Securité du parking'])).toEqual([
      { label: 'bruit', answers: 2, kind: 'word' },
      { label: 'sécurité', answers: 2, kind: 'word' },
    ]);
  });

  it('keeps at most `limit` suggestions, most frequent first', () => {
    const many = Array.from({ length: 30 }, (_, index) => `theme${String.fromCharCode(97 + (index % 20))} extra${index % 3}`);
    const suggestions = suggestThemes(many, { limit: 5 });
    expect(suggestions).toHaveLength(5);
    expect(suggestions.map((suggestion) => suggestion.answers)).toEqual([...suggestions.map((s) => s.answers)].sort((a, b) => b - a));
  });
});
