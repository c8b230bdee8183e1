/**
 * Pricing evidence of section IV(i) of the announcement: for what the Group
 * buys from Xiaomi (IDC, hardware, API), each purchase order or specific
 * agreement with Xiaomi's quotation and quotations from at least two
 * independent third parties; for the cloud services the Group provides,
 * a price check every quarter. Pure rules: what is an exception and what is
 * an open item. Amounts are exact minor units (bigint as decimal strings in
 * stored records); exchange rates are decimal strings, converted with decimal.js.
 */
import Decimal from 'decimal.js';
import { type DateRange, type IsoDate, isIsoDate } from '../dates';
import type { CategoryId } from '../model';

/** Largest attachment kept with a quotation: 5 MiB (5,242,880 bytes), inclusive. */
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;

/** A quotation for the goods or services of one order. */
export interface Quote {
  readonly supplier: string;
  /** Quoted price in minor units (cents/fen) of `currency`, as a decimal string. */
  readonly amountMinor: string;
  /** ISO 4217 code, e.g. "RMB" (CNY is read as RMB), "USD", "HKD". */
  readonly currency: string;
  /** RMB per one unit of `currency` (decimal string); required when the currency is not the order's. */
  readonly rate?: string;
  /** Where the rate comes from (e.g. "PBOC central parity 2026-05-04"); required with a rate. */
  readonly rateSource?: string;
  readonly date: IsoDate;
  readonly documentRef: string;
  /** Third parties: an independent third party (not the Company's connected persons). */
  readonly independent: boolean;
  /** Same goods or services on comparable terms, so its price can be compared with Xiaomi's. */
  readonly comparable: boolean;
  /** Id of the attached document kept with the evidence, if any. */
  readonly attachmentId?: string;
  readonly attachmentName?: string;
  readonly attachmentBytes?: number;
}

/** Closing an exception: why the order was still fair and who approved that. */
export interface ExceptionClosure {
  readonly justification: string;
  readonly approvedBy: string;
  readonly date: IsoDate;
}

/** A purchase order or specific agreement under a procurement category. */
export interface PurchaseOrder {
  readonly id: string;
  /** The order's reference; ledger rows with the same reference belong to it. */
  readonly reference: string;
  readonly date: IsoDate;
  readonly categoryId: CategoryId;
  /** Order amount in minor units of the agreement's currency, as a decimal string. */
  readonly amountMinor: string;
  /** The agreement's currency, the unit quotes are compared in. */
  readonly currency: string;
  readonly description: string;
  readonly xiaomiQuote: Quote | null;
  readonly thirdPartyQuotes: readonly Quote[];
  readonly closure: ExceptionClosure | null;
}

export type OrderIssueCode =
  | 'reference-missing'
  | 'reference-taken'
  | 'date-invalid'
  | 'category-not-procurement'
  | 'amount-invalid'
  | 'supplier-missing'
  | 'quote-amount-invalid'
  | 'quote-date-invalid'
  | 'quote-after-order'
  | 'rate-missing'
  | 'rate-invalid'
  | 'rate-source-missing'
  | 'document-ref-missing'
  | 'attachment-too-large'
  | 'closure-incomplete';

/** A reason an order cannot be stored; `path` names the field ("order.date", "quotes[1].rate"). */
export interface OrderIssue {
  readonly code: OrderIssueCode;
  readonly path: string;
  readonly vars?: Readonly<Record<string, string | number>>;
}

const MINOR = /^-?\d{1,18}$/;
const RATE = /^\d{1,9}(\.\d{1,10})?$/;

function sameCurrency(a: string, b: string): boolean {
  const n = (c: string) => (c.trim().toUpperCase() === 'CNY' ? 'RMB' : c.trim().toUpperCase());
  return n(a) === n(b);
}

function checkQuote(q: Quote, order: PurchaseOrder, path: string, out: OrderIssue[]): void {
  if (!q.supplier.trim()) out.push({ code: 'supplier-missing', path: `${path}.supplier` });
  if (!MINOR.test(q.amountMinor) || BigInt(q.amountMinor) <= 0n)
    out.push({ code: 'quote-amount-invalid', path: `${path}.amount` });
  if (!isIsoDate(q.date)) out.push({ code: 'quote-date-invalid', path: `${path}.date` });
  else if (isIsoDate(order.date) && q.date > order.date)
    out.push({ code: 'quote-after-order', path: `${path}.date`, vars: { quoteDate: q.date, orderDate: order.date } });
  if (!sameCurrency(q.currency, order.currency)) {
    if (!q.rate?.trim()) out.push({ code: 'rate-missing', path: `${path}.rate`, vars: { currency: q.currency } });
    else if (!RATE.test(q.rate.trim()) || new Decimal(q.rate.trim()).lte(0))
      out.push({ code: 'rate-invalid', path: `${path}.rate` });
    if (q.rate?.trim() && !q.rateSource?.trim()) out.push({ code: 'rate-source-missing', path: `${path}.rateSource` });
  }
  if (!q.documentRef.trim()) out.push({ code: 'document-ref-missing', path: `${path}.documentRef` });
  if (q.attachmentBytes !== undefined && q.attachmentBytes > MAX_ATTACHMENT_BYTES)
    out.push({
      code: 'attachment-too-large',
      path: `${path}.attachment`,
      vars: { bytes: q.attachmentBytes, max: MAX_ATTACHMENT_BYTES },
    });
}

/**
 * Every reason the order cannot be stored as entered (empty: it can). A quote
 * in another currency needs its rate and the rate's source; a quote dated
 * after its order is not evidence for it; attachments are at most
 * MAX_ATTACHMENT_BYTES. `procurement` is the set of procurement category ids;
 * `takenReferences` the references of other stored orders.
 */
export function validateOrder(
  order: PurchaseOrder,
  procurement: ReadonlySet<CategoryId>,
  takenReferences: ReadonlySet<string> = new Set(),
): OrderIssue[] {
  const out: OrderIssue[] = [];
  if (!order.reference.trim()) out.push({ code: 'reference-missing', path: 'order.reference' });
  else if (takenReferences.has(order.reference.trim()))
    out.push({ code: 'reference-taken', path: 'order.reference', vars: { reference: order.reference } });
  if (!isIsoDate(order.date)) out.push({ code: 'date-invalid', path: 'order.date' });
  if (!procurement.has(order.categoryId)) out.push({ code: 'category-not-procurement', path: 'order.category' });
  if (!MINOR.test(order.amountMinor) || BigInt(order.amountMinor) <= 0n)
    out.push({ code: 'amount-invalid', path: 'order.amount' });
  if (order.xiaomiQuote) checkQuote(order.xiaomiQuote, order, 'xiaomiQuote', out);
  order.thirdPartyQuotes.forEach((q, i) => checkQuote(q, order, `quotes[${i}]`, out));
  const c = order.closure;
  if (c && (!c.justification.trim() || !c.approvedBy.trim() || !isIsoDate(c.date)))
    out.push({ code: 'closure-incomplete', path: 'order.closure' });
  return out;
}

/** A quote's price in minor units of the order's currency (exact decimal), null when it cannot be converted. */
export function quoteInOrderCurrency(q: Quote, orderCurrency: string): Decimal | null {
  if (!MINOR.test(q.amountMinor)) return null;
  if (sameCurrency(q.currency, orderCurrency)) return new Decimal(q.amountMinor);
  if (!q.rate || !RATE.test(q.rate.trim())) return null;
  return new Decimal(q.amountMinor).mul(q.rate.trim());
}

export type ExceptionReason =
  | { readonly code: 'no-xiaomi-quote' }
  | { readonly code: 'fewer-than-two-independent'; readonly independent: number }
  | { readonly code: 'xiaomi-less-favourable'; readonly supplier: string; readonly byMinor: string };

export interface OrderCheck {
  /** pass: evidence complete; exception: open; closed: an exception closed with justification and approver. */
  readonly status: 'pass' | 'exception' | 'closed';
  readonly reasons: readonly ExceptionReason[];
  readonly independentQuotes: number;
}

/**
 * The section IV(i) check of one order: Xiaomi's quotation is on file, at
 * least two quotations are from independent third parties, and none of the
 * comparable independent quotes is cheaper than Xiaomi's (for a purchase,
 * a lower price is more favourable to the Group; equal prices pass).
 */
export function checkOrder(order: PurchaseOrder): OrderCheck {
  const reasons: ExceptionReason[] = [];
  const independent = order.thirdPartyQuotes.filter((q) => q.independent);
  if (!order.xiaomiQuote) reasons.push({ code: 'no-xiaomi-quote' });
  if (independent.length < 2) reasons.push({ code: 'fewer-than-two-independent', independent: independent.length });
  const xiaomi = order.xiaomiQuote ? quoteInOrderCurrency(order.xiaomiQuote, order.currency) : null;
  if (xiaomi) {
    let best: { q: Quote; price: Decimal } | null = null;
    for (const q of independent) {
      if (!q.comparable) continue;
      const price = quoteInOrderCurrency(q, order.currency);
      if (price && price.lt(xiaomi) && (!best || price.lt(best.price))) best = { q, price };
    }
    if (best)
      reasons.push({
        code: 'xiaomi-less-favourable',
        supplier: best.q.supplier,
        byMinor: xiaomi.minus(best.price).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toFixed(0),
      });
  }
  const status = reasons.length === 0 ? 'pass' : order.closure ? 'closed' : 'exception';
  return { status, reasons, independentQuotes: independent.length };
}

// ---------------------------------------------------------------------------
// Quarterly price checks of the cloud services

export type ComparedAgainst = 'published-list-prices' | 'third-party-prices' | 'market-rates';

export const COMPARED_AGAINST: readonly ComparedAgainst[] = [
  'published-list-prices',
  'third-party-prices',
  'market-rates',
];

export interface PriceCheck {
  readonly id: string;
  readonly categoryId: CategoryId;
  /** "2026-Q2". */
  readonly quarter: string;
  readonly date: IsoDate;
  readonly reviewer: string;
  readonly compared: readonly ComparedAgainst[];
  /** What was compared, in the reviewer's words (price lists, customers, rates). */
  readonly note: string;
  /** consistent: no more favourable to Xiaomi than to independent third parties. */
  readonly result: 'consistent' | 'inconsistent';
}

export type PriceCheckIssueCode =
  | 'quarter-invalid'
  | 'date-invalid'
  | 'date-before-quarter-start'
  | 'reviewer-missing'
  | 'compared-missing'
  | 'quarter-taken';

const QUARTER = /^(\d{4})-Q([1-4])$/;

/** Inclusive first and last day of a quarter "YYYY-Qn". */
export function quarterRange(quarter: string): DateRange | null {
  const m = QUARTER.exec(quarter);
  if (!m) return null;
  const y = m[1]!;
  const q = Number(m[2]);
  const ends = ['03-31', '06-30', '09-30', '12-31'];
  const starts = ['01-01', '04-01', '07-01', '10-01'];
  return { start: `${y}-${starts[q - 1]}`, end: `${y}-${ends[q - 1]}` };
}

/** The quarter a date falls in, "YYYY-Qn". */
export function quarterOf(d: IsoDate): string {
  return `${d.slice(0, 4)}-Q${Math.floor((Number(d.slice(5, 7)) - 1) / 3) + 1}`;
}

export function validatePriceCheck(c: PriceCheck, others: readonly PriceCheck[]): PriceCheckIssueCode[] {
  const out: PriceCheckIssueCode[] = [];
  const range = quarterRange(c.quarter);
  if (!range) out.push('quarter-invalid');
  if (!isIsoDate(c.date)) out.push('date-invalid');
  else if (range && c.date < range.start) out.push('date-before-quarter-start');
  if (!c.reviewer.trim()) out.push('reviewer-missing');
  if (c.compared.length === 0 && !c.note.trim()) out.push('compared-missing');
  if (others.some((o) => o.id !== c.id && o.categoryId === c.categoryId && o.quarter === c.quarter))
    out.push('quarter-taken');
  return out;
}

/**
 * Quarters of `term` that have ended by `asOf` (quarter end ≤ asOf, both
 * inclusive) and overlap the term, with no check recorded for the category.
 * Quarters still running are not due yet.
 */
export function missingQuarters(
  categoryId: CategoryId,
  term: DateRange,
  asOf: IsoDate,
  checks: readonly PriceCheck[],
): string[] {
  const done = new Set(checks.filter((c) => c.categoryId === categoryId).map((c) => c.quarter));
  const out: string[] = [];
  let q = quarterOf(term.start);
  for (;;) {
    const r = quarterRange(q)!;
    if (r.start > term.end || r.end > asOf) break;
    if (!done.has(q)) out.push(q);
    const [y, n] = [Number(q.slice(0, 4)), Number(q.slice(6))];
    q = n === 4 ? `${y + 1}-Q1` : `${y}-Q${n + 1}`;
  }
  return out;
}

// ---------------------------------------------------------------------------
// Orders and the ledger

/** Ledger rows of one procurement category and reference, summed. */
export interface LedgerReferenceTotal {
  readonly categoryId: CategoryId;
  /** '' for rows without a reference. */
  readonly reference: string;
  readonly rows: number;
  /** Sum in minor units, as a decimal string. */
  readonly totalMinor: string;
  readonly firstDate: IsoDate;
  readonly lastDate: IsoDate;
}

/** Ledger references of procurement categories with no order of that category and reference: open items. */
export function ledgerWithoutOrder(
  refs: readonly LedgerReferenceTotal[],
  orders: readonly PurchaseOrder[],
  procurement: ReadonlySet<CategoryId>,
): LedgerReferenceTotal[] {
  const have = new Set(orders.map((o) => `${o.categoryId}\u0000${o.reference.trim()}`));
  return refs.filter(
    (r) =>
      procurement.has(r.categoryId) &&
      (r.reference.trim() === '' || !have.has(`${r.categoryId}\u0000${r.reference.trim()}`)),
  );
}

/** The ledger rows an order links to: same category and reference. */
export function ledgerOfOrder(
  order: PurchaseOrder,
  refs: readonly LedgerReferenceTotal[],
): LedgerReferenceTotal | null {
  return refs.find((r) => r.categoryId === order.categoryId && r.reference.trim() === order.reference.trim()) ?? null;
}

/** Rows of a ledger block as columns (the shape exports and storage hand over). */
export interface ReferenceBlock {
  readonly length: number;
  readonly categoryIds: readonly CategoryId[];
  readonly category: ArrayLike<number>;
  readonly day: ArrayLike<number>;
  readonly amountMinor: ArrayLike<number>;
  /** Reference of row i. */
  referenceAt(i: number): string;
}

/**
 * Sums ledger rows per category and reference (keeping only `categories`),
 * block by block; `dateOf` turns a day number into an ISO date. The result
 * is sorted by category, then reference.
 */
export function referenceTotals(
  blocks: Iterable<ReferenceBlock>,
  categories: ReadonlySet<CategoryId>,
  dateOf: (day: number) => IsoDate,
): LedgerReferenceTotal[] {
  const acc = new Map<
    string,
    { categoryId: CategoryId; reference: string; rows: number; total: bigint; min: number; max: number }
  >();
  for (const b of blocks) {
    for (let i = 0; i < b.length; i++) {
      const categoryId = b.categoryIds[b.category[i]!]!;
      if (!categories.has(categoryId)) continue;
      const reference = b.referenceAt(i).trim();
      const key = `${categoryId}\u0000${reference}`;
      const day = b.day[i]!;
      const cur = acc.get(key);
      if (cur) {
        cur.rows++;
        cur.total += BigInt(b.amountMinor[i]!);
        cur.min = Math.min(cur.min, day);
        cur.max = Math.max(cur.max, day);
      } else acc.set(key, { categoryId, reference, rows: 1, total: BigInt(b.amountMinor[i]!), min: day, max: day });
    }
  }
  return [...acc.values()]
    .sort((a, b) => a.categoryId.localeCompare(b.categoryId) || a.reference.localeCompare(b.reference))
    .map((r) => ({
      categoryId: r.categoryId,
      reference: r.reference,
      rows: r.rows,
      totalMinor: r.total.toString(),
      firstDate: dateOf(r.min),
      lastDate: dateOf(r.max),
    }));
}
