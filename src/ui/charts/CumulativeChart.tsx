import { fromDayNumber, toDayNumber } from '../../domain/dates';
import { formatDate, formatMillions, formatPercent, formatRange } from '../../domain/format';
import { type CumulativePointRow, type CumulativeSeries, monthTickLabel, plotMillions } from '../../domain/series';
import type Decimal from 'decimal.js';
import { useLocale, useT } from '../i18n';
import {
  ChartFrame,
  CHART_COLORS,
  chartSize,
  type ChartProps,
  type LegendItem,
  type RechartsModule,
} from './ChartFrame';
import { amountAxisProps, methodText } from './chartFormat';
import { chartMessages } from './messages';

/**
 * Cumulative actual within the current cap period (solid, dots on known
 * days), the projection after the last known day (dashed), and the binding
 * cap, proposed cap and alert threshold as horizontal lines.
 */
export function CumulativeChart({
  series,
  categoryName,
  threshold,
  title,
  width,
  height = 300,
  extraNote,
  unit,
}: ChartProps & {
  series: CumulativeSeries;
  /** The alert threshold fraction, for the legend ("Threshold (80.0%)"). */
  threshold: Decimal;
  /** A sentence shown under the chart before its own notes (e.g. why another method is shown). */
  extraNote?: string;
}) {
  const t = useT(chartMessages);
  const locale = useLocale();
  const method = methodText(t, series.method);
  // Month names only; the year appears on January when the period spans two years.
  const spansYears = series.period.start.slice(0, 4) !== series.period.end.slice(0, 4);
  const monthTick = (d: string) => {
    const label = monthTickLabel(d, locale);
    return spansYears ? label : label.replace(/^Jan \d{4}$/, 'Jan').replace(/^\d{4}年1月$/, '1月');
  };
  const size = chartSize(width, height);
  const hasProjection = series.points.some((p) => p.projected !== null);
  const thrLabel = t('threshold', { pct: formatPercent(threshold) });
  const legend: LegendItem[] = [
    { label: t('cumulativeActual'), kind: 'line', color: CHART_COLORS.actual },
    ...(hasProjection
      ? [{ label: t('projected', { method }), kind: 'dash' as const, color: CHART_COLORS.projected }]
      : []),
    ...(series.binding
      ? [
          {
            label: `${t('bindingCap')} ${formatMillions(series.binding.amount, series.decimals)}`,
            kind: 'line' as const,
            color: CHART_COLORS.original,
          },
        ]
      : []),
    ...(series.proposed
      ? [
          {
            label: `${t('proposedCap')} ${formatMillions(series.proposed.amount, series.decimals)}`,
            kind: 'dash' as const,
            color: CHART_COLORS.revised,
          },
        ]
      : []),
    ...(series.threshold
      ? [
          {
            label: `${thrLabel} ${formatMillions(series.threshold.amount, series.decimals)}`,
            kind: 'dash' as const,
            color: CHART_COLORS.threshold,
          },
        ]
      : []),
  ];
  const last = [...series.points].reverse().find((p) => p.actual !== null);
  const summary = t('cumulativeSummary', {
    actual: last?.actual != null ? formatMillions(last.actual, series.decimals) : t('noData'),
    through: series.through ? formatDate(series.through, locale) : t('none'),
    method,
    end: formatMillions(series.periodEnd, series.decimals),
    binding: series.binding ? formatMillions(series.binding.amount, series.decimals) : t('none'),
    proposed: series.proposed ? formatMillions(series.proposed.amount, series.decimals) : t('none'),
    threshold: series.threshold ? formatMillions(series.threshold.amount, series.decimals) : t('none'),
  });
  const crossingNotes: string[] = [];
  if (series.crossings) {
    const { threshold: th, cap } = series.crossings;
    if (th.date && th.state !== 'not-reached')
      crossingNotes.push(t('reachesThreshold', { date: formatDate(th.date, locale) }));
    if (cap.date && cap.state !== 'not-reached')
      crossingNotes.push(t('reachesCap', { date: formatDate(cap.date, locale) }));
  }
  const otherNote = series.proposedOtherPeriod
    ? t('proposedOtherPeriod', {
        amount: formatMillions(series.proposedOtherPeriod.amount, series.decimals),
        range: formatRange(series.proposedOtherPeriod.period, locale),
      })
    : null;
  const mainNote =
    series.unavailable === 'no-prior-year'
      ? t('projectionUnavailableNoPrior')
      : series.unavailable === 'no-actuals'
        ? t('projectionUnavailableNoActuals')
        : crossingNotes.length > 0
          ? t('crossingNote', { method, list: crossingNotes.join(t('listSeparator')) })
          : undefined;
  const note = [extraNote, mainNote, otherNote].filter(Boolean).join(' ') || undefined;
  const crossingDots = series.crossings
    ? (['threshold', 'cap'] as const).map((k) => series.crossings![k]).filter((c) => c.state === 'projected' && c.date)
    : [];
  const table = (
    <table className="data compact">
      <caption className="visually-hidden">{title ?? categoryName}</caption>
      <thead>
        <tr>
          <th scope="col">{t('date')}</th>
          <th scope="col" className="num">
            {t('cumulativeActual')}
          </th>
          <th scope="col" className="num">
            {t('cumulativeProjected')}
          </th>
        </tr>
      </thead>
      <tbody>
        {series.points.map((p: CumulativePointRow) => (
          <tr key={p.date}>
            <th scope="row">{formatDate(p.date, locale)}</th>
            <td className="num">{p.actual === null ? t('none') : formatMillions(p.actual, series.decimals)}</td>
            <td className="num">{p.projected === null ? t('none') : formatMillions(p.projected, series.decimals)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <ChartFrame
      size={{ width, height }}
      title={title ?? t('cumulativeActual')}
      subtitle={`${formatRange(series.period, locale)} · ${unit ?? t('unit')}`}
      ariaLabel={t('cumulativeAria', {
        category: categoryName,
        start: formatDate(series.period.start, locale),
        summary,
        unit: unit ?? t('unit'),
      })}
      legend={legend}
      table={table}
      note={note}
    >
      {({ CartesianGrid, ComposedChart, Line, ReferenceDot, ReferenceLine, Tooltip, XAxis, YAxis }: RechartsModule) => (
        <>
          <ComposedChart
            {...size}
            data={[...series.points]}
            margin={{ top: 12, right: 16, bottom: 4, left: 4 }}
            accessibilityLayer={false}
          >
            <CartesianGrid vertical={false} stroke={CHART_COLORS.grid} />
            <XAxis
              dataKey="day"
              type="number"
              domain={[series.xDomain[0], series.xDomain[1]]}
              ticks={series.monthTicks.map((m) => m.day)}
              // On a narrow screen, months whose labels would touch are skipped rather than overlapped.
              interval="preserveStartEnd"
              minTickGap={6}
              tickFormatter={(d: number) => monthTick(fromDayNumber(d))}
              tick={{ fontSize: 12, fill: CHART_COLORS.axis }}
              tickLine={false}
              axisLine={{ stroke: '#9aa7b8' }}
              allowDataOverflow
            />
            <YAxis {...amountAxisProps(series.domain)} />
            <Tooltip
              content={({ active, payload }) => {
                const p = active && (payload?.[0]?.payload as CumulativePointRow | undefined);
                if (!p) return null;
                return (
                  <div className="chart-tooltip">
                    <strong>{formatDate(p.date, locale)}</strong>
                    {p.actual !== null && (
                      <div>
                        {t('cumulativeActual')}: {formatMillions(p.actual, series.decimals)}
                      </div>
                    )}
                    {p.projected !== null && p.actual === null && (
                      <div>
                        {t('projected', { method })}: {formatMillions(p.projected, series.decimals)}
                      </div>
                    )}
                  </div>
                );
              }}
            />
            {series.threshold && (
              <ReferenceLine
                y={series.threshold.amountM}
                stroke={CHART_COLORS.threshold}
                strokeWidth={2}
                strokeDasharray="6 4"
                ifOverflow="extendDomain"
              />
            )}
            {series.proposed && (
              <ReferenceLine
                y={series.proposed.amountM}
                stroke={CHART_COLORS.revised}
                strokeWidth={2.5}
                strokeDasharray="9 5"
                ifOverflow="extendDomain"
              />
            )}
            {series.binding && (
              <ReferenceLine
                y={series.binding.amountM}
                stroke={CHART_COLORS.original}
                strokeWidth={3}
                ifOverflow="extendDomain"
              />
            )}
            {series.asOfDay >= series.xDomain[0] && series.asOfDay <= series.xDomain[1] && (
              <ReferenceLine
                x={series.asOfDay}
                stroke={CHART_COLORS.asOf}
                strokeDasharray="2 3"
                // Near the right edge the label goes on the line's left so it is not cut off.
                label={{
                  value: t('asOfLine'),
                  position:
                    series.asOfDay > series.xDomain[0] + (series.xDomain[1] - series.xDomain[0]) * 0.85
                      ? 'insideTopRight'
                      : 'insideTopLeft',
                  fontSize: 11,
                  fill: CHART_COLORS.asOf,
                }}
              />
            )}
            <Line
              dataKey="actualM"
              stroke={CHART_COLORS.actual}
              strokeWidth={3}
              dot={{ r: 3.5, fill: CHART_COLORS.actual, strokeWidth: 0 }}
              isAnimationActive={false}
              connectNulls
            />
            {hasProjection && (
              <Line
                dataKey="projectedM"
                stroke={CHART_COLORS.projected}
                strokeWidth={2.5}
                strokeDasharray="7 5"
                dot={false}
                isAnimationActive={false}
                connectNulls
              />
            )}
            {crossingDots.map((c) => (
              <ReferenceDot
                key={`${c.date}-${c.target}`}
                x={toDayNumber(c.date!)}
                y={plotMillions(c.target)}
                r={5}
                fill="#ffffff"
                stroke={CHART_COLORS.threshold}
                strokeWidth={2.5}
              />
            ))}
          </ComposedChart>
        </>
      )}
    </ChartFrame>
  );
}
