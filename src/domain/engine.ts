import Decimal from 'decimal.js';
import { actualForSpan, type ActualBasis } from './actuals';
import { type CapResolution, resolveCaps } from './binding';
import type { DateRange, IsoDate } from './dates';
import { type GrowthComparison, ytdGrowth, yoyGrowth } from './growth';
import type { LedgerTotals } from './ledgerTotals';
import type { ApprovalRecord, CapVersion, Category, CategoryId, Dataset, ExpectedAmount, Resolution } from './model';
import { type Money, ratio, sub, ZERO } from './money';
import {
  crossing,
  type Crossing,
  impliedBuffer,
  project,
  type Projection,
  type ProjectionMethod,
  thresholdAmount,
} from './projection';
import { thresholdFraction } from './threshold';

/** Alert state of the internal controls against the binding cap. */
export type AlertState = 'ok' | 'threshold' | 'exceeded';

/** What a card shows: the alert, or "awaiting approval" when nothing worse applies. */
export type DisplayStatus = AlertState | 'awaiting-approval' | 'no-cap';

export interface EngineContext {
  readonly dataset: Dataset;
  readonly approvals: readonly ApprovalRecord[];
  readonly ledger?: LedgerTotals;
  /** Alert threshold as a fraction of the cap; defaults to the disclosed ~80%. */
  readonly threshold?: Decimal;
}

export interface CapMeasure {
  readonly cap: CapVersion;
  /** Actual within the cap's period from its start to the as-of date (inclusive). */
  readonly actual: Money;
  /** actual ÷ cap as a fraction. */
  readonly utilisation: Decimal;
  /** cap − actual (negative once exceeded). */
  readonly headroom: Money;
  readonly thresholdAmount: Money;
  readonly alert: AlertState;
}

export interface ProjectionSummary {
  /** Projection over `period` (the binding cap's period when one binds). */
  readonly projection: Projection;
  /**
   * Projection over the proposed cap's own period, against which its crossings are
   * computed (hardware: 1,000.0 for all of 2026 while 6.7 binds to July 28); the same
   * object as `projection` when the periods match or nothing is proposed.
   */
  readonly proposedProjection: Projection;
  readonly binding: { readonly threshold: Crossing; readonly cap: Crossing } | null;
  readonly proposed: { readonly threshold: Crossing; readonly cap: Crossing } | null;
}

export interface CategoryStatus {
  readonly category: Category;
  readonly asOf: IsoDate;
  /** The cap period containing the as-of date (binding cap's, else the proposed cap's, else a rejected one's). */
  readonly period: DateRange | null;
  readonly caps: CapResolution;
  readonly proposedResolution: Resolution | null;
  readonly binding: CapMeasure | null;
  readonly proposed: CapMeasure | null;
  /** Actual in the period from its start to the as-of date. */
  readonly actual: Money;
  /** Last day the actual is known to cover (inclusive), or null when nothing is known. */
  readonly actualThrough: IsoDate | null;
  readonly actualBasis: ActualBasis;
  readonly alert: AlertState;
  readonly displayStatus: DisplayStatus;
  readonly threshold: Decimal;
  readonly ytd: GrowthComparison | null;
  readonly yoy: GrowthComparison | null;
  readonly projections: readonly ProjectionSummary[];
  readonly expected: ExpectedAmount | null;
  /** Buffer of the binding/proposed cap over the expected amount (fractions). */
  readonly impliedBuffer: { readonly binding: Decimal | null; readonly proposed: Decimal | null } | null;
  /** The category's term does not include the as-of date. */
  readonly outsideTerm: boolean;
}

export { DEFAULT_THRESHOLD } from './threshold';

export function thresholdOf(ctx: EngineContext): Decimal {
  return ctx.threshold ?? thresholdFraction(ctx.dataset.controls.alertThresholdPercent);
}

/** Alert state of an actual against a cap: exceeded above the cap; threshold at or above the threshold. */
export function alertFor(actual: Money, cap: Money, threshold: Decimal): AlertState {
  if (actual > cap) return 'exceeded';
  if (actual >= thresholdAmount(cap, threshold)) return 'threshold';
  return 'ok';
}

function measure(ctx: EngineContext, cap: CapVersion, asOf: IsoDate, threshold: Decimal): CapMeasure {
  const end = asOf < cap.period.end ? asOf : cap.period.end;
  const actual = actualForSpan(ctx.dataset, ctx.ledger, cap.categoryId, { start: cap.period.start, end }).amount;
  return {
    cap,
    actual,
    utilisation: ratio(actual, cap.amount) ?? new Decimal(actual === 0n ? 0 : Infinity),
    headroom: sub(cap.amount, actual),
    thresholdAmount: thresholdAmount(cap.amount, threshold),
    alert: alertFor(actual, cap.amount, threshold),
  };
}

const DEFAULT_METHODS: readonly ProjectionMethod[] = ['linear', 'seasonal'];

/**
 * Status of one category on `asOf` (inclusive): the period containing the
 * date, binding and proposed caps, actual to date, utilisation, headroom,
 * alert, growth and projections.
 */
export function categoryStatus(
  ctx: EngineContext,
  categoryId: CategoryId,
  asOf: IsoDate,
  options: { methods?: readonly ProjectionMethod[]; growthAssumption?: Decimal } = {},
): CategoryStatus {
  const { dataset, ledger } = ctx;
  const category = dataset.categories.find((c) => c.id === categoryId);
  if (!category) throw new RangeError(`Unknown category "${categoryId}"`);
  const threshold = thresholdOf(ctx);
  const caps = resolveCaps(dataset, categoryId, asOf, ctx.approvals);
  // A voted-down cap still defines the period whose transactions have no cap in force:
  // without it, amounts transacted after an earlier cap ended would go unreported.
  const period = caps.binding?.period ?? caps.proposed?.period ?? caps.rejected[0]?.period ?? null;
  const binding = caps.binding ? measure(ctx, caps.binding, asOf, threshold) : null;
  const proposed = caps.proposed ? measure(ctx, caps.proposed, asOf, threshold) : null;

  const spanActual = period
    ? actualForSpan(dataset, ledger, categoryId, { start: period.start, end: asOf < period.end ? asOf : period.end })
    : null;
  const actual = spanActual?.amount ?? ZERO;
  const actualThrough = spanActual?.through ?? null;

  let alert: AlertState = binding?.alert ?? 'ok';
  if (!binding && period) {
    // No cap in force: any amount since the last binding cap ended is a breach.
    const lastEnded = dataset.caps
      .filter((c) => c.categoryId === categoryId && c.period.end >= period.start && c.period.end < asOf)
      .filter((c) => resolveCaps(dataset, categoryId, c.period.end, ctx.approvals).binding?.id === c.id)
      .map((c) => c.period.end)
      .sort()
      .pop();
    const uncappedAmount = lastEnded
      ? sub(actual, actualForSpan(dataset, ledger, categoryId, { start: period.start, end: lastEnded }).amount)
      : actual;
    if (uncappedAmount > 0n) alert = 'exceeded';
  }
  const displayStatus: DisplayStatus =
    alert !== 'ok' ? alert : caps.proposed ? 'awaiting-approval' : binding ? 'ok' : 'no-cap';

  const projections: ProjectionSummary[] = [];
  if (period) {
    for (const method of options.methods ?? DEFAULT_METHODS) {
      const run = (p: DateRange) =>
        project({
          dataset,
          ledger,
          categoryId,
          period: p,
          asOf,
          method,
          ...(options.growthAssumption ? { growthAssumption: options.growthAssumption } : {}),
        });
      const projection = run(period);
      const pp = proposed?.cap.period;
      const proposedProjection = pp && (pp.start !== period.start || pp.end !== period.end) ? run(pp) : projection;
      const cross = (p: Projection, m: CapMeasure | null) =>
        m && {
          threshold: crossing(p, m.thresholdAmount),
          cap: crossing(p, m.cap.amount),
        };
      projections.push({
        projection,
        proposedProjection,
        binding: cross(projection, binding),
        proposed: cross(proposedProjection, proposed),
      });
    }
  }

  const expected = period
    ? (dataset.expected.find((e) => e.categoryId === categoryId && e.period.start <= asOf && asOf <= e.period.end) ??
      null)
    : null;

  return {
    category,
    asOf,
    period,
    caps,
    proposedResolution: caps.proposedResolution,
    binding,
    proposed,
    actual,
    actualThrough,
    actualBasis: spanActual?.basis ?? 'none',
    alert,
    displayStatus,
    threshold,
    ytd: period ? ytdGrowth(dataset, ledger, categoryId, period.start, actualThrough) : null,
    yoy: yoyGrowth(dataset, ledger, categoryId, asOf),
    projections,
    expected,
    impliedBuffer: expected
      ? {
          binding: binding ? impliedBuffer(binding.cap.amount, expected.amount) : null,
          proposed: proposed ? impliedBuffer(proposed.cap.amount, expected.amount) : null,
        }
      : null,
    outsideTerm: asOf < category.term.start || asOf > category.term.end,
  };
}

/** Status of every category of the dataset, grouped in dataset order. */
export function allStatuses(ctx: EngineContext, asOf: IsoDate): CategoryStatus[] {
  return ctx.dataset.categories.map((c) => categoryStatus(ctx, c.id, asOf));
}
