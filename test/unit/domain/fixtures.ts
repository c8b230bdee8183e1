/** Shared test helpers for the domain tests (not a test file itself). */
import Decimal from 'decimal.js';
import { toDayNumber, type IsoDate } from '../../../src/domain/dates';
import { kingsoftCloudXiaomi2026 } from '../../../src/domain/disclosed/kingsoftCloudXiaomi2026';
import type { EngineContext } from '../../../src/domain/engine';
import { buildDailyTotals, type LedgerTotals } from '../../../src/domain/ledgerTotals';
import type { ApprovalRecord, CategoryId } from '../../../src/domain/model';
import { fromMillions } from '../../../src/domain/money';

export const ds = kingsoftCloudXiaomi2026;
export const RES_CLOUD = 'agm-2026-cloud-services';
export const RES_HARDWARE = 'agm-2026-hardware-equipment';

export function ctx(
  opts: { approvals?: ApprovalRecord[]; ledger?: LedgerTotals; threshold?: string } = {},
): EngineContext {
  return {
    dataset: ds,
    approvals: opts.approvals ?? [],
    ...(opts.ledger ? { ledger: opts.ledger } : {}),
    ...(opts.threshold ? { threshold: new Decimal(opts.threshold).div(100) } : {}),
  };
}

export const approved = (resolutionId: string, date: IsoDate): ApprovalRecord => ({
  resolutionId,
  outcome: 'approved',
  date,
});
export const rejected = (resolutionId: string, date: IsoDate): ApprovalRecord => ({
  resolutionId,
  outcome: 'rejected',
  date,
});

/** Ledger rows as [date, RMB million] per category, collapsed to daily totals as the engine sees them. */
export function ledgerOf(
  rows: Partial<Record<CategoryId, ReadonlyArray<readonly [IsoDate, string]>>>,
  complete: CategoryId[] = [],
  completeThrough: Partial<Record<CategoryId, IsoDate>> = {},
): LedgerTotals {
  const byCategory = new Map(
    Object.entries(rows).map(([cat, list]) => [
      cat,
      buildDailyTotals((list ?? []).map(([d, amt]) => [toDayNumber(d), fromMillions(amt)] as const)),
    ]),
  );
  return {
    byCategory,
    complete: new Set(complete),
    completeThrough: new Map(Object.entries(completeThrough) as [CategoryId, IsoDate][]),
  };
}

/** Money → "1234.5" (millions, one decimal) for readable assertions. */
export { toMillionsString as mil } from '../../../src/domain/money';
export { fromMillions as m } from '../../../src/domain/money';
