/**
 * Summary rows of ERP exports (合计, 小计, 本月合计, 本年累计, 期初余额, Total,
 * Balance b/f …): never transactions. They are excluded and shown; a total
 * that does not match the rows above it is shown for the user to confirm.
 */

/** What a summary row sums, which decides the rows its total is checked against. */
export type SummaryKind =
  /** A period or group total (小计, 本月合计, 本期合计, Subtotal): the rows since the previous such total. */
  | 'subtotal'
  /** A grand or cumulative total (合计, 总计, 本年累计, Total): every row above it. */
  | 'total'
  /** A balance brought or carried forward (期初余额, 期末余额, 上年结转, Balance b/f): not a sum of rows. */
  | 'balance'
  /** The header row repeated further down (print-style exports repeat it on every page). */
  | 'header';

/** Labels in normal form (NFKC, lower case, no spaces or punctuation) → kind. */
const LABELS: ReadonlyMap<string, SummaryKind> = new Map<string, SummaryKind>([
  ['合计', 'total'],
  ['总计', 'total'],
  ['总合计', 'total'],
  ['本年累计', 'total'],
  ['本期累计', 'total'],
  ['累计', 'total'],
  ['total', 'total'],
  ['grandtotal', 'total'],
  ['totals', 'total'],
  ['小计', 'subtotal'],
  ['本期合计', 'subtotal'],
  ['本月合计', 'subtotal'],
  ['本日合计', 'subtotal'],
  ['本页合计', 'subtotal'],
  ['本季合计', 'subtotal'],
  ['subtotal', 'subtotal'],
  ['monthtotal', 'subtotal'],
  ['periodtotal', 'subtotal'],
  ['期初余额', 'balance'],
  ['期末余额', 'balance'],
  ['上年结转', 'balance'],
  ['承前页', 'balance'],
  ['过次页', 'balance'],
  ['年初余额', 'balance'],
  ['balancebf', 'balance'],
  ['balancecf', 'balance'],
  ['balancebroughtforward', 'balance'],
  ['balancecarriedforward', 'balance'],
  ['broughtforward', 'balance'],
  ['carriedforward', 'balance'],
  ['openingbalance', 'balance'],
  ['closingbalance', 'balance'],
]);

function labelKey(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\-_.,;:'"()[\]{}（）【】、，。·/\\*：]+/g, '');
}

/**
 * The kind of summary a cell's text announces, or null. Matches the whole
 * cell ("本月合计", "Total", "Balance b/f", "合 计", "**合计**"), not a word
 * inside a description, so "合计服务费" is no summary.
 */
export function summaryKind(text: string): SummaryKind | null {
  if (text.length === 0 || text.length > 40) return null;
  return LABELS.get(labelKey(text)) ?? null;
}

/** A summary row found in a file. */
export interface SummaryRow {
  readonly row: number;
  readonly label: string;
  readonly kind: SummaryKind;
  /** The row's amount in fen (transaction side), or null when it has none. */
  readonly amountMinor: bigint | null;
  /** What the rows above add up to for this kind, or null for balances. */
  readonly expectedMinor: bigint | null;
  /** True/false when checked; null when not checkable (a balance, or no amount). */
  readonly matches: boolean | null;
}

/**
 * Keeps the running sums a summary row is checked against: every amount
 * above (for totals) and the amounts since the previous subtotal.
 */
/** What a tracker saw in the second part of a file split in two (split.ts). */
export interface SummaryPart {
  readonly rows: readonly SummaryRow[];
  readonly all: number;
  readonly sinceSubtotal: number;
  /** True when the part met a subtotal (its later subtotals no longer include rows of the first part). */
  readonly subtotalSeen: boolean;
}

export class SummaryTracker {
  private all = 0;
  private sinceSubtotal = 0;
  private subtotalSeen = false;
  readonly rows: SummaryRow[] = [];

  /** The running sums and rows so far, for the tracker of the file's first part. */
  part(): SummaryPart {
    return { rows: this.rows, all: this.all, sinceSubtotal: this.sinceSubtotal, subtotalSeen: this.subtotalSeen };
  }

  /**
   * Adds the summary rows of the rest of the file, read by another tracker from zero
   * sums: their expected totals are what this tracker's sums would have made them.
   * Exact while every sum is below 2^53 fen (the caller checks).
   */
  appendPart(p: SummaryPart, rowOffset: number): void {
    let carry = true;
    for (const s of p.rows) {
      let expected = s.expectedMinor;
      if (expected !== null && s.kind === 'total') expected += BigInt(this.all);
      else if (expected !== null && s.kind === 'subtotal' && carry) expected += BigInt(this.sinceSubtotal);
      if (s.kind === 'subtotal') carry = false;
      this.rows.push({
        ...s,
        row: s.row + rowOffset,
        expectedMinor: expected,
        matches: s.amountMinor === null || expected === null ? null : s.amountMinor === expected,
      });
    }
    this.sinceSubtotal = p.subtotalSeen ? p.sinceSubtotal : this.sinceSubtotal + p.sinceSubtotal;
    this.all += p.all;
    this.subtotalSeen ||= p.subtotalSeen;
  }

  /** Adds a transaction row's amount (fen) to the running sums. */
  add(amountMinor: number): void {
    this.all += amountMinor;
    this.sinceSubtotal += amountMinor;
  }

  /** Records a summary row; `amountMinor` NaN when it has no amount. */
  summary(row: number, label: string, kind: SummaryKind, amountMinor: number): SummaryRow {
    const amount = Number.isNaN(amountMinor) ? null : BigInt(amountMinor);
    let expected: bigint | null = null;
    if (kind === 'total') expected = BigInt(this.all);
    else if (kind === 'subtotal') {
      expected = BigInt(this.sinceSubtotal);
      this.sinceSubtotal = 0;
      this.subtotalSeen = true;
    }
    const s: SummaryRow = {
      row,
      label,
      kind,
      amountMinor: amount,
      expectedMinor: expected,
      matches: amount === null || expected === null ? null : amount === expected,
    };
    this.rows.push(s);
    return s;
  }
}
