import Decimal from 'decimal.js';
import { actualForSpan, cumulativePoints, type CumulativePoint } from './actuals';
import {
  type DateRange,
  daysInclusive,
  fromDayNumber,
  type IsoDate,
  priorYearSpan,
  shiftYears,
  toDayNumber,
} from './dates';
import type { LedgerTotals } from './ledgerTotals';
import type { CategoryId, Dataset } from './model';
import { fromMillionsDecimal, type Money, scale, toMillionsDecimal } from './money';

/**
 * linear: year-to-date run-rate per day carried to the period end.
 * seasonal: year-to-date scaled by last year's full-period ÷ same-span ratio,
 *   following last year's cumulative shape.
 * growth: last year's full period grown by an assumed rate, remaining volume
 *   spread like last year's shape (or evenly when last year is unknown).
 */
export type ProjectionMethod = 'linear' | 'seasonal' | 'growth';
export const PROJECTION_METHODS: readonly ProjectionMethod[] = ['linear', 'seasonal', 'growth'];

export interface ProjectionInput {
  readonly dataset: Dataset;
  readonly ledger?: LedgerTotals;
  readonly categoryId: CategoryId;
  /** Inclusive cap period being projected. */
  readonly period: DateRange;
  /** Last day of known actuals to use (inclusive); clipped to the period. */
  readonly asOf: IsoDate;
  readonly method: ProjectionMethod;
  /** For "growth": the assumed growth over last year as a fraction (0.2 = +20%). */
  readonly growthAssumption?: Decimal;
}

export interface Projection {
  readonly method: ProjectionMethod;
  readonly period: DateRange;
  /** Actual known through `through` (inclusive). */
  readonly actual: Money;
  readonly through: IsoDate | null;
  /** Projected cumulative amount at the period end. */
  readonly periodEnd: Money;
  /** Projected cumulative amount on any day of the period (known actuals up to `through`). */
  readonly cumulativeAt: (date: IsoDate) => Money;
  /** Days on which the cumulative actual is known (snapshot up-to dates, ledger days), ascending. */
  readonly knownPoints: readonly CumulativePoint[];
  /** Why the method could not run, when it could not. */
  readonly unavailable?: 'no-actuals' | 'no-prior-year';
}

function interpolate(points: readonly CumulativePoint[], day: number): Decimal {
  // Piecewise linear between known cumulative points; flat beyond the last.
  const first = points[0]!;
  if (day <= toDayNumber(first.date)) return new Decimal(first.amount.toString());
  for (let i = 1; i < points.length; i++) {
    const b = points[i]!;
    const bd = toDayNumber(b.date);
    if (day <= bd) {
      const a = points[i - 1]!;
      const ad = toDayNumber(a.date);
      const av = new Decimal(a.amount.toString());
      const bv = new Decimal(b.amount.toString());
      return av.plus(
        bv
          .minus(av)
          .times(day - ad)
          .div(bd - ad),
      );
    }
  }
  return new Decimal(points[points.length - 1]!.amount.toString());
}

function roundMinor(d: Decimal): Money {
  return BigInt(d.toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toFixed(0)) as Money;
}

/**
 * Projects the period-end amount of a category and a cumulative curve over the
 * inclusive period. Known actuals are used through the last known day on or
 * before `asOf`; the curve after that day follows the chosen method.
 */
export function project(input: ProjectionInput): Projection {
  const { dataset, ledger, categoryId, period, method } = input;
  const upTo = input.asOf < period.end ? input.asOf : period.end;
  const known = actualForSpan(dataset, ledger, categoryId, { start: period.start, end: upTo });
  const points = cumulativePoints(dataset, ledger, categoryId, period, upTo);
  // Provisional rows after the known-through date are part of the figure, so the
  // run-rate runs to the last of them; nothing known, nothing projected.
  const through =
    known.through !== null && known.provisional && known.lastRow !== null && known.lastRow > known.through
      ? known.lastRow
      : known.through;
  const actual = known.amount;
  const knownAt = (d: IsoDate): Money => roundMinor(interpolate(points, toDayNumber(d)));

  const flat = (periodEnd: Money, unavailable?: Projection['unavailable']): Projection => ({
    method,
    period,
    actual,
    through,
    periodEnd,
    knownPoints: points,
    cumulativeAt: (d) => (through !== null && d <= through ? knownAt(d) : periodEnd),
    ...(unavailable ? { unavailable } : {}),
  });

  if (through === null) return flat(actual, 'no-actuals');
  if (through >= period.end) return flat(actual);

  const throughDay = toDayNumber(through);
  const endDay = toDayNumber(period.end);
  const actualD = new Decimal(actual.toString());

  // Last year's shape: cumulative known points of the same period one year earlier.
  const prior = priorYearSpan(period);
  const priorFull = actualForSpan(dataset, ledger, categoryId, prior);
  const priorSpanEnd = shiftYears(through, -1);
  const priorSame = actualForSpan(dataset, ledger, categoryId, { start: prior.start, end: priorSpanEnd });
  const priorKnown =
    priorFull.through === prior.end && priorSame.through !== null && priorSame.through === priorSpanEnd;
  const priorPoints = priorKnown ? cumulativePoints(dataset, ledger, categoryId, prior, prior.end) : [];
  const priorFullD = new Decimal(priorFull.amount.toString());
  const priorSameD = new Decimal(priorSame.amount.toString());

  /** Share (0..1) of the remaining volume transacted by `day`, after `through`. */
  const linearShare = (day: number) => new Decimal(day - throughDay).div(endDay - throughDay);
  const seasonalShare = (day: number): Decimal => {
    const remaining = priorFullD.minus(priorSameD);
    if (remaining.lte(0)) return linearShare(day);
    const v = interpolate(priorPoints, toDayNumber(shiftYears(fromDayNumber(day), -1)));
    return Decimal.min(1, Decimal.max(0, v.minus(priorSameD).div(remaining)));
  };

  let periodEndD: Decimal;
  let share: (day: number) => Decimal;
  if (method === 'linear') {
    periodEndD = actualD.times(daysInclusive(period)).div(throughDay - toDayNumber(period.start) + 1);
    share = linearShare;
  } else if (method === 'seasonal') {
    if (!priorKnown || priorSameD.lte(0)) return flat(actual, 'no-prior-year');
    periodEndD = actualD.times(priorFullD).div(priorSameD);
    share = seasonalShare;
  } else {
    if (priorFull.through !== prior.end) return flat(actual, 'no-prior-year');
    const g = input.growthAssumption ?? new Decimal(0);
    periodEndD = Decimal.max(actualD, priorFullD.times(g.plus(1)));
    share = priorKnown ? seasonalShare : linearShare;
  }
  const remainingD = periodEndD.minus(actualD);
  const periodEnd = roundMinor(periodEndD);
  return {
    method,
    period,
    actual,
    through,
    periodEnd,
    knownPoints: points,
    cumulativeAt: (d) => {
      const day = toDayNumber(d);
      if (day <= throughDay) return knownAt(d);
      if (day >= endDay) return periodEnd;
      return roundMinor(actualD.plus(remainingD.times(share(day))));
    },
  };
}

export type CrossingState =
  /** Already reached by known actuals. */
  | 'reached'
  /** Projected to be reached on `date`. */
  | 'projected'
  /** Not reached within the period on this projection. */
  | 'not-reached';

export interface Crossing {
  readonly target: Money;
  readonly state: CrossingState;
  /**
   * Day the target is projected to be first reached; for "reached", the first
   * day with a known cumulative actual at or above it (between two known days
   * the crossing day itself is not known, so none is invented).
   */
  readonly date: IsoDate | null;
}

/** When a projection first reaches `target` (inclusive comparison: equal counts as reached). */
export function crossing(p: Projection, target: Money): Crossing {
  const endDay = toDayNumber(p.period.end);
  if (p.through !== null && p.actual >= target) {
    const first = p.knownPoints.find((pt) => pt.amount >= target);
    return { target, state: 'reached', date: first?.date ?? p.through };
  }
  if (p.periodEnd < target || p.through === null) return { target, state: 'not-reached', date: null };
  // The curve is non-decreasing after `through`, so a binary search finds the first day.
  let lo = toDayNumber(p.through) + 1;
  let hi = endDay;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (p.cumulativeAt(fromDayNumber(mid)) >= target) hi = mid;
    else lo = mid + 1;
  }
  return { target, state: 'projected', date: fromDayNumber(lo) };
}

/** The alert threshold amount: `thresholdFraction` of a cap, rounded half-up to the minor unit. */
export function thresholdAmount(cap: Money, thresholdFraction: Decimal): Money {
  return scale(cap, thresholdFraction);
}

/**
 * The cap needed for a projected amount with a buffer (fraction, 0.1 = 10%) on
 * top, rounded up to the next 0.1 million as disclosed caps are.
 */
export function capForBuffer(projected: Money, bufferFraction: Decimal): Money {
  // Ceiling on the exact product: rounding to the fen first could drop a sub-fen
  // excess and land on a multiple of 0.1 million that leaves the buffer short.
  const tenths = toMillionsDecimal(projected).times(bufferFraction.plus(1)).times(10).ceil();
  return fromMillionsDecimal(tenths.div(10));
}

/** The buffer a cap leaves over an expected amount, as a fraction (cap ÷ expected − 1); null if expected is 0. */
export function impliedBuffer(cap: Money, expected: Money): Decimal | null {
  if (expected === 0n) return null;
  return new Decimal(cap.toString()).div(expected.toString()).minus(1);
}
