/**
 * Chart series prepared from the engine. Charts only draw what these return:
 * every figure is computed here in exact Money/Decimal, and the `…M` number
 * fields (RMB million as JS numbers) exist only so a chart library can place
 * marks. Never add or compare the `…M` fields; use the Money fields.
 */
import { categoryDecimals } from './currency';
import Decimal from 'decimal.js';
import { actualForSpan, type ActualBasis, type CumulativePoint } from './actuals';
import { capLines, capStanding, type CapStanding, resolveCaps } from './binding';
import {
  contains,
  type DateRange,
  type IsoDate,
  maxDate,
  minDate,
  monthsInRange,
  priorYearSpan,
  toDayNumber,
} from './dates';
import { categoryStatus, type EngineContext, thresholdOfCategory } from './engine';
import { formatIsoDate, type Locale } from './format';
import { type GrowthComparison } from './growth';
import type { ApprovalRecord, CapVersion, CategoryId, Dataset } from './model';
import { type Money, ratio, toMillionsDecimal } from './money';
import {
  crossing,
  type Crossing,
  project,
  type Projection,
  type ProjectionMethod,
  thresholdAmount,
} from './projection';

/** Money → RMB million as a JS number, for plotting only. */
export function plotMillions(m: Money): number;
export function plotMillions(m: Money | null): number | null;
export function plotMillions(m: Money | null): number | null {
  return m === null ? null : toMillionsDecimal(m).toNumber();
}

// ---------------------------------------------------------------------------
// Axis domain

/** A y-axis in RMB million: [0, max] with evenly spaced ticks. */
export interface AxisDomain {
  readonly max: number;
  readonly step: number;
  readonly ticks: readonly number[];
}

const NICE_STEPS = ['1', '2', '2.5', '5', '10'];

/**
 * A y-axis that always shows every given amount (caps, actuals, projections):
 * the largest one × `headroom` (default 1.08), rounded up to a "nice" step
 * (1, 2, 2.5 or 5 × 10ⁿ) giving about five intervals. Amounts may be null
 * (skipped); an all-zero or empty input yields [0, 1].
 */
export function axisDomain(
  values: readonly (Money | null | undefined)[],
  headroom = '1.08',
  intervals = 5,
): AxisDomain {
  let top = new Decimal(0);
  for (const v of values) if (v !== null && v !== undefined && v > 0n) top = Decimal.max(top, toMillionsDecimal(v));
  if (top.isZero()) return { max: 1, step: 0.2, ticks: [0, 0.2, 0.4, 0.6, 0.8, 1] };
  const raw = top.times(headroom);
  const rough = raw.div(intervals);
  const magnitude = new Decimal(10).pow(Math.floor(Math.log10(rough.toNumber())));
  let step = magnitude.times(10);
  for (const s of NICE_STEPS) {
    const candidate = magnitude.times(s);
    if (candidate.gte(rough)) {
      step = candidate;
      break;
    }
  }
  const max = raw.div(step).ceil().times(step);
  const ticks: number[] = [];
  for (let t = new Decimal(0); t.lte(max); t = t.plus(step)) ticks.push(t.toNumber());
  return { max: max.toNumber(), step: step.toNumber(), ticks };
}

// ---------------------------------------------------------------------------
// Labels

function isCalendarYear(r: DateRange): boolean {
  return r.start.slice(5) === '01-01' && r.end.slice(5) === '12-31' && r.start.slice(0, 4) === r.end.slice(0, 4);
}

/**
 * A compact label of an inclusive period for chart axes: "2025" for a calendar
 * year, otherwise both ends ("Jul 29 – Dec 31, 2025" / "2025年7月29日至12月31日").
 */
export function shortPeriodLabel(r: DateRange, locale: Locale = 'en'): string {
  if (isCalendarYear(r)) return locale === 'zh' ? `${r.start.slice(0, 4)}年` : r.start.slice(0, 4);
  const sameYear = r.start.slice(0, 4) === r.end.slice(0, 4);
  const end = formatIsoDate(r.end, sameYear && locale === 'zh' ? 'shortNoYear' : 'short', locale);
  const start = formatIsoDate(r.start, sameYear && locale === 'en' ? 'shortNoYear' : 'short', locale);
  return locale === 'zh' ? `${start}至${end}` : `${start} – ${end}`;
}

/** A date in words, short enough for a table cell or axis: "Sep 3, 2026" / "2026年9月3日". */
export function shortDateLabel(d: IsoDate, locale: Locale = 'en'): string {
  return formatIsoDate(d, 'short', locale);
}

/** A month tick label: "Apr" / "4月" (with the year on January: "Jan 2026" / "2026年1月"). */
export function monthTickLabel(d: IsoDate, locale: Locale = 'en'): string {
  return formatIsoDate(d, d.slice(5, 7) === '01' ? 'month' : 'monthName', locale);
}

// ---------------------------------------------------------------------------
// (a) Actual versus caps for every period

/** The caps a user could know of on `asOf`: originals, and revisions announced by then. */
function knownAt(dataset: Dataset, approvals: readonly ApprovalRecord[], asOf: IsoDate) {
  return {
    dataset: { ...dataset, caps: dataset.caps.filter((c) => c.kind === 'original' || c.announcedOn <= asOf) },
    // An outcome recorded with a later date had not happened yet on `asOf`.
    approvals: approvals.filter((a) => a.date <= asOf),
  };
}

export interface CapMark {
  readonly cap: CapVersion;
  readonly amount: Money;
  /**
   * Standing for its period as known on the as-of date: judged on the as-of
   * date clipped into the cap's period, counting only approvals recorded by then.
   */
  readonly standing: CapStanding;
  readonly amountM: number;
}

export interface PeriodRow {
  /** Stable key: the id of the line's first cap version. */
  readonly key: string;
  /** Union of the line's periods (inclusive). */
  readonly period: DateRange;
  /** Each distinct period of the line (hardware 2026: January 1–July 28 and the whole year). */
  readonly periods: readonly DateRange[];
  /** Where the period lies relative to the as-of date. */
  readonly timing: 'past' | 'current' | 'future';
  /** Known actual from the period start through min(asOf, period end); null when nothing is known. */
  readonly actual: Money | null;
  readonly actualThrough: IsoDate | null;
  readonly actualBasis: ActualBasis;
  /** Whether the disclosed snapshot behind the actual is audited (null without one). */
  readonly audited: boolean | null;
  /** The original cap of the line (null for a line that starts with a new cap). */
  readonly original: CapMark | null;
  /** The latest revised or new cap of the line announced by the as-of date. */
  readonly revised: CapMark | null;
  /** Cap binding on the as-of date clipped into the period, with what was known on the as-of date. */
  readonly binding: CapVersion | null;
  /** The binding cap × the alert threshold. */
  readonly threshold: Money | null;
  /** actual ÷ binding cap; null without both. */
  readonly utilisation: Decimal | null;
  readonly actualM: number | null;
  readonly originalM: number | null;
  readonly revisedM: number | null;
  readonly bindingM: number | null;
  readonly thresholdM: number | null;
}

export interface PeriodSeries {
  readonly categoryId: CategoryId;
  readonly asOf: IsoDate;
  /** Decimals of a million the category's agreement disclosed its amounts with (categoryDecimals). */
  readonly decimals: number;
  readonly threshold: Decimal;
  readonly rows: readonly PeriodRow[];
  readonly domain: AxisDomain;
}

/**
 * One row per cap line of a category (capLines: a revision sits with the cap
 * it replaces): the actual known through min(asOf, period end), the original
 * and the revised/new cap with its standing on `asOf`, the cap binding on
 * `asOf` clipped into the period (for a past period: at its end; a future one:
 * at its start, counting only approvals recorded by `asOf`), and the threshold
 * amount of that cap. Lines of which nothing was announced by `asOf` are left out.
 */
export function periodSeries(ctx: EngineContext, categoryId: CategoryId, asOf: IsoDate): PeriodSeries {
  const threshold = thresholdOfCategory(ctx, categoryId);
  const known = knownAt(ctx.dataset, ctx.approvals, asOf);
  const rows: PeriodRow[] = [];
  for (const line of capLines(ctx.dataset, categoryId)) {
    const announced = line.filter((c) => c.kind === 'original' || c.announcedOn <= asOf);
    if (announced.length === 0) continue;
    const start = line.map((c) => c.period.start).reduce(minDate);
    const end = line.map((c) => c.period.end).reduce(maxDate);
    const period = { start, end };
    const periods = [...new Map(line.map((c) => [`${c.period.start}/${c.period.end}`, c.period])).values()];
    const timing = asOf < start ? 'future' : asOf > end ? 'past' : 'current';
    const span = timing === 'future' ? null : { start, end: minDate(asOf, end) };
    const a = span ? actualForSpan(ctx.dataset, ctx.ledger, categoryId, span) : null;
    const actual = a && a.through !== null ? a.amount : null;
    const at = asOf < start ? start : asOf > end ? end : asOf;
    // Standing for the period as known on `asOf`: a future original is set, not "unannounced".
    const mark = (cap: CapVersion | undefined): CapMark | null =>
      cap
        ? {
            cap,
            amount: cap.amount,
            amountM: plotMillions(cap.amount),
            standing: capStanding(
              cap,
              contains(cap.period, at) ? at : cap.period.start > at ? cap.period.start : cap.period.end,
              known.approvals,
            ),
          }
        : null;
    const original = mark(announced.find((c) => c.kind === 'original'));
    const revisions = announced.filter((c) => c.kind !== 'original');
    const revised = mark(revisions[revisions.length - 1]);
    const binding = resolveCaps(known.dataset, categoryId, at, known.approvals).binding;
    const lineBinding = binding && line.some((c) => c.id === binding.id) ? binding : null;
    const thr = lineBinding ? thresholdAmount(lineBinding.amount, threshold) : null;
    rows.push({
      key: line[0]!.id,
      period,
      periods,
      timing,
      actual,
      actualThrough: a?.through ?? null,
      actualBasis: a?.basis ?? 'none',
      audited: a?.snapshot ? a.snapshot.audited : null,
      original,
      revised,
      binding: lineBinding,
      threshold: thr,
      utilisation: actual !== null && lineBinding ? ratio(actual, lineBinding.amount) : null,
      actualM: plotMillions(actual),
      originalM: original?.amountM ?? null,
      revisedM: revised?.amountM ?? null,
      bindingM: lineBinding ? plotMillions(lineBinding.amount) : null,
      thresholdM: plotMillions(thr),
    });
  }
  const domain = axisDomain(rows.flatMap((r) => [r.actual, r.original?.amount ?? null, r.revised?.amount ?? null]));
  return { categoryId, asOf, decimals: categoryDecimals(ctx.dataset, categoryId), threshold, rows, domain };
}

// ---------------------------------------------------------------------------
// (b) Cumulative actual within the current period

export interface CumulativePointRow {
  readonly date: IsoDate;
  /** Days since 1970-01-01: the x position. */
  readonly day: number;
  /** Known cumulative actual from the period start through `date`; null where not known. */
  readonly actual: Money | null;
  /** Projected cumulative amount; set from the last known day onwards. */
  readonly projected: Money | null;
  readonly actualM: number | null;
  readonly projectedM: number | null;
}

export interface CapLevel {
  readonly cap: CapVersion;
  readonly amount: Money;
  readonly amountM: number;
}

/** A cap as a chart level (its amount and the plotted millions); null for none. */
export function capLevel(cap: CapVersion | null): CapLevel | null {
  return cap ? { cap, amount: cap.amount, amountM: plotMillions(cap.amount) } : null;
}

/**
 * The points of a cumulative chart: the known cumulative amounts, then the
 * projection at each month end after the data's last day to the period end.
 * The dashed projection starts at the last known point so the two lines join.
 * No projection when it is unavailable or the data reaches the period end.
 */
export function projectionPoints(
  known: readonly CumulativePoint[],
  p: Pick<Projection, 'through' | 'unavailable' | 'cumulativeAt'>,
  period: DateRange,
): CumulativePointRow[] {
  const points: CumulativePointRow[] = known.map((k) => ({
    date: k.date,
    day: toDayNumber(k.date),
    actual: k.amount,
    projected: null,
    actualM: plotMillions(k.amount),
    projectedM: null,
  }));
  const through = p.through;
  if (through === null || through >= period.end || p.unavailable) return points;
  const last = points[points.length - 1]!;
  points[points.length - 1] = { ...last, projected: last.actual, projectedM: last.actualM };
  for (const m of monthsInRange({ start: through, end: period.end })) {
    if (m.end <= through) continue;
    const v = p.cumulativeAt(m.end);
    points.push({
      date: m.end,
      day: toDayNumber(m.end),
      actual: null,
      projected: v,
      actualM: null,
      projectedM: plotMillions(v),
    });
  }
  return points;
}

export interface CumulativeSeries {
  readonly categoryId: CategoryId;
  readonly asOf: IsoDate;
  /** Decimals of a million the category's agreement disclosed its amounts with (categoryDecimals). */
  readonly decimals: number;
  readonly method: ProjectionMethod;
  /** The current cap period (inclusive). */
  readonly period: DateRange;
  /** Last day of known actuals, or null. */
  readonly through: IsoDate | null;
  readonly points: readonly CumulativePointRow[];
  readonly binding: CapLevel | null;
  /** The proposed cap, when it covers this same period. */
  readonly proposed: CapLevel | null;
  /**
   * A proposed cap for a different period (hardware: 1,000.0 for all of 2026
   * while 6.7 binds to July 28): not drawn against this period's cumulative
   * amount, which it does not measure, but named beside the chart.
   */
  readonly proposedOtherPeriod: (CapLevel & { readonly period: DateRange }) | null;
  /** The alert threshold amount: of the binding cap, or of the proposed cap when none binds. */
  readonly threshold: { readonly of: 'binding' | 'proposed'; readonly amount: Money; readonly amountM: number } | null;
  /** Projected period-end amount (equals the actual when the period is over or nothing can be projected). */
  readonly periodEnd: Money;
  readonly unavailable?: 'no-actuals' | 'no-prior-year';
  /** When the threshold and the cap the threshold belongs to are (projected to be) reached. */
  readonly crossings: { readonly threshold: Crossing; readonly cap: Crossing } | null;
  /** x positions: the day before the period starts and its last day. */
  readonly xDomain: readonly [number, number];
  /** x ticks: the first day of each month within the period, and the period start unless it is within 15 days of the next. */
  readonly monthTicks: readonly { readonly day: number; readonly date: IsoDate }[];
  readonly asOfDay: number;
  readonly domain: AxisDomain;
}

/** At most this many known points are drawn; beyond it, the last known day of each month. */
const MAX_KNOWN_POINTS = 60;

/** Keeps the zero point, disclosed up-to dates (`keep`) and the last known day of each month. */
function thinKnown<T extends { date: IsoDate }>(points: readonly T[], keep: ReadonlySet<IsoDate>): T[] {
  if (points.length <= MAX_KNOWN_POINTS) return [...points];
  const out: T[] = [points[0]!];
  for (let i = 1; i < points.length; i++) {
    const next = points[i + 1];
    if (!next || next.date.slice(0, 7) !== points[i]!.date.slice(0, 7) || keep.has(points[i]!.date))
      out.push(points[i]!);
  }
  return out;
}

/**
 * Cumulative actual within the cap period containing `asOf` (the binding
 * cap's, else the proposed cap's): the known points (zero on the day before
 * the period, each disclosed up-to date, each ledger day — when there are
 * many, thinned to the disclosed dates and the last known day of each month), then the projection by
 * `method` from the last known day through every month end to the period end;
 * plus the binding cap, the proposed cap (when it covers the same period) and
 * the threshold as levels.
 * Null when no cap period contains `asOf`.
 */
export function cumulativeSeries(
  ctx: EngineContext,
  categoryId: CategoryId,
  asOf: IsoDate,
  method: ProjectionMethod,
  growthAssumption?: Decimal,
): CumulativeSeries | null {
  const status = categoryStatus(ctx, categoryId, asOf, { methods: [] });
  const period = status.period;
  if (!period) return null;
  const p = project({
    dataset: ctx.dataset,
    ledger: ctx.ledger,
    categoryId,
    period,
    asOf,
    method,
    ...(growthAssumption ? { growthAssumption } : {}),
  });
  const disclosedDays = new Set(
    ctx.dataset.historicals
      .filter((h) => h.categoryId === categoryId && h.range.start === period.start)
      .map((h) => h.range.end),
  );
  const points = projectionPoints(thinKnown(p.knownPoints, disclosedDays), p, period);
  const level = capLevel;
  const binding = level(status.binding?.cap ?? null);
  const proposedCap = status.proposed?.cap ?? null;
  const samePeriod =
    proposedCap !== null && proposedCap.period.start === period.start && proposedCap.period.end === period.end;
  const proposed = samePeriod ? level(proposedCap) : null;
  const proposedOtherPeriod =
    proposedCap && !samePeriod ? { ...level(proposedCap)!, period: proposedCap.period } : null;
  const thrOf = status.binding ?? status.proposed;
  const threshold = thrOf
    ? {
        of: status.binding ? ('binding' as const) : ('proposed' as const),
        amount: thrOf.thresholdAmount,
        amountM: plotMillions(thrOf.thresholdAmount),
      }
    : null;
  const crossings = thrOf
    ? { threshold: crossing(p, thrOf.thresholdAmount), cap: crossing(p, thrOf.cap.amount) }
    : null;
  const monthTicks = monthsInRange(period).map((mo) => ({ day: toDayNumber(mo.start), date: mo.start }));
  // A period starting late in a month (April 23) would crowd its first tick into the next month's.
  if (monthTicks.length > 1 && monthTicks[1]!.day - monthTicks[0]!.day < 16) monthTicks.shift();
  return {
    categoryId,
    asOf,
    decimals: categoryDecimals(ctx.dataset, categoryId),
    method,
    period,
    through: p.through,
    points,
    binding,
    proposed,
    proposedOtherPeriod,
    threshold,
    periodEnd: p.periodEnd,
    ...(p.unavailable ? { unavailable: p.unavailable } : {}),
    crossings,
    xDomain: [toDayNumber(period.start) - 1, toDayNumber(period.end)],
    monthTicks,
    asOfDay: toDayNumber(asOf),
    domain: axisDomain([
      ...points.map((x) => x.actual),
      ...points.map((x) => x.projected),
      binding?.amount ?? null,
      proposed?.amount ?? null,
    ]),
  };
}

// ---------------------------------------------------------------------------
// (c) Year to date versus the same span last year

export interface ComparisonBar {
  /** "ytd": the current period to date; "yoy": the latest complete period. */
  readonly key: 'ytd' | 'yoy';
  readonly span: DateRange;
  readonly priorSpan: DateRange;
  readonly current: Money;
  readonly prior: Money;
  /** Growth as a fraction; null when the prior amount is zero. */
  readonly rate: Decimal | null;
  readonly currentM: number;
  readonly priorM: number;
}

export interface MonthComparison {
  /** Month end (inclusive) of the current year's cumulative span. */
  readonly date: IsoDate;
  readonly current: Money | null;
  readonly prior: Money | null;
  readonly currentM: number | null;
  readonly priorM: number | null;
}

export interface YtdComparison {
  readonly categoryId: CategoryId;
  readonly asOf: IsoDate;
  /** Decimals of a million the category's agreement disclosed its amounts with (categoryDecimals). */
  readonly decimals: number;
  readonly ytd: GrowthComparison | null;
  readonly yoy: GrowthComparison | null;
  /** The comparisons that exist, year to date first. */
  readonly bars: readonly ComparisonBar[];
  /** Month-by-month cumulative this year vs last year; empty without ledger data. */
  readonly months: readonly MonthComparison[];
  readonly domain: AxisDomain;
}

function bar(key: 'ytd' | 'yoy', g: GrowthComparison | null): ComparisonBar[] {
  if (!g) return [];
  return [
    {
      key,
      span: g.span,
      priorSpan: g.priorSpan,
      current: g.current,
      prior: g.prior,
      rate: g.rate,
      currentM: plotMillions(g.current),
      priorM: plotMillions(g.prior),
    },
  ];
}

/**
 * Year-to-date actual against the same span of the prior year (the engine's
 * ytd), and the latest complete period against the one before (yoy). When the
 * category has ledger entries, also the cumulative actual at each month end of
 * the year-to-date span against the same day a year earlier (each side only
 * where known).
 */
export function ytdComparison(ctx: EngineContext, categoryId: CategoryId, asOf: IsoDate): YtdComparison {
  const status = categoryStatus(ctx, categoryId, asOf, { methods: [] });
  const { ytd, yoy } = status;
  const months: MonthComparison[] = [];
  const hasLedger = (ctx.ledger?.byCategory.get(categoryId)?.days.length ?? 0) > 0;
  if (hasLedger && ytd) {
    for (const mo of monthsInRange(ytd.span)) {
      const span = { start: ytd.span.start, end: mo.end };
      const cur = actualForSpan(ctx.dataset, ctx.ledger, categoryId, span);
      const prev = actualForSpan(ctx.dataset, ctx.ledger, categoryId, priorYearSpan(span));
      const current = cur.through !== null ? cur.amount : null;
      const prior = prev.through !== null ? prev.amount : null;
      months.push({ date: mo.end, current, prior, currentM: plotMillions(current), priorM: plotMillions(prior) });
    }
  }
  // At a period end the year to date is the whole period: show that comparison once.
  const sameSpan = ytd && yoy && ytd.span.start === yoy.span.start && ytd.span.end === yoy.span.end;
  const bars = [...bar('ytd', ytd), ...(sameSpan ? [] : bar('yoy', yoy))];
  return {
    categoryId,
    asOf,
    decimals: categoryDecimals(ctx.dataset, categoryId),
    ytd,
    yoy,
    bars,
    months,
    domain: axisDomain([...bars.flatMap((b) => [b.current, b.prior]), ...months.flatMap((m) => [m.current, m.prior])]),
  };
}
