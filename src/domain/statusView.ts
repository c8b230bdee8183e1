/**
 * Rules the screens used to compute in their JSX, as pure functions over an
 * engine status so every screen (and its tests) reads the same answer.
 */
import { type IsoDate, minDate, toDayNumber } from './dates';
import type { CategoryStatus } from './engine';
import type { CapVersion, Dataset } from './model';

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
