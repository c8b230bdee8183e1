/**
 * The repository interfaces: everything the app keeps, as small plain async
 * interfaces. `src/data/` reaches stored data only through these (selected in
 * one place, src/data/repositories.ts), so a second adapter — a server — can
 * stand beside the IndexedDB one (dexieRepositories.ts) without a feature
 * changing. No React, no Dexie here: workers use these types too.
 *
 * Rules every adapter keeps:
 *  - a write is all or nothing (a failure leaves what was stored unchanged);
 *  - every write to persisted data appends its change-history record in the
 *    same all-or-nothing write (HistoryRepository.append is only for changes
 *    that have no write of their own here);
 *  - a refused write throws (RegisterValidationError, BackupError, RangeError)
 *    before anything is stored;
 *  - after a ledger write commits, the adapter tells `ledger.subscribe`
 *    listeners (in this tab and, where it can, in other open tabs).
 */
import type { IsoDate } from '../domain/dates';
import type { AmountUnit, ColumnMapping, DateOrder } from '../domain/import/types';
import type { LedgerTotals } from '../domain/ledgerTotals';
import type { ConnectedPersonsConfig } from '../domain/classify/rulesFile';
import type { ApprovalRecord, CategoryId, Dataset } from '../domain/model';
import type { ClassificationLogRecord, OpenItemRecord } from './partiesTypes';
import type { RegisterAgreement, RegisterIssue } from '../domain/register';
import type { UncappedResolution } from '../domain/uncapped';
import type { ImportPlan, LedgerColumns } from '../domain/ledger/types';
import type { LedgerBatchRecord, ManualEntryRecord, PackedStrings } from './ledgerTypes';
import type { AlertRecord, HandlingStep } from '../domain/alerts/alertLog';
import type {
  ExceptionClosure,
  OrderIssue,
  PriceCheck,
  PriceCheckIssueCode,
  PurchaseOrder,
} from '../domain/evidence/pricing';
import type { HistoryHead, HistoryInput, HistoryRecord, VerifyResult } from '../domain/history/chain';

// ---------------------------------------------------------------------------
// Approvals, settings, commentary

export interface ApprovalsRepository {
  list(): Promise<ApprovalRecord[]>;
  /** Records (or replaces) the outcome of a shareholders' vote; RangeError for a bad date or outcome. */
  record(rec: ApprovalRecord): Promise<void>;
  clear(resolutionId: string): Promise<void>;
}

export interface AppSettings {
  /** Alert threshold for every agreement, percent of the cap, as a decimal string ("80"); the default when not set. */
  thresholdPercent: string;
  /** The user set `thresholdPercent` (else each agreement's disclosed threshold or the default applies). */
  thresholdSet: boolean;
  /** The user's threshold per agreement id (percent strings); wins over `thresholdPercent`. */
  thresholdByAgreement: Record<string, string>;
}

/** What the user chose for a header layout, applied the next time the same layout is imported. */
export interface RememberedMapping {
  readonly mapping: ColumnMapping;
  readonly unit: AmountUnit;
  readonly dateOrder?: DateOrder;
  readonly defaultCategoryId?: CategoryId;
}

export interface SettingsRepository {
  load(): Promise<AppSettings>;
  /** RangeError unless a percentage above 0 and at most 100 with at most one decimal; null removes the setting. */
  saveThresholdPercent(value: string | null): Promise<void>;
  /** One agreement's own threshold (same rule); null removes it. */
  saveAgreementThreshold(agreementId: string, value: string | null): Promise<void>;
  /** The mapping remembered for an import's header layout, or null. */
  rememberedMapping(headerLayoutKey: string): Promise<RememberedMapping | null>;
  rememberMapping(headerLayoutKey: string, remembered: RememberedMapping): Promise<void>;
}

export interface CommentaryRow {
  /** `${categoryId}@${asOf}`. */
  key: string;
  text: string;
  updatedAt: string;
}

export interface CommentaryRepository {
  /** Commentary of every category for one as-of date, keyed by category id. */
  list(asOf: IsoDate): Promise<Record<CategoryId, CommentaryRow>>;
  /** Keeps (or, when blank, removes) one commentary; RangeError for a bad date or over-long text. */
  save(categoryId: CategoryId, asOf: IsoDate, text: string): Promise<void>;
}

// ---------------------------------------------------------------------------
// Cap register

/** Thrown when a register write is refused; `issues` say why, `root` is what their paths point into. */
export class RegisterValidationError extends Error {
  constructor(
    readonly issues: readonly RegisterIssue[],
    readonly root: unknown,
  ) {
    super(`The register was not changed: ${issues.length} problem(s)`);
    this.name = 'RegisterValidationError';
  }
}

export interface RegisterRepository {
  /** Agreements in the order they were added. */
  list(): Promise<RegisterAgreement[]>;
  /** Adds or replaces (same id) one agreement, validated against the rest; RegisterValidationError otherwise. */
  save(agreement: RegisterAgreement): Promise<void>;
  remove(id: string): Promise<void>;
  /** The register export file as pretty-printed JSON. */
  exportJson(now?: Date): Promise<string>;
  /** Adds a register export's agreements (same id replaces); nothing unless all valid. Returns how many were read. */
  importJson(text: string): Promise<number>;
}

// ---------------------------------------------------------------------------
// Backup

export interface BackupSummary {
  readonly tables: Record<string, number>;
  readonly ledgerRows: number;
}

export interface BackupRepository {
  /** Everything stored, as one JSON file. */
  export(): Promise<{ blob: Blob; summary: BackupSummary }>;
  /** Replaces everything stored with a backup, atomically; BackupError (nothing changed) for a bad file. */
  restore(text: string): Promise<BackupSummary>;
}

// ---------------------------------------------------------------------------
// Ledger

export interface LedgerFilter {
  readonly categoryId?: CategoryId | null;
  /** Inclusive day-number range (e.g. one calendar month). */
  readonly startDay?: number | null;
  readonly endDay?: number | null;
}

/** One ledger row as the table shows it. */
export interface LedgerRow {
  /** Stable key: "m:<id>" or "<chunk id>#<row>". */
  readonly key: string;
  readonly source: 'manual' | 'import';
  readonly manualId?: number;
  readonly batchId?: string;
  readonly fileName?: string;
  readonly rowNumber?: number;
  readonly day: number;
  readonly categoryId: CategoryId;
  readonly amountMinor: number;
  readonly reference: string;
  readonly description: string;
}

export interface LedgerPage {
  /** Rows matching the filter in the whole ledger. */
  readonly total: number;
  readonly offset: number;
  readonly rows: readonly LedgerRow[];
}

/** Rows and sum (minor units) of the ledger matching a filter. */
export interface LedgerSummary {
  readonly count: number;
  /** All matching rows added up: meaningful only when their categories share one currency. */
  readonly sumMinor: bigint;
  /** The same per category, so amounts of categories in different currencies can be kept apart. */
  readonly byCategory: ReadonlyMap<CategoryId, { readonly count: number; readonly sumMinor: bigint }>;
}

/** A block of rows in columnar form, as exports consume them. */
export interface LedgerBlock {
  readonly source: 'manual' | 'import';
  readonly batchId: string | null;
  readonly fileName: string | null;
  readonly categoryIds: readonly CategoryId[];
  readonly length: number;
  readonly day: Int32Array;
  readonly category: Uint8Array;
  readonly amountMinor: Float64Array;
  readonly reference: PackedStrings;
  readonly description: PackedStrings;
  readonly rowNumber: Int32Array | null;
}

/** A manual entry to save: without `id` it is new; with `id` it replaces that entry (or restores it). */
export interface ManualEntryInput {
  id?: number;
  day: number;
  categoryId: CategoryId;
  amountMinor: number;
  reference: string;
  description: string;
  createdAt?: string;
}

export type SavedManualEntry = ManualEntryRecord & { id: number };

export type StoredRowRef =
  | { readonly source: 'manual'; readonly manualId: number }
  | { readonly source: 'import'; readonly batchId: string; readonly fileName: string; readonly rowNumber: number };

export interface StoredDuplicate {
  /** Index of the incoming row (into the columns checked). */
  readonly index: number;
  /** Its row number in the file, when the columns carry row numbers. */
  readonly row?: number;
  readonly stored: StoredRowRef;
}

export interface StoredDuplicates {
  /** Incoming rows equal (date, category, amount, reference) to a stored row. */
  readonly count: number;
  /** 1 for each incoming row that repeats a stored row. */
  readonly mask: Uint8Array;
  /** The first `maxListed` of them with the stored row each repeats. */
  readonly listed: readonly StoredDuplicate[];
}

export interface ImportCheck {
  readonly stored: StoredDuplicates;
  readonly plan: ImportPlan;
  /**
   * The categories at least one accepted row falls in (duplicates included),
   * in `categoryIds` order — found by the session so the page need not loop over the rows.
   */
  readonly categoriesUsed: readonly CategoryId[];
}

/** Facts about an import that the batch record keeps. */
export interface CommitInfo {
  readonly fileName: string;
  /** Lowercase hex SHA-256 of the file's bytes, kept in the import's change-history record. */
  readonly fileSha256?: string;
  readonly skippedDuplicates?: number;
  readonly rejectedRows?: number;
  readonly format?: string;
}

/** Progress of a commit: the rows are prepared and the write has started. */
export interface ImportSessionProgress {
  readonly phase: 'writing';
  readonly rows: number;
}

/** Columnar rows appended to an import session. */
export type ImportChunk = LedgerColumns & {
  /** -1, or the index (in the whole import) of the earlier row of the same file this row repeats. */
  readonly duplicateOf?: Int32Array;
};

/**
 * One import, held between reading the file and storing it: append the
 * accepted rows (one or more chunks, in file order), check them against the
 * stored ledger, then commit them as one batch — all rows or none — or abort.
 * An adapter may take the chunks' typed arrays over (transfer them to a
 * worker): the caller must not use them after append().
 */
export interface LedgerImportSession {
  append(chunk: ImportChunk): Promise<void>;
  /** Duplicates of stored rows and what Import would store, with or without them. */
  check(options?: { readonly maxListed?: number }): Promise<ImportCheck>;
  commit(
    info: CommitInfo,
    options: { readonly skipDuplicates: boolean; readonly onProgress?: (p: ImportSessionProgress) => void },
  ): Promise<LedgerBatchRecord>;
  /** Drops the held rows; nothing was stored. */
  abort(): void;
}

/** What changed in the ledger, for listeners that can refresh less. */
export interface LedgerChange {
  readonly kind: 'rows' | 'settings' | 'all';
  /** True when the change came from another tab. */
  readonly remote: boolean;
}

export interface LedgerRepository {
  /** Per-category daily totals and the "ledger complete" flags: what the engine reads. */
  totals(): Promise<LedgerTotals>;
  page(filter: LedgerFilter, offset: number, limit: number): Promise<LedgerPage>;
  summary(filter: LedgerFilter): Promise<LedgerSummary>;
  /** Import batches, newest first. */
  batches(): Promise<LedgerBatchRecord[]>;
  /** Per stored batch, its total (minor units) per category; rolled-back batches are absent. */
  batchTotalsByCategory(): Promise<Map<string, Map<CategoryId, bigint>>>;
  /** Calls `fn` with every stored row, block by block (manual entries, then imports oldest first). */
  forEachBlock(fn: (block: LedgerBlock) => void | Promise<void>): Promise<number>;
  manualEntry(id: number): Promise<ManualEntryRecord | undefined>;
  saveManualEntry(input: ManualEntryInput): Promise<SavedManualEntry>;
  /** Deletes a manual entry; returns what was deleted (undefined when there was none). */
  deleteManualEntry(id: number): Promise<SavedManualEntry | undefined>;
  /** Removes exactly one batch's rows; the batch record stays, marked rolled back. */
  rollbackBatch(batchId: string): Promise<LedgerBatchRecord>;
  openImportSession(categoryIds: readonly CategoryId[]): LedgerImportSession;
  /** Readies what an import session runs on (the import page calls it as it opens, while a file is picked). */
  prepareImportSession(): void;
  /** Categories whose ledger the user marked complete (the ledger replaces the disclosures). */
  complete(): Promise<Set<CategoryId>>;
  setComplete(categoryId: CategoryId, complete: boolean): Promise<void>;
  /** Per category, the "ledger complete through" date (a month-end close) the user set. */
  completeThrough(): Promise<Map<CategoryId, IsoDate>>;
  /** Sets (null: clears) a category's "complete through" date; RangeError for a bad date. */
  setCompleteThrough(categoryId: CategoryId, date: IsoDate | null): Promise<void>;
  /** Hears every ledger change (this tab and others); returns the unsubscribe function. */
  subscribe(listener: (change: LedgerChange) => void): () => void;
}

/** Whether the browser keeps this origin's data under storage pressure. */
export interface PersistenceState {
  readonly supported: boolean;
  readonly persisted: boolean;
  /** Bytes used and available to this origin, when the browser says. */
  readonly usage: number | null;
  readonly quota: number | null;
}

export interface PersistenceRepository {
  load(): Promise<PersistenceState>;
  /** Asks to keep this origin's data; resolves with whether it now is kept. */
  request(): Promise<boolean>;
}

/** Connected persons, classification rules and the open items of raw ledger imports (storage/parties.ts). */
export interface PartiesRepository {
  /** The configuration in use; before any is saved, the built-in parent entity and no rules. */
  config(): Promise<ConnectedPersonsConfig>;
  /** Validates the whole configuration first; throws RulesFileError and stores nothing when invalid. */
  saveConfig(config: ConnectedPersonsConfig, dataset: Dataset): Promise<void>;
  /** Replaces the configuration with a connected-persons file's (validated first). */
  importConfig(text: string, fileName: string, dataset: Dataset): Promise<ConnectedPersonsConfig>;
  openItems(): Promise<OpenItemRecord[]>;
  addOpenItems(items: readonly OpenItemRecord[], fileName: string): Promise<void>;
  /** Assigns open items by hand; each becomes a manual ledger entry; one recorded action. */
  assign(ids: readonly string[], categoryId: string): Promise<number>;
  /** Re-applies the current rules to the open items (the explicit, recorded re-classification). */
  reapplyRules(dataset: Dataset): Promise<number>;
  log(): Promise<ClassificationLogRecord[]>;
}

// ---------------------------------------------------------------------------
// Change history, pricing evidence, alert log (schema version 6)

/**
 * The append-only, hash-chained change history (domain/history/chain.ts).
 * Nothing here edits or removes a record; a restore replaces the chain only
 * after the backup's chain verifies.
 */
export interface HistoryRepository {
  /** The whole chain, oldest first. */
  list(): Promise<HistoryRecord[]>;
  /** Record count and last hash: what reports print. */
  head(): Promise<HistoryHead>;
  /** Starts the chain with its genesis record (a hash of everything stored) when it is empty. */
  ensureGenesis(): Promise<void>;
  /** Appends one record of a change stored by a write that does not record its own. */
  append(input: HistoryInput): Promise<void>;
  /** Recomputes the chain (optionally against a head from an earlier printout). */
  verify(expected?: { hash: string; count?: number }): Promise<VerifyResult>;
  /** The name stamped on every record ('' until set). */
  userName(): Promise<string>;
  /** Sets it (itself a record); RangeError for an empty or over-long name. */
  saveUserName(name: string): Promise<void>;
  /** Lowercase hex SHA-256 of bytes (a file's, for the import record). */
  sha256(bytes: Uint8Array<ArrayBuffer>): Promise<string>;
}

/** Raised when an order or price check is refused; `issues` say why. Nothing was stored. */
export class EvidenceValidationError extends Error {
  override readonly name = 'EvidenceValidationError';
  constructor(readonly issues: readonly (OrderIssue | { code: PriceCheckIssueCode; path: string })[]) {
    super(`Not saved: ${issues.map((i) => `${i.path}: ${i.code}`).join('; ')}`);
  }
}

/** A file to attach to one quotation of the order being saved. */
export interface NewAttachment {
  /** "xiaomiQuote" or "quotes[i]". */
  readonly quotePath: string;
  readonly name: string;
  readonly type: string;
  readonly bytes: Uint8Array<ArrayBuffer>;
}

/** A document attached to a quotation, kept in the browser and in backups. */
export interface AttachmentRecord {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly bytes: Uint8Array<ArrayBuffer>;
  /** Lowercase hex SHA-256 of the bytes. */
  readonly sha256: string;
}

/**
 * Purchase orders with their quotations and attachments, and the quarterly
 * price checks. Every write validates first (EvidenceValidationError, nothing
 * stored) and stores the change with its history record in one transaction.
 */
export interface EvidenceRepository {
  /** Orders by date, then reference. */
  orders(): Promise<PurchaseOrder[]>;
  /** Adds or replaces (same id) an order, attaching `files` to its quotations; `procurement`: the procurement categories. */
  saveOrder(
    order: PurchaseOrder,
    procurement: ReadonlySet<CategoryId>,
    files?: readonly NewAttachment[],
  ): Promise<PurchaseOrder>;
  /** Removes an order (its attachments stay: the history refers to them). */
  deleteOrder(id: string): Promise<void>;
  /** Closes an order's exception with a justification and who approved it. */
  closeException(id: string, closure: ExceptionClosure): Promise<void>;
  attachment(id: string): Promise<AttachmentRecord | undefined>;
  /** Price checks by quarter. */
  priceChecks(): Promise<PriceCheck[]>;
  savePriceCheck(check: PriceCheck): Promise<PriceCheck>;
  deletePriceCheck(id: string): Promise<void>;
}

/** Which handling step of an alert. */
export type HandlingField = 'acknowledged' | 'reportedToManagement' | 'reportedToBoard';

/**
 * The alert log: alerts are only created by the evaluation at today's date,
 * then only move forward through their handling; each write is one history record.
 */
export interface AlertsRepository {
  list(): Promise<AlertRecord[]>;
  /** Stores new alerts (ids already logged are skipped); returns those stored. */
  create(list: readonly AlertRecord[]): Promise<AlertRecord[]>;
  /** Records one handling step, in order; RangeError for a step out of order, already recorded or badly dated. */
  recordHandling(id: string, field: HandlingField, step: HandlingStep): Promise<void>;
  /** Days within which an alert must be reported to senior management. */
  overdueDays(): Promise<number>;
  saveOverdueDays(days: number): Promise<void>;
}

// ---------------------------------------------------------------------------
// Team workspace (only the server adapter has it)

export type TeamRole = 'admin' | 'preparer' | 'reviewer' | 'viewer';

export interface TeamUser {
  readonly id: number;
  readonly username: string;
  readonly displayName: string;
  readonly roles: readonly TeamRole[];
  readonly expiresOn: string | null;
}

/** A change proposed by one person that waits for a second person's check (maker-checker). */
export interface PendingCheck {
  /** 'change': an approval, register or threshold change; 'import': an import batch (already counted, marked pending review). */
  readonly type: 'change' | 'import';
  /** Change request number, or batch id. */
  readonly id: string;
  readonly kind: string;
  readonly target: string;
  readonly summary: string;
  readonly proposedBy: string;
  readonly proposedById: number | null;
  readonly proposedAt: string;
  /** A rules change: what the proposed configuration holds (the screen words it in the reader's language). */
  readonly rules?: { readonly entities: number; readonly rules: number; readonly fileName: string };
}

/** What a server announced as changed (never the data itself). */
export interface TeamEvent {
  readonly entity: string;
  readonly key?: string;
  readonly status?: string;
}

/** What moving a local workspace in stored (POST /api/admin/local-backup). */
export interface LocalMoveOutcome {
  readonly historyRecords: number;
  readonly localHead: { readonly count: number; readonly hash: string };
  readonly batches: number;
  readonly ledgerRows: number;
  readonly manualEntries: number;
  readonly commentary: number;
  readonly proposals: number;
  readonly uncappedResolutions: number;
  readonly alerts: number;
  readonly openItems: number;
  readonly evidenceOrders: number;
  readonly evidenceAttachments: number;
  readonly priceChecks: number;
}

export interface TeamRepository {
  /** Accounts (admin only): user name and display name. */
  accounts(): Promise<{ readonly username: string; readonly displayName: string }[]>;
  /**
   * Admin: moves a local workspace's backup file in, its history's free-text
   * names mapped to user names; `unmapped` lists the names still to map (nothing moved).
   */
  moveLocalBackup(
    file: Blob,
    names: Readonly<Record<string, string>>,
  ): Promise<{ readonly moved: LocalMoveOutcome } | { readonly unmapped: readonly string[] }>;
  /** The signed-in person, or null (then the app shows the sign-in screen). */
  session(): Promise<TeamUser | null>;
  login(username: string, password: string): Promise<TeamUser>;
  logout(): Promise<void>;
  pendingChecks(): Promise<PendingCheck[]>;
  check(item: Pick<PendingCheck, 'type' | 'id'>, decision: 'apply' | 'reject'): Promise<void>;
  /** Hears every change the server announces (server-sent events); returns the unsubscribe. */
  subscribe(listener: (e: TeamEvent) => void): () => void;
  /** Hears that the session ended (expired, signed out elsewhere, account closed). */
  onSessionLost(listener: () => void): () => void;
}

/** Resolutions of transactions with no cap in force (storage/uncappedResolutions.ts). */
export interface UncappedResolutionsRepository {
  list(): Promise<UncappedResolution[]>;
  /** Adds or replaces (same id) a resolution; RangeError when malformed. */
  save(resolution: UncappedResolution): Promise<void>;
  /** Removes one (the item is open again); returns what was removed. */
  remove(id: string): Promise<UncappedResolution | undefined>;
}

/** Every repository the app uses. A new store adds its interface here and to each adapter. */
export interface Repositories {
  readonly history: HistoryRepository;
  readonly evidence: EvidenceRepository;
  readonly alerts: AlertsRepository;
  readonly parties: PartiesRepository;
  readonly approvals: ApprovalsRepository;
  readonly settings: SettingsRepository;
  readonly commentary: CommentaryRepository;
  readonly register: RegisterRepository;
  readonly ledger: LedgerRepository;
  readonly backup: BackupRepository;
  readonly persistence: PersistenceRepository;
  /** Present only in team mode (the app was served by `npm run server`). */
  readonly team?: TeamRepository;
  readonly uncappedResolutions: UncappedResolutionsRepository;
}
