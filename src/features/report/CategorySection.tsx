import type Decimal from 'decimal.js';
import { type ReactNode, useMemo } from 'react';
import { categoryCurrency, currencyUnit } from '../../domain/currency';
import type { CategoryStatus, EngineContext } from '../../domain/engine';
import { formatDate, formatGrowth, formatMillions, formatPercent, formatRange } from '../../domain/format';
import { ratio } from '../../domain/money';
import type { CategoryAttention } from '../../domain/reportSummary';
import { cumulativeSeries, periodSeries, ytdComparison } from '../../domain/series';
import { CumulativeChart } from '../../ui/charts/CumulativeChart';
import { PeriodCapsChart } from '../../ui/charts/PeriodCapsChart';
import { YtdChart } from '../../ui/charts/YtdChart';
import { HeadroomText, PercentText, UtilisationText } from '../../ui/components/Figures';
import { Slice } from '../../ui/components/Slice';
import { StatusBadge } from '../../ui/components/StatusBadge';
import { UtilisationBar } from '../../ui/components/UtilisationBar';
import { ChartExport } from '../../ui/export/ExportButtons';
import { useBilingual, useLocale, useT } from '../../ui/i18n';
import { attentionContext, attentionKindLabel, attentionSentence } from '../../ui/report/attentionText';
import { once } from '../../ui/once';
import { attentionMessages } from '../../ui/report/messages';
import { Commentary } from './Commentary';
import { reportMessages } from './messages';
import {
  basisText,
  bindingApprovalText,
  categoryFootnotes,
  crossingText,
  footnoteText,
  growthText,
  methodName,
  proposedApprovalText,
  rejectedText,
  snapshotOf,
} from './reportText';

/** Fixed chart sizes: the same on screen, in print (A4 landscape) and in PNG exports. */
export const REPORT_CHART = { width: 440, height: 220, ytdHeight: 190 } as const;

function Figure({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="rfig" data-testid={testId}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** A cap's buffer over the expected amount with its sign ("+11.1%", "−99.3%"); "—" when there is no such cap. */
function formatBuffer(b: Decimal | null): string {
  return b === null ? '—' : formatGrowth(b);
}

function ProjectionTable({ s }: { s: CategoryStatus }) {
  const t = useT(reportMessages);
  const locale = useLocale();
  if (s.projections.length === 0) return null;
  const order = ['seasonal', 'linear', 'growth'];
  const rows = [...s.projections].sort(
    (a, b) => order.indexOf(a.projection.method) - order.indexOf(b.projection.method),
  );
  const cols = 3 + (s.binding ? 2 : 0) + (s.proposed ? 1 : 0);
  return (
    <div className="table-scroll-plain" tabIndex={0}>
      <table className="data compact report-projection">
        <caption>{t('projectionHeading')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('projMethod')}</th>
            <th scope="col" className="num">
              {t('projPeriodEnd')}
            </th>
            {s.binding && (
              <th scope="col" className="num">
                {t('projOfBinding')}
              </th>
            )}
            <th scope="col">{t('projThresholdDate')}</th>
            {s.binding && <th scope="col">{t('projCapDate')}</th>}
            {s.proposed && <th scope="col">{t('projProposedDate')}</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => {
            const u = p.projection.unavailable;
            return (
              <tr key={p.projection.method}>
                <th scope="row">{methodName(t, p.projection.method)}</th>
                {u ? (
                  <td colSpan={cols - 1} className="muted">
                    {u === 'no-prior-year' ? t('projUnavailableNoPrior') : t('projUnavailableNoActuals')}
                  </td>
                ) : (
                  <>
                    <td className="num">{formatMillions(p.projection.periodEnd, s.decimals)}</td>
                    {s.binding && (
                      <td className="num">
                        <PercentText value={ratio(p.projection.periodEnd, s.binding.cap.amount)} />
                      </td>
                    )}
                    <td>{crossingText(t, locale, (p.binding ?? p.proposed)?.threshold)}</td>
                    {s.binding && <td>{crossingText(t, locale, p.binding?.cap)}</td>}
                    {s.proposed && <td>{crossingText(t, locale, p.proposed?.cap)}</td>}
                  </>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** One category of the directors' report: figures, attention, projection, charts, commentary, sources. */
export function CategorySection({
  ctx,
  attention,
  commentary,
  sourceLine,
}: {
  ctx: EngineContext;
  attention: CategoryAttention;
  commentary: { text: string; updatedAt: string } | undefined;
  sourceLine: string;
}) {
  const t = useT(reportMessages);
  const ta = useT(attentionMessages);
  const locale = useLocale();
  const name = useBilingual();
  const s = attention.status;
  const { category, asOf } = s;
  const catName = name(category.name);
  const thr = formatPercent(s.threshold);
  // Amounts are in the agreement's currency: HK$ for an HK$ register agreement.
  const unit = currencyUnit(categoryCurrency(ctx.dataset, category.id), locale);
  const counterparty = ctx.dataset.parties.find(
    (p) => p.id === ctx.dataset.agreements.find((a) => a.id === category.agreementId)?.counterpartyId,
  );
  // Each chart's series is computed in the slice that draws it (Slice), once per section.
  const charts = useMemo(() => {
    const seasonalOk = s.projections.some((p) => p.projection.method === 'seasonal' && !p.projection.unavailable);
    return {
      periods: once(() => periodSeries(ctx, category.id, asOf)),
      cumulative: once(() => cumulativeSeries(ctx, category.id, asOf, seasonalOk ? 'seasonal' : 'linear')),
      ytd: once(() => ytdComparison(ctx, category.id, asOf)),
    };
  }, [ctx, category.id, asOf, s.projections]);
  const snap = snapshotOf(ctx, s);
  const footnotes = categoryFootnotes(t, ctx, s);
  const stem = `${category.id}-${asOf}`;
  const alertText =
    s.alert === 'ok'
      ? t('alert_ok', { thr })
      : s.alert === 'threshold'
        ? t('alert_threshold', { thr })
        : t('alert_exceeded');

  return (
    <section
      className="report-category report-sheet"
      aria-labelledby={`cat-${category.id}`}
      data-category={category.id}
    >
      <header className="report-category-head">
        <div>
          <h3 id={`cat-${category.id}`}>{catName}</h3>
          <p className="report-meta">
            {category.direction === 'provided-by-group'
              ? t('direction_provided', { party: counterparty ? name(counterparty.name) : '' })
              : t('direction_procured', { party: counterparty ? name(counterparty.name) : '' })}
            {' · '}
            {t('categoryTerm', { term: formatRange(category.term, locale) })}
            {' · '}
            <span data-testid="category-unit">{t('unitNote', { unit })}</span>
          </p>
        </div>
        <StatusBadge status={s.displayStatus} />
      </header>

      {attention.outsideTerm ? (
        <p className="report-outside">{t('outsideTerm')}</p>
      ) : (
        <>
          <div className="report-category-body">
            <dl className="report-figures">
              <Figure label={t('figPeriod')}>{s.period ? formatRange(s.period, locale) : t('none')}</Figure>
              <Figure label={t('figBinding')} testId="fig-binding">
                <strong className="rfig-big">
                  {s.binding ? formatMillions(s.binding.cap.amount, s.decimals) : t('noCapInForce')}
                </strong>
                <span className="rfig-note">{bindingApprovalText(t, locale, ctx, s.binding?.cap ?? null)}</span>
              </Figure>
              <Figure label={t('figProposed')}>
                <strong className="rfig-big">
                  {s.proposed ? formatMillions(s.proposed.cap.amount, s.decimals) : t('none')}
                </strong>
                {s.proposed && <span className="rfig-note">{proposedApprovalText(t, locale, s)}</span>}
                {rejectedText(t, s).map((x) => (
                  <span key={x} className="rfig-note">
                    {x}
                  </span>
                ))}
              </Figure>
              <Figure label={t('figActual')} testId="fig-actual">
                <strong className="rfig-big">
                  {!s.period ? t('none') : s.known ? formatMillions(s.actual, s.decimals) : t('noData')}
                </strong>
                <span className="rfig-note">
                  {s.actualThrough
                    ? t('actualThrough', {
                        date: formatDate(s.actualThrough, locale),
                        basis: `${basisText(t, s.actualBasis)}${snap && s.actualBasis === 'disclosed' && snap.audited !== null ? `, ${snap.audited ? t('audited') : t('unaudited')}` : ''}`,
                      })
                    : t('actualNone')}
                </span>
              </Figure>
              <Figure label={t('figUtilisation')} testId="fig-utilisation">
                <strong className="rfig-big">
                  <UtilisationText value={s.binding?.utilisation ?? null} threshold={s.threshold} />
                </strong>
                <UtilisationBar utilisation={s.binding?.utilisation ?? null} threshold={s.threshold} caption=" " />
              </Figure>
              <Figure label={t('figHeadroom')} testId="fig-headroom">
                <strong className="rfig-big">
                  {s.binding ? <HeadroomText value={s.binding.headroom} decimals={s.decimals} /> : t('none')}
                </strong>
                {s.proposed && (
                  <span className="rfig-note">
                    {t('figProposed')}: <HeadroomText value={s.proposed.headroom} decimals={s.decimals} /> ·{' '}
                    {t('figProposedUtilisation')}:{' '}
                    <UtilisationText value={s.proposed.utilisation} threshold={s.threshold} />
                  </span>
                )}
              </Figure>
              <Figure label={t('figAlert')}>{alertText}</Figure>
              <Figure label={t('figGrowthYtd')}>{growthText(t, locale, s.ytd, s.decimals)}</Figure>
              <Figure label={t('figGrowthYoy')}>{growthText(t, locale, s.yoy, s.decimals)}</Figure>
              {s.expected && (
                <Figure label={t('figExpected')}>
                  {formatMillions(s.expected.amount, s.decimals)} ({formatRange(s.expected.period, locale)})
                  {s.impliedBuffer && (
                    <span className="rfig-note">
                      {t('expectedBuffer', {
                        binding: formatBuffer(s.impliedBuffer.binding),
                        proposed: formatBuffer(s.impliedBuffer.proposed),
                      })}
                    </span>
                  )}
                </Figure>
              )}
            </dl>
            <div className="report-side">
              {attention.reasons.length > 0 && (
                <div className="report-attention-box">
                  <ul>
                    {attention.reasons.map((r, i) => (
                      <li key={i}>
                        <strong>
                          {attentionKindLabel(ta, r.kind)}
                          {locale === 'zh' ? '：' : '.'}
                        </strong>
                        {locale === 'zh' ? '' : ' '}
                        {attentionSentence(ta, locale, r, attentionContext(s, ctx.dataset, name, asOf))}
                      </li>
                    ))}
                  </ul>
                </div>
              )}
              <ProjectionTable s={s} />
              <Commentary categoryId={category.id} categoryName={catName} asOf={asOf} stored={commentary} />
            </div>
          </div>

          {footnotes.length > 0 && (
            <ol className="report-footnotes">
              {footnotes.map((f, i) => (
                <li key={i}>{footnoteText(locale, f)}</li>
              ))}
            </ol>
          )}

          <div className="report-charts">
            <Slice>
              {() => (
                <ChartExport fileStem={`${stem}-periods`} asOf={asOf} sourceLine={sourceLine}>
                  <PeriodCapsChart
                    series={charts.periods()}
                    categoryName={catName}
                    title={`${catName} — ${t('chartPeriods')}`}
                    width={REPORT_CHART.width}
                    height={REPORT_CHART.height}
                    unit={unit}
                  />
                </ChartExport>
              )}
            </Slice>
            <Slice>
              {() => {
                const cumulative = charts.cumulative();
                return (
                  cumulative && (
                    <ChartExport fileStem={`${stem}-cumulative`} asOf={asOf} sourceLine={sourceLine}>
                      <CumulativeChart
                        series={cumulative}
                        categoryName={catName}
                        threshold={s.threshold}
                        title={`${catName} — ${t('chartCumulative')}`}
                        width={REPORT_CHART.width}
                        height={REPORT_CHART.height}
                        unit={unit}
                      />
                    </ChartExport>
                  )
                );
              }}
            </Slice>
            <Slice>
              {() => {
                const ytd = charts.ytd();
                const chart = (
                  <YtdChart
                    series={ytd}
                    categoryName={catName}
                    title={`${catName} — ${t('chartYtd')}`}
                    width={REPORT_CHART.width}
                    height={REPORT_CHART.ytdHeight}
                    unit={unit}
                  />
                );
                return ytd.bars.length > 0 ? (
                  <ChartExport fileStem={`${stem}-ytd`} asOf={asOf} sourceLine={sourceLine}>
                    {chart}
                  </ChartExport>
                ) : (
                  // Nothing to draw (no prior-year span known): the frame says so and there is no PNG to make.
                  <div className="chart-export">{chart}</div>
                );
              }}
            </Slice>
          </div>
        </>
      )}
    </section>
  );
}
