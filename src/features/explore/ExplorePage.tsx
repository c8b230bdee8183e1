import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import {
  type CapCrossings,
  categoryPeriods,
  decodeScenario,
  defaultPeriod,
  encodeScenario,
  exploreScenario,
  formatPeriodParam,
  headroomSeries,
  parsePeriodParam,
  type Scenario,
  scenarioCumulativeSeries,
} from '../../domain/explorer';
import { formatDate, formatMillions, formatPercent, formatRange } from '../../domain/format';
import type { CurrencyCode } from '../../domain/model';
import type { Money } from '../../domain/money';
import { PROJECTION_METHODS, type ProjectionMethod } from '../../domain/projection';
import { useEngineContext } from '../../data/queries';
import { CumulativeChart } from '../../ui/charts/CumulativeChart';
import { type TranslateFor, useBilingual, useLocale, useT } from '../../ui/i18n';
import { useAsOf } from '../../ui/useAsOf';
import { useUpdateSearchParams } from '../../ui/useUpdateSearchParams';
import { HeadroomChart } from './HeadroomChart';
import { exploreMessages } from './messages';
import { PercentInput } from './PercentInput';
import './explore.css';

type T = TranslateFor<typeof exploreMessages>;

const METHOD_KEYS: Record<
  ProjectionMethod,
  {
    label: 'methodLinear' | 'methodSeasonal' | 'methodGrowth';
    help: 'methodHelpLinear' | 'methodHelpSeasonal' | 'methodHelpGrowth';
  }
> = {
  linear: { label: 'methodLinear', help: 'methodHelpLinear' },
  seasonal: { label: 'methodSeasonal', help: 'methodHelpSeasonal' },
  growth: { label: 'methodGrowth', help: 'methodHelpGrowth' },
};

const PARAM_KEYS = {
  category: 'paramCategory',
  period: 'paramPeriod',
  method: 'paramMethod',
  growth: 'paramGrowth',
  buffer: 'paramBuffer',
  asOf: 'paramAsOf',
} as const;

function unitOf(t: T, currency: CurrencyCode): string {
  return currency === 'HKD' ? t('unitHKD') : t('unitRMB');
}

function CrossingCell({ c, t, locale }: { c: CapCrossings['threshold']; t: T; locale: 'en' | 'zh' }) {
  if (c.state === 'reached')
    return <td className="explore-reached">{t('reachedOn', { date: formatDate(c.date!, locale) })}</td>;
  if (c.state === 'projected')
    return <td className="explore-projected">{t('projectedOn', { date: formatDate(c.date!, locale) })}</td>;
  return <td className="muted">{t('notReached')}</td>;
}

function BufferLine({
  which,
  cap,
  difference,
  suffices,
  t,
  decimals,
}: {
  which: string;
  cap: Money;
  difference: Money;
  suffices: boolean;
  t: T;
  decimals: number;
}) {
  return (
    <p className="explore-versus">
      {t('versus', { which, cap: formatMillions(cap, decimals) })}:{' '}
      <strong className={suffices ? 'explore-ok' : 'explore-short'} data-testid={`buffer-versus-${which}`}>
        {suffices
          ? t('sufficient', { amount: formatMillions(difference, decimals) })
          : t('shortBy', { amount: formatMillions(-difference as Money, decimals) })}
      </strong>
    </p>
  );
}

/** /explore: one scenario, held entirely in the URL. */
export function ExplorePage() {
  const t = useT(exploreMessages);
  const name = useBilingual();
  const locale = useLocale();
  const [params, setParams] = useSearchParams();
  const [asOf] = useAsOf();
  const { ctx, ready } = useEngineContext();
  const { dataset } = ctx;
  const ids = { category: useId(), period: useId(), method: useId() };

  const decoded = useMemo(() => decodeScenario(params, dataset, asOf), [params, dataset, asOf]);
  const scenario = decoded.scenario;

  // Bad settings in an opened link are reported once, then the URL is rewritten to the scenario shown.
  const firstIgnored = useRef<readonly string[] | null>(null);
  if (ready && firstIgnored.current === null) firstIgnored.current = decoded.ignored;
  useEffect(() => {
    if (!ready || !scenario) return;
    const next = encodeScenario(scenario, params);
    if (next.toString() !== params.toString()) setParams(next, { replace: true });
  }, [ready, scenario, params, setParams]);

  const updateParams = useUpdateSearchParams();
  // Merge into the scenario of the current address, so quick successive edits never undo one another.
  const update = (patch: Partial<Scenario>) =>
    updateParams((current) => {
      const latest = decodeScenario(current, dataset, asOf).scenario;
      return latest ? encodeScenario({ ...latest, ...patch }, current) : current;
    });

  const result = useMemo(() => (ready && scenario ? exploreScenario(ctx, scenario) : null), [ready, scenario, ctx]);
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'failed'>('idle');

  if (!ready) {
    return (
      <section className="page explore" aria-busy="true">
        <h1>{t('title')}</h1>
        <p role="status" className="loading">
          {t('loading')}
        </p>
      </section>
    );
  }
  if (!scenario || !result) {
    return (
      <section className="page explore">
        <h1>{t('title')}</h1>
        <p>{t('noCaps')}</p>
      </section>
    );
  }

  const category = dataset.categories.find((c) => c.id === scenario.categoryId)!;
  const agreement = dataset.agreements.find((a) => a.id === category.agreementId);
  const unit = unitOf(t, agreement?.currency ?? 'RMB');
  const catName = name(category.name);
  const p = result.projection;
  const periods = categoryPeriods(dataset, scenario.categoryId);
  const thrPct = formatPercent(result.threshold);
  const ignored = firstIgnored.current ?? [];
  const crossingRows: { key: string; label: string; amount: Money; c: CapCrossings['threshold'] }[] = [];
  for (const [which, cr] of [
    [t('whichBinding'), result.bindingCrossings],
    [t('whichProposed'), result.proposedCrossings],
  ] as const) {
    if (!cr) continue;
    crossingRows.push({
      key: `${which}-t`,
      label: t('thresholdOf', { pct: thrPct, which }),
      amount: cr.thresholdAmount,
      c: cr.threshold,
    });
    crossingRows.push({ key: `${which}-c`, label: t('capOf', { which }), amount: cr.cap.amount, c: cr.full });
  }
  const cumulative = scenarioCumulativeSeries(result);
  const headroom = headroomSeries(result);
  const hasInterpolated = result.months.some((m) => m.basis === 'interpolated');

  return (
    <section className="page explore" aria-labelledby="explore-title">
      <div className="page-head">
        <div>
          <h1 id="explore-title">{t('title')}</h1>
          <p className="lede">{t('lede')}</p>
        </div>
        <div className="explore-share">
          <button
            type="button"
            className="btn btn-secondary btn-small"
            onClick={() => {
              navigator.clipboard?.writeText(window.location.href).then(
                () => setCopyState('copied'),
                () => setCopyState('failed'),
              );
            }}
          >
            {t('copyLink')}
          </button>
          <span role="status" className="small muted">
            {copyState === 'copied' ? t('copied') : copyState === 'failed' ? t('copyFailed') : ''}
          </span>
        </div>
      </div>

      {ignored.length > 0 && (
        <p className="card-note" role="status">
          {t('ignored', {
            names: ignored.map((k) => t(PARAM_KEYS[k as keyof typeof PARAM_KEYS])).join(locale === 'zh' ? '、' : ', '),
          })}
        </p>
      )}

      <form className="panel explore-controls" aria-label={t('scenario')} onSubmit={(e) => e.preventDefault()}>
        <div className="field explore-field explore-field-wide">
          <label htmlFor={ids.category}>{t('category')}</label>
          <select
            id={ids.category}
            value={scenario.categoryId}
            data-testid="explore-category"
            onChange={(e) => {
              const cat = e.target.value;
              const period = defaultPeriod(dataset, cat, scenario.asOf);
              if (period) update({ categoryId: cat, period });
            }}
          >
            {dataset.agreements.map((a) => {
              const cats = dataset.categories.filter(
                (c) => c.agreementId === a.id && dataset.caps.some((cap) => cap.categoryId === c.id),
              );
              if (!cats.length) return null;
              return (
                <optgroup key={a.id} label={name(a.name)}>
                  {cats.map((c) => (
                    <option key={c.id} value={c.id}>
                      {name(c.name)}
                    </option>
                  ))}
                </optgroup>
              );
            })}
          </select>
        </div>
        <div className="field explore-field explore-field-wide">
          <label htmlFor={ids.period}>{t('period')}</label>
          <select
            id={ids.period}
            value={formatPeriodParam(scenario.period)}
            data-testid="explore-period"
            onChange={(e) => {
              const period = parsePeriodParam(e.target.value);
              if (period) update({ period });
            }}
          >
            {periods.map((pr) => (
              <option key={formatPeriodParam(pr)} value={formatPeriodParam(pr)}>
                {formatRange(pr, locale)}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="explore-methods">
          <legend>{t('method')}</legend>
          {PROJECTION_METHODS.map((m) => (
            <label key={m} className={scenario.method === m ? 'is-on' : ''} title={t(METHOD_KEYS[m].help)}>
              <input
                type="radio"
                name={`${ids.method}-method`}
                value={m}
                checked={scenario.method === m}
                onChange={() => update({ method: m })}
              />
              {t(METHOD_KEYS[m].label)}
            </label>
          ))}
          <span className="field-help">{t(METHOD_KEYS[scenario.method].help)}</span>
        </fieldset>
        <PercentInput
          label={t('growth')}
          help={scenario.method === 'growth' ? t('growthHelp') : t('growthUnused')}
          error={t('growthInvalid')}
          value={scenario.growthPercent}
          kind="growth"
          testId="explore-growth"
          onCommit={(v) => update({ growthPercent: v })}
        />
        <PercentInput
          label={t('buffer')}
          help={t('bufferHelp')}
          error={t('percentInvalid')}
          value={scenario.bufferPercent}
          kind="buffer"
          testId="explore-buffer"
          onCommit={(v) => update({ bufferPercent: v })}
        />
        <p className="explore-asof small muted">{t('asOfNote', { date: formatDate(scenario.asOf, locale) })}</p>
      </form>

      <h2 className="explore-h2">
        {catName} · {formatRange(scenario.period, locale)} <span className="muted small">({unit})</span>
      </h2>
      {p.unavailable && (
        <p className="card-note" role="status">
          {p.unavailable === 'no-prior-year' ? t('unavailableNoPrior') : t('unavailableNoActuals')}
        </p>
      )}
      <div className="figures explore-figures" data-testid="explore-figures">
        <div className="figure">
          <div className="figure-label">{t('actualToDate')}</div>
          <div className="figure-value" data-testid="explore-actual">
            {formatMillions(p.actual, result.decimals)}
          </div>
          <div className="figure-meta">
            {p.through ? t('through', { date: formatDate(p.through, locale) }) : t('nothingKnown')}
          </div>
        </div>
        <div className="figure">
          <div className="figure-label">{t('projectedEnd')}</div>
          <div className="figure-value" data-testid="explore-period-end">
            {formatMillions(p.periodEnd, result.decimals)}
          </div>
          <div className="figure-meta">{t('periodEndOn', { date: formatDate(scenario.period.end, locale) })}</div>
        </div>
        <div className="figure">
          <div className="figure-label">{t('bindingCap')}</div>
          <div className="figure-value" data-testid="explore-binding">
            {result.binding ? formatMillions(result.binding.amount, result.decimals) : t('none')}
          </div>
          <div className="figure-meta">{result.binding ? formatRange(result.binding.period, locale) : ''}</div>
        </div>
        <div className="figure">
          <div className="figure-label">{t('proposedCap')}</div>
          <div className="figure-value figure-proposed" data-testid="explore-proposed">
            {result.proposed ? formatMillions(result.proposed.amount, result.decimals) : t('none')}
          </div>
          <div className="figure-meta awaits">{result.proposed ? t('awaitingApproval') : ''}</div>
        </div>
      </div>

      <div className="explore-grid">
        <section className="panel" aria-labelledby="explore-crossings">
          <h3 id="explore-crossings">{t('crossings')}</h3>
          <table className="data compact">
            <thead>
              <tr>
                <th scope="col">{t('target')}</th>
                <th scope="col" className="num">
                  {t('amount')}
                </th>
                <th scope="col">{t('when')}</th>
              </tr>
            </thead>
            <tbody>
              {crossingRows.map((r) => (
                <tr key={r.key}>
                  <th scope="row">{r.label}</th>
                  <td className="num">{formatMillions(r.amount, result.decimals)}</td>
                  <CrossingCell c={r.c} t={t} locale={locale} />
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section className="panel explore-buffer" aria-labelledby="explore-buffer-h">
          <h3 id="explore-buffer-h">
            {t('bufferTitle', {
              pct: formatPercent(result.buffer.fraction, result.buffer.fraction.times(100).isInteger() ? 0 : 2),
            })}
          </h3>
          <div className="figure">
            <div className="figure-label">{t('capNeeded')}</div>
            <div className="figure-value" data-testid="explore-cap-needed">
              {formatMillions(result.buffer.capNeeded, result.decimals)}
            </div>
            <div className="figure-meta">{t('capNeededHelp')}</div>
          </div>
          {result.buffer.versusProposed ? (
            <BufferLine
              decimals={result.decimals}
              which={t('whichProposed')}
              cap={result.buffer.versusProposed.cap.amount}
              difference={result.buffer.versusProposed.difference}
              suffices={result.buffer.versusProposed.suffices}
              t={t}
            />
          ) : (
            <p className="muted small">{t('noProposed')}</p>
          )}
          {result.buffer.versusBinding && (
            <BufferLine
              decimals={result.decimals}
              which={t('whichBinding')}
              cap={result.buffer.versusBinding.cap.amount}
              difference={result.buffer.versusBinding.difference}
              suffices={result.buffer.versusBinding.suffices}
              t={t}
            />
          )}
          {result.expected && (
            <div className="explore-expected" data-testid="explore-expected">
              <p>
                {t('expectedLine', {
                  amount: formatMillions(result.expected.amount.amount, result.decimals),
                  approx: result.expected.amount.approximate ? t('approximately') : '',
                  needed: formatMillions(result.expected.capNeeded, result.decimals),
                })}
              </p>
              {result.expected.versus && (
                <BufferLine
                  decimals={result.decimals}
                  which={result.expected.versus.cap.id === result.proposed?.id ? t('whichProposed') : t('whichBinding')}
                  cap={result.expected.versus.cap.amount}
                  difference={result.expected.versus.difference}
                  suffices={result.expected.versus.suffices}
                  t={t}
                />
              )}
            </div>
          )}
        </section>
      </div>

      <div className="chart-grid explore-charts">
        <CumulativeChart
          series={cumulative}
          categoryName={catName}
          threshold={result.threshold}
          title={t('chartCumulative')}
          unit={unit}
        />
        <HeadroomChart
          series={headroom}
          categoryName={catName}
          unit={unit}
          period={scenario.period}
          bindingLabel={
            result.binding ? `${t('bindingCap')} ${formatMillions(result.binding.amount, result.decimals)}` : null
          }
          proposedLabel={
            result.proposed ? `${t('proposedCap')} ${formatMillions(result.proposed.amount, result.decimals)}` : null
          }
        />
      </div>

      <section className="explore-monthly" aria-labelledby="explore-monthly-h">
        <h3 id="explore-monthly-h">{t('monthly')}</h3>
        <div className="table-scroll">
          <table className="data" data-testid="explore-months">
            <thead>
              <tr>
                <th scope="col">{t('monthEnd')}</th>
                <th scope="col">{t('basis')}</th>
                <th scope="col" className="num">
                  {t('inMonth')}
                </th>
                <th scope="col" className="num">
                  {t('cumulative')}
                </th>
                <th scope="col" className="num">
                  {t('headroomBinding')}
                </th>
                <th scope="col" className="num">
                  {t('utilBinding')}
                </th>
                <th scope="col" className="num">
                  {t('headroomProposed')}
                </th>
                <th scope="col" className="num">
                  {t('utilProposed')}
                </th>
              </tr>
            </thead>
            <tbody>
              {result.months.map((m) => (
                <tr key={m.date} className={`basis-${m.basis}`}>
                  <th scope="row">{formatDate(m.date, locale)}</th>
                  <td>
                    {m.basis === 'known'
                      ? t('basisKnown')
                      : m.basis === 'interpolated'
                        ? t('basisInterpolated')
                        : t('basisProjected')}
                  </td>
                  <td className="num">{formatMillions(m.inMonth, result.decimals)}</td>
                  <td className="num">{formatMillions(m.cumulative, result.decimals)}</td>
                  <td className={`num${m.headroomBinding !== null && m.headroomBinding < 0n ? ' bad' : ''}`}>
                    {m.headroomBinding === null
                      ? t('notInCapPeriod')
                      : formatMillions(m.headroomBinding, result.decimals)}
                  </td>
                  <td className="num">
                    {m.utilisationBinding ? formatPercent(m.utilisationBinding) : t('notInCapPeriod')}
                  </td>
                  <td className={`num${m.headroomProposed !== null && m.headroomProposed < 0n ? ' bad' : ''}`}>
                    {m.headroomProposed === null
                      ? t('notInCapPeriod')
                      : formatMillions(m.headroomProposed, result.decimals)}
                  </td>
                  <td className="num">
                    {m.utilisationProposed ? formatPercent(m.utilisationProposed) : t('notInCapPeriod')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {hasInterpolated && <p className="small muted">{t('interpolatedNote')}</p>}
      </section>
    </section>
  );
}
