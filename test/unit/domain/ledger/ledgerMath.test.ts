/**
 * The pure ledger math of src/domain/ledger, table-driven. Figures worked by
 * hand; day numbers are days since 1970-01-01 (20_454 = 2026-01-01).
 */
import { describe, expect, it } from 'vitest';
import { packStrings } from '../../../../src/domain/import/accepted';
import {
  aggregateColumns,
  aggregateTotal,
  DENSE_SPAN_LIMIT,
  mergeAggregate,
  sameAggregate,
  sumAggregates,
} from '../../../../src/domain/ledger/aggregates';
import { splitIntoChunks } from '../../../../src/domain/ledger/chunks';
import { concatColumns, concatOptionalInt32 } from '../../../../src/domain/ledger/columns';
import { planImport } from '../../../../src/domain/ledger/importPlan';
import type { DayAggregate, LedgerColumns } from '../../../../src/domain/ledger/types';
import { buildDailyTotalsColumnar } from '../../../../src/domain/ledgerTotals';

const D = 20_454;

/** A DayAggregate as plain [day, sum, count] triples, for comparing. */
const plain = (a: DayAggregate) => [...a.days].map((d, i) => [d, a.sums[i]!, a.counts[i]!]);

function rows(list: [day: number, cat: number, minor: number][]) {
  return {
    day: Int32Array.from(list, (r) => r[0]),
    category: Uint8Array.from(list, (r) => r[1]),
    amountMinor: Float64Array.from(list, (r) => r[2]),
  };
}

describe('aggregateColumns: one exact per-day sum for every caller', () => {
  const cases: {
    name: string;
    rows: [number, number, number][];
    skip?: number[];
    want: Record<string, [number, bigint, number][]>;
  }[] = [
    {
      name: 'two categories, same day added, a credit note kept as a row',
      rows: [
        [D, 0, 100_00],
        [D, 0, 250_50],
        [D + 1, 1, 7],
        [D + 1, 0, -50_50],
      ],
      want: {
        a: [
          [D, 350_50n, 2],
          [D + 1, -50_50n, 1],
        ],
        b: [[D + 1, 7n, 1]],
      },
    },
    {
      name: 'a day whose rows cancel out still counts its rows',
      rows: [
        [D, 0, 5],
        [D, 0, -5],
      ],
      want: { a: [[D, 0n, 2]] },
    },
    {
      name: 'skipped rows are left out, and a category left with none is absent',
      rows: [
        [D, 0, 1],
        [D, 1, 2],
        [D + 2, 0, 4],
      ],
      skip: [0, 1, 0],
      want: {
        a: [
          [D, 1n, 1],
          [D + 2, 4n, 1],
        ],
      },
    },
    {
      name: 'partial sums beyond 2^53 are redone exactly in bigint',
      rows: [
        [D, 0, 2 ** 52],
        [D, 0, 2 ** 52],
        [D, 0, 1],
      ],
      want: { a: [[D, 2n ** 53n + 1n, 3]] },
    },
    {
      name: 'dates further apart than the dense span are summed in a map, still exactly',
      rows: [
        [-DENSE_SPAN_LIMIT, 0, 3],
        [D, 0, 2 ** 53 - 1],
        [D, 0, 2],
      ],
      want: {
        a: [
          [-DENSE_SPAN_LIMIT, 3n, 1],
          [D, 2n ** 53n + 1n, 2],
        ],
      },
    },
  ];
  it.each(cases)('$name', ({ rows: list, skip, want }) => {
    const r = rows(list);
    const got = aggregateColumns(
      r.day,
      r.category,
      ['a', 'b'],
      r.amountMinor,
      0,
      list.length,
      skip ? Uint8Array.from(skip) : undefined,
    );
    expect(Object.fromEntries(got.map((a) => [a.categoryId, plain(a)]))).toEqual(want);
  });

  it.each([
    ['an amount that is not a whole number of minor units', rows([[D, 0, 1.5]]), /not a safe integer/],
    ['an amount beyond 2^53', rows([[D, 0, 2 ** 53]]), /not a safe integer/],
    ['a category index without an id', rows([[D, 2, 1]]), /category index 2 has no id/],
  ])('refuses %s', (_, r, message) => {
    expect(() => aggregateColumns(r.day, r.category, ['a', 'b'], r.amountMinor)).toThrow(message);
  });

  it('the import daily totals are the same sums, for spans on both sides of the dense limit', () => {
    for (const far of [1_000, 300_000, DENSE_SPAN_LIMIT + 1]) {
      const r = rows([
        [D, 0, 10],
        [D - far, 0, 20],
        [D, 0, 2 ** 52],
        [D + 3, 1, -4],
      ]);
      const skip = Uint8Array.of(0, 0, 0, 1);
      const totals = buildDailyTotalsColumnar(r.day, r.amountMinor, r.category, 3, skip);
      expect([...totals[0]!.days]).toEqual([D - far, D]);
      expect([...totals[0]!.prefix]).toEqual([20n, 30n + 2n ** 52n]);
      expect(totals[1]!.days.length).toBe(0);
      expect(totals[2]!.days.length).toBe(0);
    }
  });
});

describe('merging and totals of aggregates', () => {
  const agg = (categoryId: string, list: [number, bigint, number][]): DayAggregate => ({
    categoryId,
    days: Int32Array.from(list, (x) => x[0]),
    sums: BigInt64Array.from(list, (x) => x[1]),
    counts: Int32Array.from(list, (x) => x[2]),
  });
  const base = agg('a', [
    [D, 100n, 2],
    [D + 5, 7n, 1],
  ]);

  it.each<[string, DayAggregate, 1 | -1, [number, bigint, number][]]>([
    [
      'adds a new day between',
      agg('a', [[D + 2, 3n, 1]]),
      1,
      [
        [D, 100n, 2],
        [D + 2, 3n, 1],
        [D + 5, 7n, 1],
      ],
    ],
    [
      'adds onto an existing day',
      agg('a', [[D, -40n, 1]]),
      1,
      [
        [D, 60n, 3],
        [D + 5, 7n, 1],
      ],
    ],
    [
      'takes a row out of a day',
      agg('a', [[D, 30n, 1]]),
      -1,
      [
        [D, 70n, 1],
        [D + 5, 7n, 1],
      ],
    ],
    ['removes a day whose last row goes', agg('a', [[D + 5, 7n, 1]]), -1, [[D, 100n, 2]]],
  ])('%s', (_, delta, sign, want) => {
    expect(plain(mergeAggregate(base, delta, sign))).toEqual(want);
  });

  it.each([
    ['more rows than the day holds', agg('a', [[D + 5, 7n, 2]]), /would have -1 rows/],
    ['no rows left but a sum', agg('a', [[D + 5, 6n, 1]]), /no rows but a sum of 1/],
    ['another category', agg('b', [[D, 1n, 1]]), /Merging b into a/],
  ])('refuses to go out of step: %s', (_, delta, message) => {
    expect(() => mergeAggregate(base, delta, -1)).toThrow(message);
  });

  it('sums per category and totals over inclusive day ranges', () => {
    const all = sumAggregates([base, agg('b', [[D, 9n, 1]]), agg('a', [[D + 5, 1n, 1]])]);
    expect(plain(all.get('a')!)).toEqual([
      [D, 100n, 2],
      [D + 5, 8n, 2],
    ]);
    expect(sameAggregate(all.get('b'), agg('b', [[D, 9n, 1]]))).toBe(true);
    expect(sameAggregate(all.get('b'), agg('b', [[D, 9n, 2]]))).toBe(false);
    const a = all.get('a');
    expect(aggregateTotal(a)).toEqual({ sum: 108n, count: 4 });
    expect(aggregateTotal(a, D, D + 5)).toEqual({ sum: 108n, count: 4 }); // both ends included
    expect(aggregateTotal(a, D + 1, D + 5)).toEqual({ sum: 8n, count: 2 });
    expect(aggregateTotal(a, D, D + 4)).toEqual({ sum: 100n, count: 2 });
    expect(aggregateTotal(undefined)).toEqual({ sum: 0n, count: 0 });
  });
});

describe('planImport: what an import stores with and without its duplicates', () => {
  it.each<[string, number[], number[] | undefined, number[] | undefined, object, number[] | undefined]>([
    [
      'no duplicates: nothing to skip, no mask',
      [100, 250, -50],
      undefined,
      undefined,
      {
        all: { count: 3, totalMinor: 300n },
        skipping: { count: 3, totalMinor: 300n, skipped: 0 },
      },
      undefined,
    ],
    [
      'a repeat within the file and one of a stored row',
      [100, 250, 100, 7],
      [-1, -1, 0, -1],
      [0, 0, 0, 1],
      {
        all: { count: 4, totalMinor: 457n },
        skipping: { count: 2, totalMinor: 350n, skipped: 2 },
      },
      [0, 0, 1, 1],
    ],
    [
      'amounts of 2^40 and more go straight to bigint, exactly',
      [2 ** 50, 2 ** 50, 2 ** 50, 1],
      undefined,
      [0, 1, 0, 0],
      {
        all: { count: 4, totalMinor: 3n * 2n ** 50n + 1n },
        skipping: { count: 3, totalMinor: 2n * 2n ** 50n + 1n, skipped: 1 },
      },
      [0, 1, 0, 0],
    ],
  ])('%s', (_, amounts, dupOf, stored, plan, mask) => {
    const got = planImport(
      Float64Array.from(amounts),
      dupOf ? Int32Array.from(dupOf) : undefined,
      stored ? Uint8Array.from(stored) : undefined,
    );
    expect(got.plan).toEqual(plan);
    expect(got.skipMask ? [...got.skipMask] : undefined).toEqual(mask);
  });

  it('many amounts below 2^40 whose double sum would pass 2^53 stay exact', () => {
    const amounts = new Float64Array(5000).fill(2 ** 40 - 1);
    const want = 5000n * (2n ** 40n - 1n);
    expect(planImport(amounts, undefined, undefined).plan.all.totalMinor).toBe(want);
  });
});

describe('columns: chunks and joins', () => {
  const cols = (n: number, from = 0): LedgerColumns => ({
    length: n,
    day: Int32Array.from({ length: n }, (_, i) => D + from + i),
    category: new Uint8Array(n),
    amountMinor: Float64Array.from({ length: n }, (_, i) => from + i + 1),
    reference: packStrings(Array.from({ length: n }, (_, i) => `R${from + i}`)),
    description: packStrings(Array.from({ length: n }, (_, i) => (i % 2 ? '' : `说明${from + i}`))),
    rowNumber: Int32Array.from({ length: n }, (_, i) => from + i + 2),
  });

  it.each<[string, number, number[] | undefined, number[][]]>([
    ['rows split into full chunks and a rest', 7, undefined, [[0, 1, 2], [3, 4, 5], [6]]],
    [
      'skipped rows left out, chunks still full',
      7,
      [1, 0, 0, 1, 0, 0, 0],
      [
        [1, 2, 4],
        [5, 6],
      ],
    ],
    ['a stretch of skipped rows makes no empty chunk', 6, [0, 1, 1, 1, 0, 0], [[0, 4, 5]]],
  ])('%s', (_, n, skip, want) => {
    const c = cols(n);
    const chunks = [...splitIntoChunks(c, ['a'], skip ? Uint8Array.from(skip) : undefined, 3)];
    expect(chunks.map((k) => [...k.amountMinor].map((v) => v - 1))).toEqual(want);
    for (const k of chunks) {
      const rowsOf = [...k.amountMinor].map((v) => v - 1);
      expect(k.reference.text).toBe(rowsOf.map((i) => `R${i}`).join(''));
      expect([...k.rowNumber]).toEqual(rowsOf.map((i) => i + 2));
      expect([k.minDay, k.maxDay]).toEqual([D + rowsOf[0]!, D + rowsOf[rowsOf.length - 1]!]);
      expect(k.hashes.length).toBe(2 * k.length);
      expect(k.day.buffer).not.toBe(c.day.buffer); // a copy, not a view of the file's buffer
      expect(aggregateTotal(k.aggregates[0]).sum).toBe(BigInt(rowsOf.reduce((s, i) => s + i + 1, 0)));
    }
  });

  it('refuses columns of different lengths', () => {
    const c = { ...cols(3), day: new Int32Array(2) };
    expect(() => [...splitIntoChunks(c, ['a'])]).toThrow(/different lengths/);
  });

  it('joins column sets in order, text and row numbers included', () => {
    const joined = concatColumns([cols(2), cols(3, 2)]);
    const whole = cols(5);
    expect(joined.length).toBe(5);
    expect([...joined.day]).toEqual([...whole.day]);
    expect([...joined.amountMinor]).toEqual([...whole.amountMinor]);
    expect(joined.reference).toEqual(whole.reference);
    expect(joined.description).toEqual(whole.description);
    expect([...joined.rowNumber!]).toEqual([...whole.rowNumber!]);
    const one = cols(2);
    expect(concatColumns([one])).toBe(one);
    expect(concatOptionalInt32([{ length: 2 }, { length: 2, values: Int32Array.of(0, -1) }], -1)).toEqual(
      Int32Array.of(-1, -1, 0, -1),
    );
    expect(concatOptionalInt32([{ length: 2 }], -1)).toBeUndefined();
  });
});
