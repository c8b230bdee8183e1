import { categoryCurrency, currenciesOf, currencyMark, currencyUnitShort } from '../../domain/currency';
import type { CategoryStatus } from '../../domain/engine';
import type { Locale } from '../../domain/format';
import type { Dataset } from '../../domain/model';
import type { ExportTable } from './table';

/** Column headers and status words of the status table, in the reader's language. */
export interface StatusTableLabels {
  readonly sheet: string;
  readonly agreement: string;
  readonly category: string;
  readonly categoryId: string;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly asOf: string;
  /** Amount headers take the unit: "RMB m" / "HK$ m", or `millions` when the rows mix currencies. */
  readonly bindingCap: (unit: string) => string;
  readonly proposedCap: (unit: string) => string;
  readonly actual: (unit: string) => string;
  readonly actualThrough: string;
  /** Header of the provisional column, and its text when ledger rows after `through` are counted. */
  readonly provisional: string;
  readonly provisionalText: (through: string) => string;
  readonly utilisation: string;
  readonly proposedUtilisation: string;
  readonly headroom: (unit: string) => string;
  readonly alert: string;
  readonly status: string;
  readonly ytdGrowth: string;
  readonly yoyGrowth: string;
  readonly projectedLinear: (unit: string) => string;
  readonly projectedSeasonal: (unit: string) => string;
  /** Header of the per-row currency column (only when the rows mix currencies). */
  readonly currency: string;
  /** The unit word of amount headers when the rows mix currencies ("millions"). */
  readonly millions: string;
  /** Word for each display status (ok, threshold, exceeded, awaiting-approval, no-cap). */
  readonly statusWord: (s: CategoryStatus['displayStatus']) => string;
  /** Word for each alert state; null (nothing known, or no cap to compare with) is its own word, never "ok" or "exceeded". */
  readonly alertWord: (a: CategoryStatus['alert']) => string;
  /** Extra right-most column (e.g. the report's attention reasons), with its text per status. */
  readonly extra?: { readonly header: string; readonly text: (s: CategoryStatus) => string };
}

/**
 * The status of every category as an export table: one row per category with
 * its period, caps, actual, utilisation, headroom, alert, growth and the
 * projected period-end amounts. Amounts in millions of each category's
 * currency (its agreement's): when every row shares one currency the headers
 * name it ("Binding cap (RMB m)"); when they mix RMB and HK$ the headers say
 * "millions" and a Currency column after the as-of date names each row's.
 * Percentages of the cap.
 */
export function statusExportTable(
  dataset: Dataset,
  statuses: readonly CategoryStatus[],
  locale: Locale,
  l: StatusTableLabels,
): ExportTable {
  const agreementName = (id: string) => dataset.agreements.find((a) => a.id === id)?.name[locale] ?? id;
  const currencies = currenciesOf(
    dataset,
    statuses.map((s) => s.category.id),
  );
  const mixed = currencies.length > 1;
  const unit = mixed ? l.millions : currencyUnitShort(currencies[0] ?? 'RMB', locale);
  const proj = (s: CategoryStatus, m: string) => {
    const p = s.projections.find((x) => x.projection.method === m)?.projection;
    return p && !p.unavailable ? p.periodEnd : null;
  };
  return {
    name: l.sheet,
    columns: [
      { header: l.agreement, kind: 'text', width: 40 },
      { header: l.category, kind: 'text', width: 22 },
      { header: l.categoryId, kind: 'text', width: 20 },
      { header: l.periodStart, kind: 'date', width: 12 },
      { header: l.periodEnd, kind: 'date', width: 12 },
      { header: l.asOf, kind: 'date', width: 12 },
      ...(mixed ? [{ header: l.currency, kind: 'text' as const, width: 10 }] : []),
      { header: l.bindingCap(unit), kind: 'amount', width: 14 },
      { header: l.proposedCap(unit), kind: 'amount', width: 14 },
      { header: l.actual(unit), kind: 'amount', width: 14 },
      { header: l.actualThrough, kind: 'date', width: 14 },
      { header: l.provisional, kind: 'text', width: 34 },
      { header: l.utilisation, kind: 'percent', width: 14 },
      { header: l.proposedUtilisation, kind: 'percent', width: 16 },
      { header: l.headroom(unit), kind: 'amount', width: 14 },
      { header: l.alert, kind: 'text', width: 14 },
      { header: l.status, kind: 'text', width: 20 },
      { header: l.ytdGrowth, kind: 'percent', width: 14 },
      { header: l.yoyGrowth, kind: 'percent', width: 14 },
      { header: l.projectedLinear(unit), kind: 'amount', width: 18 },
      { header: l.projectedSeasonal(unit), kind: 'amount', width: 18 },
      ...(l.extra ? [{ header: l.extra.header, kind: 'text' as const, width: 80 }] : []),
    ],
    rows: statuses.map((s) => [
      agreementName(s.category.agreementId),
      s.category.name[locale],
      s.category.id,
      s.period?.start ?? null,
      s.period?.end ?? null,
      s.asOf,
      ...(mixed ? [currencyMark(categoryCurrency(dataset, s.category.id), locale)] : []),
      s.binding?.cap.amount ?? null,
      s.proposed?.cap.amount ?? null,
      // Unknown is not zero: with nothing known for the span the cell stays empty (the ledger rows are a lower bound).
      s.period && s.known ? s.actual : null,
      s.actualThrough,
      // The same mark as the screen's: ledger rows after the known-through date are counted and may still grow.
      s.period && s.known && s.provisional && s.actualThrough ? l.provisionalText(s.actualThrough) : '',
      s.binding?.utilisation?.isFinite() ? s.binding.utilisation : null,
      s.proposed?.utilisation?.isFinite() ? s.proposed.utilisation : null,
      s.binding?.headroom ?? null,
      l.alertWord(s.alert),
      l.statusWord(s.displayStatus),
      s.ytd?.rate ?? null,
      s.yoy?.rate ?? null,
      proj(s, 'linear'),
      proj(s, 'seasonal'),
      ...(l.extra ? [l.extra.text(s)] : []),
    ]),
    rowDecimals: statuses.map((s) => s.decimals),
  };
}
