/**
 * The team server's ledger totals as JSON and the engine's LedgerTotals made
 * from them: used by the browser's server adapter and by the server itself
 * (its alert evaluation). A module of its own, so the entry chunk, which
 * holds ledgerTotals.ts, does not carry it.
 */
import type { DailyTotals, LedgerTotals } from './ledgerTotals';
import type { CategoryId } from './model';

/** The team server's ledger totals (GET /api/ledger/totals): per category its per-day sums and counts. */
export interface TotalsJson {
  categories: { categoryId: string; days: number[]; sums: string[]; counts: number[] }[];
  complete: string[];
  completeThrough?: Record<string, string>;
  pending: { batches: number; rows: number; byCategory: Record<string, { count: number; sumMinor: string }> };
}

/** The engine's ledger totals from the team server's (used by the browser's server adapter and the server itself). */
export function totalsFromJson(t: TotalsJson): LedgerTotals {
  const byCategory = new Map<CategoryId, DailyTotals>();
  for (const c of t.categories) {
    const days = Int32Array.from(c.days);
    const prefix = new BigInt64Array(days.length);
    const countPrefix = new Int32Array(days.length);
    let sum = 0n;
    let count = 0;
    c.days.forEach((_, i) => {
      sum += BigInt(c.sums[i]!);
      count += c.counts[i]!;
      prefix[i] = sum;
      countPrefix[i] = count;
    });
    byCategory.set(c.categoryId, { days, prefix, countPrefix });
  }
  return {
    byCategory,
    complete: new Set(t.complete),
    completeThrough: new Map(Object.entries(t.completeThrough ?? {})),
    pendingReview: {
      batches: t.pending.batches,
      rows: t.pending.rows,
      byCategory: new Map(
        Object.entries(t.pending.byCategory).map(([k, v]) => [k, { count: v.count, sumMinor: BigInt(v.sumMinor) }]),
      ),
    },
  };
}
