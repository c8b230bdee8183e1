import Decimal from 'decimal.js';
import { actualForSpan } from './actuals';
import { type DateRange, type IsoDate, priorYearSpan } from './dates';
import type { LedgerTotals } from './ledgerTotals';
import type { CategoryId, Dataset } from './model';
import type { Money } from './money';

/** Growth of `current` over `prior` as a fraction ((c − p) ÷ p); null when prior is zero. */
export function growthRate(current: Money, prior: Money): Decimal | null {
  if (prior === 0n) return null;
  return new Decimal((current - prior).toString()).div(prior.toString());
}

export interface GrowthComparison {
  /** The inclusive span compared. */
  readonly span: DateRange;
  /** The same span one year earlier (February 29 maps to February 28). */
  readonly priorSpan: DateRange;
  readonly current: Money;
  readonly prior: Money;
  /** Fraction; null when the prior amount is zero. */
  readonly rate: Decimal | null;
}

/**
 * Compares the actual over an inclusive span with the same span one year
 * earlier. Returns null (n/a) when either side is not known through its end.
 */
export function compareWithPriorYear(
  dataset: Dataset,
  ledger: LedgerTotals | undefined,
  categoryId: CategoryId,
  span: DateRange,
): GrowthComparison | null {
  const cur = actualForSpan(dataset, ledger, categoryId, span);
  if (cur.through !== span.end) return null;
  const priorSpan = priorYearSpan(span);
  const prev = actualForSpan(dataset, ledger, categoryId, priorSpan);
  if (prev.through === null) return null;
  // A ledger-only prior span counts when it has entries; a snapshot must cover the whole span.
  if (prev.basis !== 'ledger' && prev.through !== priorSpan.end) return null;
  return { span, priorSpan, current: cur.amount, prior: prev.amount, rate: growthRate(cur.amount, prev.amount) };
}

/**
 * Year-to-date growth: the actual from `periodStart` through `through`
 * (inclusive) against the same span of the prior year.
 */
export function ytdGrowth(
  dataset: Dataset,
  ledger: LedgerTotals | undefined,
  categoryId: CategoryId,
  periodStart: IsoDate,
  through: IsoDate | null,
): GrowthComparison | null {
  if (through === null || through < periodStart) return null;
  return compareWithPriorYear(dataset, ledger, categoryId, { start: periodStart, end: through });
}

/**
 * Year-on-year growth of the latest cap period that ended on or before `asOf`
 * and whose actual is known through its end, against the same span a year
 * earlier (e.g. cloud services 2025 vs 2024: +77.0%). Null when none exists.
 */
export function yoyGrowth(
  dataset: Dataset,
  ledger: LedgerTotals | undefined,
  categoryId: CategoryId,
  asOf: IsoDate,
): GrowthComparison | null {
  const periods = new Map<string, DateRange>();
  for (const c of dataset.caps) {
    if (c.categoryId === categoryId && c.period.end <= asOf) periods.set(`${c.period.start}/${c.period.end}`, c.period);
  }
  const ordered = [...periods.values()].sort((a, b) => (a.end < b.end ? 1 : a.end > b.end ? -1 : 0));
  for (const p of ordered) {
    const cur = actualForSpan(dataset, ledger, categoryId, p);
    if (cur.through !== p.end) continue;
    return compareWithPriorYear(dataset, ledger, categoryId, p);
  }
  return null;
}
