/**
 * Headroom explorer: one scenario (category, cap period, projection method,
 * growth assumption, buffer, as-of date) → projected period end, the dates the
 * threshold and the caps are reached, month-by-month headroom and the cap a
 * buffer would need. Pure; the scenario round-trips through URL parameters so
 * a link reproduces it.
 */
import Decimal from 'decimal.js';
import { resolveCaps } from './binding';
import { type DateRange, type IsoDate, isIsoDate, monthsInRange } from './dates';
import { type EngineContext, thresholdOf } from './engine';
import type { CapVersion, CategoryId, Dataset } from './model';
import { type Money, ratio, sub } from './money';
import {
  capForBuffer, crossing, type Crossing, PROJECTION_METHODS, project, type Projection, type ProjectionMethod,
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
  return [...seen.values()].sort((a, b) => (a.start !== b.start ? (a.start < b.start ? -1 : 1) : a.end < b.end ? -1 : a.end > b.end ? 1 : 0));
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
  /** "actual" when `date` is on or before the last day actuals are known through. */
  readonly basis: 'actual' | 'projected';
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
      (c) => c.categoryId === categoryId && overlaps(c.period, period) && (c.kind === 'original' || c.announcedOn <= asOf),
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
      basis: projection.through !== null && date <= projection.through ? 'actual' : 'projected',
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
  const threshold = thresholdOf(ctx);
  const fraction = bufferPct.div(100);
  const capNeeded = capForBuffer(projection.periodEnd, fraction);
  return {
    scenario,
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
  };
}
