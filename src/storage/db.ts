import Dexie, { type Table } from 'dexie';
import type { ApprovalRecord } from '../domain/model';
import type { RegisterAgreement } from '../domain/register';
import type {
  LedgerAggregateRecord,
  LedgerBatchRecord,
  LedgerChunkKeysRecord,
  LedgerChunkMetaRecord,
  LedgerChunkRecord,
  ManualEntryRecord,
} from './ledgerTypes';

export interface SettingRow {
  key: string;
  value: unknown;
}

export interface CommentaryRow {
  /** `${categoryId}@${asOf}` or `${categoryId}` for commentary kept across dates. */
  key: string;
  text: string;
  updatedAt: string;
}

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
