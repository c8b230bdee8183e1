import { describe, expect, it } from 'vitest';
import { compareSpans, ledgerExtent, reconcileSpans } from '../../../../src/domain/ledger/reconciliation';
import { ds, ledgerOf, mil } from '../fixtures';

describe('reconcileSpans: each disclosed amount beside the ledger over the same days', () => {
  const ledger = ledgerOf({
    'cloud-services': [
      ['2024-06-30', '0.0'],
      ['2025-03-31', '400.0'],
      ['2025-04-23', '13.0'],
      ['2025-04-24', '1842.2'],
      ['2026-02-01', '750.0'],
      ['2026-04-24', '5.0'],
    ],
  });
  const rows = reconcileSpans(ds, ledger.byCategory.get('cloud-services'), 'cloud-services');

  // [id, has rows, ledger total, difference] in span order: by start, then by end.
  const cases: [string, boolean, string, string][] = [
    // A day whose rows sum to zero still counts as "the ledger has rows".
    ['cloud-2024-full', true, '0.0', '-1273.8'],
    // Both ends included: April 23 is in, April 24 is out.
    ['cloud-2025-ytd-apr23', true, '413.0', '0.0'],
    ['cloud-2025-full', true, '2255.2', '0.0'],
    ['cloud-2026-ytd', true, '750.0', '0.9'],
  ];
  it.each(cases.map((c, i) => [i, ...c] as const))('%i: %s', (i, id, hasRows, ledgerTotal, diff) => {
    const r = rows[i]!;
    expect(r.historical.id).toBe(id);
    expect(r.hasRows).toBe(hasRows);
    expect(mil(r.ledgerAmount)).toBe(ledgerTotal);
    expect(mil(r.difference)).toBe(diff);
  });

  it('lists nothing but the category’s own disclosures', () => {
    expect(rows).toHaveLength(4);
    expect(reconcileSpans(ds, undefined, 'api-services')).toEqual([]);
  });

  it('with no ledger: no rows, the ledger total zero and the difference the disclosed amount negated', () => {
    const idc = reconcileSpans(ds, undefined, 'idc-services');
    expect(idc.map((r) => [r.historical.id, r.hasRows, mil(r.ledgerAmount), mil(r.difference)])).toEqual([
      ['idc-2025-period', false, '0.0', '-17.2'],
      ['idc-2026-ytd', false, '0.0', '-14.1'],
    ]);
  });
});

describe('compareSpans', () => {
  const cases: [string, string, string, string, number][] = [
    ['2025-01-01', '2025-12-31', '2026-01-01', '2026-04-23', -1],
    ['2025-01-01', '2025-04-23', '2025-01-01', '2025-12-31', -1],
    ['2025-01-01', '2025-12-31', '2025-01-01', '2025-04-23', 1],
    ['2025-07-29', '2025-12-31', '2025-07-29', '2025-12-31', 0],
  ];
  it.each(cases)('%s–%s vs %s–%s → %i', (as, ae, bs, be, want) => {
    expect(compareSpans({ start: as, end: ae }, { start: bs, end: be })).toBe(want);
  });
});

describe('ledgerExtent', () => {
  it('totals every day, counts days with rows and names the first and last day', () => {
    const ledger = ledgerOf({
      'idc-services': [
        ['2026-01-05', '1.5'],
        ['2026-01-05', '2.0'],
        ['2026-03-31', '10.6'],
      ],
    });
    expect(ledgerExtent(ledger.byCategory.get('idc-services'))).toEqual({
      total: 1_410_000_000n, // RMB 14.1 million in fen
      days: 2,
      first: '2026-01-05',
      last: '2026-03-31',
    });
  });
  it('is null for an empty or absent ledger', () => {
    expect(ledgerExtent(undefined)).toBeNull();
    expect(ledgerExtent(ledgerOf({ 'idc-services': [] }).byCategory.get('idc-services'))).toBeNull();
  });
});
