import { useState } from 'react';
import { Link } from 'react-router';
import { formatUnits } from '../../domain/amounts';
import { actualForSpan } from '../../domain/actuals';
import { categoryCurrency, categoryDecimals, currencyMark, currencyUnitShort } from '../../domain/currency';
import { categoryStatus } from '../../domain/engine';
import { formatDate, formatMillions, formatRange } from '../../domain/format';
import { ledgerExtent, reconcileSpans } from '../../domain/ledger/reconciliation';
import { periodToDate } from '../../domain/statusView';
import { useDataset, useEngineContext, useLedgerTotals, useSetLedgerComplete } from '../../data/queries';
import { useBilingual, useLocale, useT } from '../../ui/i18n';
import { useCarriedHref } from '../../ui/links';
import { useAsOf } from '../../ui/useAsOf';
import { CompleteThroughForm } from './CompleteThroughForm';
import { reconMessages } from './messages';
import './reconciliation.css';

/**
 * For every disclosed historical amount, the ledger total over the same
 * inclusive span and the difference; per category, the "ledger is complete"
 * switch that makes the ledger replace the disclosures in every figure.
 */
export function ReconciliationPage() {
  const t = useT(reconMessages);
  const name = useBilingual();
  const locale = useLocale();
  const href = useCarriedHref();
  const dataset = useDataset();
  const ledger = useLedgerTotals();
  const setComplete = useSetLedgerComplete();
  const { ctx } = useEngineContext();
  const [optimistic, setOptimistic] = useState<Record<string, boolean>>({});
  const [asOf] = useAsOf();

  if (!ledger.data)
    return (
      <section className="page">
        <h1>{t('title')}</h1>
        <p>{t('loading')}</p>
      </section>
    );
  const totals = ledger.data;

  return (
    <section className="page reconciliation-page">
      <h1>{t('title')}</h1>
      <p className="lede">{t('lede')}</p>
      <p className="page-links">
        <Link to={href('/transactions')}>{t('transactionsLink')}</Link> ·{' '}
        <Link to={href('/import')}>{t('importLink')}</Link>
      </p>
      {dataset.categories.map((c) => {
        const daily = totals.byCategory.get(c.id);
        // Optimistic while the switch is being saved, so it answers the click at once.
        const complete = optimistic[c.id] ?? totals.complete.has(c.id);
        const spans = reconcileSpans(dataset, daily, c.id);
        const extent = ledgerExtent(daily);
        const status = categoryStatus({ ...ctx, ledger: totals }, c.id, asOf, { methods: [] });
        const span = periodToDate(status.period, asOf);
        const actual = span ? actualForSpan(dataset, totals, c.id, span) : null;
        // The category's amounts, disclosed and ledger alike, are in its agreement's currency.
        const currency = categoryCurrency(dataset, c.id);
        const decimals = categoryDecimals(dataset, c.id);
        const ccy = currencyMark(currency, locale);
        const unit = currencyUnitShort(currency, locale);
        return (
          <section
            key={c.id}
            className="panel recon-category"
            aria-labelledby={`recon-${c.id}`}
            data-testid={`recon-${c.id}`}
          >
            <div className="recon-head">
              <h2 id={`recon-${c.id}`}>{name(c.name)}</h2>
              <label className="toggle">
                <input
                  type="checkbox"
                  checked={complete}
                  disabled={setComplete.isPending}
                  onChange={(e) => {
                    const value = e.target.checked;
                    setOptimistic((o) => ({ ...o, [c.id]: value }));
                    setComplete.mutate(
                      { categoryId: c.id, complete: value },
                      {
                        onSettled: () =>
                          setOptimistic((o) => {
                            const { [c.id]: _done, ...rest } = o;
                            void _done;
                            return rest;
                          }),
                      },
                    );
                  }}
                  data-testid={`complete-${c.id}`}
                />
                <span>{t('complete')}</span>
              </label>
            </div>
            <p className="hint">{complete ? t('completeOn') : t('completeOff')}</p>
            <CompleteThroughForm
              categoryId={c.id}
              categoryName={name(c.name)}
              current={totals.completeThrough?.get(c.id) ?? null}
            />
            <p className="recon-total">
              {extent === null
                ? t('ledgerEmpty')
                : t('ledgerTotal', {
                    ccy,
                    total: formatUnits(extent.total),
                    count: extent.days.toLocaleString('en'),
                    last: formatDate(extent.last, locale),
                  })}
            </p>
            <p className="recon-actual" data-testid={`recon-actual-${c.id}`}>
              {!span || !actual ? (
                t('outsidePeriods', { date: formatDate(asOf, locale) })
              ) : (
                <>
                  <strong>
                    {t('actualLine', {
                      ccy,
                      start: formatDate(span.start, locale),
                      end: formatDate(span.end, locale),
                      amount: formatMillions(actual.amount, decimals),
                    })}
                  </strong>
                  {' — '}
                  {actual.snapshot
                    ? t('actualSnapshot', {
                        ccy,
                        snapshot: formatMillions(actual.snapshot.amount, decimals),
                        upTo: formatDate(actual.snapshot.range.end, locale),
                        after: formatUnits(actual.ledgerAmount),
                      })
                    : actual.basis === 'ledger'
                      ? t('actualLedger')
                      : t('actualNone')}
                  {actual.snapshot && actual.coveredLedgerAmount !== 0n && (
                    <>
                      ;{' '}
                      {t('actualCovered', {
                        ccy,
                        upTo: formatDate(actual.snapshot.range.end, locale),
                        covered: formatUnits(actual.coveredLedgerAmount),
                      })}
                    </>
                  )}
                  .{' '}
                  <span data-testid={`recon-known-${c.id}`}>
                    {actual.through === null
                      ? t('knownNothing')
                      : actual.provisional
                        ? t('knownProvisional', {
                            date: formatDate(actual.through, locale),
                            ccy,
                            amount: formatUnits(actual.provisionalAmount),
                          })
                        : t('knownThrough', { date: formatDate(actual.through, locale) })}
                  </span>
                </>
              )}
            </p>
            {spans.length === 0 ? (
              <p className="muted">{t('noDisclosures')}</p>
            ) : (
              <div className="table-scroll">
                <table className="data recon-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('span')}</th>
                      <th scope="col">{t('kind')}</th>
                      <th scope="col" className="num">
                        {t('disclosed', { unit })}
                      </th>
                      <th scope="col" className="num">
                        {t('ledger', { unit })}
                      </th>
                      <th scope="col" className="num">
                        {t('difference', { unit })}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {spans.map(({ historical: h, hasRows, ledgerAmount, difference: diff }) => {
                      return (
                        <tr key={h.id} data-testid={`recon-row-${h.id}`}>
                          <th scope="row">{formatRange(h.range, locale)}</th>
                          <td>
                            {h.role === 'historical' ? t('historical') : t('comparative')},{' '}
                            {h.audited === null ? t('auditNotStated') : h.audited ? t('audited') : t('unaudited')}
                          </td>
                          <td className="num">{formatMillions(h.amount, decimals)}</td>
                          <td className="num" data-testid="recon-ledger">
                            {hasRows ? (
                              formatMillions(ledgerAmount, decimals)
                            ) : (
                              <span className="muted">{t('noLedger')}</span>
                            )}
                          </td>
                          <td
                            className={`num${hasRows && diff !== 0n ? (diff < 0n ? ' negative' : ' positive') : ''}`}
                            data-testid="recon-diff"
                          >
                            {hasRows ? `${diff > 0n ? '+' : ''}${formatMillions(diff, decimals)}` : '—'}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        );
      })}
    </section>
  );
}
