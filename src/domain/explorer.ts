/**
 * Headroom explorer: one scenario (category, cap period, projection method,
 * growth assumption, buffer, as-of date) → projected period end, the dates the
 * threshold and the caps are reached, month-by-month headroom and the cap a
 * buffer would need. Pure; the scenario round-trips through URL parameters so
 * a link reproduces it.
 */
import { categoryDecimals } from './currency';
import Decimal from 'decimal.js';
import { resolveCaps } from './binding';
import { addDays, type DateRange, type IsoDate, isIsoDate, monthsInRange, toDayNumber } from './dates';
import { type EngineContext, thresholdOfCategory } from './engine';
import type { CapVersion, CategoryId, Dataset, ExpectedAmount } from './model';
import { type Money, ratio, sub, toMillionsDecimal } from './money';
import { axisDomain, capLevel, type CumulativeSeries, plotMillions, projectionPoints } from './series';
import {
  capForBuffer,
  crossing,
  type Crossing,
  PROJECTION_METHODS,
  project,
  type Projection,
  type ProjectionMethod,
  thresholdAmount,
} from './projection';

/** Everything that defines an explorer screen. Percentages are decimal strings ("10", "-5.5"). */
export interface Scenario {
  readonly categoryId: CategoryId;
  /** Inclusive cap period explored; one of `categoryPeriods`. */
  readonly period: DateRange;
  readonly method: ProjectionMethod;
  /** Growth over last year's full period, percent (used by the "growth" method). */
  readonly growthPercent: string;
  /** Buffer on top of the projection when sizing a cap, percent. */
  readonly bufferPercent: string;
  readonly asOf: IsoDate;
}

export const DEFAULT_METHOD: ProjectionMethod = 'seasonal';
export const DEFAULT_GROWTH_PERCENT = '0';
export const DEFAULT_BUFFER_PERCENT = '10';

/** URL parameter names. `asOf` is shared with every other screen. */
export const SCENARIO_PARAMS = {
  category: 'category',
  period: 'period',
  method: 'method',
  growth: 'growth',
  buffer: 'buffer',
  asOf: 'asOf',
} as const;

const PERCENT_RE = /^-?\d{1,4}(\.\d{1,2})?$/;

/**
 * A percentage typed by the user: up to four integer digits and two decimals.
 * Growth must stay above −100%; a buffer must be 0 or more.
 */
export function parsePercent(text: string, kind: 'growth' | 'buffer'): Decimal | null {
  const t = text.trim();
  if (!PERCENT_RE.test(t)) return null;
  const d = new Decimal(t);
  if (kind === 'growth' ? d.lte(-100) : d.lt(0)) return null;
  return d;
}

/** "2026-01-01..2026-12-31" (inclusive), the period's URL form. */
export function formatPeriodParam(p: DateRange): string {
  return `${p.start}..${p.end}`;
}

export function parsePeriodParam(text: string): DateRange | null {
  const m = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(text);
  if (!m || !isIsoDate(m[1]!) || !isIsoDate(m[2]!) || m[1]! > m[2]!) return null;
  return { start: m[1]!, end: m[2]! };
}

/** Distinct inclusive cap periods of a category (every version's period), ordered by start then end. */
export function categoryPeriods(dataset: Dataset, categoryId: CategoryId): DateRange[] {
  const seen = new Map<string, DateRange>();
  for (const c of dataset.caps) {
    if (c.categoryId === categoryId) seen.set(formatPeriodParam(c.period), c.period);
  }
  return [...seen.values()].sort((a, b) =>
    a.start !== b.start ? (a.start < b.start ? -1 : 1) : a.end < b.end ? -1 : a.end > b.end ? 1 : 0,
  );
}

/**
 * The period shown when none is chosen: the widest period containing the
 * as-of date (a revision's whole year over the partial period it replaces),
 * else the first one starting after it, else the last.
 */
export function defaultPeriod(dataset: Dataset, categoryId: CategoryId, asOf: IsoDate): DateRange | null {
  const periods = categoryPeriods(dataset, categoryId);
  const containing = periods.filter((p) => p.start <= asOf && asOf <= p.end);
  if (containing.length) return containing.sort((a, b) => (a.end < b.end ? 1 : a.end > b.end ? -1 : 0))[0]!;
  return periods.find((p) => p.start > asOf) ?? periods[periods.length - 1] ?? null;
}

export interface DecodedScenario {
  readonly scenario: Scenario | null;
  /** Parameters present but not usable, by name; the default was used instead. */
  readonly ignored: readonly (keyof typeof SCENARIO_PARAMS)[];
}

/**
 * Reads a scenario from URL parameters, filling gaps with defaults (first
 * category, the period containing the as-of date, seasonal, 0% growth, 10%
 * buffer). Unknown or invalid values are reported in `ignored`, never thrown.
 * `scenario` is null only when the dataset has no category with a cap.
 */
export function decodeScenario(params: URLSearchParams, dataset: Dataset, fallbackAsOf: IsoDate): DecodedScenario {
  const ignored: (keyof typeof SCENARIO_PARAMS)[] = [];
  const rawAsOf = params.get(SCENARIO_PARAMS.asOf);
  if (rawAsOf !== null && !isIsoDate(rawAsOf)) ignored.push('asOf');
  const asOf = rawAsOf !== null && isIsoDate(rawAsOf) ? rawAsOf : fallbackAsOf;

  const capped = dataset.categories.filter((c) => dataset.caps.some((cap) => cap.categoryId === c.id));
  const rawCat = params.get(SCENARIO_PARAMS.category);
  let category = capped.find((c) => c.id === rawCat);
  if (rawCat !== null && !category) ignored.push('category');
  category ??= capped[0];
  if (!category) return { scenario: null, ignored };

  const periods = categoryPeriods(dataset, category.id);
  const rawPeriod = params.get(SCENARIO_PARAMS.period);
  const parsed = rawPeriod !== null ? parsePeriodParam(rawPeriod) : null;
  let period = parsed ? periods.find((p) => p.start === parsed.start && p.end === parsed.end) : undefined;
  if (rawPeriod !== null && !period) ignored.push('period');
  period ??= defaultPeriod(dataset, category.id, asOf)!;

  const rawMethod = params.get(SCENARIO_PARAMS.method);
  const method = PROJECTION_METHODS.find((m) => m === rawMethod);
  if (rawMethod !== null && !method) ignored.push('method');

  const pct = (key: 'growth' | 'buffer', fallback: string): string => {
    const raw = params.get(SCENARIO_PARAMS[key]);
    if (raw === null) return fallback;
    const d = parsePercent(raw, key);
    if (!d) {
      ignored.push(key);
      return fallback;
    }
    return d.toString();
  };

  return {
    scenario: {
      categoryId: category.id,
      period,
      method: method ?? DEFAULT_METHOD,
      growthPercent: pct('growth', DEFAULT_GROWTH_PERCENT),
      bufferPercent: pct('buffer', DEFAULT_BUFFER_PERCENT),
      asOf,
    },
    ignored,
  };
}

/** Writes every field of the scenario into `params` (other parameters are kept). */
export function encodeScenario(s: Scenario, params: URLSearchParams = new URLSearchParams()): URLSearchParams {
  const p = new URLSearchParams(params);
  p.set(SCENARIO_PARAMS.category, s.categoryId);
  p.set(SCENARIO_PARAMS.period, formatPeriodParam(s.period));
  p.set(SCENARIO_PARAMS.method, s.method);
  p.set(SCENARIO_PARAMS.growth, s.growthPercent);
  p.set(SCENARIO_PARAMS.buffer, s.bufferPercent);
  p.set(SCENARIO_PARAMS.asOf, s.asOf);
  return p;
}

export interface CapCrossings {
  readonly cap: CapVersion;
  readonly thresholdAmount: Money;
  /** When the projection reaches the threshold (≈80%) and the cap itself, within the cap's own period. */
  readonly threshold: Crossing;
  readonly full: Crossing;
}

/** One row per month end of the period (the last row is the period end itself). */
export interface MonthRow {
  /** Last day of the month, clipped to the period end (inclusive). */
  readonly date: IsoDate;
  /** Cumulative amount from the period start through `date`. */
  readonly cumulative: Money;
  /** Amount within this month (clipped to the period). */
  readonly inMonth: Money;
  /**
   * known: the cumulative is known on `date` (a disclosed up-to date or a ledger day);
   * interpolated: between two known days (straight line; the disclosure gives no month split);
   * projected: after the last known day, by the scenario's method.
   */
  readonly basis: 'known' | 'interpolated' | 'projected';
  /** Cap − cumulative; null when the cap's period does not include `date`. */
  readonly headroomBinding: Money | null;
  readonly headroomProposed: Money | null;
  readonly utilisationBinding: Decimal | null;
  readonly utilisationProposed: Decimal | null;
}

export interface BufferComparison {
  readonly cap: CapVersion;
  /** cap − needed: negative when the cap falls short of the buffered projection. */
  readonly difference: Money;
  readonly suffices: boolean;
}

export interface ExplorerResult {
  readonly scenario: Scenario;
  /** Decimals of a million the category's agreement disclosed its amounts with. */
  readonly decimals: number;
  readonly projection: Projection;
  readonly binding: CapVersion | null;
  readonly proposed: CapVersion | null;
  readonly threshold: Decimal;
  readonly bindingCrossings: CapCrossings | null;
  readonly proposedCrossings: CapCrossings | null;
  readonly months: readonly MonthRow[];
  readonly buffer: {
    readonly fraction: Decimal;
    /** capForBuffer(projected period end, buffer): rounded up to 0.1 million. */
    readonly capNeeded: Money;
    readonly versusProposed: BufferComparison | null;
    readonly versusBinding: BufferComparison | null;
  };
  /**
   * The amount the issuer disclosed it expects for this period (e.g. hardware
   * 2026: approximately 930.0), with the cap the same buffer would need over
   * it and how the proposed (else binding) cap compares; null when none is disclosed.
   */
  readonly expected: {
    readonly amount: ExpectedAmount;
    readonly capNeeded: Money;
    readonly versus: BufferComparison | null;
  } | null;
}

function overlaps(a: DateRange, b: DateRange): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/**
 * The binding and proposed caps of a category for an explored period: caps
 * resolved on the as-of date clamped into the period (so a future period
 * shows the caps that will apply when it starts), among versions overlapping
 * the period and — for revisions — already announced on the as-of date.
 */
export function capsForPeriod(
  ctx: EngineContext,
  categoryId: CategoryId,
  period: DateRange,
  asOf: IsoDate,
): { binding: CapVersion | null; proposed: CapVersion | null } {
  const on = asOf < period.start ? period.start : asOf > period.end ? period.end : asOf;
  const restricted: Dataset = {
    ...ctx.dataset,
    caps: ctx.dataset.caps.filter(
      (c) =>
        c.categoryId === categoryId && overlaps(c.period, period) && (c.kind === 'original' || c.announcedOn <= asOf),
    ),
  };
  const r = resolveCaps(restricted, categoryId, on, ctx.approvals);
  return { binding: r.binding, proposed: r.proposed };
}

function clipToCap(c: Crossing, cap: CapVersion): Crossing {
  // A cap whose own period ends before the explored one cannot be "reached" after it ends.
  return c.date !== null && c.date > cap.period.end ? { target: c.target, state: 'not-reached', date: null } : c;
}

function crossingsFor(p: Projection, cap: CapVersion | null, threshold: Decimal): CapCrossings | null {
  if (!cap) return null;
  const t = thresholdAmount(cap.amount, threshold);
  return {
    cap,
    thresholdAmount: t,
    threshold: clipToCap(crossing(p, t), cap),
    full: clipToCap(crossing(p, cap.amount), cap),
  };
}

function compareCap(cap: CapVersion | null, needed: Money): BufferComparison | null {
  if (!cap) return null;
  const difference = sub(cap.amount, needed);
  return { cap, difference, suffices: difference >= 0n };
}

/**
 * Month-by-month cumulative amount and headroom over the inclusive period:
 * known actuals through the last known day, the projection after it.
 */
export function monthlyHeadroom(
  projection: Projection,
  binding: CapVersion | null,
  proposed: CapVersion | null,
): MonthRow[] {
  let previous = 0n as Money;
  const known = new Set(projection.knownPoints.map((k) => k.date));
  return monthsInRange(projection.period).map((month) => {
    const date = month.end;
    const cumulative = projection.cumulativeAt(date);
    const inMonth = sub(cumulative, previous);
    previous = cumulative;
    const head = (cap: CapVersion | null) =>
      cap && cap.period.start <= date && date <= cap.period.end ? sub(cap.amount, cumulative) : null;
    const util = (cap: CapVersion | null) =>
      cap && cap.period.start <= date && date <= cap.period.end ? ratio(cumulative, cap.amount) : null;
    return {
      date,
      cumulative,
      inMonth,
      basis: known.has(date)
        ? 'known'
        : projection.through !== null && date <= projection.through
          ? 'interpolated'
          : 'projected',
      headroomBinding: head(binding),
      headroomProposed: head(proposed),
      utilisationBinding: util(binding),
      utilisationProposed: util(proposed),
    };
  });
}

/**
 * Runs a scenario: projection of the period by the chosen method (growth
 * applies to the "growth" method only), crossings of the alert threshold and
 * of each cap, monthly headroom, and the cap needed for the buffer compared
 * with the proposed and binding caps.
 */
export function exploreScenario(ctx: EngineContext, scenario: Scenario): ExplorerResult {
  const { categoryId, period, method, asOf } = scenario;
  const growth = parsePercent(scenario.growthPercent, 'growth') ?? new Decimal(0);
  const bufferPct = parsePercent(scenario.bufferPercent, 'buffer') ?? new Decimal(DEFAULT_BUFFER_PERCENT);
  const projection = project({
    dataset: ctx.dataset,
    ...(ctx.ledger ? { ledger: ctx.ledger } : {}),
    categoryId,
    period,
    asOf,
    method,
    growthAssumption: growth.div(100),
  });
  const { binding, proposed } = capsForPeriod(ctx, categoryId, period, asOf);
  const threshold = thresholdOfCategory(ctx, categoryId);
  const fraction = bufferPct.div(100);
  const capNeeded = capForBuffer(projection.periodEnd, fraction);
  const expectedAmount = ctx.dataset.expected.find(
    (e) => e.categoryId === categoryId && e.period.start === period.start && e.period.end === period.end,
  );
  const expectedNeeded = expectedAmount ? capForBuffer(expectedAmount.amount, fraction) : null;
  return {
    scenario,
    decimals: categoryDecimals(ctx.dataset, categoryId),
    projection,
    binding,
    proposed,
    threshold,
    bindingCrossings: crossingsFor(projection, binding, threshold),
    proposedCrossings: crossingsFor(projection, proposed, threshold),
    months: monthlyHeadroom(projection, binding, proposed),
    buffer: {
      fraction,
      capNeeded,
      versusProposed: compareCap(proposed, capNeeded),
      versusBinding: compareCap(binding, capNeeded),
    },
    expected:
      expectedAmount && expectedNeeded !== null
        ? { amount: expectedAmount, capNeeded: expectedNeeded, versus: compareCap(proposed ?? binding, expectedNeeded) }
        : null,
  };
}

// ---------------------------------------------------------------------------
// Chart series (plot numbers only for placing marks; every figure stays Money)

/**
 * The scenario as a CumulativeSeries, so the shared cumulative chart draws it:
 * known points, then the projection at each month end; binding and proposed
 * caps; the threshold of the binding cap (of the proposed one when none binds).
 */
export function scenarioCumulativeSeries(r: ExplorerResult): CumulativeSeries {
  const p = r.projection;
  const period = p.period;
  const points = projectionPoints(p.knownPoints, p, period);
  const level = capLevel;
  const samePeriod = (cap: CapVersion | null) =>
    cap !== null && cap.period.start === period.start && cap.period.end === period.end;
  const thr = r.bindingCrossings ?? r.proposedCrossings;
  return {
    categoryId: r.scenario.categoryId,
    asOf: r.scenario.asOf,
    decimals: r.decimals,
    method: p.method,
    period,
    through: p.through,
    points,
    binding: level(r.binding),
    proposed: samePeriod(r.proposed) ? level(r.proposed) : null,
    // A proposed cap over another period is named beside the chart, not drawn against this period's curve.
    proposedOtherPeriod:
      r.proposed && !samePeriod(r.proposed) ? { ...level(r.proposed)!, period: r.proposed.period } : null,
    threshold: thr
      ? {
          of: r.bindingCrossings ? 'binding' : 'proposed',
          amount: thr.thresholdAmount,
          amountM: plotMillions(thr.thresholdAmount),
        }
      : null,
    periodEnd: p.periodEnd,
    ...(p.unavailable ? { unavailable: p.unavailable } : {}),
    crossings: thr ? { threshold: thr.threshold, cap: thr.full } : null,
    xDomain: [toDayNumber(period.start) - 1, toDayNumber(period.end)],
    monthTicks: monthsInRange(period).map((m) => ({ day: toDayNumber(m.start), date: m.start })),
    asOfDay: toDayNumber(r.scenario.asOf),
    domain: axisDomain([
      ...points.map((x) => x.actual),
      ...points.map((x) => x.projected),
      r.binding?.amount ?? null,
      r.proposed?.amount ?? null,
    ]),
  };
}

export interface HeadroomPoint {
  readonly date: IsoDate;
  readonly day: number;
  readonly basis: MonthRow['basis'] | 'start';
  readonly binding: Money | null;
  readonly proposed: Money | null;
  readonly bindingM: number | null;
  readonly proposedM: number | null;
}

/** A y-axis that may go below zero (headroom turns negative once a cap is exceeded). */
export interface SignedAxis {
  readonly min: number;
  readonly max: number;
  readonly ticks: readonly number[];
  readonly step: number;
}

/**
 * An axis from min(0, values) to max(0, values), each side padded by 8% and
 * rounded out to the "nice" step `axisDomain` picks for the widest side.
 */
export function signedAxis(values: readonly (Money | null)[]): SignedAxis {
  const mags = values.filter((v): v is Money => v !== null).map((v) => toMillionsDecimal(v));
  const step = new Decimal(
    axisDomain(values.filter((v): v is Money => v !== null).map((v) => (v < 0n ? (-v as Money) : v))).step,
  );
  const out = (d: Decimal) => d.times('1.08').div(step).ceil().times(step);
  const min = out(Decimal.max(0, ...mags.map((d) => d.neg()))).neg();
  // Never a zero-height axis: all-zero values still get one step above zero.
  const max = Decimal.max(out(Decimal.max(0, ...mags)), min.isZero() ? step : 0);
  const num = (d: Decimal) => (d.isZero() ? 0 : d.toNumber());
  const ticks: number[] = [];
  for (let t = min; t.lte(max); t = t.plus(step)) ticks.push(num(t));
  return { min: num(min), max: num(max), ticks, step: step.toNumber() };
}

/**
 * Remaining headroom against the binding and the proposed cap at each month
 * end of the period, starting from the full caps on the day before the period.
 */
export function headroomSeries(r: ExplorerResult): {
  points: HeadroomPoint[];
  axis: SignedAxis;
  xDomain: readonly [number, number];
} {
  const start = addDays(r.projection.period.start, -1);
  const first: HeadroomPoint = {
    date: start,
    day: toDayNumber(start),
    basis: 'start',
    binding: r.binding?.period.start === r.projection.period.start ? r.binding.amount : null,
    proposed: r.proposed?.period.start === r.projection.period.start ? r.proposed.amount : null,
    bindingM: null,
    proposedM: null,
  };
  const points: HeadroomPoint[] = [
    first,
    ...r.months.map((m) => ({
      date: m.date,
      day: toDayNumber(m.date),
      basis: m.basis,
      binding: m.headroomBinding,
      proposed: m.headroomProposed,
      bindingM: null,
      proposedM: null,
    })),
  ].map((p) => ({ ...p, bindingM: plotMillions(p.binding), proposedM: plotMillions(p.proposed) }));
  return {
    points,
    axis: signedAxis(points.flatMap((p) => [p.binding, p.proposed])),
    xDomain: [toDayNumber(start), toDayNumber(r.projection.period.end)],
  };
}
