import { formatDate, formatMillions, formatPercent } from '../../domain/format';
import { type PeriodRow, type PeriodSeries, shortDateLabel, shortPeriodLabel } from '../../domain/series';
import { useLocale, useT } from '../i18n';
import {
  ChartFrame,
  CHART_COLORS,
  chartSize,
  type ChartProps,
  type LegendItem,
  type RechartsModule,
} from './ChartFrame';
import { amountAxisProps, basisText, standingText } from './chartFormat';
import { chartMessages } from './messages';

interface Datum {
  label: string;
  row: PeriodRow;
  actualM: number | null;
  originalM: number | null;
  revisedM: number | null;
  thresholdM: number | null;
  actualLabel: string;
  /** Decimals of a million of the agreement's amounts. */
  decimals: number;
}

interface ShapeProps {
  x?: number;
  y?: number;
  width?: number;
  payload?: Datum;
}

/** A horizontal cap marker across the period's band, with its amount written above it. */
function capMarker(which: 'original' | 'revised' | 'threshold') {
  return function CapMarkerShape(props: unknown) {
    const { x = 0, y, width = 0, payload } = props as ShapeProps;
    if (!payload || y === undefined || Number.isNaN(y)) return <g />;
    const row = payload.row;
    const mark = which === 'original' ? row.original : which === 'revised' ? row.revised : null;
    if (which !== 'threshold' && !mark) return <g />;
    if (which === 'threshold' && row.threshold === null) return <g />;
    const binding = mark !== null && row.binding?.id === mark.cap.id;
    if (which === 'threshold') {
      const inset = width * 0.18;
      return (
        <line
          x1={x + inset}
          x2={x + width - inset}
          y1={y}
          y2={y}
          stroke={CHART_COLORS.threshold}
          strokeWidth={2}
          strokeDasharray="5 3"
        />
      );
    }
    const color = which === 'original' ? CHART_COLORS.original : CHART_COLORS.revised;
    const dash = mark!.standing === 'awaiting-approval' ? '7 4' : mark!.standing === 'rejected' ? '2 3' : undefined;
    const text = formatMillions(mark!.amount, payload.decimals);
    return (
      <g>
        <line
          x1={x}
          x2={x + width}
          y1={y}
          y2={y}
          stroke={color}
          strokeWidth={binding ? 4 : 2.5}
          strokeDasharray={dash}
        />
        <text
          x={which === 'original' ? x : x + width}
          y={y - 5}
          textAnchor={which === 'original' ? 'start' : 'end'}
          fontSize={11}
          fontWeight={binding ? 700 : 500}
          fill={color === CHART_COLORS.original ? '#44546a' : '#17578c'}
        >
          {text}
        </text>
      </g>
    );
  };
}

const originalShape = capMarker('original');
const revisedShape = capMarker('revised');
const thresholdShape = capMarker('threshold');

interface LabelProps {
  x?: number | string;
  y?: number | string;
  width?: number | string;
  height?: number | string;
  value?: unknown;
  index?: number;
}

const MARGIN = { top: 18, right: 12, bottom: 4, left: 4 };
const X_AXIS_HEIGHT = 40;

/**
 * A period label's wrapping width: its band (the axis width over the ticks), at most 150 px.
 * A fixed 150 px let a phone's neighbouring labels run into each other ("2025年7月29日至12月31日"
 * over "2026年").
 */
export function tickWidth(axisWidth: number | string | undefined, ticks: number | undefined): number {
  const band = Number(axisWidth) / Math.max(1, ticks ?? 1);
  return Number.isFinite(band) && band > 0 ? Math.max(72, Math.min(150, band - 6)) : 150;
}

/**
 * The label with a break allowed after "至" ("2025年7月29日至 12月31日"): the chart's text wraps at
 * spaces only, and a Chinese period label has none.
 */
export function breakablePeriodLabel(label: string): string {
  return label.replace('至', '至 ');
}

/**
 * The actual amount's label: inside the bar when it is tall enough, else just
 * above it — lifted above any cap marker (and its amount) sitting right there,
 * so no two numbers print over each other (hardware 2025: 29.6 under a 33.5 cap).
 */
function actualLabelFor(data: readonly Datum[], yPixel: (v: number) => number) {
  return function ActualLabel(props: unknown) {
    const { x = 0, y = 0, width = 0, height = 0, value, index = -1 } = props as LabelProps;
    if (typeof value !== 'string' || !value) return <g />;
    const nx = Number(x);
    const top = Number(y);
    const nw = Number(width);
    const nh = Number(height);
    const d = data[index];
    const markers = d ? [d.originalM, d.revisedM, d.thresholdM].filter((v): v is number => v !== null).map(yPixel) : [];
    if (nh > 24) {
      // Inside the bar, below any marker crossing its top (cloud 2025: the 80% line just under 2,255.2).
      const crossing = markers.filter((my) => my >= top - 2 && my <= top + 24);
      const inY = crossing.length > 0 ? Math.max(...crossing) + 14 : top + 15;
      if (inY < top + nh - 3) {
        return (
          <text x={nx + nw / 2} y={inY} textAnchor="middle" fontSize={11} fontWeight={600} fill="#ffffff">
            {value}
          </text>
        );
      }
    }
    const near = markers.filter((my) => my >= top - 30 && my <= top + 2);
    const labelY = near.length > 0 ? Math.min(...near) - 19 : top - 5;
    return (
      <text x={nx + nw / 2} y={labelY} textAnchor="middle" fontSize={11} fontWeight={700} fill={CHART_COLORS.actual}>
        {value}
      </text>
    );
  };
}

/** The figures of a PeriodSeries as a table: every period's actual, caps, binding cap, threshold and utilisation. */
export function PeriodTable({
  series,
  caption,
  visibleCaption = false,
  compact = false,
}: {
  series: PeriodSeries;
  caption: string;
  visibleCaption?: boolean;
  /** Narrow layout: no threshold column, the through-date without its basis. */
  compact?: boolean;
}) {
  const t = useT(chartMessages);
  const locale = useLocale();
  const thrPct = formatPercent(series.threshold);
  return (
    <table className="data compact">
      <caption className={visibleCaption ? undefined : 'visually-hidden'}>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('period')}</th>
          <th scope="col" className="num">
            {t('actual')}
          </th>
          <th scope="col" className="num">
            {t('originalCap')}
          </th>
          <th scope="col" className="num">
            {t('revisedCap')}
          </th>
          <th scope="col" className="num">
            {t('bindingCap')}
          </th>
          {!compact && (
            <th scope="col" className="num">
              {t('threshold', { pct: thrPct })}
            </th>
          )}
          <th scope="col" className="num">
            {t('utilisation')}
          </th>
        </tr>
      </thead>
      <tbody>
        {series.rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{r.periods.map((p) => shortPeriodLabel(p, locale)).join(' / ')}</th>
            <td className="num">
              {r.actual === null
                ? r.timing === 'future'
                  ? t('notStarted')
                  : t('noData')
                : formatMillions(r.actual, series.decimals)}
              {r.actualThrough && (
                <span className="cell-sub">
                  {' '}
                  {compact
                    ? t('toDate', { date: shortDateLabel(r.actualThrough, locale) })
                    : `${t('toDate', { date: formatDate(r.actualThrough, locale) })} · ${basisText(t, r.actualBasis, r.audited)}`}
                </span>
              )}
            </td>
            <td className="num">{r.original ? formatMillions(r.original.amount, series.decimals) : t('none')}</td>
            <td className="num">
              {r.revised ? formatMillions(r.revised.amount, series.decimals) : t('none')}
              {r.revised && <span className="cell-sub"> {standingText(t, r.revised.standing)}</span>}
            </td>
            <td className="num strong">{r.binding ? formatMillions(r.binding.amount, series.decimals) : t('none')}</td>
            {!compact && (
              <td className="num">{r.threshold === null ? t('none') : formatMillions(r.threshold, series.decimals)}</td>
            )}
            <td className="num">{r.utilisation === null ? t('none') : formatPercent(r.utilisation)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * Actual amount of every cap period against its original and revised/new caps,
 * with the alert threshold of the binding cap. The y-axis always reaches past
 * the largest cap (series.domain).
 */
export function PeriodCapsChart({
  series,
  categoryName,
  title,
  width,
  height = 300,
  unit,
}: ChartProps & { series: PeriodSeries }) {
  const t = useT(chartMessages);
  const locale = useLocale();
  const thrPct = formatPercent(series.threshold);
  const data: Datum[] = series.rows.map((r) => ({
    label: shortPeriodLabel(r.period, locale),
    row: r,
    actualM: r.actualM,
    originalM: r.originalM,
    revisedM: r.revisedM,
    thresholdM: r.thresholdM,
    actualLabel: r.actual === null ? '' : formatMillions(r.actual, series.decimals),
    decimals: series.decimals,
  }));
  // Only what the chart draws: no "revised" key on a chart without revisions.
  const standings = new Set(series.rows.flatMap((r) => (r.revised ? [r.revised.standing] : [])));
  const legend: LegendItem[] = [
    { label: t('actual'), kind: 'bar', color: CHART_COLORS.actual },
    ...(series.rows.some((r) => r.original)
      ? [{ label: t('originalCap'), kind: 'line' as const, color: CHART_COLORS.original }]
      : []),
    ...(standings.has('effective')
      ? [{ label: t('revisedCap'), kind: 'line' as const, color: CHART_COLORS.revised }]
      : []),
    ...(standings.has('awaiting-approval')
      ? [{ label: `${t('revisedCap')} — ${t('revisedAwaiting')}`, kind: 'dash' as const, color: CHART_COLORS.revised }]
      : []),
    ...(standings.has('rejected')
      ? [
          {
            label: `${t('revisedCap')} — ${t('revisedRejected')}`,
            kind: 'dotted' as const,
            color: CHART_COLORS.revised,
          },
        ]
      : []),
    ...(series.rows.some((r) => r.threshold !== null)
      ? [{ label: t('threshold', { pct: thrPct }), kind: 'dash' as const, color: CHART_COLORS.threshold }]
      : []),
  ];
  const summary = series.rows
    .map((r) =>
      t('periodsSummaryRow', {
        period: shortPeriodLabel(r.period, locale),
        actual: r.actual === null ? t('noData') : formatMillions(r.actual, series.decimals),
        binding: r.binding ? formatMillions(r.binding.amount, series.decimals) : t('none'),
      }),
    )
    .join('; ');
  const plotHeight = height - MARGIN.top - MARGIN.bottom - X_AXIS_HEIGHT;
  const actualLabel = actualLabelFor(data, (v) => MARGIN.top + plotHeight * (1 - v / series.domain.max));
  const size = chartSize(width, height);
  const table = <PeriodTable series={series} caption={title ?? categoryName} />;
  return (
    <ChartFrame
      size={{ width, height }}
      title={title ?? t('actual')}
      subtitle={unit ?? t('unit')}
      ariaLabel={t('periodsAria', { category: categoryName, summary, unit: unit ?? t('unit') })}
      legend={legend}
      table={table}
    >
      {({ Bar, CartesianGrid, ComposedChart, LabelList, Text, Tooltip, XAxis, YAxis }: RechartsModule) => (
        <>
          <ComposedChart {...size} data={data} margin={MARGIN} barCategoryGap="22%" accessibilityLayer={false}>
            <CartesianGrid vertical={false} stroke={CHART_COLORS.grid} />
            <XAxis
              xAxisId="actual"
              dataKey="label"
              tickLine={false}
              axisLine={{ stroke: '#9aa7b8' }}
              interval={0}
              height={X_AXIS_HEIGHT}
              tick={(p: {
                x: number | string;
                y: number | string;
                width?: number | string;
                visibleTicksCount?: number;
                payload: { value?: unknown };
              }) => (
                <Text
                  x={Number(p.x)}
                  y={Number(p.y) + 4}
                  width={tickWidth(p.width, p.visibleTicksCount)}
                  textAnchor="middle"
                  verticalAnchor="start"
                  fontSize={12}
                  fill={CHART_COLORS.axis}
                >
                  {breakablePeriodLabel(String(p.payload.value ?? ''))}
                </Text>
              )}
            />
            <XAxis xAxisId="original" dataKey="label" hide />
            <XAxis xAxisId="revised" dataKey="label" hide />
            <XAxis xAxisId="threshold" dataKey="label" hide />
            <YAxis {...amountAxisProps(series.domain)} />
            <Tooltip
              cursor={{ fill: 'rgba(18,53,91,0.06)' }}
              content={({ active, payload }) => {
                const d = active && (payload?.[0]?.payload as Datum | undefined);
                if (!d) return null;
                const r = d.row;
                return (
                  <div className="chart-tooltip">
                    <strong>{r.periods.map((p) => shortPeriodLabel(p, locale)).join(' / ')}</strong>
                    <div>
                      {t('actual')}: {r.actual === null ? t('noData') : formatMillions(r.actual, series.decimals)}
                      {r.actualThrough ? ` (${t('through')} ${formatDate(r.actualThrough, locale)})` : ''}
                    </div>
                    {r.original && (
                      <div>
                        {t('originalCap')}: {formatMillions(r.original.amount, series.decimals)}
                      </div>
                    )}
                    {r.revised && (
                      <div>
                        {t('revisedCap')}: {formatMillions(r.revised.amount, series.decimals)} (
                        {standingText(t, r.revised.standing)})
                      </div>
                    )}
                    <div>
                      {t('bindingCap')}: {r.binding ? formatMillions(r.binding.amount, series.decimals) : t('none')}
                    </div>
                    {r.utilisation && (
                      <div>
                        {t('utilisation')}: {formatPercent(r.utilisation)}
                      </div>
                    )}
                  </div>
                );
              }}
            />
            <Bar
              xAxisId="actual"
              dataKey="actualM"
              fill={CHART_COLORS.actual}
              maxBarSize={56}
              isAnimationActive={false}
              radius={[2, 2, 0, 0]}
            >
              <LabelList dataKey="actualLabel" content={actualLabel} />
            </Bar>
            <Bar
              xAxisId="threshold"
              dataKey="thresholdM"
              shape={thresholdShape}
              isAnimationActive={false}
              maxBarSize={110}
            />
            <Bar
              xAxisId="original"
              dataKey="originalM"
              shape={originalShape}
              isAnimationActive={false}
              maxBarSize={110}
            />
            <Bar xAxisId="revised" dataKey="revisedM" shape={revisedShape} isAnimationActive={false} maxBarSize={110} />
          </ComposedChart>
        </>
      )}
    </ChartFrame>
  );
}
