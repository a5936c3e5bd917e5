import type { LocalizedText } from '../localized-text';
import type { ChoiceItem, Question } from '../model';
import { answeredItem } from './answer-values';
import { isClosed, offersOther, otherValue } from './questions';

/** How many answers gave `value` (for `item`: a matrix row, '' otherwise, `answeredItem` for "answered"). */
export interface ValueCount {
  item: string;
  value: string;
  n: number;
}

export interface ItemCount {
  value: string;
  /** Null: the value is shown as is (a choice removed from the definition since, a plain value). */
  label: LocalizedText | null;
  count: number;
}

export interface NumberBin {
  from: number;
  to: number;
  count: number;
}

interface ResultBase {
  name: string;
  title: LocalizedText;
  /** Respondents who answered it. */
  answered: number;
}

export type QuestionResult = ResultBase &
  (
    | { kind: 'choices'; multiple: boolean; items: ItemCount[]; other: number | null }
    | { kind: 'scale'; style: 'stars' | 'faces'; items: ItemCount[]; mean: number | null }
    | { kind: 'nps'; items: ItemCount[]; promoters: number; passives: number; detractors: number; score: number | null }
    | { kind: 'yesNo'; yes: number; no: number }
    | { kind: 'number'; bins: NumberBin[]; mean: number | null; min: number | null; max: number | null }
    | { kind: 'matrix'; rows: { value: string; label: LocalizedText | null; answered: number; items: ItemCount[] }[] }
    | { kind: 'open' }
  );

const sum = (counts: readonly { n: number }[]) => counts.reduce((total, count) => total + count.n, 0);

/** The defined items in order with their counts, then any value counted that the definition no longer offers. */
export function itemCounts(defined: readonly ChoiceItem[], counts: readonly ValueCount[], skip: readonly string[] = []): ItemCount[] {
  const byValue = new Map<string, number>();
  for (const count of counts) byValue.set(count.value, (byValue.get(count.value) ?? 0) + count.n);
  const items = defined.map((item) => ({ value: String(item.value), label: item.text, count: byValue.get(String(item.value)) ?? 0 }));
  const known = new Set([...items.map((item) => item.value), ...skip]);
  for (const [value, count] of byValue) if (!known.has(value)) items.push({ value, label: null, count });
  return items;
}

const range = (from: number, to: number): ChoiceItem[] =>
  Array.from({ length: to - from + 1 }, (_, index) => ({ value: from + index, text: null, extra: {} }));

function mean(counts: readonly ValueCount[]): number | null {
  const total = sum(counts);
  if (total === 0) return null;
  return counts.reduce((acc, count) => acc + Number(count.value) * count.n, 0) / total;
}

/** Up to ten bins of equal width (whole numbers when the answers are), one per value when there are few. */
export function numberBins(counts: readonly ValueCount[]): NumberBin[] {
  const numeric = counts.map((count) => ({ x: Number(count.value), n: count.n })).filter((count) => Number.isFinite(count.x));
  if (numeric.length === 0) return [];
  const min = Math.min(...numeric.map((count) => count.x));
  const max = Math.max(...numeric.map((count) => count.x));
  const integers = numeric.every((count) => Number.isInteger(count.x));
  const span = max - min;
  const width = integers ? Math.max(1, Math.ceil((span + 1) / 10)) : span === 0 ? 1 : span / 10;
  const binCount = integers ? Math.ceil((span + 1) / width) : span === 0 ? 1 : 10;
  const bins = Array.from({ length: binCount }, (_, index) => ({
    from: min + index * width,
    to: integers ? min + (index + 1) * width - 1 : min + (index + 1) * width,
    count: 0,
  }));
  for (const { x, n } of numeric) {
    const index = Math.min(binCount - 1, Math.floor((x - min) / width));
    const bin = bins[index];
    if (bin !== undefined) bin.count += n;
  }
  return bins;
}

/** One question's result from its value counts (the counts of `<name>` only; "other" texts are listed apart). */
export function questionResult(question: Question, counts: readonly ValueCount[]): QuestionResult {
  const base = { name: question.name, title: question.title };
  const plain = counts.filter((count) => count.item === '');
  const answeredMarker = sum(counts.filter((count) => count.item === answeredItem));
  if (!isClosed(question)) return { ...base, kind: 'open', answered: sum(plain) };
  switch (question.kind) {
    case 'singleChoice':
    case 'multipleChoice': {
      const multiple = question.kind === 'multipleChoice';
      const other = offersOther(question) ? sum(plain.filter((count) => count.value === otherValue)) : null;
      const items = itemCounts(question.choices, plain, other === null ? [] : [otherValue]);
      return { ...base, kind: 'choices', multiple, answered: multiple ? answeredMarker : sum(plain), items, other };
    }
    case 'rating':
      return {
        ...base,
        kind: 'scale',
        style: question.style,
        answered: sum(plain),
        items: itemCounts(range(1, question.scale), plain),
        mean: mean(plain),
      };
    case 'nps': {
      const score = (test: (x: number) => boolean) => sum(plain.filter((count) => test(Number(count.value))));
      const answered = sum(plain);
      const promoters = score((x) => x >= 9);
      const detractors = score((x) => x <= 6);
      return {
        ...base,
        kind: 'nps',
        answered,
        items: itemCounts(range(0, 10), plain),
        promoters,
        passives: answered - promoters - detractors,
        detractors,
        score: answered === 0 ? null : Math.round((100 * (promoters - detractors)) / answered),
      };
    }
    case 'yesNo': {
      const yes = sum(plain.filter((count) => count.value === 'true'));
      const no = sum(plain.filter((count) => count.value === 'false'));
      return { ...base, kind: 'yesNo', answered: yes + no, yes, no };
    }
    case 'number': {
      const values = plain.map((count) => Number(count.value)).filter(Number.isFinite);
      return {
        ...base,
        kind: 'number',
        answered: sum(plain),
        bins: numberBins(plain),
        mean: mean(plain),
        min: values.length === 0 ? null : Math.min(...values),
        max: values.length === 0 ? null : Math.max(...values),
      };
    }
    case 'matrix': {
      const rows = question.rows.map((row) => {
        const own = counts.filter((count) => count.item === String(row.value));
        return { value: String(row.value), label: row.text, answered: sum(own), items: itemCounts(question.columns, own) };
      });
      return { ...base, kind: 'matrix', answered: answeredMarker, rows };
    }
    default:
      return { ...base, kind: 'open', answered: sum(plain) };
  }
}
