/**
 * Suggested themes for open answers: the meaningful French words and pairs of words that come back across
 * answers, for agents to file answers under (docs/surveys.md "Open answers"). A suggestion counts the
 * answers it appears in (not its repeats inside one answer), so one long answer never makes a theme.
 */

/** Words that carry no theme: articles, pronouns, auxiliaries, linking words, and survey filler. */
const stopWords = new Set(
  `a à afin ai aie aient aies ait alors as au aucun aucune aussi autre autres aux avaient avais avait avant avec avez aviez
  avions avoir avons ayant bah bcp beaucoup bien bon bonne c ça ca car ce ceci cela celle celles celui cependant certain
  certaines certains ces cet cette ceux chacun chaque chez ci comme comment d dans de des deja déjà depuis dès desquels
  doit donc dont du duquel elle elles en encore entre es est et étaient étais était étant été être eu eue eues eurent
  eus eut eux fait faire fais faut fois font hors ici il ils j je jusqu jusque l la là laquelle le lequel les lesquelles
  lesquels leur leurs lors lorsque lui m ma mais me même mêmes mes moi moins mon n ne ni non nos notre nous on ont ou où
  par parce pas peu peut plus plutôt pour pourquoi puis qu quand que quel quelle quelles quelque quelques quels qui quoi
  s sa sans se sera serait ses si sien soi soit son sont sous suis sur t ta tant te tel telle tes toi ton toujours tous
  tout toute toutes très trop tu un une unes uns v va vers via voici voilà vos votre vous vraiment y rien merci oui
  ok etc svp c'est n'est d'un d'une qu'il qu'on j'ai`.split(/\s+/),
);

export interface ThemeSuggestion {
  /** As agents read it: the form most answers used (`horaires d'été` rather than `horaire ete`). */
  label: string;
  /** Answers it appears in. */
  answers: number;
  kind: 'word' | 'pair';
}

interface Token {
  key: string;
  /** The word as written, its elision off (`ouverture`), for a word suggestion. */
  form: string;
  /** As written with its elision (`d'ouverture`), for the second word of a pair. */
  written: string;
}

/** Lower case, accents off, a final plural `s`/`x` off: `Horaires` and `horaire` count as one word. */
function keyOf(word: string): string {
  const plain = word
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
  return plain.length > 4 && /[sx]$/.test(plain) ? plain.slice(0, -1) : plain;
}

/** The meaningful words of one answer, in order; a stop word breaks a pair. */
function tokens(text: string): (Token | null)[] {
  const out: (Token | null)[] = [];
  // A hyphenated word is one word (week-end, rendez-vous), not two halves.
  for (const match of text.toLowerCase().matchAll(/[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*(?:['’][\p{L}]+)?/gu)) {
    // l'eau → eau, d'ouverture → ouverture
    const written = match[0].replace('’', "'");
    const word = written.replace(/^[\p{L}]{1,2}'/u, '');
    const plain = word.normalize('NFD').replace(/\p{M}+/gu, '');
    if (word.length < 3 || /^\p{N}+$/u.test(word) || stopWords.has(word) || stopWords.has(plain)) out.push(null);
    else out.push({ key: keyOf(word), form: word, written });
  }
  return out;
}

/** Counts answers per key, and per key the forms they used. */
class Tally {
  readonly answers = new Map<string, number>();
  readonly forms = new Map<string, Map<string, number>>();
  add(keys: Map<string, string>): void {
    for (const [key, form] of keys) {
      this.answers.set(key, (this.answers.get(key) ?? 0) + 1);
      const forms = this.forms.get(key) ?? new Map<string, number>();
      forms.set(form, (forms.get(form) ?? 0) + 1);
      this.forms.set(key, forms);
    }
  }
  label(key: string): string {
    // The most used form; between equals, the one with its accents (`sécurité`, not `securité`).
    const marks = (form: string) => form.normalize('NFD').length - form.length;
    const forms = [...(this.forms.get(key) ?? new Map<string, number>())].sort(
      (a, b) => b[1] - a[1] || marks(b[0]) - marks(a[0]) || a[0].localeCompare(b[0]),
    );
    return forms[0]?.[0] ?? key;
  }
}

/**
 * The themes worth suggesting among `texts`: words and adjacent pairs found in at least `minAnswers` answers,
 * pairs first when they are as frequent as their words, most frequent first, `limit` at most. A word already
 * covered by a suggested pair that accounts for most of its answers is left out.
 */
export function suggestThemes(texts: readonly string[], options: { limit?: number; minAnswers?: number } = {}): ThemeSuggestion[] {
  const limit = options.limit ?? 12;
  const minAnswers = options.minAnswers ?? 2;
  const words = new Tally();
  const pairs = new Tally();
  for (const text of texts) {
    const found = tokens(text);
    const wordKeys = new Map<string, string>();
    const pairKeys = new Map<string, string>();
    found.forEach((token, index) => {
      if (token === null) return;
      if (!wordKeys.has(token.key)) wordKeys.set(token.key, token.form);
      const next = found[index + 1];
      if (next !== null && next !== undefined && next.key !== token.key) {
        const key = `${token.key} ${next.key}`;
        if (!pairKeys.has(key)) pairKeys.set(key, `${token.form} ${next.written}`);
      }
    });
    words.add(wordKeys);
    pairs.add(pairKeys);
  }
  const pairSuggestions: (ThemeSuggestion & { key: string })[] = [...pairs.answers]
    .filter(([, count]) => count >= minAnswers)
    .map(([key, count]) => ({ key, label: pairs.label(key), answers: count, kind: 'pair' as const }));
  const coveredBy = new Map<string, number>();
  for (const pair of pairSuggestions)
    for (const word of pair.key.split(' ')) coveredBy.set(word, Math.max(coveredBy.get(word) ?? 0, pair.answers));
  const wordSuggestions: (ThemeSuggestion & { key: string })[] = [...words.answers]
    .filter(([key, count]) => count >= minAnswers && (coveredBy.get(key) ?? 0) * 2 <= count)
    .map(([key, count]) => ({ key, label: words.label(key), answers: count, kind: 'word' as const }));
  return [...pairSuggestions, ...wordSuggestions]
    .sort((a, b) => b.answers - a.answers || (a.kind === b.kind ? a.label.localeCompare(b.label, 'fr') : a.kind === 'pair' ? -1 : 1))
    .slice(0, limit)
    .map(({ label, answers, kind }) => ({ label, answers, kind }));
}
