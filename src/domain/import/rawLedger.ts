/**
 * Raw ERP ledgers → connected transactions. Reads a receivables, payables or
 * revenue ledger as Kingdee, Yonyou, SAP or Oracle export it (title block
 * above the header, debit and credit columns, summary rows, every customer
 * or supplier) and puts EVERY row in exactly one bucket:
 *
 * - summary: 合计 / 小计 / 期初余额 / Total … (excluded; totals checked against the rows above)
 * - settlement: the other side of the ledger (receipts, payments) and closing
 *   entries such as 结转本年利润 (never counted)
 * - other: counterparty not a connected person on that date (not imported; totals shown)
 * - classified: a connected person's row a rule assigns to a category (imported)
 * - unclassified: a connected person's row no rule assigns (kept as an open item)
 * - unreadable: bad input, named by file, row and column
 *
 * The counts add up to the data rows of the file. Pure; runs in the import
 * worker and in Node (status --ledger … --rules …).
 */
import { fromDayNumber } from '../dates';
import { CompiledRules, type ClassificationRule, type RuleIssue } from '../classify/rules';
import type { CategoryId, CurrencyCode } from '../model';
import { NO_ENTITY, PartyMatcher, type PossibleReason } from '../parties/match';
import type { ConnectedEntity } from '../parties/entities';
import { LedgerBuilder, type CellValue } from './builder';
import { categoryIdsOf } from './categories';
import { columnLetter, columnRef, headerLayoutKey, normaliseHeader } from './columns';
import {
  emptyResult,
  Fatal,
  fatal,
  HEAD_RECORDS,
  headerCellCount,
  isBlank,
  openTable,
  type ProgressCallback,
} from './parseFile';
import { guessRawMapping, isBalanceHeader, RAW_ROLES, type RawMapping, type RawRole } from './rawColumns';
import type { CapBasis } from './capBasis';
import type { BucketName, RawCategory } from './rawCategories';
import { SummaryTracker, summaryKind, type SummaryRow } from './summary';
import type {
  AmountUnit,
  ColumnMapping,
  ColumnRef,
  DateOrder,
  FileInfo,
  ImportResult,
  RowError,
  RowErrorCode,
  RowErrorDetail,
} from './types';
import {
  excelSerialToDay,
  lastAmountError,
  NO_DAY,
  numberToMinor,
  parseAmountMinor,
  readDate,
  type DateReading,
} from './values';

/**
 * Which side of the ledger holds the transactions: a revenue account or a
 * payables ledger → credit (invoices), a receivables ledger → debit
 * (invoices); `all` for an invoice list with one amount column where every
 * row is a transaction.
 */
export type TransactionSide = 'debit' | 'credit' | 'all';

export { type CapBasis, DEFAULT_CAP_BASIS } from './capBasis';
export { BUCKETS, rawCategoriesOf, type BucketName, type RawCategory } from './rawCategories';

export interface RawLedgerOptions {
  /** Column roles; default the guess from the headers. */
  readonly mapping?: RawMapping;
  /** Row number of the header (1-based); default: found below any title block. */
  readonly headerRow?: number;
  readonly sheetName?: string;
  /** Default: debit when the counterparty column names customers, credit when suppliers. */
  readonly side?: TransactionSide;
  /** Whether the debit / credit / amount columns include tax (default true: 价税合计). */
  readonly amountsIncludeTax?: boolean;
  /** Currency of the debit / credit / amount columns (the company's functional currency). */
  readonly functionalCurrency: CurrencyCode;
  readonly unit: AmountUnit;
  readonly dateOrder?: DateOrder;
  readonly maxRows: number;
  readonly categories: readonly RawCategory[];
  readonly entities: readonly ConnectedEntity[];
  readonly rules: readonly ClassificationRule[];
  /** Looser matches the user dismissed: never offered again. */
  readonly dismissed?: readonly { readonly name: string; readonly entityId: string }[];
  readonly maxErrors?: number;
  /** At most this many connected-but-unclassified rows are listed with their cells (all are counted). Default 100,000. */
  readonly maxUnclassifiedListed?: number;
}

/** Rows and their total in fen (transaction side; settlement: the other side; summary: 0). */
export interface BucketFigure {
  readonly count: number;
  readonly totalMinor: bigint;
}

export interface RuleFigure {
  readonly ruleId: string;
  readonly name: string;
  readonly categoryId: CategoryId;
  readonly count: number;
  readonly totalMinor: bigint;
}

/** A connected person's row no rule assigns: stored as an open item until a rule or the user does. */
export interface UnclassifiedRow {
  readonly row: number;
  /** Day number; every listed row has a readable date. */
  readonly day: number;
  readonly amountMinor: number;
  readonly entityId: string;
  readonly counterparty: string;
  readonly code: string;
  readonly reference: string;
  readonly description: string;
  /** Every cell of the row as text (rules can be tried on them later). */
  readonly cells: readonly string[];
}

export interface CounterpartyFigure {
  readonly name: string;
  readonly code: string;
  readonly count: number;
  readonly totalMinor: bigint;
  /** A looser match with a connected entity, to confirm or dismiss (never applied by itself). */
  readonly possible?: { readonly entityId: string; readonly reason: PossibleReason };
}

export interface RawSummary {
  readonly headerRow: number;
  readonly mapping: RawMapping;
  readonly guessedMapping: RawMapping;
  readonly side: TransactionSide;
  /** True when the side was inferred from the counterparty column's header. */
  readonly sideInferred: boolean;
  readonly buckets: Readonly<Record<BucketName, BucketFigure>>;
  /** Data rows of the file (non-blank rows under the header) = the sum of the bucket counts. */
  readonly rows: number;
  readonly perRule: readonly RuleFigure[];
  readonly unclassified: readonly UnclassifiedRow[];
  readonly others: readonly CounterpartyFigure[];
  readonly possible: readonly CounterpartyFigure[];
  readonly summaries: readonly SummaryRow[];
  readonly ruleWarnings: readonly RuleIssue[];
  /** Cap basis applied per category that a rule assigns rows to. */
  readonly basis: readonly { readonly categoryId: CategoryId; readonly basis: CapBasis }[];
  /** The date order still has to be chosen: classified rows are not final. */
  readonly pendingDateOrder: boolean;
}

export interface RawLedgerResult extends ImportResult {
  /** Null only when the file is refused (`fatal` set). */
  readonly raw: RawSummary | null;
}

/** Descriptions of closing entries: never transactions. */
const CLOSING_RE = /结转|期末调汇|closing entry|period[- ]end clos|year[- ]end clos|carry[- ]?forward|\bclose out\b/i;

const CUSTOMER_RE = /客户|customer|debtor|receivable|应收/i;
const SUPPLIER_RE = /供应商|vendor|supplier|creditor|payable|应付/i;

/** Currency normal form: RMB / CNY / 人民币 → RMB; HKD / HK$ / 港币 / 港元 → HKD; else the text upper-cased. */
export function normaliseCurrency(text: string): string {
  const t = text.normalize('NFKC').trim().toUpperCase().replace(/\s+/g, '');
  if (t === 'RMB' || t === 'CNY' || t === '人民币' || t === '¥' || t === '元') return 'RMB';
  if (t === 'HKD' || t === 'HK$' || t === '港币' || t === '港元' || t === '港幣') return 'HKD';
  return t;
}

function textOf(v: CellValue): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'number' ? String(v) : v.trim();
}

/** Amount of a cell in fen; NaN with `lastAmountError` ('empty' for an empty cell). */
function amountOf(v: CellValue, unit: AmountUnit): number {
  if (typeof v === 'number') return numberToMinor(v, unit);
  return parseAmountMinor(v ?? '', unit);
}

function findRawHeader(
  fileName: string,
  head: readonly { row: number; cells: string[] }[],
  wanted: number | undefined,
): { row: number; headers: string[] } {
  const trimHeaders = (cells: readonly string[]) => {
    const h = cells.map((c) => c.trim());
    while (h.length > 0 && h[h.length - 1] === '') h.pop();
    return h;
  };
  if (wanted !== undefined) {
    const h = head.find((x) => x.row === wanted);
    if (!h || isBlank(h.cells))
      throw fatal(fileName, 'no-header', 'header-row-blank', { row: wanted, params: { wanted } });
    return { row: wanted, headers: trimHeaders(h.cells) };
  }
  const scored = head
    .filter((h) => !isBlank(h.cells))
    .map((h) => ({ h, score: headerCellCount(h.cells), key: h.cells.map(normaliseHeader).join('|') }));
  const best = Math.max(0, ...scored.map((s) => s.score));
  if (best < 2) {
    throw fatal(fileName, 'no-header', 'no-header-found', { params: { rows: head.length } });
  }
  const top = scored.filter((s) => s.score === best);
  const distinct = top.filter((s, i) => top.findIndex((t) => t.key === s.key) === i);
  if (distinct.length > 1) {
    const a = distinct[0]!.h.row;
    const b = distinct[1]!.h.row;
    throw fatal(fileName, 'ambiguous-header', 'ambiguous-header', {
      row: b,
      params: { first: a, second: b, count: best },
    });
  }
  const chosen = top[0]!.h;
  return { row: chosen.row, headers: trimHeaders(chosen.cells) };
}

interface Cols {
  date: number;
  debit: number;
  credit: number;
  amount: number;
  amountExTax: number;
  originalAmount: number;
  currency: number;
  balance: number;
  counterparty: number;
  counterpartyCode: number;
  voucher: number;
  line: number;
  reference: number;
  description: number;
}

function resolveRawMapping(fileName: string, headerRow: number, headers: readonly string[], mapping: RawMapping): Cols {
  const seen = new Map<RawRole, number>();
  mapping.forEach((role, col) => {
    if (role === 'ignore') return;
    const prev = seen.get(role);
    if (prev !== undefined)
      throw fatal(fileName, 'invalid-mapping', 'raw-role-twice', {
        params: { role, first: columnLetter(prev), second: columnLetter(col) },
      });
    seen.set(role, col);
  });
  for (const role of ['amount', 'debit', 'credit', 'amountExTax', 'originalAmount'] as const) {
    const col = seen.get(role);
    if (col !== undefined && isBalanceHeader(headers[col] ?? '')) {
      throw fatal(fileName, 'balance-as-amount', 'balance-as-amount', {
        row: headerRow,
        column: columnRef(col, headers),
        params: { role },
      });
    }
  }
  const missing = (role: 'date' | 'debit' | 'credit' | 'amount' | 'counterparty') =>
    fatal(fileName, 'missing-column', 'raw-column-missing', { params: { role }, names: headers });
  if (!seen.has('date')) throw missing('date');
  const hasDebit = seen.has('debit');
  const hasCredit = seen.has('credit');
  if (hasDebit !== hasCredit) throw missing(hasDebit ? 'credit' : 'debit');
  if (!hasDebit && !seen.has('amount')) throw missing('amount');
  if (!seen.has('counterparty') && !seen.has('counterpartyCode')) throw missing('counterparty');
  const cols = {} as Cols;
  for (const role of RAW_ROLES) (cols as unknown as Record<string, number>)[role] = seen.get(role) ?? -1;
  return cols;
}

/** Running count and total of a bucket. */
class Tally {
  count = 0;
  total = 0;
  add(amount: number): void {
    this.count++;
    if (!Number.isNaN(amount)) this.total += amount;
  }
  figure(): BucketFigure {
    return { count: this.count, totalMinor: BigInt(this.total) };
  }
}

/**
 * Parses a raw ERP ledger. Never throws for bad input: a file (or a mapping,
 * rule set or cap basis) that cannot be used comes back with `fatal` set and
 * nothing accepted; bad rows land in the unreadable bucket with messages.
 */
export function parseRawLedger(
  bytes: Uint8Array,
  fileName: string,
  options: RawLedgerOptions,
  onProgress?: ProgressCallback,
): RawLedgerResult {
  let info: FileInfo | undefined;
  const parseOpts = {
    unit: options.unit,
    maxRows: options.maxRows,
    categories: options.categories,
    ...(options.dateOrder ? { dateOrder: options.dateOrder } : {}),
    ...(options.maxErrors !== undefined ? { maxErrors: options.maxErrors } : {}),
  };
  try {
    onProgress?.(0, 'decoding');
    const table = openTable(bytes, fileName, {
      ...(options.sheetName !== undefined ? { sheetName: options.sheetName } : {}),
      rowLimit: options.maxRows + HEAD_RECORDS + 2,
      headLimit: HEAD_RECORDS,
      preview: false,
    });
    info = table.info;
    const { row: headerRow, headers } = findRawHeader(fileName, table.head, options.headerRow);
    const guessed = guessRawMapping(headers);
    const mapping = options.mapping ?? guessed;
    const cols = resolveRawMapping(fileName, headerRow, headers, mapping);
    const unit = options.unit;

    // --- side
    let side = options.side;
    let sideInferred = false;
    if (side === undefined) {
      const cpHeader = headers[cols.counterparty >= 0 ? cols.counterparty : cols.counterpartyCode] ?? '';
      if (CUSTOMER_RE.test(cpHeader)) side = 'debit';
      else if (SUPPLIER_RE.test(cpHeader)) side = 'credit';
      else if (cols.debit < 0) side = 'all';
      sideInferred = side !== undefined;
    }
    if (side === undefined || (side === 'all' && cols.debit >= 0)) {
      throw fatal(fileName, 'missing-side', 'missing-side');
    }

    // --- rules, categories and cap basis
    const cats = options.categories;
    const catIndex = new Map(cats.map((c, i) => [c.id, i]));
    const rules = new CompiledRules(options.rules, headers, (id) => {
      const i = catIndex.get(id);
      return i === undefined ? undefined : cats[i]!.groupId;
    });
    const includeTax = options.amountsIncludeTax ?? true;
    // Only rules this file can satisfy decide which agreements' cap bases must be met.
    const ruleCats = [...new Set(rules.usable.map((i) => options.rules[i]!.categoryId))]
      .map((id) => catIndex.get(id))
      .filter((i): i is number => i !== undefined);
    for (const i of ruleCats) {
      const c = cats[i]!;
      if (c.basis.currency === 'original') {
        if (cols.originalAmount < 0 || cols.currency < 0)
          throw fatal(fileName, 'cap-basis-column', 'basis-original-columns', { params: { categoryId: c.id } });
      } else if (c.currency !== options.functionalCurrency) {
        throw fatal(fileName, 'cap-basis-column', 'basis-functional-currency', {
          params: { categoryId: c.id, currency: c.currency, functional: options.functionalCurrency },
        });
      }
      if (c.basis.tax === 'exclusive' && includeTax && cols.amountExTax < 0)
        throw fatal(fileName, 'cap-basis-column', 'basis-tax-exclusive', { params: { categoryId: c.id } });
      if (c.basis.tax === 'inclusive' && !includeTax)
        throw fatal(fileName, 'cap-basis-column', 'basis-tax-inclusive', { params: { categoryId: c.id } });
    }

    const matcher = new PartyMatcher(options.entities);
    const date1904 = (table as { date1904?: boolean }).date1904 ?? false;
    const builder = new LedgerBuilder(
      fileName,
      headers,
      headers.map((_, i) =>
        i === cols.date
          ? 'date'
          : i === (cols.debit >= 0 ? (side === 'credit' ? cols.credit : cols.debit) : cols.amount)
            ? 'amount'
            : 'ignore',
      ) as ColumnMapping,
      parseOpts,
      date1904,
    );
    const maxErrors = options.maxErrors ?? 1000;
    const errors: RowError[] = [];
    let rawErrorCount = 0;
    const addError = (
      code: RowErrorCode,
      row: number,
      col: number,
      value: string,
      detail: RowErrorDetail,
      params?: Record<string, string | number>,
    ) => {
      rawErrorCount++;
      if (errors.length >= maxErrors) return;
      const column: ColumnRef | null = col >= 0 ? columnRef(col, headers) : null;
      errors.push({
        code,
        row,
        column,
        value: value.length > 100 ? `${value.slice(0, 97)}...` : value,
        detail,
        ...(params ? { params } : {}),
      });
    };

    const summary = new Tally();
    const settlement = new Tally();
    const other = new Tally();
    const unreadable = new Tally();
    const unclassified = new Tally();
    let attempted = 0;
    let attemptedTotal = 0;
    const tracker = new SummaryTracker();
    const others = new Map<string, { name: string; code: string; count: number; total: number }>();
    const unclassifiedRows: (UnclassifiedRow & { ordered: boolean; mdy: number })[] = [];
    const maxListed = options.maxUnclassifiedListed ?? 100_000;
    // Rule of each classified row by row number (filled lazily: most ledgers classify a fifth of their rows).
    let ruleOfRow = new Int16Array(1024).fill(-1);
    const setRule = (row: number, rule: number) => {
      if (row >= ruleOfRow.length) {
        let size = ruleOfRow.length * 2;
        while (size <= row) size *= 2;
        const next = new Int16Array(size).fill(-1);
        next.set(ruleOfRow);
        ruleOfRow = next;
      }
      ruleOfRow[row] = rule;
    };
    const headerKey = headers.map(normaliseHeader).join('|');
    const reading: DateReading = { dmy: NO_DAY, mdy: NO_DAY, ordered: false };
    const txnCol = cols.debit >= 0 ? (side === 'credit' ? cols.credit : cols.debit) : cols.amount;
    const otherCol = cols.debit >= 0 ? (side === 'credit' ? cols.debit : cols.credit) : -1;
    const maxRows = options.maxRows;
    let rows = 0;
    let blank = 0;
    onProgress?.(0.05, 'parsing');

    table.forEachAfter(
      headerRow,
      (row, cell, count) => {
        // Blank rows are not data rows.
        let any = false;
        for (let k = 0; k < count && !any; k++) {
          const v = cell(k);
          any = typeof v === 'number' || (v !== null && v !== undefined && v.trim() !== '');
        }
        if (!any) {
          blank++;
          return true;
        }
        rows++;
        if (rows > maxRows)
          throw fatal(fileName, 'too-many-rows', 'too-many-rows', { row, params: { limit: maxRows } });
        const name = cols.counterparty >= 0 ? textOf(cell(cols.counterparty)) : '';
        const code = cols.counterpartyCode >= 0 ? textOf(cell(cols.counterpartyCode)) : '';
        const dateCell = cell(cols.date);

        // --- the transaction-side amount (NaN: unreadable, reported below)
        let txn = 0;
        let oth = 0;
        // The amount column as written (transaction side, or the signed amount): what summary rows add up.
        let written: number;
        let amountProblem: { col: number; text: string; why: string; code: RowErrorCode } | null = null;
        const read = (col: number): number => {
          const v = cell(col);
          const a = amountOf(v, unit);
          if (Number.isNaN(a)) {
            if (lastAmountError === 'empty') return 0;
            amountProblem ??= {
              col,
              text: textOf(v),
              why: lastAmountError,
              code:
                lastAmountError === 'too-many-decimals' || lastAmountError === 'amount-too-large'
                  ? lastAmountError
                  : 'bad-amount',
            };
            return NaN;
          }
          return a;
        };
        if (cols.debit >= 0) {
          txn = read(txnCol);
          oth = read(otherCol);
          written = txn;
        } else {
          const a = read(cols.amount);
          written = a;
          if (side === 'all') txn = a;
          else if (side === 'debit') {
            if (a >= 0) txn = a;
            else oth = -a;
          } else if (a <= 0) txn = -a;
          else oth = a;
        }

        // --- summary rows (checked first: a 合计 row has amounts but is no transaction)
        const dateText = typeof dateCell === 'number' ? '' : textOf(dateCell);
        // Only rows without a counterparty or without a date-like date are looked at: data rows skip the scan.
        const first = dateText.charCodeAt(0);
        if ((!name && !code) || (typeof dateCell !== 'number' && !(first >= 48 && first <= 57))) {
          let label = '';
          let kind = null as ReturnType<typeof summaryKind>;
          for (let k = 0; k < count && !kind; k++) {
            const v = cell(k);
            if (typeof v !== 'string') continue;
            kind = summaryKind(v);
            if (kind) label = v.trim();
          }
          if (!kind) {
            const key: string[] = [];
            for (let k = 0; k < headers.length; k++) key.push(normaliseHeader(textOf(cell(k))));
            if (key.join('|') === headerKey) {
              kind = 'header';
              label = headers.join(' | ');
            }
          }
          if (kind) {
            tracker.summary(row, label, kind, kind === 'header' ? NaN : written);
            summary.add(NaN);
            return true;
          }
        }

        if (amountProblem !== null) {
          const p = amountProblem as { col: number; text: string; why: string; code: RowErrorCode };
          addError(p.code, row, p.col, p.text, 'amount-unreadable-raw', { text: p.text });
          unreadable.add(NaN);
          return true;
        }
        if (txn !== 0 && oth !== 0) {
          addError('debit-and-credit', row, otherCol, textOf(cell(otherCol)), 'debit-and-credit');
          unreadable.add(txn);
          return true;
        }
        tracker.add(written);
        const desc = cols.description >= 0 ? textOf(cell(cols.description)) : '';
        if (txn === 0 || (desc !== '' && CLOSING_RE.test(desc))) {
          settlement.add(txn !== 0 ? txn : oth);
          return true;
        }

        // --- counterparty
        let e = matcher.match(code, name);
        let day: number;
        if (e !== NO_ENTITY && matcher.hasWindow(e)) {
          if (typeof dateCell === 'number' || readDate(dateText, reading)) {
            day =
              typeof dateCell === 'number'
                ? excelSerialToDay(dateCell, date1904)
                : reading.dmy !== NO_DAY
                  ? reading.dmy
                  : reading.mdy;
            if (!matcher.connectedOn(e, day)) e = NO_ENTITY;
          }
        }
        if (e === NO_ENTITY) {
          other.add(txn);
          const key = `${name}\u0000${code}`;
          let o = others.get(key);
          if (!o) {
            if (others.size < 20_000) others.set(key, (o = { name, code, count: 0, total: 0 }));
          }
          if (o) {
            o.count++;
            o.total += txn;
          }
          return true;
        }
        const entity = matcher.entities[e]!;
        const text = (col: number) => textOf(cell(col));
        const rule = rules.evaluate(entity.groupId, text);
        const voucher = cols.voucher >= 0 ? text(cols.voucher) : '';
        const line = cols.line >= 0 ? text(cols.line) : '';
        const reference =
          voucher && line ? `${voucher}/${line}` : voucher || (cols.reference >= 0 ? text(cols.reference) : '');
        if (rule < 0) {
          // Kept as an open item: it needs a readable date.
          if (typeof dateCell === 'number') {
            day = excelSerialToDay(dateCell, date1904);
            reading.ordered = false;
          } else if (!readDate(dateText, reading)) {
            addError(
              dateText ? 'bad-date' : 'missing-value',
              row,
              cols.date,
              dateText,
              dateText ? 'date-unreadable-short' : 'date-empty',
              dateText ? { text: dateText } : undefined,
            );
            unreadable.add(txn);
            return true;
          } else day = reading.dmy !== NO_DAY ? reading.dmy : reading.mdy;
          unclassified.add(txn);
          if (unclassifiedRows.length < maxListed) {
            const cells: string[] = [];
            for (let k = 0; k < Math.max(count, headers.length); k++) cells.push(text(k));
            unclassifiedRows.push({
              row,
              day,
              ordered: typeof dateCell !== 'number' && reading.ordered,
              mdy: reading.mdy,
              amountMinor: txn,
              entityId: entity.id,
              counterparty: name,
              code,
              reference,
              description: desc,
              cells,
            });
          }
          return true;
        }
        const ci = catIndex.get(options.rules[rule]!.categoryId)!;
        const c = cats[ci]!;
        let amount = txn;
        if (c.basis.currency === 'original') {
          const cur = normaliseCurrency(text(cols.currency));
          if (cur !== c.currency) {
            addError('currency-mismatch', row, cols.currency, text(cols.currency), 'currency-mismatch', {
              currency: c.currency,
              rowCurrency: text(cols.currency),
              category: c.id,
            });
            unreadable.add(txn);
            return true;
          }
          const o = read(cols.originalAmount);
          if (Number.isNaN(o)) {
            addError('bad-amount', row, cols.originalAmount, text(cols.originalAmount), 'amount-not-number', {
              text: text(cols.originalAmount),
            });
            unreadable.add(txn);
            return true;
          }
          amount = Math.sign(txn) * Math.abs(o);
        } else if (c.basis.tax === 'exclusive' && includeTax) {
          const x = read(cols.amountExTax);
          if (Number.isNaN(x)) {
            addError('bad-amount', row, cols.amountExTax, text(cols.amountExTax), 'amount-not-number', {
              text: text(cols.amountExTax),
            });
            unreadable.add(txn);
            return true;
          }
          amount = Math.sign(txn) * Math.abs(x);
        }
        if (!builder.addDecidedRow(row, dateCell, amount, ci, reference, desc)) {
          unreadable.add(txn);
          return true;
        }
        attempted++;
        attemptedTotal += amount;
        setRule(row, rule);
        return true;
      },
      (f) => onProgress?.(0.05 + f * 0.85, 'parsing'),
    );
    if (rows === 0) throw fatal(fileName, 'no-data-rows', 'no-data-rows', { params: { headerRow } });
    onProgress?.(0.9, 'totals');
    const out = builder.finish();
    const a = out.accepted;
    const perRule = options.rules.map((r) => ({
      ruleId: r.id,
      name: r.name,
      categoryId: r.categoryId,
      count: 0,
      total: 0,
    }));
    let acceptedTotal = 0;
    for (let i = 0; i < a.length; i++) {
      const amt = a.amountMinor[i]!;
      acceptedTotal += amt;
      const r = ruleOfRow[a.rowNumber[i]!]!;
      if (r >= 0) {
        perRule[r]!.count++;
        perRule[r]!.total += amt;
      }
    }
    const pending = out.ambiguity !== null;
    // Rows the builder refused at the end (date outside the term, or not valid in the chosen date order).
    const refused = pending ? 0 : attempted - a.length;
    const classified: BucketFigure = pending
      ? { count: attempted, totalMinor: BigInt(attemptedTotal) }
      : { count: a.length, totalMinor: BigInt(acceptedTotal) };
    const unreadableFigure: BucketFigure = {
      count: unreadable.count + refused,
      totalMinor: BigInt(unreadable.total + (pending ? 0 : attemptedTotal - acceptedTotal)),
    };
    const order = out.dateOrder;
    const listed: UnclassifiedRow[] = unclassifiedRows.map(({ ordered, mdy, ...u }) =>
      ordered && order === 'mdy' ? { ...u, day: mdy } : u,
    );
    // Other counterparties, largest first; possible connected persons among them.
    const dismissed = new Set((options.dismissed ?? []).map((d) => `${d.name}\u0000${d.entityId}`));
    const otherList = [...others.values()].sort((x, y) => Math.abs(y.total) - Math.abs(x.total) || y.count - x.count);
    const possible: CounterpartyFigure[] = [];
    for (const o of otherList.slice(0, 5000)) {
      // An exact match that is simply not connected on the row's date is no "possible" match.
      if (!o.name || matcher.match(o.code, o.name) !== NO_ENTITY) continue;
      const p = matcher.possible(o.name);
      if (!p) continue;
      const entityId = options.entities[p.entityIndex]!.id;
      if (dismissed.has(`${o.name}\u0000${entityId}`)) continue;
      possible.push({
        name: o.name,
        code: o.code,
        count: o.count,
        totalMinor: BigInt(o.total),
        possible: { entityId, reason: p.reason },
      });
    }
    const allErrors = [...errors, ...out.errors].sort(
      (x, y) => x.row - y.row || (x.column?.index ?? -1) - (y.column?.index ?? -1),
    );
    const notices = [...out.notices];
    if (headerRow > 1)
      notices.unshift({
        code: 'header-row-skipped',
        params: { row: headerRow, skipped: headerRow - 1, titleBlock: 1 },
      });
    if (blank > 0)
      notices.push({
        code: 'blank-rows-skipped',
        params: { count: blank },
      });
    onProgress?.(1, 'totals');
    const buckets: Record<BucketName, BucketFigure> = {
      classified,
      unclassified: unclassified.figure(),
      other: other.figure(),
      settlement: settlement.figure(),
      summary: summary.figure(),
      unreadable: unreadableFigure,
    };
    return {
      ...table.info,
      fatal: null,
      headers,
      headerLayoutKey: headerLayoutKey(headers),
      guessedMapping: [],
      mapping: [],
      dateOrder: out.dateOrder,
      ambiguity: out.ambiguity,
      unit,
      rowCount: rows,
      categoryIds: categoryIdsOf(cats),
      accepted: out.accepted,
      errors: allErrors.slice(0, maxErrors),
      errorCount: rawErrorCount + out.errorCount,
      duplicatesInFile: out.duplicatesInFile,
      duplicateCount: out.duplicateCount,
      notices,
      summaryRows: tracker.rows,
      perCategoryDailyTotals: out.perCategoryDailyTotals,
      raw: {
        headerRow,
        mapping,
        guessedMapping: guessed,
        side,
        sideInferred,
        buckets,
        rows,
        perRule: perRule.map((r) => ({
          ruleId: r.ruleId,
          name: r.name,
          categoryId: r.categoryId,
          count: r.count,
          totalMinor: BigInt(r.total),
        })),
        unclassified: listed,
        others: otherList
          .slice(0, 50)
          .map((o) => ({ name: o.name, code: o.code, count: o.count, totalMinor: BigInt(o.total) })),
        possible,
        summaries: tracker.rows,
        ruleWarnings: rules.warnings,
        basis: ruleCats.map((i) => ({ categoryId: cats[i]!.id, basis: cats[i]!.basis })),
        pendingDateOrder: pending,
      },
    };
  } catch (err) {
    if (err instanceof Fatal) {
      const base = emptyResult(fileName, parseOpts, err.fatal, info);
      return { ...base, raw: null };
    }
    throw err;
  }
}

/** The day of an unclassified row as YYYY-MM-DD. */
export function unclassifiedDate(u: UnclassifiedRow): string {
  return fromDayNumber(u.day);
}
