/** Register agreements keep the precision they were disclosed with: a cap of 26.47 million shows 26.47, not 26.5. */
import { describe, expect, it } from 'vitest';
import { categoryDecimals, disclosedDecimals } from '../../../src/domain/currency';
import { kingsoftCloudXiaomi2026 as ds } from '../../../src/domain/disclosed/kingsoftCloudXiaomi2026';
import { categoryStatus } from '../../../src/domain/engine';
import { formatHeadroom, formatMillions } from '../../../src/domain/format';
import { fromUnits } from '../../../src/domain/money';
import { mergeDatasets, type RegisterAgreement } from '../../../src/domain/register';
import { cumulativeSeries, periodSeries } from '../../../src/domain/series';
import { whatIf } from '../../../src/domain/whatIf';
import { harbour } from './register/registerFixture';

// Harbour's 2026 cap disclosed as HK$26.47 million; its first half at 18.3.
const harbour2647: RegisterAgreement = {
  ...harbour,
  categories: harbour.categories.map((c) => ({
    ...c,
    capLines: c.capLines.map((l, i) =>
      i === 0 ? { ...l, versions: l.versions.map((v) => ({ ...v, amount: '26.47' })) } : l,
    ),
    historicals: c.historicals.map((h) => (h.id.endsWith('h1-2026') ? { ...h, amount: '18.3' } : h)),
  })),
};
const dataset = mergeDatasets(ds, [harbour2647]);
const CAT = 'u-harbour-services-framework--warehousing';

describe('disclosedDecimals', () => {
  it.each([
    [['120.0', '58.3'], 1],
    [['26.47', '18.3'], 2],
    [['4000.0'], 1],
    [['1.234'], 3],
    [['1.23456789'], 3], // typed to the yuan: shown to the thousand
    [[], 1],
  ] as const)('%j → %i', (amounts, d) => expect(disclosedDecimals(amounts)).toBe(d));
});

describe('a register cap of 26.47', () => {
  it('the agreement carries two decimals; the built-in categories keep one', () => {
    expect(categoryDecimals(dataset, CAT)).toBe(2);
    expect(categoryDecimals(dataset, 'cloud-services')).toBe(1);
    expect(categoryDecimals(mergeDatasets(ds, [harbour]), CAT)).toBe(1);
  });

  it('status, series and what-if carry the precision: 26.47, actual 18.30, headroom 8.17', () => {
    const s = categoryStatus({ dataset, approvals: [] }, CAT, '2026-06-30');
    expect(s.decimals).toBe(2);
    expect(formatMillions(s.binding!.cap.amount, s.decimals)).toBe('26.47');
    expect(formatMillions(s.binding!.cap.amount)).toBe('26.5'); // one decimal would round it
    expect(formatMillions(s.actual, s.decimals)).toBe('18.30');
    expect(formatHeadroom(s.binding!.headroom!, s.decimals)).toBe('8.17');
    const ctx = { dataset, approvals: [] };
    expect(periodSeries(ctx, CAT, '2026-06-30').decimals).toBe(2);
    expect(cumulativeSeries(ctx, CAT, '2026-06-30', 'linear')!.decimals).toBe(2);
    expect(whatIf(ctx, CAT, '2026-06-30', fromUnits('100')).decimals).toBe(2);
    expect(categoryStatus(ctx, 'cloud-services', '2026-06-30').decimals).toBe(1);
  });
});
