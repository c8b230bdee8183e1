import { Fragment, useEffect, useId, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { formatMillions } from '../../domain/format';
import type { CurrencyCode, Direction } from '../../domain/model';
import {
  type Band,
  type CapBasis,
  checkRatios,
  HKD_10M,
  HKD_3M,
  compareWithStated,
  type Denominator,
  type LargestCap,
  largestAggregateCap,
  largestCap,
  parseDenominator,
  parseRate,
  type RatioCheck,
  type RatioKind,
  RATIO_KINDS,
  ratioPercentText,
  statedBandOf,
} from '../../domain/ratios';
import { useEngineContext } from '../../data/queries';
import { type TranslateFor, useBilingual, useT } from '../../ui/i18n';
import { useUpdateSearchParams } from '../../ui/useUpdateSearchParams';
import { ratioMessages } from './messages';
import './ratios.css';

type Key = keyof (typeof ratioMessages)['en'];
type T = TranslateFor<typeof ratioMessages>;

/** URL parameters: the denominators live in the address so a check can be shared and survives a reload. */
const P = {
  assets: ['assets', 'assetsCcy'],
  revenue: ['revenue', 'revenueCcy'],
  consideration: ['mcap', 'mcapCcy'],
} as const satisfies Record<RatioKind, readonly [string, string]>;
const DEFAULT_CCY: Record<RatioKind, CurrencyCode> = { assets: 'RMB', revenue: 'RMB', consideration: 'HKD' };

const BAND_KEYS = {
  'de-minimis': { long: 'bandDeMinimis', short: 'bandShortDeMinimis', name: 'bandNameDeMinimis' },
  announcement: { long: 'bandAnnouncement', short: 'bandShortAnnouncement', name: 'bandNameAnnouncement' },
  shareholders: { long: 'bandShareholders', short: 'bandShortShareholders', name: 'bandNameShareholders' },
} as const satisfies Record<Band, { long: Key; short: Key; name: Key }>;

/** A band as a badge: mark, range and name (shape and words, not colour alone: ○ ◐ ●); the requirements in its title. */
function BandBadge({ band, t }: { band: Band; t: T }) {
  const mark = band === 'de-minimis' ? '○' : band === 'announcement' ? '◐' : '●';
  return (
    <span className={`band band-${band}`} title={t(BAND_KEYS[band].long)}>
      <span aria-hidden="true">{mark}</span> {t(BAND_KEYS[band].short)} · {t(BAND_KEYS[band].name)}
    </span>
  );
}

function RatioCells({ check, t }: { check: RatioCheck; t: T }) {
  return (
    <>
      {check.ratios.map((r) => (
        <td key={r.kind} className="num" data-testid={`ratio-${r.kind}`}>
          {r.ratio ? (
            `${ratioPercentText(r.ratio)}%`
          ) : (
            <span className="muted small">
              {r.problem === 'needs-rate'
                ? t('needsRate')
                : r.problem === 'not-positive'
                  ? t('notPositive')
                  : t('missing')}
            </span>
          )}
        </td>
      ))}
    </>
  );
}

function BandCell({ check, t }: { check: RatioCheck; t: T }) {
  if (!check.band) return <td className="muted">{t('unknown')}</td>;
  const alt = check.outcome && check.outcome !== check.band;
  const reasons: ('altSub' | 'alt3m' | 'alt10m')[] = [];
  if (check.alternatives.subsidiaryLevelFullyExempt) reasons.push('altSub');
  if (check.alternatives.under3mFullyExempt) reasons.push('alt3m');
  else if (check.alternatives.under10mNoShareholders && check.band === 'shareholders') reasons.push('alt10m');
  return (
    <td data-testid="band">
      <BandBadge band={check.band} t={t} />
      {!check.complete && <div className="small muted">{t('incomplete')}</div>}
      {alt && (
        <div className="small ratio-alt">
          {t('altApplies', { band: t(BAND_KEYS[check.outcome!].long) })}
          {reasons.map((k) => (
            <div key={k}>{t(k)}</div>
          ))}
        </div>
      )}
    </td>
  );
}

function HkdCell({ check, t }: { check: RatioCheck; t: T }) {
  if (!check.capHkd) return <td className="muted small">{t('needsRate')}</td>;
  const tag = check.capHkd < HKD_3M ? t('under3m') : check.capHkd < HKD_10M ? t('under10m') : t('over10m');
  return (
    <td className="num">
      {formatMillions(check.capHkd)}
      <div className="small muted">{tag}</div>
    </td>
  );
}

/** A text field committing valid values to the URL; invalid text is kept locally and flagged. */
function CommittedInput({
  id,
  value,
  parse,
  onCommit,
  invalid,
  testId,
  describedBy,
}: {
  id: string;
  value: string;
  parse: (s: string) => unknown;
  onCommit: (s: string) => void;
  invalid: string;
  testId: string;
  describedBy: string;
}) {
  const [text, setText] = useState(value);
  useEffect(() => {
    if (text.trim() !== value) setText(value);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);
  const bad = text.trim() !== '' && parse(text) === null;
  return (
    <>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        value={text}
        aria-invalid={bad}
        aria-describedby={describedBy}
        data-testid={testId}
        onChange={(e) => {
          const v = e.target.value;
          setText(v);
          if (v.trim() === '' || parse(v) !== null) onCommit(v.trim());
        }}
      />
      {bad && (
        <span className="field-error" role="alert">
          {invalid}
        </span>
      )}
    </>
  );
}

/** /ratios: the Chapter 14A size tests on the largest cap of each category. */
export function RatiosPage() {
  const t = useT(ratioMessages);
  const name = useBilingual();
  const { ctx, ready } = useEngineContext();
  const { dataset, approvals } = ctx;
  const [params] = useSearchParams();
  const baseId = useId();

  const updateParams = useUpdateSearchParams();
  const setParam = (key: string, value: string) =>
    updateParams((current) => {
      if (value) current.set(key, value);
      else current.delete(key);
      return current;
    });

  const denominators = useMemo(() => {
    const out: Partial<Record<RatioKind, Denominator>> = {};
    for (const k of RATIO_KINDS) {
      const amount = parseDenominator(params.get(P[k][0]) ?? '');
      const ccy = params.get(P[k][1]);
      if (amount) out[k] = { amount, currency: ccy === 'RMB' || ccy === 'HKD' ? ccy : DEFAULT_CCY[k] };
    }
    return out;
  }, [params]);
  const currencyOf = (k: RatioKind): CurrencyCode => {
    const c = params.get(P[k][1]);
    return c === 'RMB' || c === 'HKD' ? c : DEFAULT_CCY[k];
  };
  const rate = parseRate(params.get('fx') ?? '');
  const basis: CapBasis = params.get('basis') === 'in-force' ? 'in-force' : 'latest';
  const subsidiaryLevelOnly = params.get('sub') === '1';

  const currencies = new Set<CurrencyCode>([
    ...dataset.agreements.map((a) => a.currency),
    ...RATIO_KINDS.map(currencyOf),
  ]);
  const fxNeeded = currencies.size > 1;

  const rows = useMemo(() => {
    if (!ready) return [];
    const check = (cap: LargestCap, currency: CurrencyCode) =>
      checkRatios({ cap: cap.amount, capCurrency: currency, denominators, hkdPerRmb: rate, subsidiaryLevelOnly });
    return dataset.agreements.map((a) => {
      const cats = dataset.categories
        .filter((c) => c.agreementId === a.id)
        .map((c) => {
          const cap = largestCap(dataset, c.id, basis, approvals);
          const result = cap ? check(cap, a.currency) : null;
          const stated = statedBandOf(dataset, c.id);
          return { category: c, cap, result, stated, agreement: compareWithStated(result?.band ?? null, stated) };
        });
      const aggregates = (['provided-by-group', 'procured-by-group'] as Direction[])
        .filter((d) => dataset.categories.filter((c) => c.agreementId === a.id && c.direction === d).length > 1)
        .map((d) => {
          const cap = largestAggregateCap(dataset, a.id, d, basis, approvals);
          return { direction: d, cap, result: cap ? check(cap, a.currency) : null };
        });
      return { agreement: a, cats, aggregates };
    });
  }, [ready, dataset, basis, approvals, denominators, rate, subsidiaryLevelOnly]);

  if (!ready) {
    return (
      <section className="page ratios" aria-busy="true">
        <h1>{t('title')}</h1>
        <p role="status" className="loading">
          {t('loading')}
        </p>
      </section>
    );
  }

  const unit = (c: CurrencyCode) => (c === 'HKD' ? t('hkd') : t('rmb'));

  return (
    <section className="page ratios" aria-labelledby="ratios-title">
      <div className="page-head">
        <div>
          <h1 id="ratios-title">{t('title')}</h1>
          <p className="lede">{t('lede')}</p>
        </div>
      </div>

      <form className="panel ratio-inputs" aria-label={t('inputs')} onSubmit={(e) => e.preventDefault()}>
        {RATIO_KINDS.map((k) => {
          const id = `${baseId}-${k}`;
          return (
            <div key={k} className="field ratio-field">
              <label htmlFor={id}>
                {t(k)} <span className="muted small">({t('amountMillions')})</span>
              </label>
              <div className="ratio-amount">
                <CommittedInput
                  id={id}
                  value={params.get(P[k][0]) ?? ''}
                  parse={parseDenominator}
                  onCommit={(v) => setParam(P[k][0], v)}
                  invalid={t('amountInvalid')}
                  testId={`denominator-${k}`}
                  describedBy={`${id}-help`}
                />
                <select
                  aria-label={`${t(k)} — ${t('currency')}`}
                  value={currencyOf(k)}
                  data-testid={`currency-${k}`}
                  onChange={(e) => setParam(P[k][1], e.target.value)}
                >
                  <option value="RMB">{t('rmb')}</option>
                  <option value="HKD">{t('hkd')}</option>
                </select>
              </div>
              <span id={`${id}-help`} className="field-help">
                {t(`${k}Help`)}
              </span>
            </div>
          );
        })}
        <div className="field ratio-field">
          <label htmlFor={`${baseId}-fx`}>{t('fx')}</label>
          <CommittedInput
            id={`${baseId}-fx`}
            value={params.get('fx') ?? ''}
            parse={parseRate}
            onCommit={(v) => setParam('fx', v)}
            invalid={t('fxInvalid')}
            testId="fx-rate"
            describedBy={`${baseId}-fx-help`}
          />
          <span id={`${baseId}-fx-help`} className={fxNeeded && !rate ? 'field-help ratio-needed' : 'field-help'}>
            {fxNeeded && !rate ? t('fxNeeded') : t('fxHelp')}
          </span>
        </div>
        <fieldset className="ratio-basis">
          <legend>{t('basis')}</legend>
          {(['latest', 'in-force'] as const).map((b) => (
            <label key={b}>
              <input
                type="radio"
                name={`${baseId}-basis`}
                value={b}
                checked={basis === b}
                onChange={() => setParam('basis', b === 'latest' ? '' : b)}
              />
              {b === 'latest' ? t('basisLatest') : t('basisInForce')}
            </label>
          ))}
          <label className="ratio-sub">
            <input
              type="checkbox"
              checked={subsidiaryLevelOnly}
              onChange={(e) => setParam('sub', e.target.checked ? '1' : '')}
            />
            {t('subsidiary')}
          </label>
        </fieldset>
      </form>

      <h2 className="ratios-h2">{t('results')}</h2>
      <div className="table-scroll">
        <table className="data ratio-table" data-testid="ratio-table">
          <thead>
            <tr>
              <th scope="col">{t('category')}</th>
              <th scope="col" className="num">
                {t('largestCap')}
              </th>
              <th scope="col" className="num">
                {t('ratioAssets')}
              </th>
              <th scope="col" className="num">
                {t('ratioRevenue')}
              </th>
              <th scope="col" className="num">
                {t('ratioConsideration')}
              </th>
              <th scope="col">{t('band')}</th>
              <th scope="col" className="num">
                {t('capHkd')}
              </th>
              <th scope="col">{t('stated')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ agreement: a, cats, aggregates }) => (
              <Fragment key={a.id}>
                <tr className="ratio-agreement">
                  <th scope="colgroup" colSpan={8}>
                    {name(a.name)} <span className="muted small">({unit(a.currency)})</span>
                  </th>
                </tr>
                {cats.map((r) => (
                  <tr key={r.category.id} data-testid={`ratio-row-${r.category.id}`}>
                    <th scope="row">{name(r.category.name)}</th>
                    <td className="num">
                      {r.cap ? (
                        <>
                          {formatMillions(r.cap.amount)}
                          <div className="small muted">{t('capYear', { year: r.cap.year })}</div>
                        </>
                      ) : (
                        <span className="muted">{t('noCap')}</span>
                      )}
                    </td>
                    {r.result ? (
                      <>
                        <RatioCells check={r.result} t={t} />
                        <BandCell check={r.result} t={t} />
                        <HkdCell check={r.result} t={t} />
                      </>
                    ) : (
                      <td colSpan={5} />
                    )}
                    <td data-testid="stated-band">
                      {r.stated ? (
                        <BandBadge band={r.stated.band} t={t} />
                      ) : (
                        <span className="muted">{t('notStated')}</span>
                      )}
                      {r.agreement !== 'unknown' && (
                        <div data-testid="band-agreement" className={`small agree-${r.agreement}`}>
                          {r.agreement === 'agrees' ? `✓ ${t('agrees')}` : `✗ ${t('differs')}`}
                        </div>
                      )}
                    </td>
                  </tr>
                ))}
                {aggregates.map((g) => (
                  <tr key={g.direction} className="ratio-aggregate">
                    <th scope="row">
                      {t('aggregate', {
                        direction: g.direction === 'provided-by-group' ? t('providedByGroup') : t('procuredByGroup'),
                        year: g.cap?.year ?? '—',
                      })}
                    </th>
                    <td className="num">{g.cap ? formatMillions(g.cap.amount) : t('noCap')}</td>
                    {g.result ? (
                      <>
                        <RatioCells check={g.result} t={t} />
                        <BandCell check={g.result} t={t} />
                        <HkdCell check={g.result} t={t} />
                      </>
                    ) : (
                      <td colSpan={5} />
                    )}
                    <td />
                  </tr>
                ))}
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>
      <p className="small muted">
        {t('statedNote')} {t('aggregateNote')}
      </p>

      <div className="ratio-notes">
        <section className="panel" aria-labelledby="bands-h">
          <h3 id="bands-h">{t('bandsTitle')}</h3>
          <ul>
            <li>
              <BandBadge band="de-minimis" t={t} /> — {t('bandsDeMinimis')}
            </li>
            <li>
              <BandBadge band="announcement" t={t} /> — {t('bandsAnnouncement')}
            </li>
            <li>
              <BandBadge band="shareholders" t={t} /> — {t('bandsShareholders')}
            </li>
          </ul>
          <p className="small">{t('bandsBoundary')}</p>
        </section>
        <section className="panel ratio-info" role="note" aria-labelledby="alt-h">
          <h3 id="alt-h">
            <span aria-hidden="true">ⓘ </span>
            {t('altTitle')}
          </h3>
          <ul>
            <li>{t('alt1')}</li>
            <li>{t('alt2')}</li>
            <li>{t('alt3')}</li>
          </ul>
          <p className="small muted">{t('disclaimer')}</p>
        </section>
      </div>
    </section>
  );
}
