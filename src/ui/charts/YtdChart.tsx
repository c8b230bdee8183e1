import { formatDate, formatGrowth, formatMillions, formatMonth } from '../../domain/format';
import { type ComparisonBar, shortPeriodLabel, type YtdComparison } from '../../domain/series';
import { useLocale, useT } from '../i18n';
import {
  ChartFrame,
  CHART_COLORS,
  chartSize,
  type ChartProps,
  type LegendItem,
  type RechartsModule,
} from './ChartFrame';
import { amountAxisProps } from './chartFormat';
import { chartMessages } from './messages';

interface Datum {
  label: string;
  kindLabel: string;
  spanLabel: string;
  bar: ComparisonBar;
  currentM: number;
  priorM: number;
  currentLabel: string;
  priorLabel: string;
  rateLabel: string;
}

function valueLabel(fill: string) {
  return function ValueLabel(props: unknown) {
    const {
      x = 0,
      y = 0,
      width = 0,
      value,
    } = props as { x?: number | string; y?: number | string; width?: number | string; value?: unknown };
    if (typeof value !== 'string') return <g />;
    return (
      <text
        x={Number(x) + Number(width) / 2}
        y={Number(y) - 5}
        textAnchor="middle"
        fontSize={11}
        fontWeight={600}
        fill={fill}
      >
        {value}
      </text>
    );
  };
}

const currentValue = valueLabel(CHART_COLORS.actual);
const priorValue = valueLabel('#3d5a80');

/**
 * The year to date against the same span a year earlier, and the latest full
 * period against the one before, with the growth rate; month by month when
 * ledger data gives month-end cumulative amounts for both years.
 */
export function YtdChart({
  series,
  categoryName,
  title,
  width,
  height = 260,
  unit,
}: ChartProps & { series: YtdComparison }) {
  const t = useT(chartMessages);
  const locale = useLocale();
  const size = chartSize(width, height);
  const data: Datum[] = series.bars.map((b) => ({
    label: `${b.key === 'ytd' ? t('yearToDate') : t('fullPeriod')}: ${shortPeriodLabel(b.span, locale)}`,
    kindLabel: b.key === 'ytd' ? t('yearToDate') : t('fullPeriod'),
    spanLabel: shortPeriodLabel(b.span, locale),
    bar: b,
    currentM: b.currentM,
    priorM: b.priorM,
    currentLabel: formatMillions(b.current, series.decimals),
    priorLabel: formatMillions(b.prior, series.decimals),
    rateLabel: `${t('growth')} ${formatGrowth(b.rate)}`,
  }));
  const legend: LegendItem[] = [
    { label: t('lastYear'), kind: 'bar-light', color: CHART_COLORS.actualLight },
    { label: t('thisYear'), kind: 'bar', color: CHART_COLORS.actual },
  ];
  const summary = series.bars
    .map((b) =>
      t('ytdSummaryRow', {
        span: shortPeriodLabel(b.span, locale),
        current: formatMillions(b.current, series.decimals),
        prior: formatMillions(b.prior, series.decimals),
        rate: formatGrowth(b.rate),
      }),
    )
    .join('; ');
  const table = (
    <table className="data compact">
      <caption className="visually-hidden">{title ?? categoryName}</caption>
      <thead>
        <tr>
          <th scope="col">{t('span')}</th>
          <th scope="col" className="num">
            {t('thisYear')}
          </th>
          <th scope="col">{t('priorSpan')}</th>
          <th scope="col" className="num">
            {t('lastYear')}
          </th>
          <th scope="col" className="num">
            {t('growth')}
          </th>
        </tr>
      </thead>
      <tbody>
        {series.bars.map((b) => (
          <tr key={b.key}>
            <th scope="row">{`${formatDate(b.span.start, locale)} – ${formatDate(b.span.end, locale)}`}</th>
            <td className="num">{formatMillions(b.current, series.decimals)}</td>
            <td>{`${formatDate(b.priorSpan.start, locale)} – ${formatDate(b.priorSpan.end, locale)}`}</td>
            <td className="num">{formatMillions(b.prior, series.decimals)}</td>
            <td className="num">{formatGrowth(b.rate)}</td>
          </tr>
        ))}
        {series.months.map((m) => (
          <tr key={m.date}>
            <th scope="row">{formatDate(m.date, locale)}</th>
            <td className="num">{m.current === null ? t('none') : formatMillions(m.current, series.decimals)}</td>
            <td>{t('lastYear')}</td>
            <td className="num">{m.prior === null ? t('none') : formatMillions(m.prior, series.decimals)}</td>
            <td className="num">{t('none')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  if (series.bars.length === 0) {
    return (
      <figure className="chart chart-empty">
        <figcaption className="chart-head">
          <span className="chart-title">{title ?? t('yearToDate')}</span>
        </figcaption>
        <p className="chart-empty-text">{t('noComparison')}</p>
      </figure>
    );
  }
  return (
    <ChartFrame
      // The monthly line chart (200 high) follows the bars when there are months to show.
      size={{ width, height: height + (series.months.length > 0 ? 200 : 0) }}
      title={title ?? t('yearToDate')}
      subtitle={unit ?? t('unit')}
      ariaLabel={t('ytdAria', { category: categoryName, summary, unit: unit ?? t('unit') })}
      legend={legend}
      table={table}
    >
      {({ Bar, BarChart, CartesianGrid, LabelList, Line, LineChart, Tooltip, XAxis, YAxis }: RechartsModule) => (
        <>
          <BarChart
            {...size}
            data={data}
            margin={{ top: 24, right: 12, bottom: 4, left: 4 }}
            barGap={6}
            barCategoryGap="24%"
            accessibilityLayer={false}
          >
            <CartesianGrid vertical={false} stroke={CHART_COLORS.grid} />
            <XAxis
              dataKey="label"
              tickLine={false}
              axisLine={{ stroke: '#9aa7b8' }}
              interval={0}
              height={58}
              tick={(p: { x: number | string; y: number | string; index: number }) => {
                const d = data[p.index];
                if (!d) return <g />;
                const x = Number(p.x);
                const y = Number(p.y);
                return (
                  <g>
                    <text x={x} y={y + 14} textAnchor="middle" fontSize={11} fill={CHART_COLORS.axis}>
                      {d.kindLabel}
                    </text>
                    <text x={x} y={y + 29} textAnchor="middle" fontSize={12} fill={CHART_COLORS.axis}>
                      {d.spanLabel}
                    </text>
                    <text
                      x={x}
                      y={y + 46}
                      textAnchor="middle"
                      fontSize={12.5}
                      fontWeight={700}
                      fill={CHART_COLORS.actual}
                    >
                      {d.rateLabel}
                    </text>
                  </g>
                );
              }}
            />
            <YAxis {...amountAxisProps(series.domain)} />
            <Tooltip
              cursor={{ fill: 'rgba(18,53,91,0.06)' }}
              content={({ active, payload }) => {
                const d = active && (payload?.[0]?.payload as Datum | undefined);
                if (!d) return null;
                return (
                  <div className="chart-tooltip">
                    <strong>{d.label}</strong>
                    <div>
                      {t('thisYear')}: {d.currentLabel}
                    </div>
                    <div>
                      {t('lastYear')} ({shortPeriodLabel(d.bar.priorSpan, locale)}): {d.priorLabel}
                    </div>
                    <div>{d.rateLabel}</div>
                  </div>
                );
              }}
            />
            <Bar
              dataKey="priorM"
              fill={CHART_COLORS.actualLight}
              maxBarSize={64}
              isAnimationActive={false}
              radius={[2, 2, 0, 0]}
            >
              <LabelList dataKey="priorLabel" content={priorValue} />
            </Bar>
            <Bar
              dataKey="currentM"
              fill={CHART_COLORS.actual}
              maxBarSize={64}
              isAnimationActive={false}
              radius={[2, 2, 0, 0]}
            >
              <LabelList dataKey="currentLabel" content={currentValue} />
            </Bar>
          </BarChart>
          {series.months.length > 0 && (
            <LineChart
              {...(width ? { width, height: 200 } : { responsive: true, style: { width: '100%', height: 200 } })}
              data={series.months.map((m) => ({ ...m, label: formatMonth(m.date, locale) }))}
              margin={{ top: 12, right: 16, bottom: 4, left: 4 }}
              accessibilityLayer={false}
            >
              <CartesianGrid vertical={false} stroke={CHART_COLORS.grid} />
              <XAxis dataKey="label" tick={{ fontSize: 12, fill: CHART_COLORS.axis }} tickLine={false} />
              <YAxis {...amountAxisProps(series.domain)} />
              <Line
                dataKey="priorM"
                stroke={CHART_COLORS.actualLight}
                strokeWidth={2.5}
                strokeDasharray="6 4"
                isAnimationActive={false}
              />
              <Line dataKey="currentM" stroke={CHART_COLORS.actual} strokeWidth={3} isAnimationActive={false} />
            </LineChart>
          )}
        </>
      )}
    </ChartFrame>
  );
}
