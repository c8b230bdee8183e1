/**
 * The stored-data types features may use, re-exported so that no feature
 * imports src/storage.
 */
export type {
  AppSettings,
  BackupSummary,
  CommentaryRow,
  CommitInfo,
  ImportCheck,
  ImportChunk,
  ImportSessionProgress,
  LedgerBlock,
  LedgerFilter,
  LedgerImportSession,
  LedgerPage,
  LedgerRow,
  LedgerSummary,
  ManualEntryInput,
  PersistenceState,
  RememberedMapping,
  SavedManualEntry,
  StoredDuplicate,
  StoredDuplicates,
  StoredRowRef,
} from '../storage/repositories';
export { RegisterValidationError } from '../storage/repositories';
export type { LedgerBatchRecord, ManualEntryRecord } from '../storage/ledgerTypes';
