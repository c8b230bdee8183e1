// @vitest-environment node
/**
 * The worker's request handler, driven directly (no real Worker in Node):
 * progress messages, the result, and the transfer list that moves the typed
 * arrays instead of copying them.
 */
import { createHash } from 'node:crypto';
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
