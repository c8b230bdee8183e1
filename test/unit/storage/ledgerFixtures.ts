import { toDayNumber } from '../../../src/domain/dates';
import { HeadroomDb, setDbForTests } from '../../../src/storage/db';
import { packStrings } from '../../../src/domain/import/accepted';
import type { LedgerColumns } from '../../../src/storage/ledgerStore';

export interface Row {
  date: string;
  cat: string;
  /** Amount in fen. */
  fen: number;
  ref: string;
  desc?: string;
}

let n = 0;

/** A fresh, empty database for one test. */
export function freshDb(setup?: (db: HeadroomDb) => void): HeadroomDb {
  const db = new HeadroomDb(`ledger-test-${Date.now()}-${n++}`);
  setup?.(db);
  setDbForTests(db);
  return db;
}

/** Columnar rows (the shape the import worker hands over) from plain rows. */
export function columns(rows: readonly Row[], categoryIds: readonly string[]): LedgerColumns {
  return {
    length: rows.length,
    day: Int32Array.from(rows, (r) => toDayNumber(r.date)),
    category: Uint8Array.from(rows, (r) => {
      const i = categoryIds.indexOf(r.cat);
      if (i < 0) throw new Error(`unknown ${r.cat}`);
      return i;
    }),
    amountMinor: Float64Array.from(rows, (r) => r.fen),
    reference: packStrings(rows.map((r) => r.ref)),
    description: packStrings(rows.map((r) => r.desc ?? '')),
    rowNumber: Int32Array.from(rows, (_, i) => i + 2),
  };
}

export const CATS = ['cloud-services', 'idc-services', 'hardware-equipment', 'api-services'];
