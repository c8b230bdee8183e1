import { describe, expect, it } from 'vitest';
import {
  checkOrder,
  ledgerOfOrder,
  ledgerWithoutOrder,
  MAX_ATTACHMENT_BYTES,
  missingQuarters,
  type PurchaseOrder,
  type Quote,
  quarterRange,
  referenceTotals,
  validateOrder,
  validatePriceCheck,
} from '../../../../src/domain/evidence/pricing';
import { fromDayNumber, toDayNumber } from '../../../../src/domain/dates';

const PROCUREMENT = new Set(['idc-services', 'hardware-equipment', 'api-services']);

function q(supplier: string, amountMinor: string, extra: Partial<Quote> = {}): Quote {
  return {
    supplier,
    amountMinor,
    currency: 'RMB',
    date: '2026-05-02',
    documentRef: `Q-${supplier}`,
    independent: true,
    comparable: true,
    ...extra,
  };
}

function order(extra: Partial<PurchaseOrder> = {}): PurchaseOrder {
  return {
    id: 'po-1',
    reference: 'HW-2026-014',
    date: '2026-05-06',
    categoryId: 'hardware-equipment',
    amountMinor: '1200000000', // RMB 12,000,000.00
    currency: 'RMB',
    description: '',
    xiaomiQuote: q('Xiaomi', '1200000000', { independent: false }),
    thirdPartyQuotes: [q('Inspur', '1250000000'), q('H3C', '1310000000')],
    closure: null,
    ...extra,
  };
}

describe('pricing check of a purchase order (section IV(i))', () => {
  it('passes with two independent quotes both dearer than Xiaomi', () => {
    expect(checkOrder(order())).toEqual({ status: 'pass', reasons: [], independentQuotes: 2 });
  });

  it('equal prices pass: Xiaomi is no less favourable', () => {
    expect(checkOrder(order({ thirdPartyQuotes: [q('Inspur', '1200000000'), q('H3C', '1200000000')] })).status).toBe(
      'pass',
    );
  });

  it('one independent quote is an exception (a connected or non-independent quote does not count)', () => {
    const o = order({
      thirdPartyQuotes: [q('Inspur', '1250000000'), q('Xiaomi affiliate', '1300000000', { independent: false })],
    });
    expect(checkOrder(o)).toEqual({
      status: 'exception',
      reasons: [{ code: 'fewer-than-two-independent', independent: 1 }],
      independentQuotes: 1,
    });
  });

  it('a cheaper comparable quote makes Xiaomi less favourable, by the exact difference; a non-comparable one does not', () => {
    const o = order({ thirdPartyQuotes: [q('Inspur', '1150000000'), q('H3C', '1100000000', { comparable: false })] });
    expect(checkOrder(o).reasons).toEqual([
      { code: 'xiaomi-less-favourable', supplier: 'Inspur', byMinor: '50000000' },
    ]);
  });

  it('converts a USD quote at its rate: USD 1,650,000.00 × 7.1 = RMB 11,715,000.00, below Xiaomi by RMB 285,000.00', () => {
    const usd = q('Dell', '165000000', { currency: 'USD', rate: '7.1', rateSource: 'PBOC central parity 2026-05-02' });
    const o = order({ thirdPartyQuotes: [usd, q('H3C', '1310000000')] });
    expect(validateOrder(o, PROCUREMENT)).toEqual([]);
    expect(checkOrder(o).reasons).toEqual([{ code: 'xiaomi-less-favourable', supplier: 'Dell', byMinor: '28500000' }]);
  });

  it('no Xiaomi quotation on file is an exception; a closed exception keeps its reasons', () => {
    expect(checkOrder(order({ xiaomiQuote: null })).reasons).toEqual([{ code: 'no-xiaomi-quote' }]);
    const closed = order({
      thirdPartyQuotes: [q('Inspur', '1250000000')],
      closure: { justification: 'Sole compatible supplier', approvedBy: 'CFO', date: '2026-05-10' },
    });
    expect(checkOrder(closed).status).toBe('closed');
    expect(checkOrder(closed).reasons).toHaveLength(1);
  });
});

describe('order validation (bad input is refused, naming the field)', () => {
  it('a quote in another currency without rate, a quote after its order, an attachment over the limit', () => {
    const o = order({
      thirdPartyQuotes: [
        q('Dell', '165000000', { currency: 'USD', date: '2026-05-07' }),
        q('H3C', '1310000000', { attachmentBytes: MAX_ATTACHMENT_BYTES + 1 }),
        q('Lenovo', '1310000000', { currency: 'HKD', rate: '0.92' }),
      ],
    });
    expect(validateOrder(o, PROCUREMENT).map((i) => `${i.path}:${i.code}`)).toEqual([
      'quotes[0].date:quote-after-order',
      'quotes[0].rate:rate-missing',
      'quotes[1].attachment:attachment-too-large',
      'quotes[2].rateSource:rate-source-missing',
    ]);
    // Exactly at the limit is allowed; CNY is RMB.
    const ok = order({ thirdPartyQuotes: [q('H3C', '1', { attachmentBytes: MAX_ATTACHMENT_BYTES, currency: 'CNY' })] });
    expect(validateOrder(ok, PROCUREMENT)).toEqual([]);
  });

  it('refuses a cloud-services order, a taken reference, a zero amount and a half-closed exception', () => {
    const o = order({
      categoryId: 'cloud-services',
      amountMinor: '0',
      closure: { justification: '', approvedBy: 'CFO', date: '2026-05-10' },
    });
    expect(validateOrder(o, PROCUREMENT, new Set(['HW-2026-014'])).map((i) => i.code)).toEqual([
      'reference-taken',
      'category-not-procurement',
      'amount-invalid',
      'closure-incomplete',
    ]);
  });
});

describe('quarterly price checks of the cloud services', () => {
  const term = { start: '2025-01-01', end: '2027-12-31' };
  const check = (quarter: string) => ({
    id: quarter,
    categoryId: 'cloud-services',
    quarter,
    date: quarterRange(quarter)!.end,
    reviewer: 'Li',
    compared: ['published-list-prices' as const],
    note: '',
    result: 'consistent' as const,
  });

  it('lists every ended quarter of the term without a check; the running quarter is not due', () => {
    const checks = ['2025-Q1', '2025-Q2', '2025-Q4', '2026-Q1'].map(check);
    expect(missingQuarters('cloud-services', term, '2026-06-29', checks)).toEqual(['2025-Q3']);
    expect(missingQuarters('cloud-services', term, '2026-06-30', checks)).toEqual(['2025-Q3', '2026-Q2']);
    expect(missingQuarters('idc-services', term, '2025-03-31', checks)).toEqual(['2025-Q1']);
  });

  it('one check per quarter; dated no earlier than the quarter starts', () => {
    expect(validatePriceCheck({ ...check('2026-Q2'), date: '2026-03-31' }, [])).toEqual(['date-before-quarter-start']);
    expect(validatePriceCheck({ ...check('2026-Q2'), id: 'x' }, [check('2026-Q2')])).toEqual(['quarter-taken']);
    expect(validatePriceCheck({ ...check('2026-Q2'), quarter: '2026-Q5' }, [])).toEqual(['quarter-invalid']);
  });
});

describe('orders and the ledger', () => {
  it('sums procurement ledger rows per reference and lists those without an order as open items', () => {
    const day = (d: string) => toDayNumber(d);
    const refs = ['HW-2026-014', 'HW-2026-014', 'IDC-77', '', 'CS-1'];
    const totals = referenceTotals(
      [
        {
          length: 5,
          categoryIds: ['hardware-equipment', 'idc-services', 'cloud-services'],
          category: [0, 0, 1, 1, 2],
          day: [day('2026-05-20'), day('2026-06-03'), day('2026-05-09'), day('2026-05-10'), day('2026-05-01')],
          amountMinor: [700000000, 500000000, 12345, 100, 99],
          referenceAt: (i) => refs[i]!,
        },
      ],
      PROCUREMENT,
      fromDayNumber,
    );
    expect(totals).toEqual([
      {
        categoryId: 'hardware-equipment',
        reference: 'HW-2026-014',
        rows: 2,
        totalMinor: '1200000000',
        firstDate: '2026-05-20',
        lastDate: '2026-06-03',
      },
      {
        categoryId: 'idc-services',
        reference: '',
        rows: 1,
        totalMinor: '100',
        firstDate: '2026-05-10',
        lastDate: '2026-05-10',
      },
      {
        categoryId: 'idc-services',
        reference: 'IDC-77',
        rows: 1,
        totalMinor: '12345',
        firstDate: '2026-05-09',
        lastDate: '2026-05-09',
      },
    ]);
    expect(ledgerOfOrder(order(), totals)?.rows).toBe(2);
    expect(ledgerWithoutOrder(totals, [order()], PROCUREMENT).map((r) => r.reference)).toEqual(['', 'IDC-77']);
  });
});
