import { describe, expect, it } from 'vitest';
import {
  backupHeaderSchema,
  dayAggregateSchema,
  ledgerChunkSchema,
  manualEntrySchema,
  readRecord,
} from '../../../src/domain/formats/backup';
import { checkShape } from '../../../src/domain/formats/shape';
import { registerAgreementSchema } from '../../../src/domain/formats/register';
import { harbour } from './register/registerFixture';

const packed = (texts: string[]) => {
  const offsets = new Uint32Array(texts.length + 1);
  texts.forEach((t, i) => (offsets[i + 1] = offsets[i]! + t.length));
  return { text: texts.join(''), offsets };
};

function chunk(n: number) {
  return {
    id: 'c1',
    batchId: 'b1',
    seq: 0,
    length: n,
    categoryIds: ['cloud-services'],
    day: new Int32Array(n),
    category: new Uint8Array(n),
    amountMinor: new Float64Array(n),
    rowNumber: new Int32Array(n),
    reference: packed(Array.from({ length: n }, () => 'r')),
    description: packed(Array.from({ length: n }, () => '')),
    extraField: 'kept',
  };
}

describe('backup record schemas', () => {
  it('accept a well-formed chunk and keep fields they do not know', () => {
    const r = readRecord(ledgerChunkSchema, chunk(3), 'tables.ledgerChunks[0]');
    expect(r.ok).toBe(true);
    expect(r.ok && (r.value as Record<string, unknown>).extraField).toBe('kept');
  });

  it('name the path of the bad field and what is wrong', () => {
    expect(readRecord(ledgerChunkSchema, { ...chunk(3), length: 7 }, 'tables.ledgerChunks[0]')).toEqual({
      ok: false,
      path: 'tables.ledgerChunks[0].day',
      // Its kind, for a catalogue to word it in Chinese (src/ui/messages/schemaIssues.ts).
      issue: { message: 'date column malformed', type: 'check', received: 'Object' },
    });
    expect(readRecord(ledgerChunkSchema, { ...chunk(2), amountMinor: [1, 2] }, 'tables.ledgerChunks[4]')).toMatchObject(
      {
        ok: false,
        issue: { message: 'amount column malformed' },
        path: 'tables.ledgerChunks[4].amountMinor',
      },
    );
    const offsets = new Uint32Array([0, 2, 1]);
    expect(
      readRecord(ledgerChunkSchema, { ...chunk(2), reference: { text: 'a', offsets } }, 'tables.ledgerChunks[0]'),
    ).toMatchObject({ ok: false, path: 'tables.ledgerChunks[0].reference' });
  });

  it('a manual entry needs a whole number of minor units and a category', () => {
    const good = {
      id: 1,
      day: 20_000,
      categoryId: 'cloud-services',
      amountMinor: -500,
      reference: '',
      description: '',
    };
    expect(readRecord(manualEntrySchema, good, 'tables.ledgerManual[0]').ok).toBe(true);
    expect(readRecord(manualEntrySchema, { ...good, amountMinor: 12.5 }, 'tables.ledgerManual[2]')).toMatchObject({
      ok: false,
      issue: { message: 'amount is not a whole number of minor units' },
      path: 'tables.ledgerManual[2].amountMinor',
    });
    expect(readRecord(manualEntrySchema, { ...good, categoryId: '' }, 'tables.ledgerManual[0]')).toMatchObject({
      path: 'tables.ledgerManual[0].categoryId',
      issue: { message: 'no category' },
    });
  });

  it('per-day sums need columns of one length', () => {
    const a = { categoryId: 'x', days: new Int32Array(2), sums: new BigInt64Array(2), counts: new Int32Array(1) };
    expect(readRecord(dayAggregateSchema, a, 'tables.ledgerAggregates[0]')).toMatchObject({ ok: false });
  });

  it('the header: a backup without an export time (older test files) is still read', () => {
    const h = { format: 'headroom-backup', version: 1, schemaVersion: 2, tables: { evil: [] } };
    expect(readRecord(backupHeaderSchema, h, '').ok).toBe(true);
    expect(readRecord(backupHeaderSchema, { ...h, tables: { x: {} } }, '')).toMatchObject({
      ok: false,
      issue: { message: 'not a list of records' },
      path: 'tables.x',
    });
  });
});

describe('register agreement schema', () => {
  it('passes the register fixture through unchanged', () => {
    const r = checkShape(registerAgreementSchema, JSON.parse(JSON.stringify(harbour)));
    expect(r).toEqual({ ok: true, value: harbour });
  });

  it('leaves out a stored row’s list position', () => {
    const r = checkShape(registerAgreementSchema, { ...harbour, position: 3 });
    expect(r.ok && 'position' in r.value).toBe(false);
  });
});
