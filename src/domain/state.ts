/**
 * The one table of compliance states. Every screen, report, slide, export,
 * the alert log and the `status` command derive a category's `alert` and
 * `displayStatus` from `stateOf` and nowhere else, so two views can never
 * disagree about whether a cap is in force, a figure is known or a breach
 * happened.
 */
import Decimal from 'decimal.js';

/**
 * Whether a cap binds on a date.
 * - `in-force`: a cap binds.
 * - `no-cap`: no cap exists — before the agreement or the category's first cap,
 *   after the term ends, after the meeting rejected the revision, or while the
 *   only cap for the date still awaits approval.
 * - `cap-not-recorded`: the date is inside the category's term but the data holds
 *   no cap version for it (IDC from January 1 to July 28, 2028 was set by the
 *   July 29, 2025 announcement, not by the one built in): add it in the cap register.
 */
export type CapState = 'in-force' | 'no-cap' | 'cap-not-recorded';

/**
 * Where the exact actual stands against the binding cap: below the threshold,
 * at or above the threshold (threshold amount included) but not above the cap
 * (cap included), or above the cap.
 */
export type CapPosition = 'below-threshold' | 'at-threshold' | 'over-cap';

/**
 * Internal-control alert, in increasing seriousness. `uncapped` (a transaction
 * with no cap in force) is worse than `exceeded`: Chapter 14A was not complied
 * with at all for it.
 */
export type AlertState = 'ok' | 'threshold' | 'exceeded' | 'uncapped';

/** What a card, slide, report row or status line shows for a category. */
export type DisplayStatus =
  AlertState | 'no-cap' | 'cap-not-recorded' | 'no-data' | 'meeting-passed' | 'awaiting-approval';

/** Why a figure (utilisation, headroom, alert, projection) cannot be given. */
export type NoDataReason =
  /** Nothing is known for the span: no disclosure reaches into it and the ledger is not complete for it. */
  | 'unknown-actual'
  /** No cap binds, so there is nothing to measure against. */
  | 'no-cap'
  /** Inside the term but no cap is recorded for the date. */
  | 'cap-not-recorded';

export interface StateInputs {
  readonly capState: CapState;
  /** True when the actual is known through some date of the span (see actualForSpan). */
  readonly known: boolean;
  /**
   * Exact actual against the binding cap; null without a binding cap, or when the
   * figure is unknown and the amount seen so far (a lower bound) crosses nothing.
   */
  readonly position: CapPosition | null;
  /** Unresolved transactions with no cap in force up to the as-of date (any span of the category). */
  readonly uncappedCount: number;
  /** A revised or new cap for the date awaits independent shareholders' approval. */
  readonly proposed: boolean;
  /** The meeting that decides a proposed cap was due before the as-of date and no outcome is recorded. */
  readonly meetingPassed: boolean;
}

export interface StateOutputs {
  /** Null when no alert can be computed (no cap in force, or nothing known) and nothing is uncapped. */
  readonly alert: AlertState | null;
  readonly displayStatus: DisplayStatus;
  /** Why utilisation, headroom and the alert are absent; null when they are given. */
  readonly noData: NoDataReason | null;
}

/** One row of the state table: the first row whose `when` holds gives the outputs. */
export interface StateRule {
  readonly name: string;
  readonly when: (i: StateInputs) => boolean;
  readonly then: (i: StateInputs) => StateOutputs;
}

const positionAlert = (i: StateInputs): AlertState | null =>
  i.position === null || !i.known ? null : i.position === 'below-threshold' ? 'ok' : null;

/**
 * The state table, most serious first. A breach always wins over a missing
 * figure (a lower bound above the cap is a breach even when later rows may be
 * missing), and a missing cap or figure never shows as "ok".
 */
export const STATE_TABLE: readonly StateRule[] = [
  {
    name: 'uncapped transactions',
    when: (i) => i.uncappedCount > 0,
    then: (i) => ({
      alert: 'uncapped',
      displayStatus: 'uncapped',
      noData: i.capState !== 'in-force' ? i.capState : i.known ? null : 'unknown-actual',
    }),
  },
  {
    name: 'over the cap',
    when: (i) => i.capState === 'in-force' && i.position === 'over-cap',
    then: (i) => ({ alert: 'exceeded', displayStatus: 'exceeded', noData: i.known ? null : 'unknown-actual' }),
  },
  {
    name: 'at or above the threshold',
    when: (i) => i.capState === 'in-force' && i.position === 'at-threshold',
    then: (i) => ({ alert: 'threshold', displayStatus: 'threshold', noData: i.known ? null : 'unknown-actual' }),
  },
  {
    name: 'no cap exists',
    when: (i) => i.capState === 'no-cap',
    then: () => ({ alert: null, displayStatus: 'no-cap', noData: 'no-cap' }),
  },
  {
    name: 'cap not recorded',
    when: (i) => i.capState === 'cap-not-recorded',
    then: () => ({ alert: null, displayStatus: 'cap-not-recorded', noData: 'cap-not-recorded' }),
  },
  {
    name: 'nothing known',
    when: (i) => !i.known,
    then: () => ({ alert: null, displayStatus: 'no-data', noData: 'unknown-actual' }),
  },
  {
    name: 'meeting passed without an outcome',
    when: (i) => i.meetingPassed,
    then: (i) => ({ alert: positionAlert(i), displayStatus: 'meeting-passed', noData: null }),
  },
  {
    name: 'awaiting approval',
    when: (i) => i.proposed,
    then: (i) => ({ alert: positionAlert(i), displayStatus: 'awaiting-approval', noData: null }),
  },
  {
    name: 'below the threshold',
    when: () => true,
    then: (i) => ({ alert: positionAlert(i), displayStatus: 'ok', noData: null }),
  },
];

/** The alert and display status of a category from the state table (first matching row). */
export function stateOf(inputs: StateInputs): StateOutputs {
  for (const rule of STATE_TABLE) if (rule.when(inputs)) return rule.then(inputs);
  /* c8 ignore next */
  throw new Error('state table has no catch-all row');
}

/** Seriousness of an alert: higher is worse. `uncapped` ranks above `exceeded`. */
export const ALERT_SEVERITY: Readonly<Record<AlertState, number>> = {
  ok: 0,
  threshold: 1,
  exceeded: 2,
  uncapped: 3,
};

/** Display statuses most serious first: the overview summary and report cover page order. */
export const DISPLAY_ORDER: readonly DisplayStatus[] = [
  'uncapped',
  'exceeded',
  'threshold',
  'no-cap',
  'cap-not-recorded',
  'no-data',
  'meeting-passed',
  'awaiting-approval',
  'ok',
];

/** Display statuses that are never "fine": a cap or a figure is missing, or the cap is crossed. */
export function needsAction(s: DisplayStatus): boolean {
  return s !== 'ok' && s !== 'awaiting-approval';
}

/**
 * Where an exact amount stands against a cap with an alert threshold: over the
 * cap when strictly above it; at the threshold when at or above the threshold
 * amount (rounded half-up to the minor unit) and not above the cap.
 */
export function capPosition(actual: bigint, cap: bigint, thresholdAmount: bigint): CapPosition {
  if (actual > cap) return 'over-cap';
  if (actual >= thresholdAmount) return 'at-threshold';
  return 'below-threshold';
}

/**
 * Utilisation in percent, rounded half-up to `decimals` like the
 * announcement's own figures — except that the shown figure never crosses a
 * boundary the exact figure has not crossed: 79.96% below an 80% threshold
 * shows 79.9 (not 80.0), and 100.004% over the cap shows 100.1 (never 100.0).
 * Boundaries: the threshold (reached at or above, `thresholdPercent` included)
 * and the cap (exceeded strictly above 100).
 *
 * @param exactPercent utilisation in percent, exact
 * @param thresholdPercent the alert threshold in percent of the cap
 */
export function statePercent(exactPercent: Decimal, thresholdPercent: Decimal, decimals = 1): Decimal {
  const rounded = exactPercent.toDecimalPlaces(decimals, Decimal.ROUND_HALF_UP);
  const up = () => exactPercent.toDecimalPlaces(decimals, Decimal.ROUND_CEIL);
  const down = () => exactPercent.toDecimalPlaces(decimals, Decimal.ROUND_FLOOR);
  const hundred = new Decimal(100);
  if (exactPercent.gt(hundred) && rounded.lte(hundred)) return up();
  if (exactPercent.lte(hundred) && rounded.gt(hundred)) return down();
  if (exactPercent.gte(thresholdPercent) && rounded.lt(thresholdPercent)) return up();
  if (exactPercent.lt(thresholdPercent) && rounded.gte(thresholdPercent)) return down();
  return rounded;
}

/**
 * An amount (e.g. headroom in millions) rounded half-up to `decimals`, except
 * that a negative amount never shows as zero: one fen over the cap is a
 * headroom of −0.1 million, not 0.0 or −0.0.
 */
export function signKeepingRound(value: Decimal, decimals = 1): Decimal {
  const rounded = value.toDecimalPlaces(decimals, Decimal.ROUND_HALF_UP);
  if (value.isNegative() && !value.isZero() && rounded.gte(0)) return value.toDecimalPlaces(decimals, Decimal.ROUND_UP);
  if (rounded.isZero()) return new Decimal(0);
  return rounded;
}
