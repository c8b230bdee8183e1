import Dexie, { type Table } from 'dexie';
import type { ApprovalRecord } from '../domain/model';

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

  constructor(name = 'headroom') {
    super(name);
    this.version(1).stores({
      settings: 'key',
      approvals: 'resolutionId',
      commentary: 'key',
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
