import { memo, type ReactNode, useDeferredValue, useMemo } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { categoryCurrency, currencyUnit } from '../../domain/currency';
import { categoryStatus, type EngineContext } from '../../domain/engine';
import { formatDate, formatMillions, formatRange, formatUtilisation } from '../../domain/format';
import type { Category } from '../../domain/model';
import type { ProjectionMethod } from '../../domain/projection';
import { cumulativeSeries, periodSeries, ytdComparison } from '../../domain/series';
import { useEngineContext } from '../../data/queries';
import { CumulativeChart } from '../../ui/charts/CumulativeChart';
import { PeriodCapsChart, PeriodTable } from '../../ui/charts/PeriodCapsChart';
import { YtdChart } from '../../ui/charts/YtdChart';
import { FreshnessNote } from '../../ui/components/FreshnessNote';
import { sourceAnchor } from '../../ui/components/sourceAnchor';
import { Slice } from '../../ui/components/Slice';
import { SourceRef } from '../../ui/components/SourceRef';
import { StatusBadge } from '../../ui/components/StatusBadge';
import { useHashScroll } from '../../ui/components/useHashScroll';
import { useBilingual, useLocale, useT } from '../../ui/i18n';
import { useCarriedHref } from '../../ui/links';
import { once } from '../../ui/once';
import { useAsOf } from '../../ui/useAsOf';
import { useUpdateSearchParams } from '../../ui/useUpdateSearchParams';
import { AgreementThreshold } from './AgreementThreshold';
import { agreementMessages } from './messages';

/*
 * Memoised, and given the engine context through useDeferredValue: a query answering
 * after the first render (the ledger, thresholds, approvals, the register) updates its
 * store, which React renders at once and unsliced; the sections, most of the screen's
 * work, then follow in a deferred render that React splits, instead of each answer
 * being a task of ~80 ms at a phone's CPU speed (Lighthouse's total blocking time).
 */
const CategorySection = memo(function CategorySection({
  category,
  ctx,
  asOf,
  method,
}: {
  category: Category;
  ctx: EngineContext;
  asOf: string;
  method: ProjectionMethod;
}) {
  const t = useT(agreementMessages);
  const name = useBilingual();
  const locale = useLocale();
  const catName = name(category.name);
  const unit = currencyUnit(categoryCurrency(ctx.dataset, category.id), locale);
  const s = useMemo(() => categoryStatus(ctx, category.id, asOf, { methods: [] }), [ctx, category.id, asOf]);
  // Each chart's series is computed in the slice that draws it (Slice), once per section.
  const series = useMemo(
    () => ({
      periods: once(() => periodSeries(ctx, category.id, asOf)),
      ytd: once(() => ytdComparison(ctx, category.id, asOf)),
      cumulative: once(() => {
        const first = cumulativeSeries(ctx, category.id, asOf, method);
        // No prior year to take the season from: the linear projection, said so under the chart.
        return first?.unavailable === 'no-prior-year' && method === 'seasonal'
          ? { series: cumulativeSeries(ctx, category.id, asOf, 'linear'), fellBack: true }
          : { series: first, fellBack: false };
      }),
    }),
    [ctx, category.id, asOf, method],
  );
  return (
    <section className="category-section" id={category.id} aria-labelledby={`${category.id}-h`} tabIndex={-1}>
      <header className="category-head">
        <div>
          <h2 id={`${category.id}-h`}>{catName}</h2>
          <p className="category-meta">
            {category.direction === 'provided-by-group' ? t('providedByGroup') : t('procuredByGroup')}
            {' · '}
            {t('categoryTerm', { range: formatRange(category.term, locale) })}
            <SourceRef source={category.source} anchor={sourceAnchor('category', category.id)} what={catName} />
          </p>
          {category.termNote && <p className="category-note">{name(category.termNote)}</p>}
          <p className="category-desc">{name(category.description)}</p>
        </div>
        <div className="category-status">
          <StatusBadge status={s.displayStatus} />
          <p className="category-binding">
            {s.binding
              ? s.actualThrough
                ? t('bindingLine', {
                    cap: formatMillions(s.binding.cap.amount, s.decimals),
                    actual: formatMillions(s.actual, s.decimals),
                    date: formatDate(s.actualThrough, locale),
                    pct: formatUtilisation(s.binding.utilisation, s.threshold),
                  })
                : t('bindingLineNoData', { cap: formatMillions(s.binding.cap.amount, s.decimals) })
              : t('noBinding', { date: formatDate(asOf, locale) })}
          </p>
        </div>
      </header>
      <div className="chart-grid">
        <Slice>
          {() => (
            <PeriodCapsChart series={series.periods()} categoryName={catName} title={t('chartPeriods')} unit={unit} />
          )}
        </Slice>
        <Slice>
          {() => {
            const cumulative = series.cumulative();
            return cumulative.series ? (
              <CumulativeChart
                series={cumulative.series}
                categoryName={catName}
                threshold={s.threshold}
                title={t('chartCumulative')}
                unit={unit}
                {...(cumulative.fellBack ? { extraNote: t('fallbackLinear') } : {})}
              />
            ) : (
              <figure className="chart chart-empty">
                <figcaption className="chart-head">
                  <span className="chart-title">{t('chartCumulative')}</span>
                </figcaption>
                <p className="chart-empty-text">{t('noCurrentPeriod', { date: formatDate(asOf, locale) })}</p>
              </figure>
            );
          }}
        </Slice>
        <Slice>
          {() => {
            const ytd = series.ytd();
            return (
              ytd.bars.length > 0 && <YtdChart series={ytd} categoryName={catName} title={t('chartYtd')} unit={unit} />
            );
          }}
        </Slice>
        <Slice>
          {() => {
            const hasYtd = series.ytd().bars.length > 0;
            return (
              <div className={`panel period-panel${hasYtd ? '' : ' span-2'}`}>
                <h3 className="panel-title">{t('periodTable')}</h3>
                <div className="table-scroll-plain">
                  <PeriodTable series={series.periods()} caption={`${catName}: ${t('periodTable')}`} compact={hasYtd} />
                </div>
                <p className="muted small">
                  {unit}
                  {!hasYtd && (
                    <>
                      {' '}
                      · {t('chartYtd')}: {t('noYtd')}
                    </>
                  )}
                </p>
              </div>
            );
          }}
        </Slice>
      </div>
    </section>
  );
});

/**
 * One agreement: its terms, the shareholders' approvals its caps wait on
 * (`approvals` slot, composed by the app), and per category the charts of
 * actual versus caps, cumulative actual and year-to-date growth.
 */
export function AgreementPage({ approvals }: { approvals?: (agreementId: string) => ReactNode }) {
  const t = useT(agreementMessages);
  const name = useBilingual();
  const locale = useLocale();
  const href = useCarriedHref();
  const { agreementId = '' } = useParams();
  const [asOf] = useAsOf();
  const { ctx, ready } = useEngineContext();
  // The projection method is part of the screen, so it lives in the URL (?method=linear) like the as-of date.
  const [params] = useSearchParams();
  const updateParams = useUpdateSearchParams();
  const method: ProjectionMethod = params.get('method') === 'linear' ? 'linear' : 'seasonal';
  const setMethod = (m: ProjectionMethod) =>
    updateParams((p) => {
      if (m === 'seasonal') p.delete('method');
      else p.set('method', m);
      return p;
    });
  const { dataset } = ctx;
  const agreement = dataset.agreements.find((a) => a.id === agreementId);
  // The heading and the agreement's facts paint as soon as the data is ready; the category
  // sections (figures, projections, chart frames and tables) follow in a deferred render that
  // React splits into slices, instead of one task of about 0.7 s at a phone's CPU speed.
  const sectionsReady = useDeferredValue(ready, false);
  const sectionsCtx = useDeferredValue(ctx);
  useHashScroll(sectionsReady && !!agreement);

  if (!ready && !agreement) {
    // A user-added agreement appears once the register has loaded: no "not found" before that.
    return (
      <section className="page">
        <p role="status" className="loading">
          {t('loading')}
        </p>
      </section>
    );
  }
  if (!agreement) {
    return (
      <section className="page" aria-labelledby="agreement-missing">
        <h1 id="agreement-missing">{t('notFoundTitle')}</h1>
        <p role="alert">{t('notFoundText', { id: agreementId })}</p>
        <p>{t('knownAgreements')}</p>
        <ul>
          {dataset.agreements.map((a) => (
            <li key={a.id}>
              <Link to={href(`/agreements/${a.id}`)}>{name(a.name)}</Link>
            </li>
          ))}
        </ul>
        <p>
          <Link to={href('/')}>{t('backHome')}</Link>
        </p>
      </section>
    );
  }
  const party = (id: string) => dataset.parties.find((p) => p.id === id);
  const issuer = party(agreement.issuerId);
  const counterparty = party(agreement.counterpartyId);
  const categories = dataset.categories.filter((c) => c.agreementId === agreement.id);

  return (
    <section className="page agreement" aria-labelledby="agreement-title">
      <div className="page-head">
        <div>
          <h1 id="agreement-title">{name(agreement.name)}</h1>
          <FreshnessNote dataset={dataset} ledger={ctx.ledger} />
        </div>
      </div>
      <div className="panel agreement-facts">
        <dl className="facts">
          <div>
            <dt>{t('parties')}</dt>
            <dd>
              {issuer && (
                <>
                  {name(issuer.name)} ({t('issuer')})
                </>
              )}
              {issuer && counterparty && <br />}
              {counterparty && (
                <>
                  {name(counterparty.name)} ({t('connectedPerson')})
                </>
              )}
            </dd>
          </div>
          <div>
            <dt>{t('signed')}</dt>
            <dd>{formatDate(agreement.signedOn, locale)}</dd>
          </div>
          <div>
            <dt>{t('term')}</dt>
            <dd>{formatRange(agreement.term, locale)}</dd>
          </div>
          <div>
            <dt>{t('currency')}</dt>
            <dd>{agreement.currency}</dd>
          </div>
          <div className="facts-wide">
            <dt>{t('supplements')}</dt>
            <dd>
              {agreement.supplements.length === 0
                ? t('noSupplements')
                : agreement.supplements.map((sp) => (
                    <p key={sp.date} className="supplement">
                      <strong>{formatDate(sp.date, locale)}</strong> — {name(sp.description)}
                      <SourceRef source={sp.source} anchor={sourceAnchor('supplement', `${agreement.id}-${sp.date}`)} />
                    </p>
                  ))}
            </dd>
          </div>
          <AgreementThreshold agreement={agreement} ctx={ctx} />
          <div>
            <dt>{t('source')}</dt>
            <dd>
              <SourceRef
                source={agreement.source}
                anchor={sourceAnchor('agreement', agreement.id)}
                what={name(agreement.name)}
              />
            </dd>
          </div>
        </dl>
        <nav className="on-this-page" aria-label={t('onThisPage')}>
          <span className="muted">{t('onThisPage')}:</span>
          {categories.map((c) => (
            <a key={c.id} href={`#${c.id}`}>
              {name(c.name)}
            </a>
          ))}
          {approvals && <a href={`#approvals-${agreement.id}`}>{t('approvalsLink')}</a>}
        </nav>
      </div>

      {!sectionsReady ? (
        <p role="status" className="loading">
          {t('loading')}
        </p>
      ) : (
        <>
          <div className="method-toggle" role="radiogroup" aria-label={t('projectionMethod')}>
            <span className="muted">{t('projectionMethod')}:</span>
            {(['seasonal', 'linear'] as const).map((m) => (
              <label key={m} className={method === m ? 'is-on' : ''}>
                <input
                  type="radio"
                  name="projection-method"
                  value={m}
                  checked={method === m}
                  onChange={() => setMethod(m)}
                />
                {t(m)}
              </label>
            ))}
          </div>
          {sectionsCtx.dataset.categories
            .filter((c) => c.agreementId === agreement.id)
            .map((c) => (
              <CategorySection key={c.id} category={c} ctx={sectionsCtx} asOf={asOf} method={method} />
            ))}
          {approvals?.(agreement.id)}
        </>
      )}
    </section>
  );
}
