import type { ReactNode } from 'react';
import { useT } from '../i18n';
import { chartMessages } from './messages';

export type LegendKind = 'bar' | 'bar-light' | 'line' | 'dash' | 'dotted' | 'dot';

export interface LegendItem {
  readonly label: string;
  readonly kind: LegendKind;
  /** CSS colour. */
  readonly color: string;
}

/**
 * A chart with its title, a text legend, an accessible name (role="img") and
 * the same figures as a table for screen readers and for anyone who wants
 * the exact numbers.
 */
export function ChartFrame({
  title,
  subtitle,
  ariaLabel,
  legend,
  table,
  children,
  note,
  className,
}: {
  title: string;
  subtitle?: ReactNode;
  ariaLabel: string;
  legend: readonly LegendItem[];
  table: ReactNode;
  children: ReactNode;
  note?: ReactNode;
  className?: string;
}) {
  const t = useT(chartMessages);
  return (
    <figure className={['chart', className].filter(Boolean).join(' ')}>
      <figcaption className="chart-head">
        <span className="chart-title">{title}</span>
        {subtitle && <span className="chart-subtitle">{subtitle}</span>}
      </figcaption>
      <ul className="chart-legend">
        {legend.map((l) => (
          <li key={l.label}>
            <span className={`legend-swatch legend-${l.kind}`} style={{ color: l.color }} aria-hidden="true" />
            {l.label}
          </li>
        ))}
      </ul>
      <div className="chart-canvas" role="img" aria-label={ariaLabel}>
        {children}
      </div>
      {note && <p className="chart-note">{note}</p>}
      <details className="chart-table">
        <summary>{t('showTable')}</summary>
        {table}
      </details>
    </figure>
  );
}

/** Chart colours (kept in step with theme.css); all meet 3:1 against white for graphics. */
export const CHART_COLORS = {
  actual: '#12355b',
  actualLight: '#6b8bb3',
  original: '#5b6b7f',
  revised: '#1f6fb2',
  threshold: '#b56a00',
  projected: '#1f6fb2',
  asOf: '#44546a',
  grid: '#e3e8ef',
  axis: '#44546a',
} as const;

/** What every shared chart takes beside its series. */
export interface ChartProps {
  categoryName: string;
  title?: string;
  /** Fixed pixel width (print, export); omit to fill the container. */
  width?: number;
  height?: number;
  /** Amount unit shown with the chart; default RMB million. */
  unit?: string;
}

/** Recharts size props: fixed for print and export, else the container's width. */
export function chartSize(width: number | undefined, height: number) {
  return width ? { width, height } : { responsive: true, style: { width: '100%', height } };
}
