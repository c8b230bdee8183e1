import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useT } from '../i18n';
import {
  chartLibrary,
  type DrawTicket,
  drawsImmediately,
  loadChartLibrary,
  queueDraw,
  type RechartsModule,
} from './drawQueue';
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
  size,
}: {
  /** The chart's size, held by a placeholder until the chart is drawn (src/ui/charts/drawQueue.ts). */
  size: { width?: number; height: number };
  title: string;
  subtitle?: ReactNode;
  ariaLabel: string;
  legend: readonly LegendItem[];
  table: ReactNode;
  /** The drawing, given the chart library once it has loaded (src/ui/charts/drawQueue.ts). */
  children: (recharts: RechartsModule) => ReactNode;
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
      <ChartCanvas ariaLabel={ariaLabel} size={size}>
        {children}
      </ChartCanvas>
      {note && <p className="chart-note">{note}</p>}
      <details className="chart-table">
        <summary>{t('showTable')}</summary>
        {table}
      </details>
    </figure>
  );
}

/**
 * The drawing itself: a placeholder of the chart's size until the draw queue gives the
 * chart its turn (near the screen first, the rest when the browser is idle, all at once
 * when printing); the title, legend, accessible name and table are there from the start.
 */
function ChartCanvas({
  ariaLabel,
  size,
  children,
}: {
  ariaLabel: string;
  size: { width?: number; height: number };
  children: (recharts: RechartsModule) => ReactNode;
}) {
  const [drawn, setDrawn] = useState(drawsImmediately);
  const [library, setLibrary] = useState(chartLibrary);
  const box = useRef<HTMLDivElement>(null);
  const ticket = useRef<DrawTicket | null>(null);
  const startedDrawn = useRef(drawn);
  useEffect(() => {
    if (startedDrawn.current) return;
    const t = queueDraw(() => setDrawn(true));
    ticket.current = t;
    if (box.current) t.observe(box.current);
    return () => {
      t.cancel();
      ticket.current = null;
    };
  }, []);
  useEffect(() => {
    if (drawn && library) ticket.current?.drawn();
  }, [drawn, library]);
  // Drawn at once (no queue) before the library has loaded: drawn when it has.
  useEffect(() => {
    if (!drawn || library) return;
    let live = true;
    loadChartLibrary().then(
      (m) => live && setLibrary(m),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [drawn, library]);
  const lib = library ?? (drawn ? chartLibrary() : undefined);
  return (
    <div
      className="chart-canvas"
      role="img"
      aria-label={ariaLabel}
      ref={box}
      data-drawn={(drawn && lib !== undefined) || undefined}
    >
      {drawn && lib ? (
        children(lib)
      ) : (
        <div className="chart-placeholder" style={{ width: size.width ?? '100%', height: size.height }} />
      )}
    </div>
  );
}

export type { RechartsModule } from './drawQueue';

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
