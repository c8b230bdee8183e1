/**
 * What the alert log observes: each category's state at TODAY's date, read
 * from the engine's statuses (whose alert comes from the state table,
 * domain/state.ts) — never recomputed here. Only the date the amounts crossed
 * is added, from the known cumulative actuals the projections already hold.
 */
import Decimal from 'decimal.js';
import type { IsoDate } from '../dates';
import { allStatuses, type CategoryStatus, type EngineContext } from '../engine';
import type { CategoryId } from '../model';
import {
  alertsToCreate,
  type AlertRecord,
  type AlertSource,
  type AlertState,
  type CategoryObservation,
} from './alertLog';

function percent1(fraction: Decimal | null | undefined): string | null {
  if (!fraction || !fraction.isFinite()) return null;
  return fraction.times(100).toDecimalPlaces(1, Decimal.ROUND_DOWN).toFixed(1);
}

/**
 * The observation of one category's status (null when it has no cap period).
 * States: `threshold` when the binding cap's threshold is reached, `exceeded`
 * when the cap is (both also true when exceeded), `uncapped` when the state
 * table reports transactions with no cap in force, `projected` when BOTH
 * projection methods reach the binding cap before the period ends.
 */
export function observeStatus(s: CategoryStatus, source: AlertSource): CategoryObservation | null {
  if (!s.period) return null;
  const states: { state: AlertState; crossedOn: IsoDate | null }[] = [];
  const b = s.binding;
  const first = s.projections[0]?.binding ?? null;
  const alert = s.alert as string | null;
  if (b && (b.alert === 'threshold' || b.alert === 'exceeded'))
    states.push({ state: 'threshold', crossedOn: first?.threshold.state === 'reached' ? first.threshold.date : null });
  if (b && b.alert === 'exceeded')
    states.push({ state: 'exceeded', crossedOn: first?.cap.state === 'reached' ? first.cap.date : null });
  // Transactions with no cap in force: 'uncapped' in the state table (an 'exceeded' with no binding cap before it).
  if (alert === 'uncapped' || (!b && alert === 'exceeded'))
    states.push({ state: 'uncapped', crossedOn: s.actualThrough });
  const projectedOn: Record<string, IsoDate> = {};
  if (b && b.alert !== 'exceeded' && s.projections.length >= 2) {
    const all = s.projections.every((p) => p.binding?.cap.state === 'projected' && p.binding.cap.date !== null);
    if (all) {
      for (const p of s.projections) projectedOn[p.projection.method] = p.binding!.cap.date!;
      states.push({ state: 'projected', crossedOn: s.actualThrough });
    }
  }
  return {
    categoryId: s.category.id,
    periodStart: s.period.start,
    periodEnd: s.period.end,
    states,
    figures: {
      actualMinor: s.actual.toString(),
      capMinor: b ? b.cap.amount.toString() : null,
      thresholdPercent: s.threshold.times(100).toString(),
      utilisationPercent: b ? percent1(b.utilisation) : null,
      ...(Object.keys(projectedOn).length ? { projectedOn } : {}),
      currency: 'RMB',
      through: s.actualThrough,
    },
    source,
  };
}

/**
 * Where a category's figure comes from: the newest committed ledger batch
 * (`newestBatch`), manual entries when there is none, else the disclosure used.
 */
export function alertSourceFor(s: CategoryStatus, newestBatch: string | null): AlertSource {
  if ((s.actualBasis === 'ledger' || s.actualBasis === 'disclosed+ledger') && newestBatch)
    return { kind: 'ledger', ref: newestBatch };
  if (s.actualBasis === 'ledger' || s.actualBasis === 'disclosed+ledger')
    return { kind: 'manual', ref: 'manual entries' };
  return { kind: 'disclosure', ref: `${s.category.id}:${s.actualThrough ?? ''}` };
}

/**
 * The alerts to create when data changes: statuses at `today` (the real date,
 * never the as-of date a user browses), observed, minus those already logged.
 * `sourceOf` names the disclosure or ledger batch a category's figure comes from;
 * `currencyOf` the category's currency.
 */
export function evaluateAlerts(
  ctx: EngineContext,
  today: IsoDate,
  existing: readonly Pick<AlertRecord, 'id'>[],
  sourceOf: (s: CategoryStatus) => AlertSource,
  currencyOf: (id: CategoryId) => string = () => 'RMB',
): AlertRecord[] {
  return alertsFromStatuses(allStatuses(ctx, today), today, existing, sourceOf, currencyOf);
}

/** evaluateAlerts from the statuses at `today` already worked out (a caller that slices that work). */
export function alertsFromStatuses(
  statuses: readonly CategoryStatus[],
  today: IsoDate,
  existing: readonly Pick<AlertRecord, 'id'>[],
  sourceOf: (s: CategoryStatus) => AlertSource,
  currencyOf: (id: CategoryId) => string = () => 'RMB',
): AlertRecord[] {
  const observations = statuses
    .map((s) => {
      const o = observeStatus(s, sourceOf(s));
      return o && { ...o, figures: { ...o.figures, currency: currencyOf(s.category.id) } };
    })
    .filter((o): o is CategoryObservation => o !== null);
  return alertsToCreate(observations, existing, today);
}
