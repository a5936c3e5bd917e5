import type { TFunction } from 'i18next';
import type { ShownCount } from '../../../../src-shared/surveys/synthesis';

/** A count as the small-segment rule lets it be shown: the number, or "< 5". */
export function formatCount(t: TFunction, count: ShownCount, language: string): string {
  return count === null ? t('synthesis.hiddenCount') : count.toLocaleString(language);
}

export function formatPercent(value: number | null, language: string): string {
  return value === null ? '—' : `${value.toLocaleString(language, { maximumFractionDigits: 1 })} %`;
}
