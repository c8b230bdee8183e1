/** rowProvisional: the monthly report's "*" on screen and its Provisional column in the exports. */
import { describe, expect, it } from 'vitest';
import { type MonthRow, rowProvisional } from '../../../src/domain/monthly';

const row = (cumulative: bigint | null, cumulativeAt: string | null) => ({ cumulative, cumulativeAt }) as MonthRow;

describe('rowProvisional', () => {
  it.each([
    ['June 30 after a May 31 close', '2026-05-31', row(89_960_000_000n, '2026-06-30'), true],
    ['May 31 on the close itself', '2026-05-31', row(84_910_000_000n, '2026-05-31'), false],
    ['April 23, the disclosure, before the close', '2026-05-31', row(74_910_000_000n, '2026-04-23'), false],
    ['nothing known complete, ledger rows counted', null, row(10_000_000_000n, '2026-05-31'), true],
    ['no cumulative (no data)', '2026-05-31', row(null, null), false],
  ] as const)('%s → %s', (_what, knownThrough, r, expected) => {
    expect(rowProvisional({ knownThrough }, r)).toBe(expected);
  });
});
