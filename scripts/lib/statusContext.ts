/**
 * Builds the EngineContext the status command runs on. This is the extension
 * point for ledger data: a future `--ledger FILE` option parses the file into
 * LedgerTotals (src/domain/ledgerTotals.ts, per-category daily prefix sums) and
 * passes it here; everything downstream already combines it with the
 * disclosed snapshots (the "snapshot + ledger after up-to date" rule).
 */
import type Decimal from 'decimal.js';
import { kingsoftCloudXiaomi2026 } from '../../src/domain/disclosed/kingsoftCloudXiaomi2026';
import type { EngineContext } from '../../src/domain/engine';
import type { LedgerTotals } from '../../src/domain/ledgerTotals';
import type { ApprovalRecord, Dataset } from '../../src/domain/model';

export interface StatusInputs {
  /** Defaults to the built-in disclosure of April 23, 2026. */
  readonly dataset?: Dataset;
  readonly approvals?: readonly ApprovalRecord[];
  /** Fraction of the cap (0.8 = 80%); undefined = the dataset's disclosed threshold. */
  readonly threshold?: Decimal | undefined;
  /** Ledger totals to combine with the disclosed amounts; none by default. */
  readonly ledger?: LedgerTotals | undefined;
}

export const DEFAULT_DATASET: Dataset = kingsoftCloudXiaomi2026;

export function buildEngineContext(inputs: StatusInputs = {}): EngineContext {
  return {
    dataset: inputs.dataset ?? DEFAULT_DATASET,
    approvals: inputs.approvals ?? [],
    ...(inputs.ledger ? { ledger: inputs.ledger } : {}),
    ...(inputs.threshold ? { threshold: inputs.threshold } : {}),
  };
}
