// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { buildDailyTotals, buildDailyTotalsColumnar } from '../../../src/domain/ledgerTotals';

describe('buildDailyTotalsColumnar', () => {
  it('matches the map-based builder on random data, per category', () => {
    let seed = 42;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const n = 5000;
    const day = new Int32Array(n);
    const amount = new Float64Array(n);
    const category = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      day[i] = 20_000 + Math.floor(rand() * 400);
      amount[i] = Math.floor(rand() * 2e9) - 1e9;
      category[i] = Math.floor(rand() * 3);
    }
    const skip = new Uint8Array(n).map((_, i) => (i % 7 === 0 ? 1 : 0));
    const got = buildDailyTotalsColumnar(day, amount, category, 4, skip);
    for (let c = 0; c < 3; c++) {
      const entries: [number, bigint][] = [];
      for (let i = 0; i < n; i++) if (category[i] === c && !skip[i]) entries.push([day[i]!, BigInt(amount[i]!)]);
      const want = buildDailyTotals(entries);
      expect(Array.from(got[c]!.days)).toEqual(Array.from(want.days));
      expect(Array.from(got[c]!.prefix)).toEqual(Array.from(want.prefix));
    }
    expect(got[3]!.days.length).toBe(0);
  });

  it('stays exact when a day sum passes 2^53 (falls back to bigint)', () => {
    const big = Number.MAX_SAFE_INTEGER; // 2^53 - 1 fen
    const got = buildDailyTotalsColumnar(
      new Int32Array([5, 5, 5]),
      new Float64Array([big, big, -1]),
      new Uint8Array(3),
      1,
    );
    expect(Array.from(got[0]!.prefix)).toEqual([2n * BigInt(big) - 1n]);
  });

  it('keeps a day whose entries cancel out to zero', () => {
    const got = buildDailyTotalsColumnar(
      new Int32Array([1, 1, 2]),
      new Float64Array([100, -100, 5]),
      new Uint8Array(3),
      1,
    );
    expect(Array.from(got[0]!.days)).toEqual([1, 2]);
    expect(Array.from(got[0]!.prefix)).toEqual([0n, 5n]);
  });

  it('handles days spread over centuries', () => {
    const got = buildDailyTotalsColumnar(
      new Int32Array([-20_000, 300_000]),
      new Float64Array([1, 2]),
      new Uint8Array(2),
      1,
    );
    expect(Array.from(got[0]!.days)).toEqual([-20_000, 300_000]);
    expect(Array.from(got[0]!.prefix)).toEqual([1n, 3n]);
  });

  it('refuses amounts that are not whole minor units', () => {
    expect(() => buildDailyTotalsColumnar(new Int32Array([1]), new Float64Array([0.5]), new Uint8Array(1), 1)).toThrow(
      /safe integer/,
    );
  });
});
