import { describe, expect, it } from 'vitest';
import { columnsFromWire } from '../../../src/storage/ledgerSession';
import { packStrings } from '../../../src/domain/import/accepted';
import { lazyTextColumn, textToUnitChunks } from '../../../src/domain/import/wireText';
import { forEachLedgerBlock, ledgerSummary } from '../../../src/storage/ledgerStore';
import { openImportSession, toWireText } from '../../../src/storage/ledgerWorkerClient';
import { CATS, columns, freshDb, type Row } from './ledgerFixtures';

describe('ledger import session', () => {
  it('text crosses to the worker exactly, surrogate pairs and lone surrogates included', async () => {
    const values = ['INV-1', '云服务费 😀 四月', 'lone \ud800 high', '', 'x'.repeat(600_000) + '𝄞'];
    const packed = packStrings(values);
    const wire = await toWireText(packed);
    expect(wire.chunks.length).toBeGreaterThan(1); // the long value spans chunks
    const back = columnsFromWire({
      length: values.length,
      day: new Int32Array(5),
      category: new Uint8Array(5),
      amountMinor: new Float64Array(5),
      reference: wire,
      description: wire,
    });
    expect(back.reference.text).toBe(packed.text);
  });

  it('a column received from the import worker as chunks is handed on as those chunks, never decoded on the page', async () => {
    const values = ['INV-1', '云服务费 😀 四月', 'lone \ud800 high', '', 'x'.repeat(600_000) + '𝄞'];
    const packed = packStrings(values);
    const chunks = textToUnitChunks(packed.text, 1 << 16);
    let reads = 0;
    const col = lazyTextColumn(chunks, packed.offsets);
    const watched = {
      offsets: col.offsets,
      get text() {
        reads++;
        return col.text;
      },
    };
    // toWireText must recognise the lazy column itself; the watched copy is an ordinary column.
    const wire = await toWireText(col);
    expect(wire.chunks).toBe(chunks);
    expect(wire.offsets).toBe(packed.offsets);
    await toWireText(watched);
    expect(reads).toBe(1);
    const back = columnsFromWire({
      length: values.length,
      day: new Int32Array(5),
      category: new Uint8Array(5),
      amountMinor: new Float64Array(5),
      reference: wire,
      description: wire,
    });
    expect(back.reference.text).toBe(packed.text);
    expect(col.text).toBe(packed.text);
  });

  it('checks, plans and commits (in-page fallback without Web Workers), skipping duplicates on request', async () => {
    freshDb();
    const first: Row[] = [
      { date: '2026-05-01', cat: 'cloud-services', fen: 100_00, ref: 'A' },
      { date: '2026-05-02', cat: 'idc-services', fen: 250_50, ref: 'B' },
    ];
    const s1 = openImportSession(CATS);
    await s1.append(columns(first, CATS));
    const c1 = await s1.check();
    expect(c1.plan.all).toEqual({ count: 2, totalMinor: 35_050n });
    expect(c1.plan.skipping.skipped).toBe(0);
    expect(c1.categoriesUsed).toEqual(['cloud-services', 'idc-services']);
    await s1.commit({ fileName: 'first.csv' }, { skipDuplicates: true });

    const second: Row[] = [
      ...first,
      { date: '2026-05-03', cat: 'idc-services', fen: -50, ref: 'C' },
      { date: '2026-05-03', cat: 'idc-services', fen: -50, ref: 'C' },
    ];
    const cols = { ...columns(second, CATS), duplicateOf: Int32Array.of(-1, -1, -1, 2) };
    const s2 = openImportSession(CATS);
    await s2.append(cols);
    const c2 = await s2.check();
    expect(c2.stored.count).toBe(2);
    expect(c2.stored.listed.map((d) => d.row)).toEqual([2, 3]);
    expect(c2.plan.skipping).toEqual({ count: 1, totalMinor: -50n, skipped: 3 });
    const progress: unknown[] = [];
    const batch = await s2.commit(
      { fileName: 'second.csv' },
      { skipDuplicates: true, onProgress: (p) => progress.push(p) },
    );
    expect(progress).toEqual([{ phase: 'writing', rows: 1 }]);
    expect(batch.rowCount).toBe(1);
    expect(batch.skippedDuplicates).toBe(3);
    expect(await ledgerSummary({})).toEqual({
      count: 3,
      sumMinor: 35_000n,
      byCategory: new Map([
        ['cloud-services', { count: 1, sumMinor: 10_000n }],
        ['idc-services', { count: 2, sumMinor: 25_000n }],
      ]),
    });
    let refs = '';
    await forEachLedgerBlock((b) => void (refs += b.reference.text));
    expect(refs).toBe('ABC');
  });

  it('keeping the duplicates stores every row although the check already prepared the rows without them', async () => {
    freshDb();
    const first: Row[] = [{ date: '2026-05-01', cat: 'cloud-services', fen: 100_00, ref: 'A' }];
    const s1 = openImportSession(CATS);
    await s1.append(columns(first, CATS));
    await s1.check();
    await s1.commit({ fileName: 'first.csv' }, { skipDuplicates: true });

    const again: Row[] = [...first, { date: '2026-05-02', cat: 'idc-services', fen: 7_00, ref: 'B' }];
    const s2 = openImportSession(CATS);
    await s2.append(columns(again, CATS));
    const c2 = await s2.check();
    expect(c2.plan.skipping).toEqual({ count: 1, totalMinor: 700n, skipped: 1 });
    // Give the early preparation (duplicates left out) time to finish before choosing otherwise.
    await new Promise((r) => setTimeout(r, 20));
    const batch = await s2.commit({ fileName: 'again.csv' }, { skipDuplicates: false });
    expect(batch.rowCount).toBe(2);
    expect(batch.skippedDuplicates).toBe(0);
    expect(batch.totalMinor).toBe('10700');
    expect((await ledgerSummary({})).count).toBe(3);
  });

  it('takes the rows in several chunks: duplicates across chunks, row numbers and the batch are those of one import', async () => {
    freshDb();
    const rows: Row[] = [
      { date: '2026-05-01', cat: 'cloud-services', fen: 100_00, ref: 'A', desc: 'first' },
      { date: '2026-05-02', cat: 'idc-services', fen: 250_50, ref: 'B' },
      { date: '2026-05-01', cat: 'cloud-services', fen: 100_00, ref: 'A', desc: 'again' },
      { date: '2026-05-04', cat: 'api-services', fen: -7, ref: 'D' },
    ];
    const all = columns(rows, CATS);
    const part = (from: number, to: number, duplicateOf?: Int32Array) => ({
      length: to - from,
      day: all.day.slice(from, to),
      category: all.category.slice(from, to),
      amountMinor: all.amountMinor.slice(from, to),
      reference: packStrings(rows.slice(from, to).map((r) => r.ref)),
      description: packStrings(rows.slice(from, to).map((r) => r.desc ?? '')),
      rowNumber: all.rowNumber!.slice(from, to),
      ...(duplicateOf ? { duplicateOf } : {}),
    });
    const s = openImportSession(CATS);
    // Row 2 of the second chunk (index 2 of the import) repeats index 0, in the first chunk.
    await s.append(part(0, 2));
    await s.append(part(2, 4, Int32Array.of(0, -1)));
    const check = await s.check();
    expect(check.plan.all).toEqual({ count: 4, totalMinor: 100_00n + 250_50n + 100_00n - 7n });
    expect(check.plan.skipping).toEqual({ count: 3, totalMinor: 100_00n + 250_50n - 7n, skipped: 1 });
    expect(check.categoriesUsed).toEqual(['cloud-services', 'idc-services', 'api-services']);
    const batch = await s.commit({ fileName: 'chunks.csv' }, { skipDuplicates: true });
    expect([batch.rowCount, batch.skippedDuplicates, batch.totalMinor]).toEqual([3, 1, '35043']);
    const stored: unknown[] = [];
    await forEachLedgerBlock((b) => {
      for (let i = 0; i < b.length; i++)
        stored.push([b.rowNumber?.[i], b.reference.text.slice(b.reference.offsets[i]!, b.reference.offsets[i + 1]!)]);
    });
    expect(stored).toEqual([
      [2, 'A'],
      [3, 'B'],
      [5, 'D'],
    ]);
  });

  it('an aborted session stores nothing and refuses to go on', async () => {
    freshDb();
    const s = openImportSession(CATS);
    await s.append(columns([{ date: '2026-05-01', cat: 'cloud-services', fen: 1, ref: 'A' }], CATS));
    await s.check();
    s.abort();
    await expect(s.commit({ fileName: 'x.csv' }, { skipDuplicates: false })).rejects.toThrow(/aborted/);
    expect((await ledgerSummary({})).count).toBe(0);
  });
});
