/**
 * The alert log of section IV(ii): when a category's state worsens within a
 * cap period (threshold reached, cap exceeded, transactions with no cap in
 * force, projected to exceed the cap before the period ends on both
 * projection methods), one record is kept, once per state and period, and
 * then handled: acknowledged, reported to senior management, and where
 * needed to the board. Pure rules; the states themselves come from the
 * engine's state table, evaluated at today's date (never at a browsed date).
 */
import { addDays, type IsoDate, toDayNumber } from '../dates';
import type { CategoryId } from '../model';

/** States that open an alert, in order of severity (least first). */
export type AlertState = 'projected' | 'threshold' | 'exceeded' | 'uncapped';

export const ALERT_STATES: readonly AlertState[] = ['projected', 'threshold', 'exceeded', 'uncapped'];

/** One step of handling: when, by whom, with what note. */
export interface HandlingStep {
  readonly on: IsoDate;
  readonly by: string;
  readonly note: string;
}

/** Where the figures that crossed came from. */
export interface AlertSource {
  readonly kind: 'disclosure' | 'ledger' | 'manual';
  /** Disclosure: the figure's id; ledger: the newest import batch id (or file name). */
  readonly ref: string;
}

export interface AlertFigures {
  /** Actual of the period through `through`, minor units as a decimal string. */
  readonly actualMinor: string;
  /** Binding cap of the period, minor units as a decimal string; null when none is in force. */
  readonly capMinor: string | null;
  readonly thresholdPercent: string;
  /** Utilisation in percent, one decimal, null without a cap. */
  readonly utilisationPercent: string | null;
  /** Total of uncapped transactions, minor units (uncapped alerts). */
  readonly uncappedMinor?: string;
  /** Projected dates the cap is reached, per method (projected alerts). */
  readonly projectedOn?: Readonly<Record<string, IsoDate>>;
  readonly currency: string;
  /** Date the actual is known through. */
  readonly through: IsoDate | null;
}

export interface AlertRecord {
  /** `${categoryId}|${periodStart}|${state}`: the once-per-state-and-period key. */
  readonly id: string;
  readonly categoryId: CategoryId;
  readonly periodStart: IsoDate;
  readonly periodEnd: IsoDate;
  readonly state: AlertState;
  /** Date the amounts crossed, from the data (null when the data cannot say). */
  readonly crossedOn: IsoDate | null;
  /** Date the app detected it (today's date at evaluation). */
  readonly detectedOn: IsoDate;
  readonly figures: AlertFigures;
  readonly source: AlertSource;
  /** Whether the state needs reporting on to the board (cap exceeded, uncapped, projected to exceed). */
  readonly boardRequired: boolean;
  readonly acknowledged: HandlingStep | null;
  readonly reportedToManagement: HandlingStep | null;
  readonly reportedToBoard: HandlingStep | null;
}

/** What the engine says about one category at today's date. */
export interface CategoryObservation {
  readonly categoryId: CategoryId;
  readonly periodStart: IsoDate;
  readonly periodEnd: IsoDate;
  /** Every alert state that holds now, each with the date the data crossed into it. */
  readonly states: ReadonlyArray<{ readonly state: AlertState; readonly crossedOn: IsoDate | null }>;
  readonly figures: AlertFigures;
  readonly source: AlertSource;
}

export function alertId(categoryId: CategoryId, periodStart: IsoDate, state: AlertState): string {
  return `${categoryId}|${periodStart}|${state}`;
}

/**
 * The alerts to create now: one per state that holds and has no record for
 * the same category, period and state. A state already recorded in the
 * period is not recorded again (leaving it and coming back, e.g. after a
 * rollback and a re-import, is the same alert); a new period or a new state
 * is a new record. `today` is the detection date: callers pass the real
 * date, never the as-of date a user is browsing.
 */
export function alertsToCreate(
  observations: readonly CategoryObservation[],
  existing: readonly Pick<AlertRecord, 'id'>[],
  today: IsoDate,
): AlertRecord[] {
  const have = new Set(existing.map((a) => a.id));
  const out: AlertRecord[] = [];
  for (const o of observations) {
    for (const s of o.states) {
      const id = alertId(o.categoryId, o.periodStart, s.state);
      if (have.has(id)) continue;
      have.add(id);
      out.push({
        id,
        categoryId: o.categoryId,
        periodStart: o.periodStart,
        periodEnd: o.periodEnd,
        state: s.state,
        crossedOn: s.crossedOn,
        detectedOn: today,
        figures: o.figures,
        source: o.source,
        boardRequired: s.state !== 'threshold',
        acknowledged: null,
        reportedToManagement: null,
        reportedToBoard: null,
      });
    }
  }
  return out;
}

/** Default days within which an alert must be reported to senior management ("immediately"). */
export const DEFAULT_OVERDUE_DAYS = 3;

export type AlertStage = 'new' | 'acknowledged' | 'reported' | 'closed';

/** Where an alert stands: closed once reported to management and, where needed, to the board. */
export function alertStage(a: AlertRecord): AlertStage {
  if (a.reportedToManagement && (!a.boardRequired || a.reportedToBoard)) return 'closed';
  if (a.reportedToManagement) return 'reported';
  if (a.acknowledged) return 'acknowledged';
  return 'new';
}

/**
 * Overdue: not reported to senior management more than `days` days after
 * detection (the day of detection plus `days` is still in time), judged at `today`.
 */
export function isOverdue(a: AlertRecord, today: IsoDate, days: number): boolean {
  if (a.reportedToManagement) return false;
  return toDayNumber(today) > toDayNumber(addDays(a.detectedOn, days));
}

/** Open alerts first (worst state, oldest detection), then closed ones newest first. */
export function sortAlerts(list: readonly AlertRecord[]): AlertRecord[] {
  const sev = (a: AlertRecord) => ALERT_STATES.indexOf(a.state);
  return [...list].sort((a, b) => {
    const oa = alertStage(a) === 'closed' ? 1 : 0;
    const ob = alertStage(b) === 'closed' ? 1 : 0;
    if (oa !== ob) return oa - ob;
    if (oa === 0) return sev(b) - sev(a) || a.detectedOn.localeCompare(b.detectedOn) || a.id.localeCompare(b.id);
    return b.detectedOn.localeCompare(a.detectedOn) || a.id.localeCompare(b.id);
  });
}

/** The first date a running cumulative total reaches `level` (inclusive), or null. Points ascending by date. */
export function crossingDate(
  points: ReadonlyArray<{ readonly date: IsoDate; readonly cumulativeMinor: bigint }>,
  level: bigint,
): IsoDate | null {
  for (const p of points) if (p.cumulativeMinor >= level) return p.date;
  return null;
}
