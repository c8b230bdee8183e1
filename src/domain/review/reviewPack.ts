/**
 * The annual review pack of the continuing connected transactions (rules
 * 14A.55, 14A.56, 14A.59, 14A.71 of the Hong Kong Listing Rules): everything
 * the independent non-executive directors and the auditors need for one
 * financial year, assembled from records — the engine's statuses (caps,
 * actuals, states), the alert log, the pricing evidence, the price checks,
 * the approvals and the change history's head. Pure: no storage, no UI.
 */
import type { AlertRecord } from '../alerts/alertLog';
import { type DateRange, type IsoDate } from '../dates';
import { categoryStatus, type CategoryStatus, type EngineContext } from '../engine';
import {
  checkOrder,
  type LedgerReferenceTotal,
  ledgerWithoutOrder,
  missingQuarters,
  type OrderCheck,
  type PriceCheck,
  type PurchaseOrder,
} from '../evidence/pricing';
import type { Agreement, ApprovalRecord, CapVersion, Category } from '../model';

/** One cap period of a category that overlaps the year, measured at its end (or the review date). */
export interface ReviewPeriod {
  /** The cap period as set (may start or end outside the year). */
  readonly period: DateRange;
  /** The date the status is taken at: the earliest of the period end, the year end and the review date. */
  readonly measuredAt: IsoDate;
  readonly status: CategoryStatus;
  /** Every cap version set for this period (original, revised, new). */
  readonly versions: readonly CapVersion[];
  readonly exceeded: boolean;
  readonly uncapped: boolean;
}

export interface ReviewCategory {
  readonly category: Category;
  readonly agreement: Agreement;
  readonly periods: readonly ReviewPeriod[];
  readonly alerts: readonly AlertRecord[];
  readonly orders: readonly { readonly order: PurchaseOrder; readonly check: OrderCheck }[];
  readonly checks: readonly PriceCheck[];
  /** Quarters of the year (ended by the review date) with no price check: cloud services only. */
  readonly missingQuarters: readonly string[];
  /** Ledger references of the year with no purchase order (procurement categories). */
  readonly withoutOrder: readonly LedgerReferenceTotal[];
}

/** An approval a listed issuer's board or shareholders gave for an agreement or a cap revision. */
export interface ApprovalEvidence {
  readonly agreementId: string;
  /** What was approved: the agreement itself, a supplement, or a cap version. */
  readonly what: 'agreement' | 'supplement' | 'cap';
  readonly capId?: string;
  readonly date: IsoDate;
  /**
   * Board approval: stated by the announcement (built-in data), recorded in the
   * cap register with its date and minutes, or not recorded (an exception).
   */
  readonly board: 'disclosed' | 'recorded' | 'not-recorded';
  /** The recorded board approval (register data). */
  readonly boardApproval: { readonly date: IsoDate; readonly source: string } | null;
  /** Independent shareholders' approval, when the cap needs it. */
  readonly shareholders: null | {
    readonly resolutionId: string;
    readonly meetingDate: IsoDate;
    readonly outcome: ApprovalRecord | null;
  };
  readonly sourceSection: string;
}

export type MatterId = 'approved' | 'pricing' | 'agreements' | 'caps';

/** One of the four matters of rule 14A.56 with its exceptions (empty: nothing came to attention). */
export interface Matter {
  readonly id: MatterId;
  readonly exceptions: readonly string[];
}

export interface ReviewPack {
  readonly year: number;
  readonly yearRange: DateRange;
  /** The date the pack is drawn up at: the year end, or today while the year runs. */
  readonly reviewDate: IsoDate;
  readonly complete: boolean;
  readonly categories: readonly ReviewCategory[];
  readonly approvals: readonly ApprovalEvidence[];
  /** Rule 14A.56 matters in the rule's order. Exception texts are codes with arguments joined by '|'. */
  readonly matters: readonly Matter[];
  /** True when any matter has an exception: then rule 14A.59 applies. */
  readonly confirmationAtRisk: boolean;
  readonly alerts: readonly AlertRecord[];
}

export interface ReviewInputs {
  readonly ctx: EngineContext;
  readonly year: number;
  /** Today's date: a running year is reviewed up to it. */
  readonly today: IsoDate;
  readonly alerts: readonly AlertRecord[];
  readonly orders: readonly PurchaseOrder[];
  readonly checks: readonly PriceCheck[];
  readonly references: readonly LedgerReferenceTotal[];
}

const overlaps = (a: DateRange, b: DateRange) => a.start <= b.end && b.start <= a.end;

/** The pack for one financial year (calendar year, inclusive). */
export function buildReviewPack(inp: ReviewInputs): ReviewPack {
  const { ctx, year } = inp;
  const { dataset } = ctx;
  const yearRange = { start: `${year}-01-01`, end: `${year}-12-31` };
  const reviewDate = inp.today < yearRange.end ? inp.today : yearRange.end;
  const procurement = new Set(dataset.categories.filter((c) => c.direction === 'procured-by-group').map((c) => c.id));
  const categories: ReviewCategory[] = [];
  for (const category of dataset.categories) {
    if (!overlaps(category.term, yearRange)) continue;
    const agreement = dataset.agreements.find((a) => a.id === category.agreementId)!;
    const versions = dataset.caps.filter((c) => c.categoryId === category.id && overlaps(c.period, yearRange));
    const periods = [...new Map(versions.map((v) => [`${v.period.start}|${v.period.end}`, v.period])).values()].sort(
      (a, b) => a.start.localeCompare(b.start),
    );
    const reviewPeriods: ReviewPeriod[] = [];
    for (const period of periods) {
      const measuredAt = [period.end, yearRange.end, reviewDate].sort()[0]!;
      if (measuredAt < period.start) continue;
      const status = categoryStatus(ctx, category.id, measuredAt);
      const alert = status.alert as string | null;
      reviewPeriods.push({
        period,
        measuredAt,
        status,
        versions: versions.filter((v) => v.period.start === period.start && v.period.end === period.end),
        exceeded: status.binding?.alert === 'exceeded',
        uncapped: alert === 'uncapped' || (!status.binding && alert === 'exceeded'),
      });
    }
    // A period whose cap was replaced by one for a longer period (hardware: the RMB 1,000 million
    // cap approved for all of 2026 supersedes the 6.7 for January 1 to July 28) is shown once, under
    // the period of the cap that binds.
    const shown = reviewPeriods.filter((p) => {
      const b = p.status.binding?.cap.period;
      if (!b || (b.start === p.period.start && b.end === p.period.end)) return true;
      return !reviewPeriods.some((o) => o.period.start === b.start && o.period.end === b.end);
    });
    reviewPeriods.splice(0, reviewPeriods.length, ...shown);
    const inYear = (d: IsoDate) => d >= yearRange.start && d <= yearRange.end;
    const alerts = inp.alerts.filter(
      (a) => a.categoryId === category.id && overlaps({ start: a.periodStart, end: a.periodEnd }, yearRange),
    );
    const orders = inp.orders
      .filter((o) => o.categoryId === category.id && inYear(o.date))
      .map((order) => ({ order, check: checkOrder(order) }));
    const checks = inp.checks.filter((c) => c.categoryId === category.id && c.quarter.startsWith(`${year}-`));
    const term = {
      start: category.term.start > yearRange.start ? category.term.start : yearRange.start,
      end: category.term.end < yearRange.end ? category.term.end : yearRange.end,
    };
    const missing =
      category.direction === 'provided-by-group' ? missingQuarters(category.id, term, reviewDate, inp.checks) : [];
    const withoutOrder = procurement.has(category.id)
      ? ledgerWithoutOrder(
          inp.references.filter(
            (r) => r.categoryId === category.id && r.lastDate >= yearRange.start && r.firstDate <= yearRange.end,
          ),
          inp.orders,
          procurement,
        )
      : [];
    categories.push({
      category,
      agreement,
      periods: reviewPeriods,
      alerts,
      orders,
      checks,
      missingQuarters: missing,
      withoutOrder,
    });
  }

  // Board and shareholders' approvals of each agreement, supplement and cap revision in force in the year.
  const approvals: ApprovalEvidence[] = [];
  const agreementIds = new Set(categories.map((c) => c.agreement.id));
  for (const a of dataset.agreements.filter((x) => agreementIds.has(x.id))) {
    const boardOf = (b: ApprovalEvidence['boardApproval'] | undefined) =>
      a.builtIn
        ? { board: 'disclosed' as const, boardApproval: null }
        : b
          ? { board: 'recorded' as const, boardApproval: b }
          : { board: 'not-recorded' as const, boardApproval: null };
    approvals.push({
      agreementId: a.id,
      what: 'agreement',
      date: a.signedOn,
      ...boardOf(a.boardApproval),
      shareholders: null,
      sourceSection: a.source.section,
    });
    for (const s of a.supplements)
      approvals.push({
        agreementId: a.id,
        what: 'supplement',
        date: s.date,
        ...boardOf(null),
        shareholders: null,
        sourceSection: s.source.section,
      });
    const caps = categories
      .filter((c) => c.agreement.id === a.id)
      .flatMap((c) => c.periods.flatMap((p) => p.versions))
      .filter((v) => v.kind !== 'original');
    for (const v of caps) {
      const res =
        v.approval.kind === 'independent-shareholders'
          ? dataset.resolutions.find((r) => r.id === (v.approval as { resolutionId: string }).resolutionId)
          : null;
      approvals.push({
        agreementId: a.id,
        what: 'cap',
        capId: v.id,
        date: v.announcedOn,
        ...boardOf(v.boardApproval),
        shareholders: res
          ? {
              resolutionId: res.id,
              meetingDate: res.meetingDate,
              outcome: ctx.approvals.find((x) => x.resolutionId === res.id) ?? null,
            }
          : null,
        sourceSection: v.source.section,
      });
    }
  }

  const ex = (code: string, ...args: (string | number)[]) => [code, ...args].join('|');
  const matterApproved: string[] = [];
  for (const ap of approvals) {
    if (ap.board === 'not-recorded')
      matterApproved.push(
        ap.what === 'cap'
          ? ex('board-cap-not-recorded', ap.agreementId, ap.capId ?? '', ap.date)
          : ex('board-not-recorded', ap.agreementId, ap.date),
      );
    if (ap.shareholders && !ap.shareholders.outcome && ap.shareholders.meetingDate <= reviewDate)
      matterApproved.push(ex('meeting-outcome-missing', ap.shareholders.resolutionId, ap.shareholders.meetingDate));
    if (ap.shareholders?.outcome?.outcome === 'rejected')
      matterApproved.push(ex('revision-rejected', ap.shareholders.resolutionId, ap.shareholders.outcome.date));
  }
  const matterPricing: string[] = [];
  const matterAgreements: string[] = [];
  const matterCaps: string[] = [];
  for (const c of categories) {
    for (const o of c.orders)
      if (o.check.status === 'exception') matterPricing.push(ex('order-exception', c.category.id, o.order.reference));
    for (const q of c.missingQuarters) matterPricing.push(ex('quarter-missing', c.category.id, q));
    for (const k of c.checks)
      if (k.result === 'inconsistent') matterPricing.push(ex('check-inconsistent', c.category.id, k.quarter));
    for (const r of c.withoutOrder) matterAgreements.push(ex('no-order', c.category.id, r.reference, r.rows));
    for (const p of c.periods) {
      if (p.exceeded) matterCaps.push(ex('cap-exceeded', c.category.id, p.period.start, p.period.end));
      if (p.uncapped) matterCaps.push(ex('uncapped', c.category.id, p.period.start, p.period.end));
    }
  }
  const matters: Matter[] = [
    { id: 'approved', exceptions: matterApproved },
    { id: 'pricing', exceptions: matterPricing },
    { id: 'agreements', exceptions: matterAgreements },
    { id: 'caps', exceptions: matterCaps },
  ];
  const alerts = inp.alerts.filter((a) => overlaps({ start: a.periodStart, end: a.periodEnd }, yearRange));
  return {
    year,
    yearRange,
    reviewDate,
    complete: reviewDate === yearRange.end,
    categories,
    approvals,
    matters,
    confirmationAtRisk: matters.some((m) => m.exceptions.length > 0),
    alerts,
  };
}
