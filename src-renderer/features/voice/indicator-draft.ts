import type { IndicatorSource, SurveyIndicator } from '../../../src-shared/schemas/voice';
import { optionKey, type AnswerOption } from './closed-questions';

/** A source being edited: nothing picked yet is null; favourable answers by their form keys (`optionKey`). */
export interface SourceDraft {
  surveyId: string | null;
  question: string | null;
  favourable: string[];
}

export interface IndicatorDraft {
  labelFr: string;
  labelEn: string;
  sources: SourceDraft[];
}

export const emptySource = (): SourceDraft => ({ surveyId: null, question: null, favourable: [] });

export function indicatorDraft(indicator: Pick<SurveyIndicator, 'label' | 'sources'> | null): IndicatorDraft {
  if (indicator === null) return { labelFr: '', labelEn: '', sources: [emptySource()] };
  return {
    labelFr: indicator.label.fr,
    labelEn: indicator.label.en,
    sources: indicator.sources.map((source) => ({
      surveyId: source.surveyId,
      question: source.question,
      favourable: source.favourable.map(optionKey),
    })),
  };
}

/** `optionKey`'s inverse. */
export function optionValue(key: string): AnswerOption['value'] {
  const raw = key.slice(2);
  if (key.startsWith('n:')) return Number(raw);
  if (key.startsWith('b:')) return raw === 'true';
  return raw;
}

/** The sources to save, or null while one is incomplete (no survey, no question, no favourable answer). */
export function sourcesToSave(draft: IndicatorDraft): IndicatorSource[] | null {
  const sources: IndicatorSource[] = [];
  for (const source of draft.sources) {
    if (source.surveyId === null || source.question === null || source.favourable.length === 0) return null;
    sources.push({ surveyId: source.surveyId, question: source.question, favourable: source.favourable.map(optionValue) });
  }
  return sources;
}
