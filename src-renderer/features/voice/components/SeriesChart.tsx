import '@mantine/charts/styles.css';
import { BarChart, LineChart } from '@mantine/charts';
import { useTranslation } from 'react-i18next';
import { formatShare } from '../format';
import type { SeriesRow } from './SeriesTable';

/**
 * The share of favourable answers per point, in percent. A hidden point (fewer than 5 answers) has no value
 * at all: the chart leaves a gap, it never draws a number that was not shown. The figure's label says every
 * point for screen readers; the table beside it says the same.
 */
export function SeriesChart({ kind, label, rows }: { kind: 'bar' | 'line'; label: string; rows: readonly SeriesRow[] }) {
  const { t, i18n } = useTranslation();
  const share = t('voice.indicators.share');
  const data = rows.map((row) => ({ label: row.label, [share]: row.share === null ? null : Math.round(row.share * 1000) / 10 }));
  const summary = rows
    .map((row) => `${row.label} : ${row.share === null ? t('voice.indicators.hidden') : formatShare(row.share, i18n.language)}`)
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
