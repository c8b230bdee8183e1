/**
 * The purchase order the evidence tests record: IDC rack space, RMB 5.5
 * million, with Xiaomi's quotation and one independent quotation (GDS) that
 * is higher. Tests change what they test with `over` (an id, more quotes, a
 * quote's attachment).
 */
import type { PurchaseOrder, Quote } from '../../../../src/domain/evidence/pricing';

export const XIAOMI_QUOTE: Quote = {
  supplier: 'Xiaomi',
  amountMinor: '550000000',
  currency: 'RMB',
  date: '2026-05-06',
  documentRef: 'XM-IDC-2026-07',
  independent: false,
  comparable: true,
};

export const GDS_QUOTE: Quote = {
  supplier: 'GDS',
  amountMinor: '570000000',
  currency: 'RMB',
  date: '2026-05-07',
  documentRef: 'GDS-BJ-5532',
  independent: true,
  comparable: true,
};

export function idcOrder(over: Partial<PurchaseOrder> = {}): PurchaseOrder {
  return {
    id: '',
    reference: 'IDC-PO-2026-01',
    date: '2026-05-15',
    categoryId: 'idc-services',
    amountMinor: '550000000',
    currency: 'RMB',
    description: 'Rack space, Beijing, Q2-Q3',
    xiaomiQuote: { ...XIAOMI_QUOTE },
    thirdPartyQuotes: [{ ...GDS_QUOTE }],
    closure: null,
    ...over,
  };
}
