import Decimal from 'decimal.js';
import { actualForSpan, type ActualBasis } from './actuals';
import { approvalFor, type CapResolution, resolveCaps } from './binding';
import { categoryCurrency, categoryDecimals } from './currency';
import { addDays, type DateRange, type IsoDate, shiftYears } from './dates';
import { type GrowthComparison, ytdGrowth, yoyGrowth } from './growth';
import type { LedgerTotals } from './ledgerTotals';
import type {
  AgreementId,
  ApprovalRecord,
  CapVersion,
  Category,
  CategoryId,
  CurrencyCode,
  Dataset,
  ExpectedAmount,
  Resolution,
} from './model';
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
import {
  type AlertState,
  type CapPosition,
  capPosition,
  type CapState,
  type DisplayStatus,
  type NoDataReason,
  stateOf,
} from './state';
import { capStateOn, type UncappedResolution, type UncappedSummary, uncappedTransactions } from './uncapped';
import { effectiveThreshold, type ThresholdSource } from './threshold';

export type { AlertState, CapState, DisplayStatus, NoDataReason } from './state';

export interface EngineContext {
  readonly dataset: Dataset;
  readonly approvals: readonly ApprovalRecord[];
  readonly ledger?: LedgerTotals;
  /** The user's alert threshold for every agreement (fraction of the cap); none: each agreement's disclosed ~80% or the default. */
  readonly threshold?: Decimal | undefined;
  /** The user's threshold per agreement (fractions); win over `threshold`. */
  readonly thresholdByAgreement?: ReadonlyMap<AgreementId, Decimal> | undefined;
  /** Recorded outcomes of uncapped transactions (they stay listed, but no longer raise the alert). */
  readonly uncappedResolutions?: readonly UncappedResolution[];
}

export interface CapMeasure {
  readonly cap: CapVersion;
  /**
   * Actual within the cap's period from its start to the as-of date (inclusive);
   * when `known` is false only a lower bound (the ledger rows seen so far).
   */
  readonly actual: Money;
  /** The actual is known through `through` (see actualForSpan); false: no data for this span. */
  readonly known: boolean;
  readonly through: IsoDate | null;
  /** Rows after the known-through date are included: the figure may still grow. */
  readonly provisional: boolean;
  /** actual ÷ cap as an exact fraction; null when the actual is unknown. */
  readonly utilisation: Decimal | null;
  /** cap − actual (negative once exceeded); null when the actual is unknown. */
  readonly headroom: Money | null;
  readonly thresholdAmount: Money;
  /** Exact actual against threshold and cap; null when unknown and the lower bound crosses nothing. */
  readonly position: CapPosition | null;
  /** Alert against this cap alone; null when unknown and nothing is crossed. */
  readonly alert: Exclude<AlertState, 'uncapped'> | null;
}

/** The shareholders' meeting whose date passed with no outcome recorded. */
export interface MeetingPrompt {
  readonly resolution: Resolution;
  /** The expected meeting date (inclusive last day before it "has passed"). */
  readonly meetingDate: IsoDate;
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
  /**
   * Actual in the period from its start to the as-of date; when `known` is
   * false only a lower bound (ledger rows seen, no completeness) — never show it as the figure.
   */
  readonly actual: Money;
  /** The period's actual is known through `actualThrough`. */
  readonly known: boolean;
  /** Last day the actual is known to cover (inclusive), or null when nothing is known. */
  readonly actualThrough: IsoDate | null;
  /** Ledger rows after `actualThrough` are included. */
  readonly provisional: boolean;
  /** Day of the last ledger row counted in the period, or null. */
  readonly lastLedgerRow: IsoDate | null;
  readonly actualBasis: ActualBasis;
  /** Whether a cap binds on the as-of date, or which missing-cap state applies. */
  readonly capState: CapState;
  /** From the state table (src/domain/state.ts); null when no alert can be computed. */
  readonly alert: AlertState | null;
  readonly displayStatus: DisplayStatus;
  /** Why utilisation/headroom/alert are absent ("no data for this span"); null when given. */
  readonly noData: NoDataReason | null;
  /** Transactions with no cap in force up to the as-of date. */
  readonly uncapped: UncappedSummary;
  /** Currency of the category's agreement (amounts are in its minor units). */
  readonly currency: CurrencyCode;
  /** Decimals of a million its amounts are shown with: as its agreement disclosed them (categoryDecimals). */
  readonly decimals: number;
  /** The meeting deciding the proposed cap has passed without a recorded outcome. */
  readonly meetingPrompt: MeetingPrompt | null;
  readonly threshold: Decimal;
  /** Where the threshold comes from: this agreement's override, the setting for all, its disclosure, or the default. */
  readonly thresholdSource: ThresholdSource;
  readonly ytd: GrowthComparison | null;
  readonly yoy: GrowthComparison | null;
  /** False when the YoY span ends before the current cap period (or more than a year before the as-of date). */
  readonly yoyCurrent: boolean;
  readonly projections: readonly ProjectionSummary[];
  /** The expected amount for the as-of date, only once the announcement disclosing it is out. */
  readonly expected: ExpectedAmount | null;
  /**
   * Buffer of the binding/proposed cap over the expected amount (fractions),
   * null where the cap's period differs from the expected amount's (see `periodsDiffer`).
   */
  readonly impliedBuffer: {
    readonly binding: Decimal | null;
    readonly proposed: Decimal | null;
    readonly periodsDiffer: { readonly binding: boolean; readonly proposed: boolean };
  } | null;
  /** The category's term does not include the as-of date. */
  readonly outsideTerm: boolean;
}

export { DEFAULT_THRESHOLD } from './threshold';

/**
 * Alert threshold (fraction of the cap) for an agreement: the user's override
 * for that agreement, else the user's setting for all, else the agreement's
 * disclosed controls, else the default (see effectiveThreshold).
 */
export function thresholdOf(ctx: EngineContext, agreementId?: AgreementId): Decimal {
  return effectiveThreshold(ctx, agreementId).fraction;
}

/** The threshold of a category's agreement (see thresholdOf). */
export function thresholdOfCategory(ctx: EngineContext, categoryId: CategoryId): Decimal {
  return thresholdOf(ctx, ctx.dataset.categories.find((c) => c.id === categoryId)?.agreementId);
}

/** Alert state of a known actual against a cap: exceeded above the cap; threshold at or above the threshold. */
export function alertFor(actual: Money, cap: Money, threshold: Decimal): Exclude<AlertState, 'uncapped'> {
  const p = capPosition(actual, cap, thresholdAmount(cap, threshold));
  return p === 'over-cap' ? 'exceeded' : p === 'at-threshold' ? 'threshold' : 'ok';
}

function measure(ctx: EngineContext, cap: CapVersion, asOf: IsoDate, threshold: Decimal): CapMeasure {
  const end = asOf < cap.period.end ? asOf : cap.period.end;
  const a = actualForSpan(ctx.dataset, ctx.ledger, cap.categoryId, { start: cap.period.start, end });
  const known = a.through !== null;
  const thr = thresholdAmount(cap.amount, threshold);
  const pos = capPosition(a.amount, cap.amount, thr);
  // Unknown: a lower bound that already crosses the threshold or cap is still a finding.
  const position = known || pos !== 'below-threshold' ? pos : null;
  return {
    cap,
    actual: a.amount,
    known,
    through: a.through,
    provisional: a.provisional,
    utilisation: known ? (ratio(a.amount, cap.amount) ?? new Decimal(a.amount === 0n ? 0 : Infinity)) : null,
    headroom: known ? sub(cap.amount, a.amount) : null,
    thresholdAmount: thr,
    position,
    alert:
      position === null
        ? null
        : position === 'over-cap'
          ? 'exceeded'
          : position === 'at-threshold'
            ? 'threshold'
            : 'ok',
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
  const { fraction: threshold, source: thresholdSource } = effectiveThreshold(ctx, category.agreementId);
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
  const known = actualThrough !== null;

  const capState = capStateOn(dataset, categoryId, asOf, ctx.approvals);
  const uncapped = uncappedTransactions(dataset, ledger, categoryId, asOf, ctx.approvals, ctx.uncappedResolutions);
  const resolution = caps.proposedResolution;
  const meetingPrompt =
    resolution && asOf > resolution.meetingDate && !approvalFor(resolution.id, ctx.approvals)
      ? { resolution, meetingDate: resolution.meetingDate }
      : null;
  const { alert, displayStatus, noData } = stateOf({
    capState,
    known: binding ? binding.known : known,
    position: binding?.position ?? null,
    uncappedCount: uncapped.count,
    proposed: caps.proposed !== null,
    meetingPassed: meetingPrompt !== null,
  });

  const projections: ProjectionSummary[] = [];
  if (period) {
    // Projections run only from known figures: with nothing known each says "no-actuals".
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

  // An expected amount is news only from the announcement that disclosed it.
  const expected = period
    ? (dataset.expected.find(
        (e) =>
          e.categoryId === categoryId &&
          e.period.start <= asOf &&
          asOf <= e.period.end &&
          e.source.documentDate <= asOf,
      ) ?? null)
    : null;
  const samePeriod = (c: CapVersion | undefined) =>
    !!c && !!expected && c.period.start === expected.period.start && c.period.end === expected.period.end;
  const ytd = period ? ytdGrowth(dataset, ledger, categoryId, period.start, actualThrough) : null;
  const yoy = yoyGrowth(dataset, ledger, categoryId, asOf);
  const yoyCurrent =
    !!yoy && (period ? yoy.span.end >= addDays(period.start, -1) : yoy.span.end > shiftYears(asOf, -1));

  return {
    category,
    asOf,
    period,
    caps,
    proposedResolution: caps.proposedResolution,
    binding,
    proposed,
    actual,
    known,
    actualThrough,
    provisional: spanActual?.provisional ?? false,
    lastLedgerRow: spanActual?.lastRow ?? null,
    actualBasis: spanActual?.basis ?? 'none',
    capState,
    alert,
    displayStatus,
    noData,
    uncapped,
    currency: categoryCurrency(dataset, categoryId),
    decimals: categoryDecimals(dataset, categoryId),
    meetingPrompt,
    threshold,
    thresholdSource,
    ytd,
    yoy,
    yoyCurrent,
    projections,
    expected,
    // Like with like: a cap for January 1–July 28 says nothing about a full-year expectation.
    impliedBuffer: expected
      ? {
          binding: binding && samePeriod(binding.cap) ? impliedBuffer(binding.cap.amount, expected.amount) : null,
          proposed: proposed && samePeriod(proposed.cap) ? impliedBuffer(proposed.cap.amount, expected.amount) : null,
          periodsDiffer: {
            binding: !!binding && !samePeriod(binding.cap),
            proposed: !!proposed && !samePeriod(proposed.cap),
          },
        }
      : null,
    outsideTerm: asOf < category.term.start || asOf > category.term.end,
  };
}

/** Status of every category of the dataset, grouped in dataset order. */
export function allStatuses(ctx: EngineContext, asOf: IsoDate): CategoryStatus[] {
  return ctx.dataset.categories.map((c) => categoryStatus(ctx, c.id, asOf));
}
