import { describe, expect, it } from 'vitest';
import { findDuplicates, TextColumnBuilder } from '../../../../src/domain/import/builder';

type Row = [day: number, category: number, amount: number, reference: string, description: string];

function duplicatesOf(rows: readonly Row[]): number[] {
  const refs = new TextColumnBuilder();
  const descs = new TextColumnBuilder();
  for (const r of rows) {
    refs.appendString(r[3]);
    descs.appendString(r[4]);
  }
  return Array.from(
    findDuplicates(
      Int32Array.from(rows, (r) => r[0]),
      Uint8Array.from(rows, (r) => r[1]),
      Float64Array.from(rows, (r) => r[2]),
      refs,
      descs,
    ),
  );
}

describe('findDuplicates', () => {
  it.each<[string, Row[], number[]]>([
    [
      'no rows repeat',
      [
        [20567, 0, 100, 'INV-1', 'a'],
        [20567, 0, 100, 'INV-2', 'a'],
      ],
      [-1, -1],
    ],
    [
      'a repeat points at the first row, not the latest',
      [
        [20567, 0, 100, 'A', 'x'],
        [20567, 0, 100, 'A', 'x'],
        [20567, 0, 100, 'A', 'x'],
      ],
      [-1, 0, 0],
    ],
    [
      'another day is not a repeat',
      [
        [20567, 0, 100, 'A', 'x'],
        [20568, 0, 100, 'A', 'x'],
      ],
      [-1, -1],
    ],
    [
      'another category is not a repeat',
      [
        [20567, 0, 100, 'A', 'x'],
        [20567, 1, 100, 'A', 'x'],
      ],
      [-1, -1],
    ],
    [
      'one fen apart is not a repeat',
      [
        [20567, 0, 100, 'A', 'x'],
        [20567, 0, 101, 'A', 'x'],
      ],
      [-1, -1],
    ],
    // Only the last 8 characters are hashed: equal tails must still be compared in full.
    [
      'references equal in their last 8 characters only',
      [
        [20567, 0, 100, 'X-0000000001', ''],
        [20567, 0, 100, 'Y-0000000001', ''],
      ],
      [-1, -1],
    ],
    [
      'descriptions equal in their last 8 characters only',
      [
        [20567, 0, 100, 'R', '云服务费 四月 第一批'],
        [20567, 0, 100, 'R', '云服务费 五月 第一批'],
      ],
      [-1, -1],
    ],
    [
      'an amount beyond 2^31 fen',
      [
        [20567, 0, 2 ** 40 + 7, 'R', ''],
        [20567, 0, 2 ** 40 + 7, 'R', ''],
        [20567, 0, 7, 'R', ''],
      ],
      [-1, 0, -1],
    ],
  ])('%s', (_, rows, expected) => {
    expect(duplicatesOf(rows)).toEqual(expected);
  });

  it('finds every repeat among 50,000 rows with colliding tails', () => {
    const rows: Row[] = [];
    for (let i = 0; i < 50_000; i++) rows.push([20567 + (i % 7), i % 4, 100 + (i % 13), `P${i % 25_000}-TAIL0001`, '']);
    const dup = duplicatesOf(rows);
    // Row i repeats row i − 25,000 exactly when day, category and amount agree as well:
    // 25,000 is a multiple of 4 but not of 7 or 13, so no second-half row repeats the first half.
    expect(dup.filter((d) => d >= 0)).toHaveLength(0);
    const same: Row[] = [...rows.slice(0, 1000), ...rows.slice(0, 1000)];
    const twice = duplicatesOf(same);
    expect(twice.slice(0, 1000).every((d) => d === -1)).toBe(true);
    expect(twice.slice(1000)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });
});

describe('findDuplicates against a plain map of whole keys', () => {
  it('gives the first earlier row of the same key for 120,000 rows with many repeats and equal tails', () => {
    const rows: Row[] = [];
    let x = 12345;
    const next = () => (x = (Math.imul(x, 1664525) + 1013904223) >>> 0);
    for (let i = 0; i < 120_000; i++) {
      next();
      // Few distinct values per field: about a third of the rows repeat an earlier one.
      rows.push([
        20560 + (x % 5),
        (x >>> 5) % 3,
        100 + ((x >>> 9) % 40),
        `${(x >>> 15) % 3 ? 'A' : 'B'}-TAIL${(x >>> 17) % 50}`,
        (x >>> 23) % 2 ? '云' : '',
      ]);
    }
    const first = new Map<string, number>();
    const expected = rows.map((r, i) => {
      const key = JSON.stringify(r);
      const f = first.get(key);
      if (f === undefined) first.set(key, i);
      return f ?? -1;
    });
    const got = duplicatesOf(rows);
    expect(got.filter((d) => d >= 0).length).toBeGreaterThan(30_000);
    expect(got).toEqual(expected);
  });
});
