import { describe, expect, it } from 'vitest';
import { toDayNumber } from '../../../../src/domain/dates';
import { openItemsAsOf, type OpenItemLike } from '../../../../src/domain/classify/openItems';

const item = (date: string, fileName: string, row: number, amountMinor: number, status: 'open' | 'assigned' = 'open') =>
  ({ day: toDayNumber(date), fileName, row, amountMinor, status }) satisfies OpenItemLike;

// The open items of the ERP fixtures: 小米汽车 技术支持 (Kingdee row 16), 小米移动 (Yonyou row 12), 小米汽车 (Oracle row 5).
const KD = item('2026-03-18', 'kingdee-receivables.xlsx', 16, 8_480_000);
const YY = item('2026-02-10', 'yonyou-payables.xls', 12, 2_120_000);
const OR = item('2026-05-20', 'oracle-ar.xls', 5, 3_390_000);
const ASSIGNED = item('2026-01-08', 'kingdee-receivables.xlsx', 9, 56_500_000, 'assigned');
const SAME_DAY = item('2026-03-18', 'kingdee-receivables.xlsx', 12, 100);

describe('openItemsAsOf: the open items a report lists', () => {
  const cases: [string, string, OpenItemLike[], OpenItemLike[], bigint][] = [
    ['all open ones on June 30, by date', '2026-06-30', [OR, KD, YY, ASSIGNED], [YY, KD, OR], 13_990_000n],
    ['none dated after the as-of date', '2026-03-31', [OR, KD, YY], [YY, KD], 10_600_000n],
    ['the as-of day itself is in', '2026-05-20', [OR], [OR], 3_390_000n],
    ['same day: by file, then row', '2026-06-30', [KD, SAME_DAY], [SAME_DAY, KD], 8_480_100n],
    ['assigned items are no longer open', '2026-06-30', [ASSIGNED], [], 0n],
  ];
  it.each(cases)('%s', (_name, asOf, all, want, total) => {
    const got = openItemsAsOf(all, asOf);
    expect(got.items).toEqual(want);
    expect(got.totalMinor).toBe(total);
  });
});
