/**
 * Data written by the app as it was before the storage refactor of issue 8
 * (test/fixtures/storage, made by generate.ts there) must open unchanged: a
 * backup file restores, and an IndexedDB database at schema version 3 opens
 * (and upgrades, when later versions add tables) with every figure intact.
 * The figures below are worked out by hand from the rows generate.ts wrote.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toDayNumber } from '../../../src/domain/dates';
import { sumDays } from '../../../src/domain/ledgerTotals';
import { listApprovals } from '../../../src/storage/approvals';
import { parseBackup, restoreBackup } from '../../../src/storage/backup';
import { listCommentary } from '../../../src/storage/commentary';
import { HeadroomDb, setDbForTests } from '../../../src/storage/db';
import { loadRememberedMapping } from '../../../src/storage/ledgerSettings';
import {
  ledgerSummary,
  listBatches,
  loadLedgerPage,
  saveManualEntry,
  verifyAggregates,
} from '../../../src/storage/ledgerStore';
import { loadLedgerTotals } from '../../../src/storage/ledgerTotals';
import { listRegister } from '../../../src/storage/register';
import { loadSettings } from '../../../src/storage/settings';
import { harbour } from '../domain/register/registerFixture';

const dir = join(__dirname, '../../fixtures/storage');
const HARBOUR_CAT = 'u-harbour-services-framework--warehousing';

let n = 0;
function fresh(name = `stored-fixture-${Date.now()}-${n++}`): HeadroomDb {
  const d = new HeadroomDb(name);
  setDbForTests(d);
  return d;
}

// --- The raw IndexedDB dump, loaded as the browser would hold it -----------

interface DumpStore {
  name: string;
  keyPath: string | string[] | null;
  autoIncrement: boolean;
  indexes: { name: string; keyPath: string | string[]; unique: boolean; multiEntry: boolean }[];
  records: { key: IDBValidKey; value: unknown }[];
}

const TYPED: Record<string, new (values: never[]) => unknown> = {
  Int32Array,
  Uint8Array,
  Uint32Array,
  Float64Array,
  BigInt64Array: BigInt64Array as never,
};

function decode(_key: string, value: unknown): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const v = value as { $bigint?: string; $typed?: string; values?: unknown[] };
    if (typeof v.$bigint === 'string') return BigInt(v.$bigint);
    if (typeof v.$typed === 'string' && Array.isArray(v.values)) {
      const ctor = TYPED[v.$typed];
      if (!ctor) throw new Error(`fixture: no decoder for ${v.$typed}`);
      const values = v.$typed === 'BigInt64Array' ? v.values.map((x) => BigInt(x as string)) : v.values;
      return new ctor(values as never[]);
    }
  }
  return value;
}

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

/** Creates the database exactly as the dump describes it, with plain IndexedDB (no Dexie). */
async function loadDump(name: string): Promise<void> {
  const dump = JSON.parse(readFileSync(join(dir, 'indexeddb-v3.json'), 'utf8'), decode) as {
    version: number;
    stores: DumpStore[];
  };
  const open = indexedDB.open(name, dump.version);
  open.onupgradeneeded = () => {
    for (const s of dump.stores) {
      const store = open.result.createObjectStore(s.name, { keyPath: s.keyPath, autoIncrement: s.autoIncrement });
      for (const ix of s.indexes)
        store.createIndex(ix.name, ix.keyPath, { unique: ix.unique, multiEntry: ix.multiEntry });
    }
  };
  const idb = await request(open);
  const tx = idb.transaction(
    dump.stores.map((s) => s.name),
    'readwrite',
  );
  for (const s of dump.stores) {
    const store = tx.objectStore(s.name);
    for (const r of s.records) {
      if (s.keyPath === null) store.put(r.value, r.key);
      else store.put(r.value);
    }
  }
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  idb.close();
}

// --- What both fixtures hold ----------------------------------------------

const day = toDayNumber;

async function expectFixtureData(): Promise<void> {
  // Ledger totals per category, fen: imported rows + manual entries (the rolled-back batch and the deleted entry gone).
  const totals = await loadLedgerTotals();
  const all = (id: string) => sumDays(totals.byCategory.get(id), day('2026-01-01'), day('2026-12-31'));
  expect(all('cloud-services')).toBe(12_345_678_90n + 1_000_00n + 1n);
  expect(all('idc-services')).toBe(98_765_43n + 4_321_99n);
  expect(all('hardware-equipment')).toBe(250_000_000_00n - 5_000_00n + 2_600_000_00n);
  expect(all(HARBOUR_CAT)).toBe(3_210_00n);
  expect([...totals.byCategory.keys()].sort()).toEqual(
    ['cloud-services', 'hardware-equipment', 'idc-services', HARBOUR_CAT].sort(),
  );
  expect([...totals.byCategory.get('cloud-services')!.days]).toEqual([day('2026-01-15'), day('2026-06-30')]);
  expect(sumDays(totals.byCategory.get('cloud-services'), day('2026-01-15'), day('2026-01-15'))).toBe(1_234_667_890n);
  expect([...totals.complete]).toEqual(['idc-services']);

  const summary = await ledgerSummary({});
  expect(summary.count).toBe(9);
  expect(summary.sumMinor).toBe(26_504_797_633n);
  const march = await ledgerSummary({ startDay: day('2026-03-01'), endDay: day('2026-03-31') });
  expect([march.count, march.sumMinor]).toEqual([2, 24_999_500_000n]);

  const batches = await listBatches();
  expect(batches.map((b) => [b.fileName, b.status, b.rowCount, b.totalMinor, b.rejectedRows, b.format])).toEqual([
    ['wrong.csv', 'rolled-back', 1, '77700', 0, 'csv'],
    ['台账 2026.csv', 'committed', 7, '26244365434', 1, 'csv'],
  ]);
  expect([batches[1]!.minDay, batches[1]!.maxDay, batches[1]!.chunkCount]).toEqual([
    day('2026-01-15'),
    day('2026-06-30'),
    1,
  ]);

  const page = await loadLedgerPage({}, 0, 20);
  expect(page.total).toBe(9);
  expect(
    page.rows.map((r) => [
      r.source,
      r.manualId ?? r.rowNumber,
      r.day,
      r.categoryId,
      r.amountMinor,
      r.reference,
      r.description,
    ]),
  ).toEqual([
    ['manual', 3, day('2026-08-15'), 'idc-services', 4_321_99, 'M-3', '手工录入'],
    ['manual', 1, day('2026-07-03'), 'hardware-equipment', 2_600_000_00, 'PO-77', 'switches'],
    ['import', 2, day('2026-01-15'), 'cloud-services', 12_345_678_90, 'INV-001', '云服务 一月'],
    ['import', 3, day('2026-01-15'), 'cloud-services', 1_000_00, 'INV-002', ''],
    ['import', 4, day('2026-02-28'), 'idc-services', 98_765_43, 'INV-003', 'IDC, "rack" fees'],
    ['import', 5, day('2026-03-31'), 'hardware-equipment', 250_000_000_00, 'PO-7', 'servers'],
    ['import', 6, day('2026-03-31'), 'hardware-equipment', -5_000_00, 'CN-7', 'credit note'],
    ['import', 7, day('2026-04-01'), HARBOUR_CAT, 3_210_00, 'HB-1', 'warehousing'],
    ['import', 8, day('2026-06-30'), 'cloud-services', 1, 'INV-004', 'line\nbreak'],
  ]);
  expect(page.rows[2]!.fileName).toBe('台账 2026.csv');
  expect((await verifyAggregates()).ok).toBe(true);

  expect(await listRegister()).toEqual([harbour]);
  expect(await listApprovals()).toEqual([
    { resolutionId: 'agm-2026-cloud-services', outcome: 'approved', date: '2026-06-30' },
  ]);
  const commentary = await listCommentary('2026-06-30');
  expect(Object.keys(commentary)).toEqual(['cloud-services']);
  expect(commentary['cloud-services']!.text).toBe('Usage rose with the AI training cluster; 云服务用量上升。');
  // Written before per-agreement thresholds existed: the one for every agreement, none per agreement.
  expect(await loadSettings()).toEqual({ thresholdPercent: '75', thresholdSet: true, thresholdByAgreement: {} });
  expect(await loadRememberedMapping('date|category|amount|reference')).toEqual({
    mapping: ['date', 'category', 'amount', 'reference'],
    unit: 'yuan',
    dateOrder: 'ymd',
  });

  // The manual entries' key generator carried over: the next entry is #4 (1 and 3 kept, 2 deleted).
  const next = await saveManualEntry({
    day: day('2026-09-01'),
    categoryId: 'cloud-services',
    amountMinor: 5,
    reference: 'new',
    description: '',
  });
  expect(next.id).toBe(4);
  expect((await ledgerSummary({})).sumMinor).toBe(26_504_797_638n);
}

describe('data stored by the app before the storage refactor', () => {
  it('a backup file restores with every figure', async () => {
    const text = readFileSync(join(dir, 'backup-v1.json'), 'utf8');
    fresh();
    const parsed = await parseBackup(text);
    expect([parsed.header.version, parsed.header.schemaVersion, parsed.ledgerRows]).toEqual([1, 3, 9]);
    const restored = await restoreBackup(text);
    expect(restored.ledgerRows).toBe(9);
    expect(restored.tables).toMatchObject({
      ledgerBatches: 2,
      ledgerChunks: 1,
      ledgerManual: 2,
      registerAgreements: 1,
      approvals: 1,
      commentary: 1,
    });
    await expectFixtureData();
  });

  it('an IndexedDB database at schema version 3 opens with every figure', async () => {
    const name = `stored-dump-${Date.now()}-${n++}`;
    await loadDump(name);
    fresh(name);
    await expectFixtureData();
  });
});
