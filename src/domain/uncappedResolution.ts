/**
 * Resolving an uncapped item: what the user concluded about transactions
 * conducted with no cap in force, checked before it is recorded. Pure.
 *
 * - misclassified: the rows belong to another category (or are not a connected
 *   transaction at all, "none"); the ledger should be corrected, the conclusion stays.
 * - other-agreement: another agreement's cap covers them (named in `coveredBy`).
 * - exempt-14a76: fully exempt under rule 14A.76(1) once aggregated with the
 *   same connected person's other uncapped transactions over twelve months
 *   (rule 14A.81). The aggregate is the numerator of the ratio check of
 *   ratios.ts against the denominators entered; the claim is accepted only when
 *   every ratio is computed and the outcome is de minimis (below 0.1%, or below
 *   5% and under HK$3 million, or below 1% when connected only at the
 *   subsidiary level).
 * - reported: reported as a breach on `reportedOn`.
 */
import Decimal from 'decimal.js';
import { categoryCurrency } from './currency';
import { addDays, type IsoDate, isIsoDate, shiftYears } from './dates';
import type { LedgerTotals } from './ledgerTotals';
import type { ApprovalRecord, CategoryId, CurrencyCode, Dataset } from './model';
import { add, type Money, ZERO } from './money';
import { checkRatios, type RatioCheck, type RatioKind } from './ratios';
import {
  type ExemptionRecord,
  resolutionId,
  type UncappedOutcome,
  type UncappedResolution,
  uncappedTransactions,
} from './uncapped';

export const MAX_RESOLUTION_NOTE = 1000;

/** The inputs of an exemption claim: denominators in minor units of `currency`. */
export interface ExemptionInput {
  readonly denominators: Partial<Record<RatioKind, Money>>;
  readonly currency: CurrencyCode;
  readonly hkdPerRmb: Decimal | null;
  readonly subsidiaryLevelOnly: boolean;
}

/** What the user fills in to resolve the uncapped rows of a category from `start` to `end`. */
export interface ResolutionDraft {
  readonly categoryId: CategoryId;
  readonly start: IsoDate;
  readonly end: IsoDate;
  readonly outcome: UncappedOutcome;
  readonly note: string;
  readonly movedTo?: string;
  readonly coveredBy?: string;
  readonly reportedOn?: string;
  readonly exemption?: ExemptionInput;
}

export type ResolutionProblem =
  | { readonly code: 'note-required' }
  | { readonly code: 'note-too-long'; readonly max: number }
  | { readonly code: 'no-rows' }
  | { readonly code: 'moved-to-required' }
  | { readonly code: 'moved-to-same' }
  | { readonly code: 'moved-to-unknown'; readonly movedTo: string }
  | { readonly code: 'covered-by-required' }
  | { readonly code: 'reported-on-required' }
  | { readonly code: 'reported-before-rows'; readonly start: IsoDate }
  | { readonly code: 'exemption-incomplete' }
  | { readonly code: 'not-exempt'; readonly highest: Decimal; readonly aggregate: Money };

/** Data the checks read (a subset of the engine context). */
export interface ResolutionContext {
  readonly dataset: Dataset;
  readonly ledger?: LedgerTotals;
  readonly approvals: readonly ApprovalRecord[];
  readonly uncappedResolutions?: readonly UncappedResolution[];
}

export interface TwelveMonthAggregate {
  /** Inclusive: the twelve months ending on `to`. */
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly amount: Money;
  readonly currency: CurrencyCode;
  /** Per category of the same connected person (and currency) with uncapped rows in the months. */
  readonly byCategory: readonly { readonly categoryId: CategoryId; readonly amount: Money }[];
}

/** Outcomes that take rows out of the connected person's uncapped transactions. */
const NOT_UNCAPPED: ReadonlySet<UncappedOutcome> = new Set(['misclassified', 'other-agreement']);

/**
 * Rule 14A.81: the connected person's uncapped transactions over the twelve
 * months ending on `to` — every category of an agreement with the same
 * counterparty and currency as `categoryId`'s, rows resolved as misclassified
 * or covered by another agreement left out.
 */
export function twelveMonthAggregate(
  ctx: ResolutionContext,
  categoryId: CategoryId,
  to: IsoDate,
): TwelveMonthAggregate {
  const { dataset } = ctx;
  const from = addDays(shiftYears(to, -1), 1);
  const currency = categoryCurrency(dataset, categoryId);
  const agreementOf = (id: CategoryId) => {
    const c = dataset.categories.find((x) => x.id === id);
    return c ? dataset.agreements.find((a) => a.id === c.agreementId) : undefined;
  };
  const counterparty = agreementOf(categoryId)?.counterpartyId;
  let amount = ZERO;
  const byCategory: { categoryId: CategoryId; amount: Money }[] = [];
  for (const c of dataset.categories) {
    if (agreementOf(c.id)?.counterpartyId !== counterparty || categoryCurrency(dataset, c.id) !== currency) continue;
    const u = uncappedTransactions(dataset, ctx.ledger, c.id, to, ctx.approvals, ctx.uncappedResolutions ?? []);
    let own = ZERO;
    for (const d of u.days) {
      if (d.date < from || d.date > to) continue;
      if (d.resolution && NOT_UNCAPPED.has(d.resolution.outcome)) continue;
      own = add(own, d.amount);
    }
    if (own !== ZERO) {
      byCategory.push({ categoryId: c.id, amount: own });
      amount = add(amount, own);
    }
  }
  return { from, to, amount, currency, byCategory };
}

/** The rule 14A.76 check of an aggregate (the numerator) against the denominators entered. */
export function exemptionCheck(aggregate: TwelveMonthAggregate, input: ExemptionInput): RatioCheck {
  const denominators = Object.fromEntries(
    Object.entries(input.denominators).map(([k, m]) => [k, { amount: m, currency: input.currency }]),
  );
  return checkRatios({
    cap: aggregate.amount,
    capCurrency: aggregate.currency,
    denominators,
    hkdPerRmb: input.hkdPerRmb,
    subsidiaryLevelOnly: input.subsidiaryLevelOnly,
  });
}

/** The uncapped rows of a category from `start` to `end` now: amount and count (all are uncapped days). */
function rowsIn(ctx: ResolutionContext, d: ResolutionDraft, asOf: IsoDate): { amount: Money; count: number } {
  const u = uncappedTransactions(ctx.dataset, ctx.ledger, d.categoryId, asOf, ctx.approvals, []);
  let amount = ZERO;
  let count = 0;
  for (const day of u.days)
    if (day.date >= d.start && day.date <= d.end) {
      amount = add(amount, day.amount);
      count += day.count;
    }
  return { amount, count };
}

const millionsText = (m: Money) => new Decimal(m.toString()).div(100_000_000).toString();

/**
 * Checks a draft and builds the record to store, or returns every problem.
 * `asOf` bounds the rows considered (the screen's date); `recordedAt` is the
 * timestamp written into the record.
 */
export function buildResolution(
  ctx: ResolutionContext,
  draft: ResolutionDraft,
  asOf: IsoDate,
  recordedAt: string,
):
  | { readonly ok: true; readonly resolution: UncappedResolution; readonly check: RatioCheck | null }
  | { readonly ok: false; readonly problems: readonly ResolutionProblem[]; readonly check: RatioCheck | null } {
  const problems: ResolutionProblem[] = [];
  const note = draft.note.trim();
  if (!note) problems.push({ code: 'note-required' });
  else if (note.length > MAX_RESOLUTION_NOTE) problems.push({ code: 'note-too-long', max: MAX_RESOLUTION_NOTE });
  const rows = rowsIn(ctx, draft, asOf);
  if (rows.count === 0) problems.push({ code: 'no-rows' });
  const extra: { -readonly [K in keyof UncappedResolution]?: UncappedResolution[K] } = {};
  let check: RatioCheck | null = null;
  switch (draft.outcome) {
    case 'misclassified': {
      const to = draft.movedTo?.trim() ?? '';
      if (!to) problems.push({ code: 'moved-to-required' });
      else if (to === draft.categoryId) problems.push({ code: 'moved-to-same' });
      else if (to !== 'none' && !ctx.dataset.categories.some((c) => c.id === to))
        problems.push({ code: 'moved-to-unknown', movedTo: to });
      else extra.movedTo = to;
      break;
    }
    case 'other-agreement': {
      const by = draft.coveredBy?.trim() ?? '';
      if (!by) problems.push({ code: 'covered-by-required' });
      else extra.coveredBy = by;
      break;
    }
    case 'reported': {
      const on = draft.reportedOn?.trim() ?? '';
      if (!on || !isIsoDate(on)) problems.push({ code: 'reported-on-required' });
      else if (on < draft.start) problems.push({ code: 'reported-before-rows', start: draft.start });
      else extra.reportedOn = on;
      break;
    }
    case 'exempt-14a76': {
      const input = draft.exemption;
      const aggregate = twelveMonthAggregate(ctx, draft.categoryId, draft.end);
      check = input ? exemptionCheck(aggregate, input) : null;
      if (!input || !check || !check.complete || check.highest === null)
        problems.push({ code: 'exemption-incomplete' });
      else if (check.outcome !== 'de-minimis')
        problems.push({ code: 'not-exempt', highest: check.highest, aggregate: aggregate.amount });
      else {
        const d = input.denominators;
        extra.exemption = {
          from: aggregate.from,
          to: aggregate.to,
          aggregateMinor: String(aggregate.amount),
          ...(d.assets !== undefined ? { assets: millionsText(d.assets) } : {}),
          ...(d.revenue !== undefined ? { revenue: millionsText(d.revenue) } : {}),
          ...(d.consideration !== undefined ? { consideration: millionsText(d.consideration) } : {}),
          denominatorCurrency: input.currency,
          ...(input.hkdPerRmb ? { hkdPerRmb: input.hkdPerRmb.toString() } : {}),
          subsidiaryLevelOnly: input.subsidiaryLevelOnly,
          highestRatio: check.highest.toString(),
        } satisfies ExemptionRecord;
      }
      break;
    }
  }
  if (problems.length) return { ok: false, problems, check };
  return {
    ok: true,
    check,
    resolution: {
      id: resolutionId(draft.categoryId, draft.start, draft.end),
      categoryId: draft.categoryId,
      start: draft.start,
      end: draft.end,
      amountMinor: String(rows.amount),
      count: rows.count,
      outcome: draft.outcome,
      note,
      ...extra,
      recordedAt,
    },
  };
}
