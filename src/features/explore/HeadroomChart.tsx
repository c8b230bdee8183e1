import { fromDayNumber, startOfMonth, toDayNumber } from '../../domain/dates';
import type { HeadroomPoint, headroomSeries } from '../../domain/explorer';
import { formatDate, formatIsoDate, formatMillions, formatRange } from '../../domain/format';
import { ChartFrame, CHART_COLORS, type LegendItem, type RechartsModule } from '../../ui/charts/ChartFrame';
import { amountAxisProps } from '../../ui/charts/chartFormat';
import { useLocale, useT } from '../../ui/i18n';
import { exploreMessages } from './messages';

/**
 * Remaining headroom against the binding cap (solid) and the proposed cap
 * (dashed) at each month end; below the zero line a cap is exceeded.
 */
export function HeadroomChart({
  series,
  categoryName,
  unit,
  period,
  bindingLabel,
  proposedLabel,
  height = 300,
}: {
  series: ReturnType<typeof headroomSeries>;
  categoryName: string;
  unit: string;
  period: { start: string; end: string };
  bindingLabel: string | null;
  proposedLabel: string | null;
  height?: number;
}) {
  const t = useT(exploreMessages);
  const locale = useLocale();
  const { points, axis, xDomain } = series;
  const last = points[points.length - 1];
  const text = (v: HeadroomPoint['binding']) => (v === null ? t('notInCapPeriod') : formatMillions(v));
  const legend: LegendItem[] = [
    ...(bindingLabel ? [{ label: bindingLabel, kind: 'line' as const, color: CHART_COLORS.original }] : []),
    ...(proposedLabel ? [{ label: proposedLabel, kind: 'dash' as const, color: CHART_COLORS.revised }] : []),
    { label: t('zeroLine'), kind: 'line', color: CHART_COLORS.threshold },
  ];
  // Ticks on the first day of each month, as on the cumulative chart beside it; points sit on month ends.
  const ticks = points.filter((p) => p.basis !== 'start').map((p) => toDayNumber(startOfMonth(p.date)));
  const table = (
    <table className="data compact">
      <caption className="visually-hidden">{t('chartHeadroom')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('monthEnd')}</th>
          <th scope="col" className="num">
            {t('headroomBinding')}
          </th>
          <th scope="col" className="num">
            {t('headroomProposed')}
          </th>
        </tr>
      </thead>
      <tbody>
        {points.map((p) => (
          <tr key={p.date}>
            <th scope="row">{p.basis === 'start' ? t('periodStart') : formatDate(p.date, locale)}</th>
            <td className="num">{text(p.binding)}</td>
            <td className="num">{text(p.proposed)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <ChartFrame
      size={{ height }}
      title={t('chartHeadroom')}
      subtitle={`${formatRange(period, locale)} · ${unit}`}
      ariaLabel={t('headroomAria', {
        category: categoryName,
        unit,
        summary: last ? t('headroomSummary', { binding: text(last.binding), proposed: text(last.proposed) }) : '',
      })}
      legend={legend}
      table={table}
    >
      {({ CartesianGrid, ComposedChart, Line, ReferenceLine, Tooltip, XAxis, YAxis }: RechartsModule) => (
        <>
          <ComposedChart
            responsive
            style={{ width: '100%', height }}
            data={points as HeadroomPoint[]}
            margin={{ top: 12, right: 16, bottom: 4, left: 4 }}
            accessibilityLayer={false}
          >
            <CartesianGrid vertical={false} stroke={CHART_COLORS.grid} />
            <XAxis
              dataKey="day"
              type="number"
              domain={[xDomain[0], xDomain[1]]}
              ticks={ticks}
              // On a narrow screen, months whose labels would touch are skipped rather than overlapped.
              interval="preserveStartEnd"
              minTickGap={6}
              // Month names only: with a tick for every month there is no room for "Jan 2026"; the year is in the subtitle.
              tickFormatter={(d: number) => formatIsoDate(fromDayNumber(d), 'monthName', locale)}
              tick={{ fontSize: 11, fill: CHART_COLORS.axis }}
              tickLine={false}
              axisLine={{ stroke: '#9aa7b8' }}
            />
            <YAxis {...amountAxisProps(axis, 62)} />
            <Tooltip
              content={({ active, payload }) => {
                const p = active && (payload?.[0]?.payload as HeadroomPoint | undefined);
                if (!p) return null;
                return (
                  <div className="chart-tooltip">
                    <strong>{p.basis === 'start' ? t('periodStart') : formatDate(p.date, locale)}</strong>
                    {bindingLabel && (
                      <div>
                        {t('headroomBinding')}: {text(p.binding)}
                      </div>
                    )}
                    {proposedLabel && (
                      <div>
                        {t('headroomProposed')}: {text(p.proposed)}
                      </div>
                    )}
                  </div>
                );
              }}
            />
            <ReferenceLine y={0} stroke={CHART_COLORS.threshold} strokeWidth={2} />
            {bindingLabel && (
              <Line
                dataKey="bindingM"
                stroke={CHART_COLORS.original}
                strokeWidth={3}
                dot={{ r: 3, fill: CHART_COLORS.original, strokeWidth: 0 }}
                isAnimationActive={false}
                connectNulls={false}
              />
            )}
            {proposedLabel && (
              <Line
                dataKey="proposedM"
                stroke={CHART_COLORS.revised}
                strokeWidth={2.5}
                strokeDasharray="8 5"
                dot={{ r: 3, fill: CHART_COLORS.revised, strokeWidth: 0 }}
                isAnimationActive={false}
                connectNulls={false}
              />
            )}
          </ComposedChart>
        </>
      )}
    </ChartFrame>
  );
}
