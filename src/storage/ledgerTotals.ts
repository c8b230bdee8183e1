import type { DailyTotals, LedgerTotals } from '../domain/ledgerTotals';
import type { CategoryId } from '../domain/model';
import { dailyTotalsOf } from '../domain/ledger/aggregates';
import { loadLedgerComplete, loadLedgerCompleteThrough } from './ledgerSettings';
import { loadAggregates } from './ledgerRead';

/**
 * Per-category daily totals of the stored ledger, the form the engine reads.
 * Built from the per-day aggregate records that every ledger write keeps up
 * to date (a few kilobytes), never from the rows themselves.
 */
export async function loadLedgerTotals(): Promise<LedgerTotals> {
  const [aggregates, complete, completeThrough] = await Promise.all([
    loadAggregates(),
    loadLedgerComplete(),
    loadLedgerCompleteThrough(),
  ]);
  const byCategory = new Map<CategoryId, DailyTotals>();
  for (const a of aggregates) if (a.days.length > 0) byCategory.set(a.categoryId, dailyTotalsOf(a));
  return { byCategory, complete, completeThrough };
}
