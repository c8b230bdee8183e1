import Dexie, { type Table } from 'dexie';
import type { ApprovalRecord } from '../domain/model';
import type { RegisterAgreement } from '../domain/register';
import type { ClassificationLogRecord, ConnectedConfigRow, OpenItemRecord } from './partiesTypes';
import type { AlertRecord } from '../domain/alerts/alertLog';
import type { PriceCheck, PurchaseOrder } from '../domain/evidence/pricing';
import type { HistoryRecord } from '../domain/history/chain';
import type { UncappedResolution } from '../domain/uncapped';
import type {
  LedgerAggregateRecord,
  LedgerBatchRecord,
  LedgerChunkKeysRecord,
  LedgerChunkMetaRecord,
  LedgerChunkRecord,
  ManualEntryRecord,
} from './ledgerTypes';
import type { AttachmentRecord, CommentaryRow } from './repositories';

export type { CommentaryRow } from './repositories';

export interface SettingRow {
  key: string;
  value: unknown;
}

export type { AttachmentRecord } from './repositories';

/**
 * The app's IndexedDB database. Every schema change is a new `version()` with
 * its migration, never an edit of an old one, so stored data survives updates.
 */
export class HeadroomDb extends Dexie {
  settings!: Table<SettingRow, string>;
  approvals!: Table<ApprovalRecord, string>;
  commentary!: Table<CommentaryRow, string>;
  /** Ledger (see ledgerTypes.ts): import batches, columnar row chunks and per-day aggregates. */
  ledgerBatches!: Table<LedgerBatchRecord, string>;
  ledgerChunks!: Table<LedgerChunkRecord, string>;
  ledgerChunkMeta!: Table<LedgerChunkMetaRecord, string>;
  ledgerChunkKeys!: Table<LedgerChunkKeysRecord, string>;
  ledgerManual!: Table<ManualEntryRecord, number>;
  ledgerAggregates!: Table<LedgerAggregateRecord, string>;
  /** Cap register: one whole validated agreement document per row (see domain/register.ts). */
  registerAgreements!: Table<RegisterAgreement & { position: number }, string>;
  /** Connected persons, rules and cap basis (one row, key "current"; see storage/parties.ts). */
  connectedConfig!: Table<ConnectedConfigRow, string>;
  /** Connected persons' ledger rows no rule classified: open items until assigned. */
  openItems!: Table<OpenItemRecord, string>;
  /** Recorded classification actions (re-applying rules, assigning by hand). */
  classificationLog!: Table<ClassificationLogRecord, number>;
  /** Evidence of the internal controls (schema version 6): see storage/history.ts, evidence.ts, alerts.ts. */
  history!: Table<HistoryRecord, number>;
  evidenceOrders!: Table<PurchaseOrder, string>;
  evidenceAttachments!: Table<AttachmentRecord, string>;
  priceChecks!: Table<PriceCheck, string>;
  alerts!: Table<AlertRecord, string>;
  /** Resolutions of transactions with no cap in force (schema version 7; see storage/uncappedResolutions.ts). */
  uncappedResolutions!: Table<UncappedResolution, string>;

  constructor(name = 'headroom') {
    super(name);
    this.version(1).stores({
      settings: 'key',
      approvals: 'resolutionId',
      commentary: 'key',
    });
    // Ledger tables. New tables only: nothing stored under version 1 changes.
    this.version(2).stores({
      ledgerBatches: 'id, createdAt',
      ledgerChunks: 'id, batchId',
      ledgerChunkMeta: 'id, batchId',
      ledgerChunkKeys: 'id, batchId',
      ledgerManual: '++id, day',
      ledgerAggregates: 'categoryId',
    });
    // Cap register. New table only: nothing stored under earlier versions changes.
    this.version(3).stores({
      registerAgreements: 'id, position',
    });
    // Connected persons and rules. New tables only: nothing stored under earlier versions changes.
    // (Versions 4 and 6 belong to other tables; Dexie applies whichever are declared, in order.)
    this.version(5).stores({
      connectedConfig: 'key',
      openItems: 'id, importId, status',
      classificationLog: '++id, at',
    });
    // Version 4 belongs to other tables (compliance states).
    // Version 6: the change history, pricing evidence and the alert log. New tables only.
    this.version(6).stores({
      history: 'seq',
      evidenceOrders: 'id, categoryId, reference',
      evidenceAttachments: 'id',
      priceChecks: 'id, categoryId, quarter',
      alerts: 'id, categoryId, periodStart',
    });
    // Version 7: resolutions of uncapped transactions (compliance states). New table only.
    this.version(7).stores({
      uncappedResolutions: 'id, categoryId',
    });
  }
}

let instance: HeadroomDb | null = null;

/** The shared database connection (one per tab). */
export function db(): HeadroomDb {
  instance ??= new HeadroomDb();
  return instance;
}

/** Replaces the connection; tests use a fresh database per case. */
export function setDbForTests(next: HeadroomDb): void {
  instance = next;
}
