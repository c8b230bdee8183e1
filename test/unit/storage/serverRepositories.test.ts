// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { toDayNumber } from '../../../src/domain/dates';
import { packStrings, stringAt } from '../../../src/domain/import/accepted';
import { importCategoriesFrom } from '../../../src/domain/import/categories';
import { parseFile } from '../../../src/domain/import/parseFile';
import { kingsoftCloudXiaomi2026 } from '../../../src/domain/disclosed/kingsoftCloudXiaomi2026';
import { sumDays } from '../../../src/domain/ledgerTotals';
import { minorToText, rowsAsCsv, totalsFromJson } from '../../../src/storage/server/serverRepositories';

describe('team server adapter', () => {
  it('writes amounts in units exactly, negatives and large values included', () => {
    expect(minorToText(123456)).toBe('1234.56');
    expect(minorToText(-5)).toBe('-0.05');
    expect(minorToText(0)).toBe('0.00');
    expect(minorToText(9007199254740991)).toBe('90071992547409.91');
  });

  it("an import's accepted rows survive the upload: the server's import code reads back the same rows", async () => {
    const ids = ['cloud-services', 'idc-services'];
    const chunk = {
      length: 3,
      day: Int32Array.from([toDayNumber('2026-01-15'), toDayNumber('2026-02-01'), toDayNumber('2026-02-01')]),
      category: Uint8Array.from([0, 1, 0]),
      amountMinor: Float64Array.from([100050, -3025, 7]),
      reference: packStrings(['INV-1', 'CN "2"', "'; DROP TABLE x; --"]),
      description: packStrings(['line\nbreak', '退款, 贷项通知单', '']),
    };
    const csv = new Uint8Array(await rowsAsCsv([chunk], ids).arrayBuffer());
    const parsed = parseFile(csv, 'upload.csv', {
      unit: 'yuan',
      maxRows: 10,
      dateOrder: 'ymd',
      mapping: ['date', 'category', 'amount', 'reference', 'description'],
      categories: importCategoriesFrom(kingsoftCloudXiaomi2026.categories),
    });
    expect(parsed.fatal).toBeNull();
    expect(parsed.errorCount).toBe(0);
    const a = parsed.accepted;
    expect(Array.from(a.day)).toEqual(Array.from(chunk.day));
    expect(Array.from(a.amountMinor)).toEqual([100050, -3025, 7]);
    expect(Array.from(a.category, (c) => parsed.categoryIds[c])).toEqual([
      'cloud-services',
      'idc-services',
      'cloud-services',
    ]);
    expect([0, 1, 2].map((i) => stringAt(a.reference, i))).toEqual(['INV-1', 'CN "2"', "'; DROP TABLE x; --"]);
    expect([0, 1, 2].map((i) => stringAt(a.description, i))).toEqual(['line\nbreak', '退款, 贷项通知单', '']);
  });

  it("reads the server's per-day totals into the engine's prefix sums, with the rows pending review", () => {
    const t = totalsFromJson({
      categories: [{ categoryId: 'cloud-services', days: [10, 12], sums: ['9007199254740991', '9'], counts: [2, 1] }],
      complete: ['idc-services'],
      pending: { batches: 1, rows: 1, byCategory: { 'cloud-services': { count: 1, sumMinor: '9' } } },
    });
    const cloud = t.byCategory.get('cloud-services')!;
    expect(Array.from(cloud.prefix)).toEqual([9007199254740991n, 9007199254741000n]);
    expect(Array.from(cloud.countPrefix!)).toEqual([2, 3]);
    expect(sumDays(cloud, 11, 12).toString()).toBe(
      sumDays({ days: Int32Array.from([12]), prefix: BigInt64Array.from([9n]) }, 0, 99).toString(),
    );
    expect([...t.complete]).toEqual(['idc-services']);
    expect(t.pendingReview).toEqual({
      batches: 1,
      rows: 1,
      byCategory: new Map([['cloud-services', { count: 1, sumMinor: 9n }]]),
    });
  });
});
