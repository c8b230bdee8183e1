import { EMPTY_LEDGER, type LedgerTotals } from '../domain/ledgerTotals';

/**
 * Per-category daily totals of the stored ledger, the form the engine reads.
 * The ledger store has no tables yet, so every category reads as empty.
 */
export async function loadLedgerTotals(): Promise<LedgerTotals> {
  return EMPTY_LEDGER;
}
