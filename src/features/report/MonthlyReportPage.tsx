import Decimal from 'decimal.js';
import { useMemo } from 'react';
import { Link } from 'react-router';
import {
  categoryCurrency,
  categoryDecimals,
  currencyMark,
  currencyUnit,
  currencyUnitShort,
} from '../../domain/currency';
import type { OpenItemRecord } from '../../data/parties';
import type { AlertState } from '../../domain/engine';
import { formatDate, formatMillions, formatMonth, formatPercent, formatRange, type Locale } from '../../domain/format';
import type { CurrencyCode } from '../../domain/model';
import { type MonthlyReport, monthlyReports, type MonthRow, rowProvisional } from '../../domain/monthly';
import { useDataset, useEngineContext } from '../../data/queries';
import { useHistoryHead } from '../../data/history';
import { HistoryHeadLine } from '../../ui/report/HistoryHeadLine';
import { useConnectedConfig, useOpenItems } from '../../data/parties';
import { openItemsAsOf } from '../../domain/classify/openItems';
import { formatMinorWithCurrency } from '../../domain/currency';
import { fromDayNumber } from '../../domain/dates';
import { type CapBasis, DEFAULT_CAP_BASIS } from '../../domain/import/capBasis';
import { CapBasisNote, OpenItemsNotice } from '../../ui/components/OpenItemsNotice';
import { DataTable } from '../../ui/components/DataTable';
import { TableExportButtons } from '../../ui/export/ExportButtons';
import type { ExportTable } from '../../ui/export/table';
import { useBilingual, useLocale, useT } from '../../ui/i18n';
import { ReportAlerts } from './ReportAlerts';
import { useCarriedHref } from '../../ui/links';
import { useReportAsOf } from '../../ui/report/useReportAsOf';
import { reportMessages } from './messages';
import { reportSourceLine, type RT } from './reportText';
import './report.css';

function dayRange(r: { start: string; end: string }): string {
  return `${Number(r.start.slice(8))}–${Number(r.end.slice(8))}`;
}

function alertWord(t: RT, a: AlertState | null): string {
  if (a === null) return t('none');
  return a === 'ok' ? t('alertShort_ok') : a === 'threshold' ? t('alertShort_threshold') : t('alertShort_exceeded');
}

/**
 * One sheet of the monthly report (all categories, or one). Amounts are in
 * each category's currency: one currency is named in the headers; a sheet
 * mixing RMB and HK$ says "millions" there and names each row's currency in a
 * Currency column.
 */
function monthlyTable(
  t: RT,
  locale: Locale,
  sheet: string,
  reports: readonly MonthlyReport[],
  catName: (r: MonthlyReport) => string,
  currencyOf: (r: MonthlyReport) => CurrencyCode,
  capBasisOf: (r: MonthlyReport) => string,
  decimalsOf: (r: MonthlyReport) => number,
): ExportTable {
  const currencies = new Set(reports.filter((r) => r.rows.length > 0).map(currencyOf));
  const mixed = currencies.size > 1;
  const unit = mixed ? t('xMillions') : currencyUnitShort([...currencies][0] ?? 'RMB', locale);
  const rows = reports.flatMap((r) =>
    r.rows.map((row, i) => {
      const th =
        r.thresholdCrossing.rowIndex === i
          ? r.thresholdCrossing.state === 'in-month'
            ? t('xYes')
            : t('xFirstSeen')
          : '';
      const cap =
        r.capCrossing.rowIndex === i ? (r.capCrossing.state === 'in-month' ? t('xYes') : t('xFirstSeen')) : '';
      return [
        catName(r),
        r.category.id,
        row.month.slice(0, 7),
        row.span.start,
        row.span.end,
        ...(mixed ? [currencyMark(currencyOf(r), locale)] : []),
        row.amount,
        row.amountSpan?.start ?? null,
        row.amountSpan?.end ?? null,
        row.cumulative,
        row.cumulativeAt,
        // The screen's "*": a cumulative after the known-through day may still change.
        rowProvisional(r, row)
          ? r.knownThrough
            ? t('xProvisionalAfter', { date: r.knownThrough })
            : t('xProvisionalNothing')
          : '',
        row.bindingCap?.amount ?? null,
        row.utilisation,
        row.alert ?? '',
        th,
        cap,
        row.amountBasis === 'month'
          ? t('xBasisMonth')
          : row.amountBasis === 'since-last-known'
            ? t('xBasisSince')
            : t('xBasisNone'),
        capBasisOf(r),
      ] as const;
    }),
  );
  return {
    name: sheet,
    columns: [
      { header: t('xCategory'), kind: 'text', width: 22 },
      { header: t('xCategoryId'), kind: 'text', width: 20 },
      { header: t('xMonth'), kind: 'text', width: 9 },
      { header: t('xSpanStart'), kind: 'date', width: 12 },
      { header: t('xSpanEnd'), kind: 'date', width: 12 },
      ...(mixed ? [{ header: t('xCurrency'), kind: 'text' as const, width: 10 }] : []),
      { header: t('xAmount', { unit }), kind: 'amount', width: 14 },
      { header: t('xAmountFrom'), kind: 'date', width: 14 },
      { header: t('xAmountTo'), kind: 'date', width: 14 },
      { header: t('xCumulative', { unit }), kind: 'amount', width: 16 },
      { header: t('xKnownAt'), kind: 'date', width: 16 },
      { header: t('xProvisional'), kind: 'text', width: 30 },
      { header: t('xBindingCap', { unit }), kind: 'amount', width: 16 },
      { header: t('xUtilisation'), kind: 'percent', width: 12 },
      { header: t('xAlert'), kind: 'text', width: 10 },
      { header: t('xThresholdCrossed'), kind: 'text', width: 24 },
      { header: t('xCapExceeded'), kind: 'text', width: 24 },
      { header: t('xBasis'), kind: 'text', width: 20 },
      { header: t('xCapBasis'), kind: 'text', width: 32 },
    ],
    rows: rows.map((r) => [...r]),
    rowDecimals: reports.flatMap((r) => r.rows.map(() => decimalsOf(r))),
  };
}

/** The open items as a sheet (and a CSV of their own): one row each, amounts in yuan as stored (RMB, the functional currency). */
function openItemsTable(t: RT, items: readonly OpenItemRecord[]): ExportTable {
  return {
    name: t('openItemsSheet'),
    columns: [
      { header: t('oDate'), kind: 'date', width: 12 },
      { header: t('oFile'), kind: 'text', width: 28 },
      { header: t('oRow'), kind: 'number', width: 6 },
      { header: t('oCounterparty'), kind: 'text', width: 30 },
      { header: t('oCode'), kind: 'text', width: 10 },
      { header: t('oReference'), kind: 'text', width: 16 },
      { header: t('oDescription'), kind: 'text', width: 24 },
      { header: t('oAmount'), kind: 'number', width: 16 },
    ],
    rows: items.map((i) => [
      fromDayNumber(i.day),
      i.fileName,
      i.row,
      i.counterparty,
      i.code,
      i.reference,
      i.description,
      new Decimal(i.amountMinor).div(100),
    ]),
  };
}

function MonthRowView({
  row,
  i,
  report,
  t,
  decimals,
}: {
  row: MonthRow;
  i: number;
  report: MonthlyReport;
  t: RT;
  /** Decimals of a million the agreement disclosed its amounts with. */
  decimals: number;
}) {
  const locale = useLocale();
  const th = report.thresholdCrossing.rowIndex === i ? report.thresholdCrossing : null;
  const cap = report.capCrossing.rowIndex === i ? report.capCrossing : null;
  const cls = [cap ? 'exceeded' : th ? 'crossed' : '', row.amountBasis === 'none' ? 'nodata' : '']
    .filter(Boolean)
    .join(' ');
  // A cumulative after the day the actual is known through includes rows that may still change.
  const provisionalRow = rowProvisional(report, row);
  const fromTo = (c: NonNullable<typeof th>) => ({
    from: formatDate(c.lastBelow!.date, locale),
    to: formatDate(c.firstReached!.date, locale),
  });
  return (
    <tr className={cls || undefined} data-month={row.month.slice(0, 7)} data-crossed={th ? th.state : undefined}>
      <th scope="row">
        {formatMonth(row.month, locale)}
        {row.partial && <span className="sub">{t('partialMonth')}</span>}
      </th>
      <td>{dayRange(row.span)}</td>
      <td className="num">
        {row.amount === null ? t('noData') : formatMillions(row.amount, decimals)}
        {row.amountBasis === 'since-last-known' && row.amountSpan && (
          <span className="sub">{t('sinceLastKnown', { date: formatDate(row.amountSpan.start, locale) })}</span>
        )}
      </td>
      <td className="num" data-provisional={provisionalRow || undefined}>
        {row.cumulative === null
          ? t('noData')
          : `${formatMillions(row.cumulative, decimals)}${provisionalRow ? '*' : ''}`}
      </td>
      <td>{row.cumulativeAt ? formatDate(row.cumulativeAt, locale) : t('none')}</td>
      <td className="num">{row.bindingCap ? formatMillions(row.bindingCap.amount, decimals) : t('none')}</td>
      <td className="num">{row.utilisation ? formatPercent(row.utilisation) : t('none')}</td>
      <td className={row.alert ? `alert-${row.alert}` : undefined}>{alertWord(t, row.alert)}</td>
      <td>
        {cap && (
          <span className="mark mark-exceeded">
            {cap.state === 'in-month' ? t('capExceededHere') : t('capFirstSeenHere')}
            {cap.state === 'between' && <span className="sub">{t('crossedBetween', fromTo(cap))}</span>}
          </span>
        )}
        {th && (
          <span className="mark mark-threshold">
            {th.state === 'in-month' ? t('crossedHere') : t('firstSeenHere')}
            {th.state === 'between' && <span className="sub">{t('crossedBetween', fromTo(th))}</span>}
          </span>
        )}
      </td>
    </tr>
  );
}

/**
 * The monthly finance report (/report/monthly?asOf=YYYY-MM-DD; default the
 * last month end): per category and month of the current cap period.
 */
export function MonthlyReportPage() {
  const t = useT(reportMessages);
  const locale = useLocale();
  const name = useBilingual();
  const href = useCarriedHref();
  const asOf = useReportAsOf('month-end');
  const dataset = useDataset();
  const { ctx, ready } = useEngineContext();
  const historyHead = useHistoryHead();
  const config = useConnectedConfig();
  const open = openItemsAsOf(useOpenItems().data ?? [], asOf);
  const reports = useMemo(() => (ready ? monthlyReports(ctx, asOf) : []), [ctx, asOf, ready]);
  if (!ready)
    return (
      <section className="page" aria-busy="true">
        <p>{t('loading')}</p>
      </section>
    );

  const thresholds = [...new Set(reports.map((r) => formatPercent(r.threshold)))];
  const thr = thresholds.join(' / ');
  const catName = (r: MonthlyReport) => name(r.category.name);
  const hasLedger = reports.some((r) => r.basis === 'ledger' || r.basis === 'disclosed+ledger');
  const sourceLine = reportSourceLine(t, locale, dataset, hasLedger, asOf);
  const currencyOf = (r: MonthlyReport) => categoryCurrency(dataset, r.category.id);
  const decimalsOf = (r: MonthlyReport) => categoryDecimals(dataset, r.category.id);
  const currencies = [...new Set(reports.filter((r) => r.rows.length > 0).map(currencyOf))];
  const capBasis = (agreementId: string): CapBasis => config.data?.capBasis[agreementId] ?? DEFAULT_CAP_BASIS;
  const capBasisOf = (r: MonthlyReport) => {
    const b = capBasis(r.category.agreementId);
    return t('capBasisWords', {
      tax: b.tax === 'inclusive' ? t('basisInclusive') : t('basisExclusive'),
      currency: b.currency === 'functional' ? t('basisFunctional') : t('basisOriginal'),
    });
  };
  const agreementsShown = dataset.agreements.filter((a) => reports.some((r) => r.category.agreementId === a.id));
  const basisWord = (b: MonthlyReport['basis']) =>
    b === 'ledger'
      ? t('monthlyBasis_ledger')
      : b === 'disclosed'
        ? t('monthlyBasis_disclosed')
        : b === 'disclosed+ledger'
          ? t('monthlyBasis_disclosedLedger')
          : t('monthlyBasis_none');

  return (
    <article className="report monthly" data-testid="monthly-report" data-as-of={asOf}>
      <div className="report-toolbar no-print">
        <Link className="btn btn-secondary" to={href('/report')}>
          {t('back')}
        </Link>
        <TableExportButtons
          table={() =>
            monthlyTable(t, locale, t('monthlySheetAll'), reports, catName, currencyOf, capBasisOf, decimalsOf)
          }
          extraSheets={() => [
            ...reports
              .filter((r) => r.rows.length > 0)
              .map((r) => monthlyTable(t, locale, catName(r), [r], catName, currencyOf, capBasisOf, decimalsOf)),
            openItemsTable(t, open.items),
          ]}
          fileStem={`headroom-monthly-${asOf}`}
          what={t('monthlyTable')}
          asOf={asOf}
          sourceLine={sourceLine}
          currencies={currencies}
        />
        <button type="button" className="btn btn-secondary" onClick={() => window.print()}>
          {t('savePdf')}
        </button>
      </div>
      <section className="report-sheet">
        <p className="report-kicker">{t('monthlyTitle')}</p>
        <h1>{t('asOfLabel', { date: formatDate(asOf, locale) })}</h1>
        <p className="monthly-note">{t(thresholds.length > 1 ? 'monthlyLedeMixed' : 'monthlyLede', { thr })}</p>
        <OpenItemsNotice count={open.items.length} totalMinor={open.totalMinor} href={href('/parties')} />
        {agreementsShown.map((a) => (
          <CapBasisNote key={a.id} agreement={name(a.name)} basis={capBasis(a.id)} />
        ))}
      </section>
      {reports.map((r) => {
        const disclosedDates = r.knownPoints.map((p) => formatDate(p.date, locale)).join(locale === 'zh' ? '、' : ', ');
        const tc = r.thresholdCrossing;
        return (
          <section
            key={r.category.id}
            className={`report-sheet monthly-category${r.period === null ? ' monthly-empty' : ''}`}
            data-category={r.category.id}
            aria-labelledby={`m-${r.category.id}`}
          >
            <div className="report-section-head">
              <h2 id={`m-${r.category.id}`}>{catName(r)}</h2>
              <span className="report-meta">{basisWord(r.basis)}</span>
            </div>
            {r.period === null ? (
              <p className="monthly-note">{t('monthlyNoPeriod')}</p>
            ) : (
              <>
                <p className="report-meta">
                  {t('figPeriod')}
                  {locale === 'zh' ? '：' : ': '}
                  {formatRange(r.period, locale)}
                  {' · '}
                  <span data-testid={`unit-${r.category.id}`}>
                    {t('unitNote', { unit: currencyUnit(currencyOf(r), locale) })}
                  </span>
                </p>
                <p className="monthly-summary" data-testid={`crossing-${r.category.id}`}>
                  {tc.state === 'in-month'
                    ? t('crossingSummaryIn', { month: formatMonth(r.rows[tc.rowIndex!]!.month, locale) })
                    : tc.state === 'between'
                      ? t('crossingSummaryBetween', {
                          from: formatDate(tc.lastBelow!.date, locale),
                          to: formatDate(tc.firstReached!.date, locale),
                          month: formatMonth(r.rows[tc.rowIndex!]!.month, locale),
                        })
                      : t('crossingSummaryNot', {
                          date: formatDate(r.rows[r.rows.length - 1]?.span.end ?? asOf, locale),
                        })}
                </p>
                {(r.basis === 'disclosed' || r.basis === 'none') && (
                  <p className="monthly-note">{t('monthlyDisclosedOnly', { dates: disclosedDates || t('none') })}</p>
                )}
                {(r.basis === 'ledger' || r.basis === 'disclosed+ledger') && (
                  <p className="monthly-note">{t('monthlyLedger')}</p>
                )}
                <p className="monthly-note" data-testid={`known-${r.category.id}`}>
                  {r.knownThrough === null
                    ? t('monthlyKnownNothing')
                    : r.provisional
                      ? t('monthlyKnownProvisional', { date: formatDate(r.knownThrough, locale) })
                      : t('monthlyKnownThrough', { date: formatDate(r.knownThrough, locale) })}
                </p>
                <table className="data" data-testid={`monthly-table-${r.category.id}`}>
                  <thead>
                    <tr>
                      <th scope="col">{t('mMonth')}</th>
                      <th scope="col">{t('mDays')}</th>
                      <th scope="col" className="num">
                        {t('mAmount')}
                      </th>
                      <th scope="col" className="num">
                        {t('mCumulative')}
                      </th>
                      <th scope="col">{t('mKnownAt')}</th>
                      <th scope="col" className="num">
                        {t('mBindingCap')}
                      </th>
                      <th scope="col" className="num">
                        {t('mUtilisation')}
                      </th>
                      <th scope="col">{t('mAlert')}</th>
                      <th scope="col">{t('mNote')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {r.rows.map((row, i) => (
                      <MonthRowView key={row.month} row={row} i={i} report={r} t={t} decimals={decimalsOf(r)} />
                    ))}
                  </tbody>
                </table>
              </>
            )}
          </section>
        );
      })}
      <section
        className="report-sheet monthly-open-items"
        aria-labelledby="monthly-open-items"
        data-testid="monthly-open-items"
      >
        <div className="report-section-head">
          <h2 id="monthly-open-items">{t('openItemsHeading')}</h2>
          {open.items.length > 0 && (
            <TableExportButtons
              table={() => openItemsTable(t, open.items)}
              fileStem={`headroom-open-items-${asOf}`}
              what={t('openItemsTable')}
              asOf={asOf}
              sourceLine={sourceLine}
              currencies={['RMB']}
            />
          )}
        </div>
        <DataTable
          rows={open.items}
          rowKey={(i) => i.id}
          empty={t('openItemsNone')}
          columns={[
            { key: 'date', header: t('oDate'), cell: (i) => formatDate(fromDayNumber(i.day), locale) },
            { key: 'file', header: t('oFile'), cell: (i) => i.fileName },
            { key: 'row', header: t('oRow'), num: true, cell: (i) => i.row },
            { key: 'counterparty', header: t('oCounterparty'), cell: (i) => i.counterparty },
            { key: 'reference', header: t('oReference'), cell: (i) => i.reference },
            { key: 'description', header: t('oDescription'), cell: (i) => i.description },
            {
              key: 'amount',
              header: t('oAmount'),
              num: true,
              cell: (i) => formatMinorWithCurrency(BigInt(i.amountMinor), 'RMB', locale),
            },
          ]}
        />
      </section>
      <ReportAlerts asOf={asOf} />
      <HistoryHeadLine head={historyHead.data} />
    </article>
  );
}
