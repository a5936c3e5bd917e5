import type { SurveyAnswers } from '../schemas/surveys';
import { importSurveyJson } from './import-json';
import { textIn, type LocalizedText } from './localized-text';
import { isQuestion, type ChoiceItem, type Question } from './model';

/**
 * One answered question, ready to show in both languages: a rating with its scale (the case's "Avis du
 * citoyen" shows it as stars), anything else as text (a choice's label, yes/no as `true`/`false`).
 */
export interface AnsweredItem {
  name: string;
  title: { fr: string; en: string };
  kind: Question['kind'] | 'other';
  /** Rating and NPS: the value and the top of the scale. */
  score: { value: number; max: number } | null;
  text: { fr: string; en: string };
}

const both = (text: LocalizedText) => ({ fr: textIn(text, 'fr'), en: textIn(text, 'en') });

function labelOf(items: readonly ChoiceItem[], value: unknown): { fr: string; en: string } {
  const item = items.find((candidate) => candidate.value === value);
  return item?.text ? both(item.text) : { fr: String(value), en: String(value) };
}

function textOf(question: Question | undefined, value: unknown): { fr: string; en: string } {
  if (question?.kind === 'singleChoice') return labelOf(question.choices, value);
  if (question?.kind === 'multipleChoice' && Array.isArray(value)) {
    const labels = value.map((item) => labelOf(question.choices, item));
    return { fr: labels.map((label) => label.fr).join(', '), en: labels.map((label) => label.en).join(', ') };
  }
  if (typeof value === 'object' && value !== null) {
    const written = Object.entries(value)
      .map(([row, column]) => `${row} : ${String(column)}`)
      .join(' ; ');
    return { fr: written, en: written };
  }
  return { fr: String(value), en: String(value) };
}

/** The answers in the definition's order, then any the definition no longer asks (kept, named as stored). */
export function answeredItems(definition: unknown, answers: SurveyAnswers): AnsweredItem[] {
  const questions = importSurveyJson(definition)
    .pages.flatMap((page) => page.elements)
    .filter(isQuestion);
  const known = questions.filter((question) => answers[question.name] !== undefined);
  const items: AnsweredItem[] = known.map((question) => {
    const value = answers[question.name];
    const scale = question.kind === 'rating' ? question.scale : question.kind === 'nps' ? 10 : null;
    const title = both(question.title);
    return {
      name: question.name,
      title: { fr: title.fr || question.name, en: title.en || question.name },
      kind: question.kind,
      score: scale !== null && typeof value === 'number' ? { value, max: scale } : null,
      text: textOf(question, value),
    };
  });
  const named = new Set(known.map((question) => question.name));
  for (const [name, value] of Object.entries(answers)) {
    if (!named.has(name)) items.push({ name, title: { fr: name, en: name }, kind: 'other', score: null, text: textOf(undefined, value) });
  }
  return items;
}
