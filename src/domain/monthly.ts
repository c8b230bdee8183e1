/**
 * The monthly finance report: per category, each calendar month of the cap
 * period containing the as-of date — the amount transacted, the cumulative
 * total, the binding cap, utilisation, and the month the alert threshold (and
 * the cap) was first reached.
 *
 * Honesty rule: a cumulative is shown only on days it is actually known. With
 * disclosures alone that is the snapshot up-to dates (e.g. April 23, 2026), so
 * most months read "no data" and an amount spans from the previous known day.
 * With a ledger, the cumulative is known on every month end the ledger reaches,
 * and each month gets its own figure.
 */
import Decimal from 'decimal.js';
import { actualForSpan, cumulativePoints, type CumulativePoint } from './actuals';
import { resolveCaps } from './binding';
import {
  addDays,
  type DateRange,
  endOfMonth,
  type IsoDate,
  minDate,
  monthsInRange,
  startOfMonth,
  toDayNumber,
} from './dates';
import { alertFor, type AlertState, categoryStatus, type EngineContext, thresholdOf } from './engine';
import { EMPTY_LEDGER, lastEntryDay } from './ledgerTotals';
import type { CapVersion, Category, CategoryId } from './model';
import { type Money, ratio, sub } from './money';
import { thresholdAmount } from './projection';

/** How the amount of a row was arrived at. */
export type MonthAmountBasis =
  /** Exactly the calendar month (clipped to the period and as-of date). */
  | 'month'
  /** Since the previous day the cumulative was known, which lies before this month. */
  | 'since-last-known'
  /** Not known: no cumulative is known in this month. */
  | 'none';

export interface MonthRow {
  /** First day of the calendar month (label of the row). */
  readonly month: IsoDate;
  /** The month's days inside the period, up to the as-of date (inclusive). */
  readonly span: DateRange;
  /** The span is shorter than the calendar month (period start/end or as-of date inside it). */
  readonly partial: boolean;
  /** Amount transacted over `amountSpan`; null when unknown. */
  readonly amount: Money | null;
  /** Inclusive span the amount covers: the month itself, or back to the previous known day. */
  readonly amountSpan: DateRange | null;
  readonly amountBasis: MonthAmountBasis;
  /** Cumulative from the period start through `cumulativeAt`; null when no day of the month is known. */
  readonly cumulative: Money | null;
  /** The day the cumulative is known at: the span end, or an earlier day of the month (a snapshot's up-to date). */
  readonly cumulativeAt: IsoDate | null;
  /** The cap binding on `cumulativeAt` (else on the span end). */
  readonly bindingCap: CapVersion | null;
  /** cumulative ÷ binding cap (fraction); null when either is unknown or the cap frames another period. */
  readonly utilisation: Decimal | null;
  readonly alert: AlertState | null;
  /** The threshold was first reached in this month (certainly, or first seen here — see `thresholdCrossing`). */
  readonly thresholdCrossedHere: boolean;
  /** The binding cap was first exceeded in this month (same caveat). */
  readonly capExceededHere: boolean;
}

export interface MonthCrossing {
  /**
   * in-month: the crossing happened in row `rowIndex` (the last known day below it lies in that month or
   *   on the last day of the month before);
   * between: first seen at or above in row `rowIndex`, but the cumulative was last known below it in an
   *   earlier month, so the month it actually happened is not known;
   * not-reached: no known cumulative reaches it.
   */
  readonly state: 'in-month' | 'between' | 'not-reached';
  readonly rowIndex: number | null;
  /** Last known point below the target before the crossing (the period-start zero at worst). */
  readonly lastBelow: CumulativePoint | null;
  /** First known point at or above the target. */
  readonly firstReached: CumulativePoint | null;
}

export type MonthlyBasis = 'ledger' | 'disclosed' | 'disclosed+ledger' | 'none';

export interface MonthlyReport {
  readonly category: Category;
  readonly asOf: IsoDate;
  /** The cap period containing the as-of date (as the engine frames it); null when none. */
  readonly period: DateRange | null;
  readonly rows: readonly MonthRow[];
  readonly threshold: Decimal;
  readonly thresholdCrossing: MonthCrossing;
  readonly capCrossing: MonthCrossing;
  /** Every day within the period up to the as-of date on which the cumulative is known, ascending. */
  readonly knownPoints: readonly CumulativePoint[];
  /** What the figures rest on. */
  readonly basis: MonthlyBasis;
  /**
   * The last day the period's actual is known through (the later of the latest
   * disclosure and the "ledger complete through" close), null when nothing is
   * known; cumulatives after it include ledger rows that may still change.
   */
  readonly knownThrough: IsoDate | null;
  /** Ledger rows after `knownThrough` are counted: the later figures are provisional. */
  readonly provisional: boolean;
}

/**
 * A row's cumulative is provisional when it is dated after the day the actual is
 * known through (or nothing is known complete): it includes ledger rows that may
 * still change. The screen marks it "*", the exports in their Provisional column.
 */
export function rowProvisional(report: Pick<MonthlyReport, 'knownThrough'>, row: MonthRow): boolean {
  return (
    row.cumulative !== null &&
    row.cumulativeAt !== null &&
    (report.knownThrough === null || row.cumulativeAt > report.knownThrough)
  );
}

const NOT_REACHED: MonthCrossing = { state: 'not-reached', rowIndex: null, lastBelow: null, firstReached: null };

/**
 * The binding cap on `date` when it measures the same span as the report
 * (its period starts on the report period's start); otherwise null, because
 * the cumulative from the report period's start would not be its actual.
 */
function capFor(ctx: EngineContext, categoryId: CategoryId, period: DateRange, date: IsoDate): CapVersion | null {
  const cap = resolveCaps(ctx.dataset, categoryId, date, ctx.approvals).binding;
  return cap && cap.period.start === period.start ? cap : null;
}

/**
 * The monthly report of one category on `asOf` (inclusive). Months run from
 * the start of the cap period containing `asOf` through the month of `asOf`,
 * each clipped to the period and to `asOf`.
 */
export function monthlyReport(ctx: EngineContext, categoryId: CategoryId, asOf: IsoDate): MonthlyReport {
  const { category, period, actualThrough, provisional } = categoryStatus(ctx, categoryId, asOf, { methods: [] });
  const threshold = thresholdOf(ctx, category.agreementId);
  if (!period) {
    return {
      category,
      asOf,
      period: null,
      rows: [],
      threshold,
      thresholdCrossing: NOT_REACHED,
      capCrossing: NOT_REACHED,
      knownPoints: [],
      basis: 'none',
      knownThrough: null,
      provisional: false,
    };
  }
  const ledger = ctx.ledger ?? EMPTY_LEDGER;
  const upTo = minDate(asOf, period.end);
  const months = monthsInRange({ start: period.start, end: upTo });

  // The ledger is taken to be kept up to its last entry for the category: a month end
  // on or before that day has a known cumulative even when its last days had no rows.
  // A category marked complete is known on every day.
  const totals = ledger.byCategory.get(categoryId);
  const complete = ledger.complete.has(categoryId);
  const firstDay = totals && totals.days.length > 0 ? totals.days[0]! : null;
  const lastDay = lastEntryDay(totals, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  const ledgerKeeps = (day: number) =>
    complete || (firstDay !== null && lastDay !== null && firstDay <= day && day <= lastDay);

  const known = new Map<IsoDate, Money>();
  for (const p of cumulativePoints(ctx.dataset, ledger, categoryId, period, upTo)) known.set(p.date, p.amount);
  for (const m of months) {
    if (known.has(m.end)) continue;
    const a = actualForSpan(ctx.dataset, ledger, categoryId, { start: period.start, end: m.end });
    if (a.through === m.end || (a.through !== null && ledgerKeeps(toDayNumber(m.end)))) {
      known.set(m.end, a.amount);
    }
  }
  const knownPoints: CumulativePoint[] = [...known.entries()]
    .map(([date, amount]) => ({ date, amount }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));

  const rows: MonthRow[] = [];
  let prev: CumulativePoint = knownPoints[0]!; // the zero point on the day before the period starts
  for (const span of months) {
    const inMonth = knownPoints.filter((p) => p.date >= span.start && p.date <= span.end);
    const last = inMonth[inMonth.length - 1] ?? null;
    const monthStart = startOfMonth(span.start);
    const partial = span.start !== monthStart || span.end !== endOfMonth(span.start);
    let amount: Money | null = null;
    let amountSpan: DateRange | null = null;
    let amountBasis: MonthAmountBasis = 'none';
    let bindingCap: CapVersion | null = capFor(ctx, categoryId, period, span.end);
    let utilisation: Decimal | null = null;
    let alert: AlertState | null = null;
    if (last) {
      amountSpan = { start: addDays(prev.date, 1), end: last.date };
      amount = sub(last.amount, prev.amount);
      amountBasis = amountSpan.start === span.start ? 'month' : 'since-last-known';
      bindingCap = capFor(ctx, categoryId, period, last.date);
      if (bindingCap) {
        utilisation = ratio(last.amount, bindingCap.amount);
        alert = alertFor(last.amount, bindingCap.amount, threshold);
      }
      prev = last;
    }
    rows.push({
      month: monthStart,
      span,
      partial,
      amount,
      amountSpan,
      amountBasis,
      cumulative: last?.amount ?? null,
      cumulativeAt: last?.date ?? null,
      bindingCap,
      utilisation,
      alert,
      thresholdCrossedHere: false,
      capExceededHere: false,
    });
  }

  const rowOf = (date: IsoDate) => rows.findIndex((r) => r.span.start <= date && date <= r.span.end);
  const find = (reached: (p: CumulativePoint, cap: CapVersion) => boolean): MonthCrossing => {
    for (let i = 1; i < knownPoints.length; i++) {
      const p = knownPoints[i]!;
      const cap = capFor(ctx, categoryId, period, p.date);
      if (!cap || !reached(p, cap)) continue;
      const lastBelow = knownPoints[i - 1]!;
      const rowIndex = rowOf(p.date);
      // Certain when nothing unknown lies between the last point below and this month.
      const certain = lastBelow.date >= addDays(rows[rowIndex]!.span.start, -1);
      return { state: certain ? 'in-month' : 'between', rowIndex, lastBelow, firstReached: p };
    }
    return NOT_REACHED;
  };
  const thresholdCrossing = find((p, cap) => p.amount >= thresholdAmount(cap.amount, threshold));
  const capCrossing = find((p, cap) => p.amount > cap.amount);
  const marked = rows.map((r, i) => ({
    ...r,
    thresholdCrossedHere: thresholdCrossing.rowIndex === i,
    capExceededHere: capCrossing.rowIndex === i,
  }));

  const hasLedger =
    complete ||
    (totals !== undefined &&
      totals.days.length > 0 &&
      knownPoints.some((p) => {
        const a = actualForSpan(ctx.dataset, ledger, categoryId, { start: period.start, end: p.date });
        return a.basis === 'ledger' || a.basis === 'disclosed+ledger';
      }));
  const hasDisclosed = knownPoints.some((p) => {
    const a = actualForSpan(ctx.dataset, ledger, categoryId, { start: period.start, end: p.date });
    return a.snapshot !== null;
  });
  const basis: MonthlyBasis =
    hasLedger && hasDisclosed ? 'disclosed+ledger' : hasLedger ? 'ledger' : hasDisclosed ? 'disclosed' : 'none';

  return {
    category,
    asOf,
    period,
    rows: marked,
    threshold,
    thresholdCrossing,
    capCrossing,
    knownPoints: knownPoints.slice(1),
    basis,
    knownThrough: actualThrough,
    provisional,
  };
}

/** The monthly report of every category of the dataset, in dataset order. */
export function monthlyReports(ctx: EngineContext, asOf: IsoDate): MonthlyReport[] {
  return ctx.dataset.categories.map((c) => monthlyReport(ctx, c.id, asOf));
}
