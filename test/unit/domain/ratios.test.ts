import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import type { CurrencyCode } from '../../../src/domain/model';
import { fromUnits } from '../../../src/domain/money';
import {
  bandForRatio,
  capsOnBasis,
  checkRatios,
  compareWithStated,
  convert,
  largestAggregateCap,
  largestCap,
  parseDenominator,
  parseRate,
  ratioPercentText,
  statedBandOf,
  stricterBand,
} from '../../../src/domain/ratios';
import { AGREEMENT_2025 } from '../../../src/domain/disclosed/kingsoftCloudXiaomi2026';
import { approved, ds, m, mil, rejected, RES_CLOUD, RES_HARDWARE } from './fixtures';

const d = (s: string) => new Decimal(s);

describe('band of a ratio (rule 14A.76)', () => {
  it.each([
    ['0', 'de-minimis'],
    ['0.000999', 'de-minimis'],
    ['0.00099999999', 'de-minimis'],
    ['0.001', 'announcement'], // exactly 0.1%
    ['0.0010000001', 'announcement'],
    ['0.0499999', 'announcement'],
    ['0.05', 'shareholders'], // exactly 5%
    ['0.0500001', 'shareholders'],
    ['0.6666', 'shareholders'],
  ])('%s → %s', (r, band) => {
    expect(bandForRatio(d(r))).toBe(band);
  });

  it('exact boundaries through real money: cap 1.0 on 1,000.0 is 0.1% → announcement; 5.0 on 100.0 is 5% → shareholders', () => {
    const one = checkRatios({
      cap: m('1.0'),
      capCurrency: 'RMB',
      denominators: { revenue: { amount: m('1,000.0'), currency: 'RMB' } },
      hkdPerRmb: null,
    });
    expect(one.ratios[1]!.ratio!.toString()).toBe('0.001');
    expect(one.band).toBe('announcement');
    const five = checkRatios({
      cap: m('5.0'),
      capCurrency: 'RMB',
      denominators: { revenue: { amount: m('100.0'), currency: 'RMB' } },
      hkdPerRmb: null,
    });
    expect(five.band).toBe('shareholders');
    const under = checkRatios({
      cap: m('0.9'),
      capCurrency: 'RMB',
      denominators: { revenue: { amount: m('1,000.0'), currency: 'RMB' } },
      hkdPerRmb: null,
    });
    expect(under.band).toBe('de-minimis');
  });

  it('stricterBand', () => {
    expect(stricterBand('de-minimis', 'shareholders')).toBe('shareholders');
    expect(stricterBand('announcement', 'de-minimis')).toBe('announcement');
  });
});

describe('largest cap over the term (rule 14A.78) on the disclosed caps', () => {
  it.each([
    ['cloud-services', 'latest', '6000.0', 2027],
    ['cloud-services', 'in-force', '4035.1', 2027],
    ['idc-services', 'latest', '150.0', 2027],
    ['idc-services', 'in-force', '150.0', 2027], // exempt revisions bind from their announcement
    ['hardware-equipment', 'latest', '1500.0', 2027],
    ['hardware-equipment', 'in-force', '33.5', 2025], // 1,000.0 and 1,500.0 await the AGM
    ['api-services', 'latest', '50.0', 2027],
    ['api-services', 'in-force', '50.0', 2027],
  ] as const)('%s on the %s basis: %s (%i)', (cat, basis, amount, year) => {
    const l = largestCap(ds, cat, basis)!;
    expect(mil(l.amount)).toBe(amount);
    expect(l.year).toBe(year);
  });

  it('hardware: the 2026 revision to 1,000.0 replaces the 6.7 partial-period cap on the latest basis', () => {
    expect(capsOnBasis(ds, 'hardware-equipment', 'latest').map((c) => mil(c.amount))).toEqual([
      '33.5',
      '1000.0',
      '1500.0',
    ]);
    expect(capsOnBasis(ds, 'hardware-equipment', 'in-force').map((c) => mil(c.amount))).toEqual(['33.5', '6.7']);
    const afterAgm = capsOnBasis(ds, 'hardware-equipment', 'in-force', [approved(RES_HARDWARE, '2026-06-30')]);
    expect(afterAgm.map((c) => mil(c.amount))).toEqual(['33.5', '1000.0', '1500.0']);
  });

  it('a revision voted down falls back to the cap it would have replaced', () => {
    const l = largestCap(ds, 'cloud-services', 'latest', [rejected(RES_CLOUD, '2026-06-30')])!;
    expect(mil(l.amount)).toBe('4035.1');
  });

  it('aggregate of the 2025 agreement (all procured by the Group): 2027 = 150.0 + 1,500.0 + 50.0 = 1,700.0', () => {
    const a = largestAggregateCap(ds, AGREEMENT_2025, 'procured-by-group')!;
    expect(mil(a.amount)).toBe('1700.0');
    expect(a.year).toBe(2027);
    expect(a.caps.map((c) => c.id).sort()).toEqual(['api-2027-new', 'hardware-2027-new', 'idc-2027-revised']);
    expect(largestAggregateCap(ds, AGREEMENT_2025, 'provided-by-group')).toBeNull();
  });
});

describe('currency conversion', () => {
  it.each([
    ['RMB', 'RMB', null, '100.0', '100.0'],
    ['RMB', 'HKD', '1.08', '100.0', '108.0'],
    ['HKD', 'RMB', '1.08', '108.0', '100.0'],
    ['HKD', 'RMB', '1.0870', '1.0', '0.91996320'],
  ] as const)('%s → %s at %s: %s → %s', (from, to, rate, amount, expected) => {
    const out = convert(m(amount), from as CurrencyCode, to as CurrencyCode, rate ? d(rate) : null)!;
    expect(mil(out, expected.split('.')[1]!.length)).toBe(expected);
  });

  it('needs a positive rate when currencies differ', () => {
    expect(convert(m('1.0'), 'RMB', 'HKD', null)).toBeNull();
    expect(convert(m('1.0'), 'RMB', 'HKD', d('0'))).toBeNull();
    expect(convert(m('1.0'), 'RMB', 'HKD', d('-1'))).toBeNull();
  });
});

/** Illustrative denominators (entered by a user): RMB 30,000.0m assets, RMB 9,000.0m revenue, HK$25,000.0m market cap. */
const denominators = {
  assets: { amount: m('30,000.0'), currency: 'RMB' as const },
  revenue: { amount: m('9,000.0'), currency: 'RMB' as const },
  consideration: { amount: m('25,000.0'), currency: 'HKD' as const },
};

describe('ratio check against entered denominators', () => {
  it('cloud services: 6,000.0 on 9,000.0 revenue = 66.67% → shareholders, as the announcement states', () => {
    const c = checkRatios({
      cap: largestCap(ds, 'cloud-services')!.amount,
      capCurrency: 'RMB',
      denominators,
      hkdPerRmb: d('1.08'),
    });
    expect(c.ratios.map((r) => ratioPercentText(r.ratio!))).toEqual(['20.00', '66.66', '25.92']);
    expect(c.complete).toBe(true);
    expect(c.band).toBe('shareholders');
    expect(c.outcome).toBe('shareholders');
    expect(compareWithStated(c.band, statedBandOf(ds, 'cloud-services'))).toBe('agrees');
  });

  it.each([
    ['cloud-services', 'shareholders'],
    ['hardware-equipment', 'shareholders'],
    ['idc-services', 'announcement'],
    ['api-services', 'announcement'],
  ] as const)('%s computes to %s and agrees with the stated band', (cat, band) => {
    const c = checkRatios({ cap: largestCap(ds, cat)!.amount, capCurrency: 'RMB', denominators, hkdPerRmb: d('1.08') });
    expect(c.band).toBe(band);
    expect(statedBandOf(ds, cat)!.band).toBe(band);
    expect(compareWithStated(c.band, statedBandOf(ds, cat))).toBe('agrees');
  });

  it('IDC 150.0: 0.5000% of assets, 1.66% of revenue, 150.0 × 1.08 / 25,000.0 = 0.6480% of market cap', () => {
    const c = checkRatios({ cap: m('150.0'), capCurrency: 'RMB', denominators, hkdPerRmb: d('1.08') });
    expect(c.ratios.map((r) => r.ratio!.toString())).toEqual(['0.005', '0.016666666666666666667', '0.00648']);
    expect(c.ratios.map((r) => ratioPercentText(r.ratio!))).toEqual(['0.5000', '1.66', '0.6480']);
    expect(c.band).toBe('announcement');
    expect(mil(c.capHkd!)).toBe('162.0');
    expect(c.alternatives).toEqual({
      under3mFullyExempt: false,
      under10mNoShareholders: false,
      subsidiaryLevelFullyExempt: false,
    });
  });

  it('without a rate, the HK$ market-cap ratio cannot be computed: band from the others, marked incomplete', () => {
    const c = checkRatios({ cap: m('150.0'), capCurrency: 'RMB', denominators, hkdPerRmb: null });
    expect(c.ratios[2]).toEqual({ kind: 'consideration', ratio: null, problem: 'needs-rate', band: null });
    expect(c.complete).toBe(false);
    expect(c.band).toBe('announcement');
    expect(c.capHkd).toBeNull();
    // Every known ratio is under 5% but the cap in HK$ is unknown: the HK$3m test is undecided, not failed.
    expect(c.alternatives.under3mFullyExempt).toBeNull();
    expect(c.outcome).toBe('announcement');
  });

  it('missing and non-positive denominators are reported', () => {
    const c = checkRatios({
      cap: m('1.0'),
      capCurrency: 'RMB',
      denominators: { assets: { amount: m('0.0'), currency: 'RMB' } },
      hkdPerRmb: null,
    });
    expect(c.ratios.map((r) => r.problem)).toEqual(['not-positive', 'missing', 'missing']);
    expect(c.band).toBeNull();
    expect(c.outcome).toBeNull();
  });

  it('14A.76(1)(c): a HK$2.5m cap at 2% → fully exempt although 2% is in the announcement band', () => {
    const small = { amount: fromUnits('125000000'), currency: 'HKD' as const }; // HK$125m → 2%
    const c = checkRatios({
      cap: fromUnits('2500000'),
      capCurrency: 'HKD',
      denominators: { assets: small, revenue: small, consideration: small },
      hkdPerRmb: null,
    });
    expect(c.band).toBe('announcement');
    expect(c.alternatives.under3mFullyExempt).toBe(true);
    expect(c.outcome).toBe('de-minimis');
  });

  it('14A.76(2)(b): an RMB 9.0m cap (HK$9.72m at 1.08) at 20% → no shareholders approval; at HK$3m exactly the (1)(c) test fails', () => {
    const den = { amount: m('45.0'), currency: 'RMB' as const };
    const c = checkRatios({
      cap: m('9.0'),
      capCurrency: 'RMB',
      denominators: { assets: den, revenue: den, consideration: den },
      hkdPerRmb: d('1.08'),
    });
    expect(c.band).toBe('shareholders');
    expect(mil(c.capHkd!, 2)).toBe('9.72');
    expect(c.alternatives.under10mNoShareholders).toBe(true);
    expect(c.alternatives.under3mFullyExempt).toBe(false);
    expect(c.outcome).toBe('announcement');

    const three = { amount: fromUnits('100000000'), currency: 'HKD' as const };
    const e = checkRatios({
      cap: fromUnits('3000000'),
      capCurrency: 'HKD',
      denominators: { assets: three, revenue: three, consideration: three },
      hkdPerRmb: null,
    });
    expect(e.alternatives.under3mFullyExempt).toBe(false); // HK$3,000,000 is not "less than"
    expect(e.outcome).toBe('announcement');
  });

  it('14A.76(2)(b) fails at 25% even under HK$10m', () => {
    const den = { amount: fromUnits('20000000'), currency: 'HKD' as const };
    const c = checkRatios({
      cap: fromUnits('5000000'),
      capCurrency: 'HKD',
      denominators: { assets: den, revenue: den, consideration: den },
      hkdPerRmb: null,
    });
    expect(c.highest!.toString()).toBe('0.25');
    expect(c.alternatives.under10mNoShareholders).toBe(false);
    expect(c.outcome).toBe('shareholders');
  });

  it('14A.76(1)(b): below 1% and connected only at the subsidiary level → fully exempt', () => {
    const den = { amount: m('1,000.0'), currency: 'RMB' as const };
    const input = {
      cap: m('9.9'),
      capCurrency: 'RMB' as const,
      denominators: { assets: den, revenue: den, consideration: den },
      hkdPerRmb: null,
    };
    expect(checkRatios(input).outcome).toBe('announcement');
    const sub = checkRatios({ ...input, subsidiaryLevelOnly: true });
    expect(sub.alternatives.subsidiaryLevelFullyExempt).toBe(true);
    expect(sub.outcome).toBe('de-minimis');
    expect(
      checkRatios({ ...input, cap: m('10.0'), subsidiaryLevelOnly: true }).alternatives.subsidiaryLevelFullyExempt,
    ).toBe(false);
  });
});

describe('display and comparison', () => {
  it.each([
    ['0.049996', '4.99'],
    ['0.05', '5.00'],
    ['0.000999', '0.0999'],
    ['0.001', '0.1000'],
    ['0.6666666', '66.66'],
    ['0', '0.0000'],
  ])('ratio %s shows as %s percent', (r, text) => {
    expect(ratioPercentText(d(r))).toBe(text);
  });

  it('compareWithStated', () => {
    const stated = statedBandOf(ds, 'idc-services');
    expect(compareWithStated('announcement', stated)).toBe('agrees');
    expect(compareWithStated('shareholders', stated)).toBe('differs');
    expect(compareWithStated(null, stated)).toBe('unknown');
    expect(compareWithStated('announcement', undefined)).toBe('unknown');
  });
});

describe('typed denominators and rates', () => {
  it.each([
    ['30,000', '30000.0'],
    ['9123.45', '9123.45'],
    [' 1 ', '1.0'],
    ['0.00000001', '0.00000001'],
  ])('denominator %j → %s million', (text, expected) => {
    expect(mil(parseDenominator(text)!, expected.split('.')[1]!.length)).toBe(expected);
  });
  it.each(['0', '0.0', '-5', '1e6', '12,0', '', 'abc', '1.000000001'])('denominator %j is rejected', (text) => {
    expect(parseDenominator(text)).toBeNull();
  });
  it.each([
    ['1.0870', '1.087'],
    ['0.92', '0.92'],
  ])('rate %s', (text, expected) => {
    expect(parseRate(text)!.toString()).toBe(expected);
  });
  it.each(['0', '-1.08', '1,08', '', 'x'])('rate %j is rejected', (text) => {
    expect(parseRate(text)).toBeNull();
  });
});
