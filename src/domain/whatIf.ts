/**
 * "Will this order fit?": before a transaction is entered into, the cap that
 * binds on its date, utilisation before and after, and whether it crosses the
 * alert threshold or the cap — or has no cap at all.
 */
import type Decimal from 'decimal.js';
import type { IsoDate } from './dates';
import { categoryStatus, type EngineContext } from './engine';
import type { CapVersion, CategoryId, CurrencyCode } from './model';
import { add, type Money, ratio, sub } from './money';
import { type CapPosition, capPosition, type CapState } from './state';

export interface WhatIfResult {
  readonly categoryId: CategoryId;
  /** The transaction date (inclusive in the cap period). */
  readonly date: IsoDate;
  /** Amount of the order in minor units of the agreement's currency. */
  readonly amount: Money;
  readonly capState: CapState;
  readonly currency: CurrencyCode;
  /** Decimals of a million the agreement's amounts are shown with (see categoryDecimals). */
  readonly decimals: number;
  /** The cap binding on `date`; null when none is in force (the order would be uncapped). */
  readonly cap: CapVersion | null;
  readonly threshold: Decimal;
  /** Actual of the cap period through `date` before the order; known or only a lower bound. */
  readonly before: Money;
  readonly known: boolean;
  readonly after: Money;
  /** Exact fractions of the cap; null without a cap or when the actual before is unknown. */
  readonly utilisationBefore: Decimal | null;
  readonly utilisationAfter: Decimal | null;
  readonly headroomAfter: Money | null;
  readonly positionBefore: CapPosition | null;
  readonly positionAfter: CapPosition | null;
  /** The order takes the actual from below the threshold to at or above it. */
  readonly crossesThreshold: boolean;
  /** The order takes the actual from at or below the cap to above it. */
  readonly crossesCap: boolean;
  /** Verdict: fits, reaches the threshold, exceeds the cap, has no cap, or cannot be told (actual unknown). */
  readonly verdict: 'fits' | 'threshold' | 'exceeds' | 'no-cap' | 'unknown';
}

/**
 * Checks an order of `amount` (minor units) in `categoryId` on `date` against
 * the cap binding that day, with the actual of the cap period through that day.
 */
export function whatIf(ctx: EngineContext, categoryId: CategoryId, date: IsoDate, amount: Money): WhatIfResult {
  const s = categoryStatus(ctx, categoryId, date, { methods: [] });
  const b = s.binding;
  const base = {
    categoryId,
    date,
    amount,
    capState: s.capState,
    currency: s.currency,
    decimals: s.decimals,
    threshold: s.threshold,
  };
  if (!b) {
    return {
      ...base,
      cap: null,
      before: s.actual,
      known: s.known,
      after: add(s.actual, amount),
      utilisationBefore: null,
      utilisationAfter: null,
      headroomAfter: null,
      positionBefore: null,
      positionAfter: null,
      crossesThreshold: false,
      crossesCap: false,
      verdict: 'no-cap',
    };
  }
  const after = add(b.actual, amount);
  const positionBefore = capPosition(b.actual, b.cap.amount, b.thresholdAmount);
  const positionAfter = capPosition(after, b.cap.amount, b.thresholdAmount);
  const crossesThreshold = positionBefore === 'below-threshold' && positionAfter !== 'below-threshold';
  const crossesCap = positionBefore !== 'over-cap' && positionAfter === 'over-cap';
  // Unknown before: only a crossing by the lower bound is certain.
  const verdict =
    positionAfter === 'over-cap'
      ? 'exceeds'
      : !b.known
        ? 'unknown'
        : positionAfter === 'at-threshold'
          ? 'threshold'
          : 'fits';
  return {
    ...base,
    cap: b.cap,
    before: b.actual,
    known: b.known,
    after,
    utilisationBefore: b.known ? ratio(b.actual, b.cap.amount) : null,
    utilisationAfter: b.known ? ratio(after, b.cap.amount) : null,
    headroomAfter: b.known ? sub(b.cap.amount, after) : null,
    positionBefore: b.known ? positionBefore : null,
    positionAfter: b.known || positionAfter === 'over-cap' ? positionAfter : null,
    crossesThreshold: b.known && crossesThreshold,
    crossesCap,
    verdict,
  };
}
