// @vitest-environment node
/**
 * The worker's request handler, driven directly (no real Worker in Node):
 * progress messages, the result, and the transfer list that moves the typed
 * arrays instead of copying them.
 */
import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { ImportResponse } from '../../../src/domain/import/protocol';
import { handleImportRequest, transferablesOf } from '../../../src/workers/importWorker';
import { BASE, fixture, totals } from '../domain/import/helpers';

async function run(file: Blob | ArrayBuffer, kind: 'parse' | 'preview' = 'parse') {
  const messages: { msg: ImportResponse; transfer: Transferable[] }[] = [];
  const req =
    kind === 'parse'
      ? ({ id: 7, kind, file, name: 'ledger.csv', options: BASE } as const)
      : ({ id: 7, kind, file, name: 'ledger.csv', options: {} } as const);
  await handleImportRequest(req, (msg, transfer) => messages.push({ msg, transfer }));
  return messages;
}

describe('import worker', () => {
  it('parses a Blob, reports progress, and transfers every typed array of the result', async () => {
    const bytes = fixture('good/gb18030.csv');
    const messages = await run(new Blob([bytes as Uint8Array<ArrayBuffer>]));
    const last = messages[messages.length - 1]!;
    expect(messages.slice(0, -1).every((m) => m.msg.type === 'progress' && m.msg.id === 7)).toBe(true);
    expect(last.msg.type).toBe('result');
    if (last.msg.type !== 'result') return;
    const r = last.msg.result;
    expect(r.accepted.length).toBe(8);
    expect(totals(r)['idc-services']).toBe(100_000_010n);
    const buffers = new Set(last.transfer);
    for (const arr of [
      r.accepted.day,
      r.accepted.category,
      r.accepted.amountMinor,
      r.accepted.rowNumber,
      r.accepted.duplicateOf,
      r.accepted.reference.offsets,
    ]) {
      expect(buffers.has(arr.buffer)).toBe(true);
    }
    for (const t of r.perCategoryDailyTotals.values()) {
      expect(buffers.has(t.days.buffer)).toBe(true);
      expect(buffers.has(t.prefix.buffer)).toBe(true);
    }
    // No buffer listed twice (postMessage would throw).
    expect(buffers.size).toBe(last.transfer.length);
    // The file's SHA-256 for the history record, hashed in the worker beside the parse.
    expect(r.fileSha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(r.fileSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('returns a bad file as a result with fatal set, not as an error', async () => {
    const messages = await run(fixture('bad/zip-bomb.xlsx').slice().buffer);
    const last = messages[messages.length - 1]!.msg;
    expect(last.type === 'result' && last.result.fatal?.code).toBe('zip-bomb');
  });

  it('answers a preview request with a preview', async () => {
    const messages = await run(new Blob([fixture('good/semicolon.csv') as Uint8Array<ArrayBuffer>]), 'preview');
    expect(messages).toHaveLength(1);
    const msg = messages[0]!.msg;
    expect(msg.type).toBe('preview');
    if (msg.type === 'preview')
      expect(msg.preview.headers).toEqual(['Posting date', 'Type', 'Amount (CNY)', 'PO number', 'Memo']);
  });

  it('lists the buffers of an empty result too', () => {
    const r = {
      accepted: {
        day: new Int32Array(0),
        category: new Uint8Array(0),
        amountMinor: new Float64Array(0),
        rowNumber: new Int32Array(0),
        duplicateOf: new Int32Array(0),
        reference: { text: '', offsets: new Uint32Array(1) },
        description: { text: '', offsets: new Uint32Array(1) },
      },
      perCategoryDailyTotals: new Map(),
    };
    expect(transferablesOf(r as never)).toHaveLength(7);
  });
});

describe('import worker: raw ERP ledgers', () => {
  it('classifies a raw ledger in the worker and posts its buckets with the accepted rows', async () => {
    const { parseRulesFile } = await import('../../../src/domain/classify/rulesFile');
    const { rawCategoriesOf } = await import('../../../src/domain/import/rawLedger');
    const { kingsoftCloudXiaomi2026: ds } = await import('../../../src/domain/disclosed/kingsoftCloudXiaomi2026');
    const config = parseRulesFile(
      new TextDecoder().decode(fixture('erp/rules.json')),
      'rules.json',
      ds.categories.map((c) => c.id),
    );
    const messages: ImportResponse[] = [];
    await handleImportRequest(
      {
        id: 9,
        kind: 'raw',
        file: new Blob([fixture('erp/kingdee-receivables.xlsx') as Uint8Array<ArrayBuffer>]),
        name: 'kingdee-receivables.xlsx',
        options: {
          unit: 'yuan',
          maxRows: 1000,
          functionalCurrency: 'RMB',
          categories: rawCategoriesOf(ds, config.capBasis),
          entities: config.entities,
          rules: config.rules,
        },
      },
      (msg) => messages.push(msg),
    );
    const last = messages[messages.length - 1]!;
    expect(last.type).toBe('result');
    if (last.type !== 'result') return;
    const r = last.result as import('../../../src/domain/import/rawLedger').RawLedgerResult;
    expect(r.raw?.buckets.classified).toEqual({ count: 6, totalMinor: 2_438_200_000n });
    expect(r.accepted.length).toBe(6);
  });
});

describe('import worker: a large CSV file read by two workers', () => {
  /** An 8.4 MB ledger: 150,000 rows, a duplicate of row 2 near the end, a 合计 row last. */
  function bigCsv(): Uint8Array {
    const cats = ['云服务', 'IDC服务', '硬件设备', 'API服务'];
    const lines = ['日期,类别,金额（元）,发票号,摘要'];
    let sum = 0;
    for (let i = 0; i < 150_000; i++) {
      const fen = 100 + ((i * 7919) % 99_900);
      sum += fen;
      lines.push(
        `2026-0${5 + (i % 2)}-${String(1 + (i % 28)).padStart(2, '0')},${cats[i % 4]},${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')},INV-${1_000_000 + i},"服务费, 第${i % 97}期"`,
      );
    }
    lines.push(lines[1]!);
    sum += 100;
    lines.push(`合计,,${Math.floor(sum / 100)}.${String(sum % 100).padStart(2, '0')},,`);
    return new TextEncoder().encode(`\uFEFF${lines.join('\r\n')}\r\n`);
  }

  it('gives the one-worker result, the second half read by the second worker', async () => {
    const bytes = bigCsv();
    expect(bytes.length).toBeGreaterThan(8 * 1024 * 1024);
    const file = new Blob([bytes as Uint8Array<ArrayBuffer>]);
    const alone: ImportResponse[] = [];
    await handleImportRequest({ id: 1, kind: 'parse', file, name: 'big.csv', options: BASE_BIG }, (m) => alone.push(m));

    const channel = new MessageChannel();
    const readings: unknown[] = [];
    const send = channel.port2.postMessage.bind(channel.port2);
    channel.port2.postMessage = ((msg: { type: string; reading: unknown }, transfer: Transferable[] = []) => {
      if (msg.type === 'reading') readings.push(msg.reading);
      send(msg, transfer);
    }) as MessagePort['postMessage'];
    const both: ImportResponse[] = [];
    const partPosts: ImportResponse[] = [];
    await Promise.all([
      handleImportRequest(
        { id: 2, kind: 'parse', file, name: 'big.csv', options: BASE_BIG, port: channel.port1 },
        (m) => both.push(m),
      ),
      handleImportRequest({ id: 2, kind: 'part', file, name: 'big.csv', options: BASE_BIG, port: channel.port2 }, (m) =>
        partPosts.push(m),
      ),
    ]);
    // The second worker answered through the port with its rows, and nothing on its own channel.
    expect(readings).toHaveLength(1);
    expect(readings[0]).toMatchObject({ encoding: 'utf-8', rowCount: expect.any(Number) });
    expect((readings[0] as { rowCount: number }).rowCount).toBeGreaterThan(70_000);
    expect(partPosts).toEqual([]);
    const a = alone[alone.length - 1]!;
    const b = both[both.length - 1]!;
    expect(a.type).toBe('result');
    expect(b.type).toBe('result');
    if (a.type !== 'result' || b.type !== 'result') return;
    expect(b.result.accepted.length).toBe(150_001);
    expect(b.result.duplicatesInFile).toEqual([{ row: 150_002, firstRow: 2 }]);
    expect(b.result.summaryRows).toMatchObject([{ row: 150_003, kind: 'total', matches: true }]);
    expect(b.result.fileSha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    // The whole message, typed arrays compared as bytes (toEqual walks 150,000 elements one by one).
    expect(isDeepStrictEqual(b, { ...a, id: 2 })).toBe(true);
    expect(b.result.accepted.amountMinor).not.toEqual(new Float64Array(150_001));
  }, 60_000);

  it('starts the second worker with the parameters from the file’s first 2 MB, before the first half is read', async () => {
    const bytes = bigCsv();
    let release: (by: string) => void = () => undefined;
    const halfRead = new Promise<string>((resolve) => (release = resolve));
    // Without early parameters the first half would never come: released after 5 s instead.
    const timer = setTimeout(() => release('timer'), 5000);
    class Gated extends Blob {
      override slice(start?: number, end?: number, type?: string): Blob {
        const part = super.slice(start, end, type);
        if (start !== 2 << 20) return part;
        // The rest of the first half, held back until the second worker has its parameters.
        return new (class extends Blob {
          override arrayBuffer() {
            return halfRead.then(() => part.arrayBuffer());
          }
        })([part]);
      }
    }
    const file = new Gated([bytes as Uint8Array<ArrayBuffer>]);
    const channel = new MessageChannel();
    const first = channel.port1.postMessage.bind(channel.port1);
    const sentTypes: string[] = [];
    channel.port1.postMessage = ((msg: { type: string }, transfer: Transferable[] = []) => {
      sentTypes.push(msg.type);
      if (msg.type === 'params') release('params');
      first(msg, transfer);
    }) as MessagePort['postMessage'];
    const both: ImportResponse[] = [];
    await Promise.all([
      handleImportRequest(
        { id: 3, kind: 'parse', file, name: 'big.csv', options: BASE_BIG, port: channel.port1 },
        (m) => both.push(m),
      ),
      handleImportRequest(
        { id: 3, kind: 'part', file, name: 'big.csv', options: BASE_BIG, port: channel.port2 },
        () => {
          throw new Error('the second worker answers through the port');
        },
      ),
    ]);
    clearTimeout(timer);
    expect(await halfRead).toBe('params');
    expect(sentTypes).toEqual(['decode', 'params']);
    const b = both[both.length - 1]!;
    expect(b.type).toBe('result');
    if (b.type !== 'result') return;
    expect(b.result.accepted.length).toBe(150_001);
    expect(b.result.duplicatesInFile).toEqual([{ row: 150_002, firstRow: 2 }]);
    expect(b.result.fileSha256).toBe(createHash('sha256').update(bytes).digest('hex'));
  }, 60_000);
});

const BASE_BIG = { ...BASE, maxRows: 200_000 };
