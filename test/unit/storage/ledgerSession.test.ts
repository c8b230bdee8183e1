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
    const s1 = openImportSession(columns(first, CATS), CATS);
    const c1 = await s1.check();
    expect(c1.plan.all).toEqual({ count: 2, totalMinor: 35_050n });
    expect(c1.plan.skipping.skipped).toBe(0);
    expect(c1.categoriesUsed).toEqual(['cloud-services', 'idc-services']);
    await s1.commit({ fileName: 'first.csv' }, true);

    const second: Row[] = [
      ...first,
      { date: '2026-05-03', cat: 'idc-services', fen: -50, ref: 'C' },
      { date: '2026-05-03', cat: 'idc-services', fen: -50, ref: 'C' },
    ];
    const cols = { ...columns(second, CATS), duplicateOf: Int32Array.of(-1, -1, -1, 2) };
    const s2 = openImportSession(cols, CATS);
    const c2 = await s2.check();
    expect(c2.stored.count).toBe(2);
    expect(c2.stored.listed.map((d) => d.row)).toEqual([2, 3]);
    expect(c2.plan.skipping).toEqual({ count: 1, totalMinor: -50n, skipped: 3 });
    const batch = await s2.commit({ fileName: 'second.csv' }, true);
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
});
