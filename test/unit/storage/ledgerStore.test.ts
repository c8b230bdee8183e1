import { describe, expect, it } from 'vitest';
import { actualForSpan } from '../../../src/domain/actuals';
import { fromDayNumber, toDayNumber } from '../../../src/domain/dates';
import { kingsoftCloudXiaomi2026 } from '../../../src/domain/disclosed/kingsoftCloudXiaomi2026';
import { buildDailyTotals, sumDays } from '../../../src/domain/ledgerTotals';
import { setLedgerComplete } from '../../../src/storage/ledgerSettings';
import {
  CHUNK_ROWS,
  commitImport,
  deleteManualEntry,
  findStoredDuplicates,
  forEachLedgerBlock,
  ledgerSummary,
  listBatches,
  loadLedgerPage,
  rollbackBatch,
  saveManualEntry,
  verifyAggregates,
} from '../../../src/storage/ledgerStore';
import { loadLedgerTotals } from '../../../src/storage/ledgerTotals';
import { CATS, columns, freshDb, type Row } from './ledgerFixtures';

const day = toDayNumber;

/** Deterministic rows over 2026 in every category, with credit notes (negative amounts). */
function manyRows(count: number, seed = 1): Row[] {
  const rows: Row[] = [];
  let x = seed;
  for (let i = 0; i < count; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    const fen = (x % 10_000_000) * (i % 17 === 0 ? -1 : 1);
    rows.push({
      date: fromDayNumber(day('2026-01-01') + (x % 365)),
      cat: CATS[(x >>> 8) % 4]!,
      fen,
      ref: `INV-${seed}-${i}`,
      desc: i % 3 === 0 ? `=HYPERLINK("x") ${i}` : `row ${i}`,
    });
  }
  return rows;
}

function expectedTotals(rows: readonly Row[], cat: string) {
  return buildDailyTotals(rows.filter((r) => r.cat === cat).map((r) => [day(r.date), BigInt(r.fen)] as const));
}

describe('ledger store: columnar import', () => {
  it('stores 120,001 rows in chunks and reads them back exactly, with exact per-day aggregates', async () => {
    freshDb();
    const rows = manyRows(120_001);
    const batch = await commitImport(columns(rows, CATS), CATS, { fileName: 'erp-2026.csv' });
    expect(batch.rowCount).toBe(120_001);
    expect(batch.chunkCount).toBe(Math.ceil(120_001 / CHUNK_ROWS));
    expect(BigInt(batch.totalMinor)).toBe(rows.reduce((s, r) => s + BigInt(r.fen), 0n));

    // Every row comes back, in file order, with its text intact.
    const back: Row[] = [];
    await forEachLedgerBlock((b) => {
      for (let i = 0; i < b.length; i++) {
        back.push({
          date: fromDayNumber(b.day[i]!),
          cat: b.categoryIds[b.category[i]!]!,
          fen: b.amountMinor[i]!,
          ref: b.reference.text.slice(b.reference.offsets[i]!, b.reference.offsets[i + 1]!),
          desc: b.description.text.slice(b.description.offsets[i]!, b.description.offsets[i + 1]!),
        });
      }
    });
    expect(back).toEqual(rows);

    const totals = await loadLedgerTotals();
    for (const cat of CATS) {
      const want = expectedTotals(rows, cat);
      const got = totals.byCategory.get(cat)!;
      expect([...got.days]).toEqual([...want.days]);
      expect([...got.prefix]).toEqual([...want.prefix]);
    }
    expect((await verifyAggregates()).ok).toBe(true);
  });

  it('feeds the engine: disclosed 749.1 up to April 23, 2026 plus later ledger rows, earlier rows shown as covered', async () => {
    freshDb();
    await commitImport(
      columns(
        [
          { date: '2026-04-20', cat: 'cloud-services', fen: 100_000_000, ref: 'INV-1' }, // covered by the disclosure
          { date: '2026-05-10', cat: 'cloud-services', fen: 1_234_567_890, ref: 'INV-2' }, // RMB 12,345,678.90
          { date: '2026-05-11', cat: 'idc-services', fen: 5_000, ref: 'PO-9' },
        ],
        CATS,
      ),
      CATS,
      { fileName: 'may.csv' },
    );
    const ledger = await loadLedgerTotals();
    const a = actualForSpan(kingsoftCloudXiaomi2026, ledger, 'cloud-services', {
      start: '2026-01-01',
      end: '2026-06-30',
    });
    expect(a.basis).toBe('disclosed+ledger');
    expect(a.amount).toBe(74_910_000_000n + 1_234_567_890n);
    expect(a.coveredLedgerAmount).toBe(100_000_000n);
    // Known through the disclosure; the May row counts but is provisional (no ledger close set).
    expect(a.through).toBe('2026-04-23');
    expect(a.provisional).toBe(true);
    expect(a.lastRow).toBe('2026-05-10');

    // Marking the ledger complete: the ledger replaces the disclosure.
    await setLedgerComplete('cloud-services', true);
    const complete = await loadLedgerTotals();
    expect([...complete.complete]).toEqual(['cloud-services']);
    const b = actualForSpan(kingsoftCloudXiaomi2026, complete, 'cloud-services', {
      start: '2026-01-01',
      end: '2026-06-30',
    });
    expect(b.basis).toBe('ledger');
    expect(b.amount).toBe(100_000_000n + 1_234_567_890n);
  });

  it('an import that fails half-way leaves the stored ledger exactly as it was', async () => {
    let chunkPuts = 0;
    let failOn = Infinity;
    freshDb((db) => {
      db.use({
        stack: 'dbcore',
        name: 'simulated-disk-full',
        create: (down) => ({
          ...down,
          table: (name) => {
            const t = down.table(name);
            if (name !== 'ledgerChunks') return t;
            return {
              ...t,
              mutate: (req) => {
                if (req.type === 'put' && ++chunkPuts === failOn)
                  return Promise.reject(new DOMException('Simulated: disk full', 'QuotaExceededError'));
                return t.mutate(req);
              },
            };
          },
        }),
      });
    });
    const before = manyRows(1_000, 7);
    await commitImport(columns(before, CATS), CATS, { fileName: 'before.csv' });
    const totalsBefore = await loadLedgerTotals();

    chunkPuts = 0;
    failOn = 3; // the first two chunks of the new batch are written, the third fails
    const big = manyRows(3 * CHUNK_ROWS, 8);
    await expect(commitImport(columns(big, CATS), CATS, { fileName: 'big.csv' })).rejects.toThrow(/disk full/);
    expect(chunkPuts).toBe(3);

    const batches = await listBatches();
    expect(batches.map((b) => b.fileName)).toEqual(['before.csv']);
    let stored = 0;
    await forEachLedgerBlock((b) => void (stored += b.length));
    expect(stored).toBe(1_000);
    const totalsAfter = await loadLedgerTotals();
    for (const cat of CATS) {
      expect([...totalsAfter.byCategory.get(cat)!.prefix]).toEqual([...totalsBefore.byCategory.get(cat)!.prefix]);
    }
    expect((await verifyAggregates()).ok).toBe(true);
  });

  it('rolls back exactly one batch and its sums', async () => {
    freshDb();
    const a = manyRows(60_000, 3);
    const b = manyRows(2_000, 4);
    const batchA = await commitImport(columns(a, CATS), CATS, { fileName: 'a.csv' });
    await commitImport(columns(b, CATS), CATS, { fileName: 'b.xlsx' });
    await saveManualEntry({
      day: day('2026-03-03'),
      categoryId: 'idc-services',
      amountMinor: 123_45,
      reference: 'M-1',
      description: '',
    });

    const rolled = await rollbackBatch(batchA.id);
    expect(rolled.status).toBe('rolled-back');
    expect((await listBatches()).find((x) => x.id === batchA.id)?.status).toBe('rolled-back');

    const totals = await loadLedgerTotals();
    const remaining = [...b, { date: '2026-03-03', cat: 'idc-services', fen: 12_345, ref: 'M-1' }];
    for (const cat of CATS) {
      expect([...totals.byCategory.get(cat)!.prefix]).toEqual([...expectedTotals(remaining, cat).prefix]);
    }
    expect((await verifyAggregates()).ok).toBe(true);
    const page = await loadLedgerPage({}, 0, 10);
    expect(page.total).toBe(2_001);
    // Rolling back twice changes nothing more.
    await rollbackBatch(batchA.id);
    expect((await ledgerSummary({})).count).toBe(2_001);
  });
});

describe('ledger store: manual entries', () => {
  it('adds, edits (moving category and date) and deletes with exact aggregates', async () => {
    freshDb();
    const e = await saveManualEntry({
      day: day('2026-05-04'),
      categoryId: 'cloud-services',
      amountMinor: 250_000_00,
      reference: 'CN-1',
      description: 'first',
    });
    expect(e.id).toBeGreaterThan(0);
    let t = await loadLedgerTotals();
    expect(sumDays(t.byCategory.get('cloud-services'), day('2026-01-01'), day('2026-12-31'))).toBe(25_000_000n);

    await saveManualEntry({ ...e, day: day('2026-06-01'), categoryId: 'hardware-equipment', amountMinor: -1_00 });
    t = await loadLedgerTotals();
    expect(t.byCategory.has('cloud-services')).toBe(false);
    expect(sumDays(t.byCategory.get('hardware-equipment'), day('2026-06-01'), day('2026-06-01'))).toBe(-100n);
    expect((await verifyAggregates()).ok).toBe(true);

    const removed = await deleteManualEntry(e.id);
    expect(removed?.reference).toBe('CN-1');
    t = await loadLedgerTotals();
    expect(t.byCategory.size).toBe(0);
    expect(await deleteManualEntry(e.id)).toBeUndefined();
  });

  it('rejects an amount that is not a safe integer of fen and stores nothing', async () => {
    freshDb();
    await expect(
      saveManualEntry({
        day: day('2026-05-04'),
        categoryId: 'cloud-services',
        amountMinor: 0.5,
        reference: '',
        description: '',
      }),
    ).rejects.toThrow(/safe integer/);
    expect((await ledgerSummary({})).count).toBe(0);
  });
});

describe('ledger store: duplicates against stored rows', () => {
  it('finds rows equal in date, category, amount and reference to stored imported or manual rows', async () => {
    freshDb();
    const stored = manyRows(55_000, 5); // two chunks
    await commitImport(columns(stored, CATS), CATS, { fileName: 'jan.csv' });
    const manual = await saveManualEntry({
      day: day('2026-02-02'),
      categoryId: 'api-services',
      amountMinor: 999,
      reference: 'M-7',
      description: 'typed',
    });

    const incoming: Row[] = [
      { ...stored[10]!, desc: 'other description' }, // duplicate: description does not count
      { ...stored[54_000]! }, // duplicate in the second chunk
      { ...stored[11]!, fen: stored[11]!.fen + 1 }, // amount differs
      { ...stored[12]!, ref: `${stored[12]!.ref}x` }, // reference differs
      { ...stored[13]!, cat: stored[13]!.cat === 'api-services' ? 'idc-services' : 'api-services' }, // category differs
      { date: '2026-02-02', cat: 'api-services', fen: 999, ref: 'M-7' }, // duplicate of the manual entry
      { date: '2026-02-03', cat: 'api-services', fen: 999, ref: 'M-7' }, // date differs
    ];
    const found = await findStoredDuplicates(columns(incoming, CATS), CATS);
    expect([...found.mask]).toEqual([1, 1, 0, 0, 0, 1, 0]);
    expect(found.count).toBe(3);
    expect(found.listed).toEqual([
      {
        index: 0,
        row: 2,
        stored: { source: 'import', batchId: expect.any(String), fileName: 'jan.csv', rowNumber: 12 },
      },
      {
        index: 1,
        row: 3,
        stored: { source: 'import', batchId: expect.any(String), fileName: 'jan.csv', rowNumber: 54_002 },
      },
      { index: 5, row: 7, stored: { source: 'manual', manualId: manual.id } },
    ]);

    // Skipping them on import stores only the new rows.
    await commitImport(columns(incoming, CATS), CATS, { fileName: 'again.csv', skippedDuplicates: 3 }, found.mask);
    expect((await ledgerSummary({})).count).toBe(55_000 + 1 + 4);
  });

  it('works the same when the import is larger than the stored ledger', async () => {
    freshDb();
    const stored = manyRows(3, 21);
    await commitImport(columns(stored, CATS), CATS, { fileName: 'small.csv' });
    await saveManualEntry({
      day: day('2026-02-02'),
      categoryId: 'api-services',
      amountMinor: 999,
      reference: 'M-7',
      description: '',
    });
    const incoming = [...manyRows(20, 22)];
    incoming.splice(5, 0, { ...stored[1]! });
    incoming.splice(9, 0, { date: '2026-02-02', cat: 'api-services', fen: 999, ref: 'M-7' });
    const found = await findStoredDuplicates(columns(incoming, CATS), CATS);
    expect(found.count).toBe(2);
    expect(found.listed.map((x) => x.index)).toEqual([5, 9]);
    expect(found.listed[1]!.stored).toEqual({ source: 'manual', manualId: 1 });
    // Rows already skipped (e.g. repeats inside the file) are not checked again.
    const skip = new Uint8Array(incoming.length);
    skip[5] = 1;
    expect((await findStoredDuplicates(columns(incoming, CATS), CATS, { skip })).count).toBe(1);
  });

  it('finds nothing in an empty ledger', async () => {
    freshDb();
    const found = await findStoredDuplicates(columns(manyRows(10), CATS), CATS);
    expect(found.count).toBe(0);
  });
});

describe('ledger store: paging', () => {
  it('pages across chunk boundaries with category and month filters, manual entries first', async () => {
    freshDb();
    const rows = manyRows(CHUNK_ROWS + 500, 9);
    await commitImport(columns(rows, CATS), CATS, { fileName: 'p.csv' });
    await saveManualEntry({
      day: day('2026-03-15'),
      categoryId: 'cloud-services',
      amountMinor: 1,
      reference: 'M',
      description: '',
    });
    const march = { categoryId: 'cloud-services', startDay: day('2026-03-01'), endDay: day('2026-03-31') };
    const want = rows.filter((r) => r.cat === 'cloud-services' && r.date.startsWith('2026-03'));
    const all = [];
    let offset = 0;
    for (;;) {
      const page = await loadLedgerPage(march, offset, 333);
      expect(page.total).toBe(want.length + 1);
      all.push(...page.rows);
      if (page.rows.length < 333) break;
      offset += 333;
    }
    expect(all[0]!.source).toBe('manual');
    expect(all.slice(1).map((r) => r.reference)).toEqual(want.map((r) => r.ref));
    const summary = await ledgerSummary(march);
    expect(summary.count).toBe(want.length + 1);
    expect(summary.sumMinor).toBe(want.reduce((s, r) => s + BigInt(r.fen), 1n));
  });
});

describe('HashIndex', () => {
  it('matches on both halves of the key and keeps every entry of a repeated key', async () => {
    const { HashIndex } = await import('../../../src/domain/ledger/keys');
    const index = new HashIndex(8);
    index.add(7, 1, 10);
    index.add(7, 2, 11); // same first half, different second half: a different key
    index.add(7, 1, 12); // the same key again
    index.add(7 + 16 * 64, 1, 13); // another key landing in the same slot
    const hits = (h1: number, h2: number) => {
      const out: number[] = [];
      index.forEach(h1, h2, (p) => out.push(p));
      return out;
    };
    expect(hits(7, 1)).toEqual([10, 12]);
    expect(hits(7, 2)).toEqual([11]);
    expect(hits(7, 3)).toEqual([]);
    expect(hits(7 + 16 * 64, 1)).toEqual([13]);
  });
});

describe('planImport', () => {
  it('counts and sums exactly with and without the duplicates', async () => {
    const { planImport } = await import('../../../src/storage/ledgerStore');
    const max = Number.MAX_SAFE_INTEGER; // 9,007,199,254,740,991 fen
    const amounts = Float64Array.of(max, max, -5, 100, 7);
    const duplicateOf = Int32Array.of(-1, 0, -1, -1, -1); // row 1 repeats row 0
    const stored = Uint8Array.of(0, 0, 0, 1, 0); // row 3 is already stored
    const { plan, skipMask } = planImport(amounts, duplicateOf, stored);
    expect(plan.all).toEqual({ count: 5, totalMinor: 2n * BigInt(max) + 102n });
    expect(plan.skipping).toEqual({ count: 3, totalMinor: BigInt(max) + 2n, skipped: 2 });
    expect([...skipMask!]).toEqual([0, 1, 0, 1, 0]);
    expect(planImport(Float64Array.of(1, 2), undefined, undefined).skipMask).toBeUndefined();
  });
});
