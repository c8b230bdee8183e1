/**
 * The ledger store, split along its jobs:
 *  - ledgerImports.ts    atomic imports as batches of chunks, rollback, batch list;
 *  - ledgerManual.ts     manual entries;
 *  - ledgerDuplicates.ts reads what duplicate matching (domain/ledger/duplicates.ts) needs;
 *  - ledgerRead.ts       pages, blocks for exports, sums and the aggregate check.
 * The math (chunks, per-day sums, key hashes, the import plan) is in
 * src/domain/ledger; storage shapes and the reasons for them in ledgerTypes.ts.
 */
export type { ImportPlan, LedgerColumns } from '../domain/ledger/types';
export { planImport } from '../domain/ledger/importPlan';
export { yieldToMain } from '../workers/yieldToMain';
export type {
  CommitInfo,
  LedgerBlock,
  LedgerFilter,
  LedgerPage,
  LedgerRow,
  LedgerSummary,
  ManualEntryInput,
  SavedManualEntry,
  StoredDuplicate,
  StoredDuplicates,
  StoredRowRef,
} from './repositories';
export {
  batchTotalsByCategory,
  CHUNK_ROWS,
  commitImport,
  commitPrepared,
  listBatches,
  prepareImport,
  type PreparedImport,
  rollbackBatch,
} from './ledgerImports';
export { deleteManualEntry, getManualEntry, saveManualEntry } from './ledgerManual';
export { findStoredDuplicates } from './ledgerDuplicates';
export { forEachLedgerBlock, ledgerSummary, loadAggregates, loadLedgerPage, verifyAggregates } from './ledgerRead';
