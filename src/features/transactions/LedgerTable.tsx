import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { dateParts, daysInMonth, fromDayNumber, isoFromParts, toDayNumber } from '../../domain/dates';
import { currencyMark, formatMinorWithCurrency, formatTotalsByCurrency } from '../../domain/currency';
import { formatUnits } from '../../domain/amounts';
import type { Category, CurrencyCode } from '../../domain/model';
import { useLedgerPage, useLedgerSummary } from '../../data/queries';
import type { LedgerFilter, LedgerRow } from '../../data/types';
import { useBilingual, useLocale, useT } from '../../ui/i18n';
import { useCarriedHref } from '../../ui/links';
import { txMessages } from './messages';

export const PAGE_SIZE = 50;

function monthRange(month: string): { startDay: number; endDay: number } | null {
  if (!/^\d{4}-\d{2}$/.test(month)) return null;
  const { year, month: m } = dateParts(`${month}-01`);
  if (m < 1 || m > 12) return null;
  return {
    startDay: toDayNumber(isoFromParts(year, m, 1)),
    endDay: toDayNumber(isoFromParts(year, m, daysInMonth(year, m))),
  };
}

interface Props {
  categories: readonly Category[];
  /** The currency a category's amounts are in (its agreement's). */
  currencyOf: (categoryId: string) => CurrencyCode;
  onEdit: (row: LedgerRow) => void;
  onDelete: (row: LedgerRow) => void;
  busy: boolean;
}

/**
 * The ledger, a page at a time: the storage layer loads only the chunk
 * records a page touches, so a million rows never enter React state.
 */
export function LedgerTable({ categories, currencyOf, onEdit, onDelete, busy }: Props) {
  const t = useT(txMessages);
  const locale = useLocale();
  const name = useBilingual();
  const href = useCarriedHref();
  const [categoryId, setCategoryId] = useState('');
  const [month, setMonth] = useState('');
  const [offset, setOffset] = useState(0);
  const filter = useMemo<LedgerFilter>(() => {
    const r = monthRange(month);
    return { categoryId: categoryId || null, startDay: r?.startDay ?? null, endDay: r?.endDay ?? null };
  }, [categoryId, month]);
  const page = useLedgerPage(filter, offset, PAGE_SIZE);
  const summary = useLedgerSummary(filter);
  const catName = (id: string) => {
    const c = categories.find((x) => x.id === id);
    return c ? name(c.name) : id;
  };
  const total = page.data?.total ?? 0;
  const lastOffset = Math.max(0, Math.floor((total - 1) / PAGE_SIZE) * PAGE_SIZE);
  // A deletion can leave the current page past the end: show the last page instead.
  if (page.data && offset > lastOffset && !page.isFetching) setOffset(lastOffset);
  const rows = page.data?.rows ?? [];
  const filtered = !!categoryId || !!month;
  // Categories may be in RMB or HK$: amounts of different currencies get a Currency column and are never added together.
  const currencies = [...new Set(categories.map((c) => currencyOf(c.id)))];
  const mixed = currencies.length > 1;
  const summaryText = (() => {
    const d = summary.data;
    if (!d) return t('loading');
    const totals = new Map<CurrencyCode, bigint>();
    for (const [id, c] of d.byCategory) totals.set(currencyOf(id), (totals.get(currencyOf(id)) ?? 0n) + c.sumMinor);
    const count = d.count.toLocaleString('en');
    if (totals.size > 1) return t('summaryMixed', { count, total: formatTotalsByCurrency(totals, locale) });
    const only =
      [...totals.keys()][0] ?? (categoryId ? currencyOf(categoryId) : currencies.length === 1 ? currencies[0]! : 'RMB');
    return t('summary', { count, total: formatMinorWithCurrency(d.sumMinor, only, locale) });
  })();

  return (
    <section className="panel ledger-panel" aria-labelledby="ledger-title">
      <div className="ledger-head">
        <h2 id="ledger-title">{t('ledger')}</h2>
        <div className="ledger-filters">
          <label>
            <span>{t('filterCategory')}</span>
            <select
              value={categoryId}
              onChange={(e) => {
                setCategoryId(e.target.value);
                setOffset(0);
              }}
              data-testid="ledger-filter-category"
            >
              <option value="">{t('allCategories')}</option>
              {categories.map((c) => (
                <option key={c.id} value={c.id}>
                  {name(c.name)}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t('filterMonth')}</span>
            <input
              type="month"
              value={month}
              onChange={(e) => {
                setMonth(e.target.value);
                setOffset(0);
              }}
              data-testid="ledger-filter-month"
            />
          </label>
          {filtered && (
            <button
              type="button"
              className="btn btn-secondary"
              onClick={() => {
                setCategoryId('');
                setMonth('');
                setOffset(0);
              }}
            >
              {t('clearFilters')}
            </button>
          )}
        </div>
      </div>
      <p className="ledger-summary" data-testid="ledger-summary" aria-live="polite">
        {summaryText}
      </p>
      <div className="table-scroll">
        <table className="data ledger-table" data-testid="ledger-table">
          <thead>
            <tr>
              <th scope="col">{t('colDate')}</th>
              <th scope="col">{t('colCategory')}</th>
              <th scope="col" className="num">
                {mixed ? t('colAmountMixed') : t('colAmount', { ccy: currencyMark(currencies[0] ?? 'RMB', locale) })}
              </th>
              {mixed && <th scope="col">{t('colCurrency')}</th>}
              <th scope="col">{t('colReference')}</th>
              <th scope="col">{t('colDescription')}</th>
              <th scope="col">{t('colSource')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('colActions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} data-source={r.source}>
                <td className="nowrap">{fromDayNumber(r.day)}</td>
                <td>{catName(r.categoryId)}</td>
                <td className={`num${r.amountMinor < 0 ? ' negative' : ''}`}>{formatUnits(r.amountMinor)}</td>
                {mixed && (
                  <td data-testid="row-currency">
                    {categories.some((c) => c.id === r.categoryId)
                      ? currencyMark(currencyOf(r.categoryId), locale)
                      : '—'}
                  </td>
                )}
                <td className="cell-text">{r.reference}</td>
                <td className="cell-text">{r.description}</td>
                <td className="cell-source">
                  {r.source === 'manual'
                    ? t('sourceManual', { id: r.manualId! })
                    : t('sourceImport', { file: r.fileName ?? '', row: r.rowNumber ?? '' })}
                </td>
                <td className="row-actions">
                  {r.source === 'manual' && (
                    <>
                      <button
                        type="button"
                        className="btn btn-small btn-secondary"
                        disabled={busy}
                        onClick={() => onEdit(r)}
                        aria-label={t('editLabel', { id: r.manualId! })}
                      >
                        {t('edit')}
                      </button>
                      <button
                        type="button"
                        className="btn btn-small btn-secondary btn-danger-outline"
                        disabled={busy}
                        onClick={() => onDelete(r)}
                        aria-label={t('deleteLabel', { id: r.manualId! })}
                      >
                        {t('delete')}
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
            {page.data && rows.length === 0 && (
              <tr>
                <td colSpan={mixed ? 8 : 7} className="empty-cell">
                  {filtered ? (
                    t('empty')
                  ) : (
                    <>
                      {t('emptyLedger')} <Link to={href('/import')}>{t('importLink')}</Link>
                    </>
                  )}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {total > PAGE_SIZE && (
        <nav className="pager" aria-label={t('ledger')}>
          <button type="button" className="btn btn-secondary" disabled={offset === 0} onClick={() => setOffset(0)}>
            {t('first')}
          </button>
          <button
            type="button"
            className="btn btn-secondary"
            disabled={offset === 0}
            onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}
          >
            {t('prev')}
          </button>
          <span data-testid="ledger-range">
            {t('pageOf', {
              from: (offset + 1).toLocaleString('en'),
              to: Math.min(total, offset + PAGE_SIZE).toLocaleString('en'),
              total: total.toLocaleString('en'),
            })}
          </span>
          <button
            type="button"
            className="btn btn-secondary"
            disabled={offset >= lastOffset}
            onClick={() => setOffset(offset + PAGE_SIZE)}
          >
            {t('next')}
          </button>
          <button
            type="button"
            className="btn btn-secondary"
            disabled={offset >= lastOffset}
            onClick={() => setOffset(lastOffset)}
          >
            {t('last')}
          </button>
        </nav>
      )}
    </section>
  );
}
