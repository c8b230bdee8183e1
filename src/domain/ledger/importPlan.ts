/**
 * The import plan: what an import would store with and without its
 * duplicates, computed exactly over the accepted rows' amounts.
 */
import type { ImportPlan } from './types';

/**
 * Counts and exact totals (minor units) of an import with and without its
 * duplicates, and the skip mask that leaves them out: rows that repeat an
 * earlier row of the file (`duplicateOf[i] >= 0`) or a stored row
 * (`storedMask[i]`). The mask is undefined when nothing would be skipped.
 */
export function planImport(
  amountMinor: Float64Array,
  duplicateOf: Int32Array | undefined,
  storedMask: Uint8Array | undefined,
): { plan: ImportPlan; skipMask: Uint8Array | undefined } {
  const n = amountMinor.length;
  const mask = new Uint8Array(n);
  let skipped = 0;
  let all = 0n;
  let kept = 0n;
  let partAll = 0;
  let partKept = 0;
  for (let i = 0; i < n; i++) {
    const v = amountMinor[i]!;
    const skip = (duplicateOf && duplicateOf[i]! >= 0) || (storedMask && storedMask[i]);
    if (skip) {
      mask[i] = 1;
      skipped++;
    }
    // Exact: huge amounts go straight to bigint; the double partial sums hold
    // amounts below 2^40 and are flushed before they could pass 2^53.
    if (Math.abs(v) >= 2 ** 40) {
      all += BigInt(v);
      if (!skip) kept += BigInt(v);
      continue;
    }
    partAll += v;
    if (!skip) partKept += v;
    if (Math.abs(partAll) > 2 ** 52 || Math.abs(partKept) > 2 ** 52) {
      all += BigInt(partAll);
      kept += BigInt(partKept);
      partAll = 0;
      partKept = 0;
    }
  }
  all += BigInt(partAll);
  kept += BigInt(partKept);
  return {
    plan: { all: { count: n, totalMinor: all }, skipping: { count: n - skipped, totalMinor: kept, skipped } },
    skipMask: skipped > 0 ? mask : undefined,
  };
}
