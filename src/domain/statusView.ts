/**
 * Rules the screens used to compute in their JSX, as pure functions over an
 * engine status so every screen (and its tests) reads the same answer.
 */
import { type DateRange, type IsoDate, minDate, toDayNumber } from './dates';
import { actualForSpan } from './actuals';
import type { CategoryStatus, EngineContext, ProjectionSummary } from './engine';
import type { CapVersion, Dataset, HistoricalAmount } from './model';
import type { ProjectionMethod } from './projection';

/**
 * Days between the last day the actual is known through and the as-of date
 * (or the period end, if earlier). 0 when current or when nothing is known.
 */
export function staleDays(s: Pick<CategoryStatus, 'asOf' | 'period' | 'actualThrough'>): number {
  if (!s.actualThrough || !s.period) return 0;
  return Math.max(0, toDayNumber(minDate(s.asOf, s.period.end)) - toDayNumber(s.actualThrough));
}

/**
 * When no cap binds on the as-of date: the latest cap version of the category
 * whose period ended before the as-of date and overlaps the current period
 * (hardware from July 29, 2026: the 6.7 cap for January 1–July 28 has ended).
 * Null when a cap binds or none ended.
 */
export function endedCap(
  dataset: Dataset,
  s: Pick<CategoryStatus, 'asOf' | 'period' | 'binding' | 'category'>,
): CapVersion | null {
  if (s.binding || !s.period) return null;
  const period = s.period;
  const asOf: IsoDate = s.asOf;
  return (
    dataset.caps
      .filter((c) => c.categoryId === s.category.id && c.period.end < asOf && c.period.end >= period.start)
      .sort((a, b) => (a.period.end < b.period.end ? 1 : a.period.end > b.period.end ? -1 : 0))[0] ?? null
  );
}

/** The cap period in force on the as-of date, cut off at the as-of date; null outside every period. */
export function periodToDate(period: DateRange | null | undefined, asOf: IsoDate): DateRange | null {
  return period ? { start: period.start, end: minDate(asOf, period.end) } : null;
}

/**
 * The disclosed snapshot an actual to date rests on, and whether the card may
 * call it audited: the audit status is stated only when the figure is not the
 * ledger's alone and the text says audited or unaudited (null otherwise).
 */
export function actualSnapshot(
  ctx: Pick<EngineContext, 'dataset' | 'ledger'>,
  s: Pick<CategoryStatus, 'asOf' | 'period' | 'category' | 'actualBasis'>,
): { readonly snapshot: HistoricalAmount | null; readonly audited: boolean | null } {
  const span = periodToDate(s.period, s.asOf);
  const snapshot = span ? actualForSpan(ctx.dataset, ctx.ledger, s.category.id, span).snapshot : null;
  return { snapshot, audited: snapshot && s.actualBasis !== 'ledger' ? snapshot.audited : null };
}

/** Seasonal first: it follows last year's shape, which the announcement itself relies on. */
export const PROJECTION_ORDER: readonly ProjectionMethod[] = ['seasonal', 'linear', 'growth'];

/**
 * The projection columns of a card in display order, and why none can be shown
 * when every method is unavailable ("no-actuals" wins over "no-prior-year");
 * `unavailable` is null when at least one method has a figure.
 */
export function projectionColumns(s: Pick<CategoryStatus, 'projections'>): {
  readonly columns: readonly ProjectionSummary[];
  readonly unavailable: 'no-actuals' | 'no-prior-year' | null;
} {
  const columns = [...s.projections].sort(
    (a, b) => PROJECTION_ORDER.indexOf(a.projection.method) - PROJECTION_ORDER.indexOf(b.projection.method),
  );
  const reasons = new Set(columns.map((p) => p.projection.unavailable));
  const unavailable =
    columns.length === 0 || reasons.has(undefined) ? null : reasons.has('no-actuals') ? 'no-actuals' : 'no-prior-year';
  return { columns, unavailable };
}
