/**
 * Turns mapped cells into accepted columnar rows and row errors. Dates of the
 * a/b/yyyy form are kept in both readings until every row has been seen, so
 * the day/month order is decided over the whole file, never the first row.
 */
import { toDayNumber } from '../dates';
import { buildDailyTotalsColumnar, type DailyTotals } from '../ledgerTotals';
import type { CategoryId } from '../model';
import { categoryMatcher } from './categories';
import { columnRef, roleIndex } from './columns';
import type {
  AcceptedRows,
  Ambiguity,
  ColumnMapping,
  ColumnRef,
  DateOrder,
  DuplicatePair,
  ImportNotice,
  ParseOptions,
  RowError,
  RowErrorCode,
  RowErrorDetail,
  StringColumn,
} from './types';
import type { CsvReader } from './csv';
import { SummaryTracker, summaryKind, type SummaryPart, type SummaryRow } from './summary';
import { unitsToText } from './wireText';
import {
  excelSerialToDay,
  isoDayAt,
  lastAmountError,
  NO_DAY,
  numberToMinor,
  parseAmountMinor,
  readDate,
  type DateReading,
} from './values';

/** A cell from any source: text (CSV, text cells) or a number (numeric .xlsx cells). */
export type CellValue = string | number | null | undefined;

const UNIT_DECIMALS = { yuan: 2, thousand: 5, million: 8 } as const;

class Growable {
  day1 = new Int32Array(1024);
  day2 = new Int32Array(1024);
  ordered = new Uint8Array(1024);
  category = new Uint8Array(1024);
  amount = new Float64Array(1024);
  row = new Int32Array(1024);
  length = 0;

  push(d1: number, d2: number, ordered: boolean, cat: number, amount: number, row: number): void {
    if (this.length === this.day1.length) this.grow();
    const i = this.length++;
    this.day1[i] = d1;
    this.day2[i] = d2;
    this.ordered[i] = ordered ? 1 : 0;
    this.category[i] = cat;
    this.amount[i] = amount;
    this.row[i] = row;
  }

  /** Room for `extra` more rows. */
  reserve(extra: number): void {
    while (this.length + extra > this.day1.length) this.grow();
  }

  private grow(): void {
    const n = this.day1.length * 2;
    const g = <T extends Int32Array | Uint8Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.day1 = g(this.day1, (k) => new Int32Array(k));
    this.day2 = g(this.day2, (k) => new Int32Array(k));
    this.ordered = g(this.ordered, (k) => new Uint8Array(k));
    this.category = g(this.category, (k) => new Uint8Array(k));
    this.amount = g(this.amount, (k) => new Float64Array(k));
    this.row = g(this.row, (k) => new Int32Array(k));
  }
}

function truncate(s: string): string {
  return s.length > 100 ? `${s.slice(0, 97)}...` : s;
}

/**
 * What a builder read from the second part of a file split in two (split.ts), with
 * row numbers counted from the part's first record: the typed arrays are copies
 * that can be transferred.
 */
export interface PartRows {
  readonly rowCount: number;
  readonly length: number;
  readonly day1: Int32Array;
  readonly day2: Int32Array;
  readonly ordered: Uint8Array;
  readonly category: Uint8Array;
  readonly amount: Float64Array;
  readonly row: Int32Array;
  readonly refs: PackedText;
  readonly descs: PackedText;
  /** Date text of rows whose day depends on the order, by index into the part's rows. */
  readonly orderedText: Map<number, string>;
  readonly errors: RowError[];
  readonly errorCount: number;
  readonly summaries: SummaryPart;
}

/** A packed text column under construction, as plain arrays. */
export interface PackedText {
  readonly units: Uint16Array;
  /** count + 1 offsets into units. */
  readonly offsets: Uint32Array;
}

export interface BuilderOutput {
  readonly accepted: AcceptedRows;
  readonly errors: RowError[];
  readonly errorCount: number;
  readonly duplicatesInFile: DuplicatePair[];
  readonly duplicateCount: number;
  readonly dateOrder: DateOrder | null;
  readonly ambiguity: Ambiguity | null;
  readonly notices: ImportNotice[];
  readonly perCategoryDailyTotals: Map<CategoryId, DailyTotals>;
  readonly summaryRows: SummaryRow[];
}

export class LedgerBuilder {
  private readonly rows = new Growable();
  // Text columns are copied char by char into growing UTF-16 buffers: no
  // string per row (a million small strings cost more in GC than parsing).
  private readonly refs = new TextColumnBuilder();
  private readonly descs = new TextColumnBuilder();
  /** Date text of candidate rows whose date depends on the order (index → text). */
  private readonly orderedText = new Map<number, string>();
  private readonly errors: RowError[] = [];
  private errorCount = 0;
  private outsideTermCount = 0;
  private firstOutsideTermRow = 0;
  private readonly maxErrors: number;
  private readonly matchCategory: (cell: string) => number;
  private readonly defaultCategory: number;
  private readonly cols: { date: number; amount: number; category: number; reference: number; description: number };
  private readonly refs_: { date: ColumnRef; amount: ColumnRef; category: ColumnRef | null };
  private readonly reading: DateReading = { dmy: NO_DAY, mdy: NO_DAY, ordered: false };
  private readonly dateCache = new Map<string, number>();
  private cacheDmy = new Int32Array(4096);
  private cacheMdy = new Int32Array(4096);
  private cacheOrdered = new Uint8Array(4096);
  private cacheSize = 0;
  /** Data rows seen (non-blank). */
  rowCount = 0;
  /** Summary rows met and the running sums they are checked against. */
  readonly summaries = new SummaryTracker();

  constructor(
    /** The file's name (its problems are worded with it by the catalogue, not here). */
    _fileName: string,
    private readonly headers: readonly string[],
    mapping: ColumnMapping,
    private readonly options: ParseOptions,
    private readonly date1904 = false,
  ) {
    this.maxErrors = options.maxErrors ?? 1000;
    this.matchCategory = categoryMatcher(options.categories);
    this.cols = {
      date: roleIndex(mapping, 'date'),
      amount: roleIndex(mapping, 'amount'),
      category: roleIndex(mapping, 'category'),
      reference: roleIndex(mapping, 'reference'),
      description: roleIndex(mapping, 'description'),
    };
    this.defaultCategory = options.defaultCategoryId
      ? options.categories.findIndex((c) => c.id === options.defaultCategoryId)
      : -1;
    this.refs_ = {
      date: columnRef(this.cols.date, headers),
      amount: columnRef(this.cols.amount, headers),
      category: this.cols.category >= 0 ? columnRef(this.cols.category, headers) : null,
    };
  }

  private addError(
    code: RowErrorCode,
    row: number,
    column: ColumnRef | null,
    value: string,
    detail: RowErrorDetail,
    params?: Record<string, string | number>,
  ): void {
    this.errorCount++;
    if (this.errors.length >= this.maxErrors) return;
    this.errors.push({
      code,
      row,
      column,
      value: truncate(value),
      detail,
      ...(params ? { params } : {}),
    });
  }

  /** Date reading of a text cell, cached (a ledger repeats a few hundred dates). Returns a cache slot or -1. */
  private dateSlot(text: string): number {
    const hit = this.dateCache.get(text);
    if (hit !== undefined) return hit;
    const r = this.reading;
    const ok = readDate(text, r);
    if (!ok) {
      if (this.dateCache.size < 50_000) this.dateCache.set(text, -1);
      return -1;
    }
    if (this.cacheSize === this.cacheDmy.length) {
      const grow = <T extends Int32Array | Uint8Array>(a: T, b: T): T => (b.set(a), b);
      this.cacheDmy = grow(this.cacheDmy, new Int32Array(this.cacheSize * 2));
      this.cacheMdy = grow(this.cacheMdy, new Int32Array(this.cacheSize * 2));
      this.cacheOrdered = grow(this.cacheOrdered, new Uint8Array(this.cacheSize * 2));
    }
    const slot = this.cacheSize++;
    this.cacheDmy[slot] = r.dmy;
    this.cacheMdy[slot] = r.mdy;
    this.cacheOrdered[slot] = r.ordered ? 1 : 0;
    if (this.dateCache.size < 50_000) this.dateCache.set(text, slot);
    return slot;
  }

  // Result of the last readDateCell (fields, not an object: called a million times).
  private rd1 = NO_DAY;
  private rd2 = NO_DAY;
  private rordered = false;
  private rtext = '';

  /** Reads a date cell into rd1/rd2/rordered/rtext; false (error recorded) when it is not a date. */
  private readDateCell(row: number, dateCell: CellValue): boolean {
    this.rd1 = this.rd2 = NO_DAY;
    this.rordered = false;
    this.rtext = '';
    if (typeof dateCell === 'number') {
      this.rd1 = this.rd2 = excelSerialToDay(dateCell, this.date1904);
      if (this.rd1 === NO_DAY) {
        this.addError('bad-date', row, this.refs_.date, String(dateCell), 'date-not-valid', {
          text: String(dateCell),
        });
        return false;
      }
      return true;
    }
    const dateText = dateCell ? dateCell.trim() : '';
    this.rtext = dateText;
    if (!dateText) {
      this.addError('missing-value', row, this.refs_.date, '', 'date-empty');
      return false;
    }
    const slot = this.dateSlot(dateText);
    if (slot < 0) {
      this.addError('bad-date', row, this.refs_.date, dateText, 'date-unreadable', { text: truncate(dateText) });
      return false;
    }
    this.rd1 = this.cacheDmy[slot]!;
    this.rd2 = this.cacheMdy[slot]!;
    this.rordered = this.cacheOrdered[slot] === 1;
    return true;
  }

  /**
   * Adds a row whose category index and amount (fen) the caller already
   * decided (raw ERP ledgers: classification rules and debit/credit sides).
   * Returns false when the date cell cannot be read (the error is recorded).
   */
  addDecidedRow(
    row: number,
    dateCell: CellValue,
    amountMinor: number,
    cat: number,
    reference: string,
    description: string,
  ): boolean {
    this.rowCount++;
    if (!this.readDateCell(row, dateCell)) return false;
    const i = this.rows.length;
    this.rows.push(this.rd1, this.rd2, this.rordered, cat, amountMinor, row);
    if (this.rordered) this.orderedText.set(i, this.rtext);
    this.refs.appendString(reference);
    this.descs.appendString(description);
    return true;
  }

  /**
   * Adds one data row. `get(col)` returns the cell of a column. Blank rows
   * (every mapped cell empty) must be filtered out by the caller.
   */
  addRow(
    row: number,
    dateCell: CellValue,
    amountCell: CellValue,
    categoryCell: CellValue,
    reference: string,
    description: string,
  ): void {
    this.rowCount++;
    // A summary row (合计, Total, 期初余额 …) has no date: it is excluded and shown, never an error.
    if (typeof dateCell !== 'number') {
      const first = dateCell ? dateCell.trim().charCodeAt(0) : -1;
      if (!(first >= 48 && first <= 57)) {
        for (const v of [dateCell, categoryCell, reference, description]) {
          if (typeof v !== 'string') continue;
          const kind = summaryKind(v.trim());
          if (kind) {
            const amount =
              typeof amountCell === 'number'
                ? numberToMinor(amountCell, this.options.unit)
                : parseAmountMinor(amountCell ?? '', this.options.unit);
            this.summaries.summary(row, v.trim(), kind, amount);
            return;
          }
        }
      }
    }
    let bad = !this.readDateCell(row, dateCell);
    const d1 = this.rd1;
    const d2 = this.rd2;
    const ordered = this.rordered;
    const dateText = this.rtext;
    // Amount
    let amount: number;
    let amountText: string;
    if (typeof amountCell === 'number') {
      amount = numberToMinor(amountCell, this.options.unit);
      amountText = String(amountCell);
    } else {
      amountText = amountCell ?? '';
      amount = parseAmountMinor(amountText, this.options.unit);
    }
    if (Number.isNaN(amount)) {
      bad = true;
      const unit = this.options.unit;
      const shown = truncate(amountText.trim());
      switch (lastAmountError) {
        case 'empty':
          this.addError('missing-value', row, this.refs_.amount, '', 'amount-empty');
          break;
        case 'too-many-decimals':
          this.addError('too-many-decimals', row, this.refs_.amount, shown, 'amount-decimals', {
            maxDecimals: UNIT_DECIMALS[unit],
            unit,
            text: shown,
          });
          break;
        case 'amount-too-large':
          this.addError('amount-too-large', row, this.refs_.amount, shown, 'amount-too-large', { text: shown });
          break;
        default:
          this.addError('bad-amount', row, this.refs_.amount, shown, 'amount-unreadable', { text: shown });
      }
    }
    // Category
    let cat = this.defaultCategory;
    if (this.cols.category >= 0) {
      const text = categoryCell == null ? '' : String(categoryCell).trim();
      if (!text) {
        if (cat < 0) {
          bad = true;
          this.addError('missing-value', row, this.refs_.category, '', 'category-empty');
        }
      } else {
        cat = this.matchCategory(text);
        if (cat < 0) {
          bad = true;
          const known = this.options.categories.map((c) => c.id).join(', ');
          this.addError('unknown-category', row, this.refs_.category, text, 'category-unknown', {
            known,
            text: truncate(text),
          });
        }
      }
    }
    if (bad) return;
    const i = this.rows.length;
    this.summaries.add(amount);
    this.rows.push(d1, d2, ordered, cat, amount, row);
    if (ordered) this.orderedText.set(i, dateText);
    this.refs.appendString(reference);
    this.descs.appendString(description);
  }

  /** Raw category texts already matched (CSV fast path compares ranges against them). */
  private readonly catSeenText: string[] = [];
  private readonly catSeenIndex: number[] = [];

  private categoryInRange(s: string, from: number, to: number): number {
    const len = to - from;
    const seen = this.catSeenText;
    for (let k = 0; k < seen.length; k++) {
      const t = seen[k]!;
      if (t.length !== len) continue;
      let same = true;
      for (let q = 0; q < len; q++) {
        if (t.charCodeAt(q) !== s.charCodeAt(from + q)) {
          same = false;
          break;
        }
      }
      if (same) return this.catSeenIndex[k]!;
    }
    if (seen.length >= 64) return -1;
    const text = s.slice(from, to);
    const idx = this.matchCategory(text);
    if (idx >= 0) {
      seen.push(text);
      this.catSeenIndex.push(idx);
    }
    return idx;
  }

  private addCsvGeneric(row: number, r: CsvReader): void {
    const c = this.cols;
    this.addRow(
      row,
      r.field(c.date),
      r.field(c.amount),
      c.category >= 0 ? r.field(c.category) : '',
      c.reference >= 0 ? r.field(c.reference).trim() : '',
      c.description >= 0 ? r.field(c.description).trim() : '',
    );
  }

  /**
   * Adds the current record of a CSV reader. The common case (plain ISO date,
   * valid amount, known category) is read straight from the text without
   * slicing; anything else goes through `addRow`, which owns the messages.
   */
  addCsvRow(row: number, r: CsvReader): void {
    const c = this.cols;
    const n = r.count;
    const s = r.text;
    const st = r.starts;
    const en = r.ends;
    if (c.date >= n || c.amount >= n || r.escaped[c.date] || r.escaped[c.amount]) return this.addCsvGeneric(row, r);
    const day = isoDayAt(s, st[c.date]!, en[c.date]!);
    if (day === NO_DAY) return this.addCsvGeneric(row, r);
    const amount = parseAmountMinor(s, this.options.unit, st[c.amount]!, en[c.amount]!);
    if (Number.isNaN(amount)) return this.addCsvGeneric(row, r);
    let cat = this.defaultCategory;
    if (c.category >= 0) {
      if (c.category >= n || r.escaped[c.category]) return this.addCsvGeneric(row, r);
      let a = st[c.category]!;
      let b = en[c.category]!;
      while (a < b && s.charCodeAt(a) <= 32) a++;
      while (b > a && s.charCodeAt(b - 1) <= 32) b--;
      if (a === b) return this.addCsvGeneric(row, r);
      cat = this.categoryInRange(s, a, b);
      if (cat < 0) return this.addCsvGeneric(row, r);
    }
    this.rowCount++;
    this.summaries.add(amount);
    this.rows.push(day, day, false, cat, amount, row);
    appendField(this.refs, r, c.reference);
    appendField(this.descs, r, c.description);
  }

  /** What this builder read, for the builder of the file's first part (`appendPart`). */
  partRows(): PartRows {
    const r = this.rows;
    const n = r.length;
    return {
      rowCount: this.rowCount,
      length: n,
      day1: r.day1.slice(0, n),
      day2: r.day2.slice(0, n),
      ordered: r.ordered.slice(0, n),
      category: r.category.slice(0, n),
      amount: r.amount.slice(0, n),
      row: r.row.slice(0, n),
      refs: this.refs.packed(),
      descs: this.descs.packed(),
      orderedText: this.orderedText,
      errors: this.errors,
      errorCount: this.errorCount,
      summaries: this.summaries.part(),
    };
  }

  /**
   * Adds the rows another builder read from the rest of the file (`partRows`), as if
   * this builder had read them itself: row numbers after `recordOffset` records, errors
   * kept up to the same limit in the same order, summary rows checked against the sums
   * over the whole file. Returns false (nothing changed) when those sums could differ
   * from one running sum in the last place (amounts near 2^53 fen).
   */
  appendPart(part: PartRows, recordOffset: number): boolean {
    const r = this.rows;
    const n = r.length;
    let abs = 0;
    for (let i = 0; i < n; i++) abs += Math.abs(r.amount[i]!);
    for (let i = 0; i < part.length; i++) abs += Math.abs(part.amount[i]!);
    if (abs >= 2 ** 53) return false;
    r.reserve(part.length);
    r.day1.set(part.day1, n);
    r.day2.set(part.day2, n);
    r.ordered.set(part.ordered, n);
    r.category.set(part.category, n);
    r.amount.set(part.amount, n);
    const row = r.row;
    for (let i = 0; i < part.length; i++) row[n + i] = part.row[i]! + recordOffset;
    r.length = n + part.length;
    for (const [i, text] of part.orderedText) this.orderedText.set(n + i, text);
    this.refs.appendPacked(part.refs);
    this.descs.appendPacked(part.descs);
    for (const e of part.errors) {
      if (this.errors.length >= this.maxErrors) break;
      this.errors.push({ ...e, row: e.row + recordOffset });
    }
    this.errorCount += part.errorCount;
    this.rowCount += part.rowCount;
    this.summaries.appendPart(part.summaries, recordOffset);
    return true;
  }

  /**
   * Chooses the date order (or reports the ambiguity), checks terms, finds duplicates, builds totals.
   * With `sink`, the text columns' code units go there and their `text` is left '' (see TextSink).
   */
  finish(sink?: TextSink): BuilderOutput {
    const r = this.rows;
    const n = r.length;
    const notices: ImportNotice[] = [];
    // --- date order over ALL rows
    let onlyDmy = -1;
    let onlyMdy = -1;
    let firstBoth = -1;
    let orderedCount = 0;
    for (let i = 0; i < n; i++) {
      if (!r.ordered[i]) continue;
      orderedCount++;
      const a = r.day1[i] !== NO_DAY;
      const b = r.day2[i] !== NO_DAY;
      if (a && !b && onlyDmy < 0) onlyDmy = i;
      else if (b && !a && onlyMdy < 0) onlyMdy = i;
      else if (a && b && firstBoth < 0) firstBoth = i;
    }
    let order: DateOrder | null = this.options.dateOrder ?? null;
    let ambiguity: Ambiguity | null = null;
    if (orderedCount === 0) {
      order = this.options.dateOrder ?? null;
    } else if (!order) {
      const sample = (i: number) => ({ row: r.row[i]!, text: this.orderedText.get(i) ?? '' });
      if (onlyDmy >= 0 && onlyMdy < 0) {
        order = 'dmy';
        notices.push({
          code: 'date-order-inferred',
          params: { order: 'dmy', row: r.row[onlyDmy]!, text: this.orderedText.get(onlyDmy) ?? '' },
        });
      } else if (onlyMdy >= 0 && onlyDmy < 0) {
        order = 'mdy';
        notices.push({
          code: 'date-order-inferred',
          params: { order: 'mdy', row: r.row[onlyMdy]!, text: this.orderedText.get(onlyMdy) ?? '' },
        });
      } else if (onlyDmy >= 0 && onlyMdy >= 0) {
        ambiguity = {
          kind: 'date-order',
          conflict: true,
          candidates: ['dmy', 'mdy'],
          samples: [sample(onlyDmy), sample(onlyMdy)],
        };
      } else {
        const samples: { row: number; text: string }[] = [];
        for (let i = 0; i < n && samples.length < 5; i++) if (r.ordered[i]) samples.push(sample(i));
        ambiguity = {
          kind: 'date-order',
          conflict: false,
          candidates: ['dmy', 'mdy'],
          samples,
        };
      }
    }
    // --- resolve days, check terms, compact
    const keep = new Uint8Array(n);
    const finalDay = new Int32Array(n);
    const cats = this.options.categories;
    const termStart = cats.map((c) => toDayNumber(c.term.start));
    const termEnd = cats.map((c) => toDayNumber(c.term.end));
    let kept = 0;
    if (!ambiguity) {
      for (let i = 0; i < n; i++) {
        let day = r.day1[i]!;
        if (r.ordered[i]) {
          day = order === 'dmy' ? r.day1[i]! : order === 'mdy' ? r.day2[i]! : NO_DAY;
          if (day === NO_DAY) {
            const text = this.orderedText.get(i) ?? '';
            this.addError('bad-date', r.row[i]!, this.refs_.date, text, 'date-not-in-order', {
              order: order ?? '',
              text,
            });
            continue;
          }
        }
        // A date outside the term is not bad input: the row had no cap in force and
        // is kept, stored and reported as uncapped (never refused).
        if (day < termStart[r.category[i]!]! || day > termEnd[r.category[i]!]!) {
          if (this.outsideTermCount++ === 0) this.firstOutsideTermRow = r.row[i]!;
        }
        finalDay[i] = day;
        keep[i] = 1;
        kept++;
      }
    }
    // Every row kept (the usual case): the columns are copied whole rather than row by row.
    const all = kept === n;
    const day = all ? finalDay : new Int32Array(kept);
    const category = all ? r.category.slice(0, n) : new Uint8Array(kept);
    const amountMinor = all ? r.amount.slice(0, n) : new Float64Array(kept);
    const rowNumber = all ? r.row.slice(0, n) : new Int32Array(kept);
    for (let i = 0, j = 0; i < n && !all; i++) {
      if (!keep[i]) continue;
      day[j] = finalDay[i]!;
      category[j] = r.category[i]!;
      amountMinor[j] = r.amount[i]!;
      rowNumber[j] = r.row[i]!;
      j++;
    }
    if (kept < n) {
      this.refs.compact(keep);
      this.descs.compact(keep);
    }
    const dup = findDuplicates(day, category, amountMinor, this.refs, this.descs);
    const reference = sink ? this.refs.buildUnits(sink, 'reference') : this.refs.build();
    const description = sink ? this.descs.buildUnits(sink, 'description') : this.descs.build();
    const maxDup = this.options.maxDuplicatesListed ?? 1000;
    const duplicatesInFile: DuplicatePair[] = [];
    let duplicateCount = 0;
    for (let i = 0; i < kept; i++) {
      const f = dup[i]!;
      if (f < 0) continue;
      duplicateCount++;
      if (duplicatesInFile.length < maxDup) duplicatesInFile.push({ row: rowNumber[i]!, firstRow: rowNumber[f]! });
    }
    if (this.outsideTermCount > 0) {
      notices.push({
        code: 'outside-term',
        params: { count: this.outsideTermCount, row: this.firstOutsideTermRow },
      });
    }
    const totalsList = buildDailyTotalsColumnar(day, amountMinor, category, cats.length);
    const perCategoryDailyTotals = new Map<CategoryId, DailyTotals>(cats.map((c, i) => [c.id, totalsList[i]!]));
    this.errors.sort((a, b) => a.row - b.row || (a.column?.index ?? -1) - (b.column?.index ?? -1));
    return {
      accepted: { length: kept, day, category, amountMinor, reference, description, rowNumber, duplicateOf: dup },
      errors: this.errors,
      errorCount: this.errorCount,
      duplicatesInFile,
      duplicateCount,
      dateOrder: ambiguity ? null : orderedCount > 0 ? order : (this.options.dateOrder ?? null),
      ambiguity,
      notices,
      perCategoryDailyTotals,
      summaryRows: this.summaries.rows,
    };
  }

  /** The mapped column indexes (for the drivers). */
  get columns(): { date: number; amount: number; category: number; reference: number; description: number } {
    return this.cols;
  }

  get headerList(): readonly string[] {
    return this.headers;
  }
}

function isTrimSpace(c: number): boolean {
  return c <= 32 || c === 0xa0 || c === 0x3000 || c === 0xfeff;
}

/**
 * A packed text column under construction: UTF-16 code units in a growing
 * Uint16Array plus end offsets, turned into one string at the end.
 */
export class TextColumnBuilder {
  buf = new Uint16Array(1 << 14);
  length = 0;
  /** offsets[i] = start of value i; offsets[count] = end of the last value. */
  offsets = new Uint32Array(1025);
  count = 0;

  private ensure(extra: number): void {
    if (this.length + extra > this.buf.length) {
      let size = this.buf.length * 2;
      while (size < this.length + extra) size *= 2;
      const b = new Uint16Array(size);
      b.set(this.buf.subarray(0, this.length));
      this.buf = b;
    }
    if (this.count + 2 > this.offsets.length) {
      const o = new Uint32Array(this.offsets.length * 2);
      o.set(this.offsets);
      this.offsets = o;
    }
  }

  /** Appends s[a, b) trimmed of surrounding white space. */
  appendRange(s: string, a: number, b: number): void {
    while (a < b && isTrimSpace(s.charCodeAt(a))) a++;
    while (b > a && isTrimSpace(s.charCodeAt(b - 1))) b--;
    this.ensure(b - a);
    const buf = this.buf;
    let p = this.length;
    for (let k = a; k < b; k++) buf[p++] = s.charCodeAt(k);
    this.length = p;
    this.offsets[++this.count] = p;
  }

  /**
   * Appends a string, trimmed; an Excel text formula ="00123" (how exports
   * keep leading zeros of invoice numbers) is stored as its text 00123.
   */
  appendString(v: string): void {
    const t = v.trim();
    if (
      t.length >= 3 &&
      t.charCodeAt(0) === 61 &&
      t.charCodeAt(1) === 34 &&
      t.charCodeAt(t.length - 1) === 34 &&
      t.indexOf('"', 2) === t.length - 1
    ) {
      this.appendRange(t, 2, t.length - 1);
    } else {
      this.appendRange(t, 0, t.length);
    }
  }

  /** The column so far as plain arrays (copies). */
  packed(): PackedText {
    return { units: this.buf.slice(0, this.length), offsets: this.offsets.slice(0, this.count + 1) };
  }

  /** Appends the values of a packed column after these. */
  appendPacked(p: PackedText): void {
    const count = p.offsets.length - 1;
    const base = this.length;
    this.ensure(p.units.length);
    while (this.count + count + 1 > this.offsets.length) {
      const o = new Uint32Array(this.offsets.length * 2);
      o.set(this.offsets);
      this.offsets = o;
    }
    this.buf.set(p.units, base);
    const o = this.offsets;
    for (let i = 1; i <= count; i++) o[this.count + i] = base + p.offsets[i]!;
    this.count += count;
    this.length = base + p.units.length;
  }

  /** Keeps only values i with keep[i] set, in order. */
  compact(keep: Uint8Array): void {
    const o = this.offsets;
    const buf = this.buf;
    let p = 0;
    let j = 0;
    for (let i = 0; i < this.count; i++) {
      if (!keep[i]) continue;
      const a = o[i]!;
      const b = o[i + 1]!;
      if (p !== a) buf.copyWithin(p, a, b);
      o[j] = p;
      p += b - a;
      j++;
    }
    o[j] = p;
    this.count = j;
    this.length = p;
  }

  /** The finished column (one string; offsets has count + 1 entries). */
  build(): StringColumn {
    const offsets = this.offsets.slice(0, this.count + 1);
    return { text: columnText(this.buf.subarray(0, this.length)), offsets };
  }

  /** The finished column with `text` '' and its code units put in `sink[key]` (a copy). */
  buildUnits(sink: TextSink, key: 'reference' | 'description'): StringColumn {
    sink[key] = this.buf.slice(0, this.length);
    return { text: '', offsets: this.offsets.slice(0, this.count + 1) };
  }
}

/**
 * Where a parse in the import worker leaves its text columns as UTF-16 code units
 * (their `text` is then ''): the worker sends big columns as the units themselves
 * (wireText.ts) rather than building each string only to take it apart again.
 */
export interface TextSink {
  reference?: Uint16Array;
  description?: Uint16Array;
  /**
   * True when the units are known to be well-formed UTF-16 (a CSV file's: slices of
   * text a strict decoder produced, cut only at ASCII characters and white space).
   */
  wellFormed?: boolean;
}

/** The string of a column's code units, exactly (a lone surrogate or a leading U+FEFF kept), as a finished column's `text`. */
export function columnText(units: Uint16Array): string {
  return unitsToText(units);
}

function appendField(col: TextColumnBuilder, r: CsvReader, k: number): void {
  if (k < 0 || k >= r.count) col.appendRange('', 0, 0);
  else if (r.escaped[k]) col.appendString(r.escapedValues[k]!);
  else col.appendRange(r.text, r.starts[k]!, r.ends[k]!);
}

function hashUnits(h: number, u: Uint16Array, from: number, to: number): number {
  for (let k = from; k < to; k++) h = Math.imul(h ^ u[k]!, 0x01000193);
  return h;
}

function sameUnits(u: Uint16Array, a0: number, a1: number, b0: number, b1: number): boolean {
  if (a1 - a0 !== b1 - b0) return false;
  for (let k = 0; k < a1 - a0; k++) if (u[a0 + k] !== u[b0 + k]) return false;
  return true;
}

/**
 * For each row, -1 or the index of the first earlier row with the same day,
 * category, amount, reference and description. Each row's key is hashed in one
 * pass front to back (only the text lengths and last 8 characters: invoice
 * numbers differ at the end); the rows are then grouped by the hash's top bits,
 * in row order, and each group goes through an open-addressing table small
 * enough to stay in cache (one table over a million rows missed the cache on
 * nearly every row). Rows with equal hashes are confirmed field by field; equal
 * keys have equal hashes, so fall in one group, where the first of them is met
 * first.
 */
export function findDuplicates(
  day: Int32Array,
  category: Uint8Array,
  amount: Float64Array,
  reference: TextColumnBuilder,
  description: TextColumnBuilder,
): Int32Array {
  const n = day.length;
  const out = new Int32Array(n).fill(-1);
  if (n < 2) return out;
  const ro = reference.offsets;
  const dO = description.offsets;
  const rt = reference.buf;
  const dt = description.buf;
  const hashes = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let h = Math.imul(0x811c9dc5 ^ day[i]!, 0x01000193);
    h = Math.imul(h ^ category[i]!, 0x01000193);
    const a = amount[i]!;
    h = Math.imul(h ^ (a % 0x7fffffff), 0x01000193);
    h = Math.imul(h ^ Math.floor(a / 0x7fffffff), 0x01000193);
    const r0 = ro[i]!;
    const r1 = ro[i + 1]!;
    h = hashUnits(Math.imul(h ^ (r1 - r0), 0x01000193), rt, Math.max(r0, r1 - 8), r1);
    const d0 = dO[i]!;
    const d1 = dO[i + 1]!;
    h = hashUnits(Math.imul(h ^ (d1 - d0), 0x01000193), dt, Math.max(d0, d1 - 8), d1);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
    hashes[i] = h;
  }
  // Groups of about 2,048 rows (a 4,096-slot table, 32 KB): 2^bits groups by the top bits.
  let bits = 0;
  while (bits < 12 && n >> bits > 2048) bits++;
  const groups = 1 << bits;
  const shift = 32 - bits;
  const groupOf = (h: number) => (bits === 0 ? 0 : h >>> shift);
  const start = new Int32Array(groups + 1);
  for (let i = 0; i < n; i++) start[groupOf(hashes[i]!) + 1]!++;
  for (let g = 0; g < groups; g++) start[g + 1]! += start[g]!;
  // Row indexes in group order, each with its hash beside it (read in order, not looked up).
  const order = new Int32Array(n);
  const orderHash = new Int32Array(n);
  const fill = start.slice(0, groups);
  for (let i = 0; i < n; i++) {
    const h = hashes[i]!;
    const k = fill[groupOf(h)]!++;
    order[k] = i;
    orderHash[k] = h;
  }
  let largest = 0;
  for (let g = 0; g < groups; g++) largest = Math.max(largest, start[g + 1]! - start[g]!);
  let size = 1;
  while (size < largest * 2) size <<= 1;
  // Slot k holds a row index at 2k and that row's hash at 2k + 1, in one cache line, so a
  // collision with another key is passed over without reading the other row's fields.
  const table = new Int32Array(size * 2);
  for (let g = 0; g < groups; g++) {
    const from = start[g]!;
    const to = start[g + 1]!;
    if (to - from < 2) continue;
    let slots = 1;
    while (slots < (to - from) * 2) slots <<= 1;
    const mask = slots - 1;
    table.fill(-1, 0, slots * 2);
    for (let k = from; k < to; k++) {
      const i = order[k]!;
      const h = orderHash[k]!;
      let slot = (h >>> 0) & mask;
      for (;;) {
        const j = table[slot * 2]!;
        if (j < 0) {
          table[slot * 2] = i;
          table[slot * 2 + 1] = h;
          break;
        }
        if (
          table[slot * 2 + 1] === h &&
          day[j] === day[i] &&
          category[j] === category[i] &&
          amount[j] === amount[i] &&
          sameUnits(rt, ro[j]!, ro[j + 1]!, ro[i]!, ro[i + 1]!) &&
          sameUnits(dt, dO[j]!, dO[j + 1]!, dO[i]!, dO[i + 1]!)
        ) {
          out[i] = j;
          break;
        }
        slot = (slot + 1) & mask;
      }
    }
  }
  return out;
}
