import '@mantine/charts/styles.css';
import { BarChart, LineChart } from '@mantine/charts';
import { useTranslation } from 'react-i18next';
import { formatShare } from '../format';
import type { SeriesRow } from './SeriesTable';

/**
 * The share of favourable answers per point, in percent. A hidden point (the small-segment rule) has no value
 * at all: the chart leaves a gap, it never draws a number that was not shown. The figure's label says every
 * point for screen readers; the table beside it says the same.
 */
export function SeriesChart({ kind, label, rows }: { kind: 'bar' | 'line'; label: string; rows: readonly SeriesRow[] }) {
  const { t, i18n } = useTranslation();
  const share = t('voice.indicators.share');
  const shown = (row: SeriesRow) => (row.answered === null ? null : row.share);
  const data = rows.map((row) => {
    const value = shown(row);
    return { label: row.label, [share]: value === null ? null : Math.round(value * 1000) / 10 };
  });
  const summary = rows
    .map((row) => {
      const value = shown(row);
      return `${row.label} : ${value === null ? t('voice.indicators.hidden') : formatShare(value, i18n.language)}`;
    })
    .join(' ; ');
  const common = {
    h: 220,
    data,
    dataKey: 'label',
    series: [{ name: share, color: 'blue.6' }],
    unit: ' %',
    yAxisProps: { domain: [0, 100] as [number, number] },
    withLegend: false,
  };
  return (
    <div role="img" aria-label={`${label}. ${summary}`}>
      {kind === 'bar' ? <BarChart {...common} /> : <LineChart {...common} connectNulls={false} />}
    </div>
  );
}
