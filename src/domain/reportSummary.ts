/**
 * The directors' report cover page: which categories need the board's
 * attention on the as-of date, and why. Pure: turns engine statuses into
 * typed reasons; the UI words them in either language.
 */
import type Decimal from 'decimal.js';
import { type IsoDate, minDate, toDayNumber } from './dates';
import type { CategoryStatus } from './engine';
import type { CapVersion, CategoryId, CurrencyCode, Resolution } from './model';
import { type Money, ratio } from './money';
import type { Crossing, ProjectionMethod } from './projection';
import type { UncappedResolution } from './uncapped';

/** A projected date with the method that gives it (the earliest over the methods run). */
export interface ProjectedDate {
  readonly date: IsoDate;
  readonly method: ProjectionMethod;
  /** The amount reached on that date: the threshold amount or the cap. */
  readonly target: Money;
  /** Projected period-end amount of that method. */
  readonly periodEnd: Money;
}

export type AttentionReason =
  /**
   * Transactions with no cap in force (before the first cap, after a term, after a
   * rejection, or where no cap is recorded): worse than exceeding a cap.
   */
  | {
      readonly kind: 'uncapped';
      readonly amount: Money;
      readonly currency: CurrencyCode;
      readonly count: number;
      readonly firstDate: IsoDate;
      /** Some of them fall where the term runs but no cap is recorded. */
      readonly capNotRecorded: boolean;
    }
  /**
   * Transactions with no cap in force that the user resolved (misclassified, covered by
   * another agreement, exempt under rule 14A.76, or reported): listed with their outcome,
   * so the board sees what happened and what was concluded.
   */
  | {
      readonly kind: 'uncapped-resolved';
      readonly currency: CurrencyCode;
      readonly resolutions: readonly UncappedResolution[];
    }
  /** Actual above the binding cap. */
  | {
      readonly kind: 'exceeded';
      readonly actual: Money;
      readonly cap: Money | null;
      readonly utilisation: Decimal | null;
    }
  /** Actual at or above the alert threshold of the binding cap. */
  | {
      readonly kind: 'threshold';
      readonly actual: Money;
      readonly cap: Money;
      readonly utilisation: Decimal;
      readonly threshold: Decimal;
    }
  /**
   * A projection reaches the threshold and/or the binding cap before the period ends
   * (only dates still ahead of the known actuals; dates already reached are the two reasons above).
   */
  | {
      readonly kind: 'projected';
      readonly periodEnd: IsoDate;
      readonly threshold: ProjectedDate | null;
      readonly cap: ProjectedDate | null;
      /** A projection also exceeds the proposed cap awaiting approval. */
      readonly proposedCap: ProjectedDate | null;
    }
  /** A revised or new cap awaits independent shareholders' approval; the earlier cap binds meanwhile. */
  | { readonly kind: 'awaiting-approval'; readonly proposed: CapVersion; readonly resolution: Resolution | null }
  /** A proposed cap was voted down. */
  | { readonly kind: 'rejected'; readonly caps: readonly CapVersion[] }
  /** No cap is in force on the as-of date (none exists, or the only one awaits approval). */
  | { readonly kind: 'no-cap' }
  /** Inside the term, but the data holds no cap for the date: add it in the cap register. */
  | { readonly kind: 'cap-not-recorded' }
  /** Nothing is known for the period: no disclosure reaches into it and the ledger is not complete. */
  | { readonly kind: 'no-data' }
  /** The meeting deciding a proposed cap has passed and no outcome is recorded. */
  | { readonly kind: 'meeting-passed'; readonly resolution: Resolution; readonly meetingDate: IsoDate }
  /**
   * The actuals stop well before the as-of date (or nothing is known in the period):
   * figures and alerts may be out of date.
   */
  | { readonly kind: 'stale'; readonly through: IsoDate | null; readonly daysBehind: number | null };

export type AttentionKind = AttentionReason['kind'];

/** Order of seriousness on the cover page (lower first). */
export const ATTENTION_ORDER: readonly AttentionKind[] = [
  'uncapped',
  'uncapped-resolved',
  'exceeded',
  'threshold',
  'no-cap',
  'cap-not-recorded',
  'meeting-passed',
  'projected',
  'no-data',
  'rejected',
  'awaiting-approval',
  'stale',
];

export interface CategoryAttention {
  readonly categoryId: CategoryId;
  readonly status: CategoryStatus;
  /** Most serious first (ATTENTION_ORDER). Empty: nothing to report. */
  readonly reasons: readonly AttentionReason[];
  readonly needsAttention: boolean;
  /** The as-of date lies outside the category's term: nothing is assessed. */
  readonly outsideTerm: boolean;
}

export interface ReportSummary {
  readonly asOf: IsoDate;
  readonly categories: readonly CategoryAttention[];
  /** Categories needing attention, most serious first, then in dataset order. */
  readonly attention: readonly CategoryAttention[];
  readonly counts: Readonly<Record<AttentionKind, number>>;
}

export interface SummaryOptions {
  /**
   * Actuals known through a day more than this many days before the as-of date are
   * stale. Default 31: finance reports monthly, so older figures missed a report.
   */
  readonly staleAfterDays?: number;
}

function earliest(list: readonly (ProjectedDate | null)[]): ProjectedDate | null {
  let best: ProjectedDate | null = null;
  for (const p of list) if (p && (!best || p.date < best.date)) best = p;
  return best;
}

/** The reasons one category needs attention on its status's as-of date. */
export function attentionReasons(status: CategoryStatus, options: SummaryOptions = {}): AttentionReason[] {
  const staleAfter = options.staleAfterDays ?? 31;
  const reasons: AttentionReason[] = [];
  const { binding, period } = status;
  const u = status.uncapped;

  // Reported even outside the term: a transaction there had no cap at all.
  if (u.count > 0 && u.firstDate) {
    reasons.push({
      kind: 'uncapped',
      amount: u.amount,
      currency: status.currency,
      count: u.count,
      firstDate: u.firstDate,
      capNotRecorded: u.days.some((d) => !d.resolution && d.capState === 'cap-not-recorded'),
    });
  }
  const resolved = u.spans.flatMap((x) => x.resolutions.filter((r) => r.applies).map((r) => r.resolution));
  if (resolved.length > 0)
    reasons.push({ kind: 'uncapped-resolved', currency: status.currency, resolutions: resolved });
  if (status.outsideTerm) return reasons;
  if (binding?.position === 'over-cap') {
    reasons.push({
      kind: 'exceeded',
      actual: binding.actual,
      cap: binding.cap.amount,
      utilisation: ratio(binding.actual, binding.cap.amount),
    });
  } else if (binding?.position === 'at-threshold') {
    reasons.push({
      kind: 'threshold',
      actual: binding.actual,
      cap: binding.cap.amount,
      utilisation: ratio(binding.actual, binding.cap.amount)!,
      threshold: status.threshold,
    });
  }

  if (period) {
    const ahead = (c: Crossing | undefined, p: CategoryStatus['projections'][number]): ProjectedDate | null =>
      c && c.state === 'projected' && c.date !== null && c.date <= period.end
        ? { date: c.date, method: p.projection.method, target: c.target, periodEnd: p.projection.periodEnd }
        : null;
    const pos = binding?.position ?? null;
    const threshold =
      pos === 'below-threshold' ? earliest(status.projections.map((p) => ahead(p.binding?.threshold, p))) : null;
    const cap = pos !== 'over-cap' ? earliest(status.projections.map((p) => ahead(p.binding?.cap, p))) : null;
    const proposedCap = earliest(status.projections.map((p) => ahead(p.proposed?.cap, p)));
    if (threshold || cap || proposedCap) {
      reasons.push({ kind: 'projected', periodEnd: period.end, threshold, cap, proposedCap });
    }
  }

  if (status.caps.rejected.length > 0) reasons.push({ kind: 'rejected', caps: status.caps.rejected });
  if (status.capState === 'no-cap') reasons.push({ kind: 'no-cap' });
  if (status.capState === 'cap-not-recorded') reasons.push({ kind: 'cap-not-recorded' });
  if (status.meetingPrompt) {
    reasons.push({
      kind: 'meeting-passed',
      resolution: status.meetingPrompt.resolution,
      meetingDate: status.meetingPrompt.meetingDate,
    });
  }
  if (status.caps.proposed) {
    reasons.push({ kind: 'awaiting-approval', proposed: status.caps.proposed, resolution: status.proposedResolution });
  }

  if (period) {
    const through = status.actualThrough;
    if (through === null) reasons.push({ kind: 'no-data' });
    else {
      const daysBehind = toDayNumber(minDate(status.asOf, period.end)) - toDayNumber(through);
      if (daysBehind > staleAfter) reasons.push({ kind: 'stale', through, daysBehind });
    }
  }

  return reasons.sort((a, b) => ATTENTION_ORDER.indexOf(a.kind) - ATTENTION_ORDER.indexOf(b.kind));
}

/**
 * The cover-page summary of the statuses of one as-of date: per category its
 * reasons, and the categories needing attention ordered by their most serious
 * reason (ties keep dataset order).
 */
export function reportSummary(statuses: readonly CategoryStatus[], options: SummaryOptions = {}): ReportSummary {
  const categories: CategoryAttention[] = statuses.map((status) => {
    const reasons = attentionReasons(status, options);
    return {
      categoryId: status.category.id,
      status,
      reasons,
      needsAttention: reasons.length > 0,
      outsideTerm: status.outsideTerm,
    };
  });
  const rank = (c: CategoryAttention) => ATTENTION_ORDER.indexOf(c.reasons[0]!.kind);
  const attention = categories
    .map((c, i) => ({ c, i }))
    .filter(({ c }) => c.needsAttention)
    .sort((a, b) => rank(a.c) - rank(b.c) || a.i - b.i)
    .map(({ c }) => c);
  const counts = Object.fromEntries(ATTENTION_ORDER.map((k) => [k, 0])) as Record<AttentionKind, number>;
  for (const c of categories) for (const r of c.reasons) counts[r.kind] += 1;
  const asOf = statuses[0]?.asOf ?? '';
  return { asOf, categories, attention, counts };
}
