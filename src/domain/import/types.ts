/**
 * Public types of the ledger import library (CSV / .xlsx → columnar rows).
 *
 * Everything here is structured-cloneable so it can cross a Web Worker
 * boundary; the big columns are typed arrays (transferred, not copied) and the
 * text columns are packed into one string each, so the main thread never sees
 * a million objects.
 *
 * Row numbers are the ones the user sees in the file: the header is row 1 and
 * the first data row is row 2 (for .xlsx, the spreadsheet row number; for CSV
 * the record number, so a quoted field spanning two lines still counts once).
 */
import type { DateRange } from '../dates';
import type { DailyTotals } from '../ledgerTotals';
import type { CategoryId } from '../model';
import type { SummaryRow } from './summary';

/** What a column of the file holds. `ignore`d columns are skipped. */
export type ColumnRole = 'date' | 'category' | 'amount' | 'reference' | 'description' | 'ignore';

/**
 * Role of every column, by column index (0 = first column / column A).
 * Each role other than `ignore` appears at most once. A mapping shorter than
 * the header treats the remaining columns as `ignore`.
 */
export type ColumnMapping = readonly ColumnRole[];

/** Unit the amounts of the file are written in. Amounts are stored in fen. */
export type AmountUnit = 'yuan' | 'thousand' | 'million';

/** Field order of slash/dot dates such as 04/05/2026 (ISO and 2026年4月5日 never need it). */
export type DateOrder = 'ymd' | 'dmy' | 'mdy';

/** One category the file may reference, with the words that name it. */
export interface ImportCategory {
  readonly id: CategoryId;
  /** Inclusive term: a row dated outside it is rejected. */
  readonly term: DateRange;
  /**
   * Other names matched case- and width-insensitively, ignoring spaces and
   * punctuation (e.g. 'Cloud services', '云服务'). The id always matches.
   */
  readonly aliases: readonly string[];
}

export interface ParseOptions {
  /** Column roles; when absent the guessed mapping is used. */
  readonly mapping?: ColumnMapping;
  readonly unit: AmountUnit;
  /**
   * Order of slash dates. When absent it is inferred over ALL rows: a row such
   * as 23/04/2026 decides it; if every row fits both orders the result carries
   * an `ambiguity` and no accepted rows, and the caller asks the user.
   */
  readonly dateOrder?: DateOrder;
  /** More data rows than this → fatal `too-many-rows`, found before parsing the rest. */
  readonly maxRows: number;
  /** Allowed categories; `accepted.category` indexes this list (max 255). */
  readonly categories: readonly ImportCategory[];
  /** Category for every row when no column is mapped to `category` (single-category ledgers). */
  readonly defaultCategoryId?: CategoryId;
  /** .xlsx: sheet to read; default the first sheet with data. */
  readonly sheetName?: string;
  /** At most this many row errors are listed (all are counted). Default 1000. */
  readonly maxErrors?: number;
  /** At most this many duplicate pairs are listed (all are counted). Default 1000. */
  readonly maxDuplicatesListed?: number;
}

/** A column as the user sees it: header text, letter (A, B, … AA) and 0-based index. */
export interface ColumnRef {
  readonly index: number;
  readonly letter: string;
  readonly header: string;
}

/** Problems that make the whole file unusable (nothing is accepted). */
export type FatalCode =
  | 'empty-file'
  | 'file-too-large'
  | 'binary-file'
  | 'html-file'
  | 'bad-encoding'
  | 'unsupported-format'
  | 'encrypted-xlsx'
  | 'zip-bomb'
  | 'not-xlsx'
  | 'corrupt-xlsx'
  | 'corrupt-xls'
  | 'ambiguous-header'
  | 'balance-as-amount'
  | 'missing-side'
  | 'cap-basis-column'
  | 'invalid-rules'
  | 'formulas-without-values'
  | 'sheet-not-found'
  | 'no-header'
  | 'no-data-rows'
  | 'duplicate-header'
  | 'invalid-mapping'
  | 'missing-column'
  | 'too-many-rows'
  | 'unbalanced-quote';

/** Problems with one row (that row is not accepted; the rest are). */
export type RowErrorCode =
  | 'missing-value'
  | 'bad-date'
  | 'ambiguous-date'
  | 'date-outside-term'
  | 'bad-amount'
  | 'too-many-decimals'
  | 'amount-too-large'
  | 'unknown-category'
  | 'debit-and-credit'
  | 'currency-mismatch';

export interface FatalError {
  readonly code: FatalCode;
  /**
   * What exactly is wrong, finer than its code: src/ui/messages/importFatal.ts words it
   * in English and Chinese, naming the file and, where it applies, the row and column.
   */
  readonly detail: FatalDetail;
  readonly fileName: string;
  readonly row?: number;
  readonly column?: ColumnRef;
  /** The values its wording names (limit, sheet, role, categoryId, entry sizes, …). */
  readonly params?: Readonly<Record<string, string | number>>;
  /** The names it lists: the workbook's sheets, the file's column headers, a ZIP's first entries. */
  readonly names?: readonly string[];
}

/** The wording of a whole-file refusal, finer than its code (the values it names are in `params`). */
export type FatalDetail =
  /** empty-file */
  | 'file-empty'
  | 'no-rows-with-content'
  | 'workbook-no-sheets'
  /** file-too-large: mb, limitMb */
  | 'file-too-large'
  /** binary-file: what (a BinaryKind) */
  | 'binary-file'
  | 'html-file'
  /** bad-encoding: not UTF-8 nor GB18030 (no BOM); or not the encoding its BOM names (encoding) */
  | 'encoding-utf8-or-gb18030'
  | 'encoding-invalid'
  | 'encrypted-xlsx'
  /** zip-bomb: entry, declared, compressed / entry, compressed, uncompressed, ratio / mb, limitMb */
  | 'zip-forged-size'
  | 'zip-ratio'
  | 'zip-total'
  /** not-xlsx: zipKind (docx, pptx, odf, zip), names (first 5 entries), more (1 when there are others) */
  | 'zip-not-workbook'
  /** corrupt-xlsx */
  | 'zip-no-directory'
  | 'workbook-unreadable'
  /** corrupt-xls: kind (xls-biff, xls-html, xls-xml), reason (the reader's own words) */
  | 'xls-unreadable'
  /** unbalanced-quote */
  | 'quote-never-closed'
  | 'quote-runs-over'
  /** formulas-without-values: formula */
  | 'formula-without-value'
  /** sheet-not-found: sheet, names (the sheets there are) */
  | 'sheet-not-found'
  /** no-data-rows: headerRow */
  | 'no-data-rows'
  /** duplicate-header: header, first and second (column letters), role */
  | 'duplicate-header'
  /** invalid-mapping: role (a ColumnRole, or a RawRole for raw-role-twice), first and second (column letters) */
  | 'role-twice'
  | 'raw-role-twice'
  | 'default-category-unknown'
  /** missing-column: role, names (the headers) */
  | 'column-missing'
  | 'raw-column-missing'
  /** too-many-rows: limit */
  | 'too-many-rows'
  /** no-header: wanted / rows */
  | 'header-row-blank'
  | 'no-header-found'
  /** ambiguous-header: first, second, count */
  | 'ambiguous-header'
  /** balance-as-amount: role */
  | 'balance-as-amount'
  | 'missing-side'
  /** cap-basis-column: categoryId (and currency, functional) */
  | 'basis-original-columns'
  | 'basis-functional-currency'
  | 'basis-tax-exclusive'
  | 'basis-tax-inclusive';

/** What a binary file that is not a spreadsheet appears to be (`binary-file`'s `what`). */
export type BinaryKind = 'pdf' | 'png' | 'jpeg' | 'gif' | 'gzip' | 'rar' | '7z' | 'elf' | 'exe' | 'binary';

export interface RowError {
  readonly code: RowErrorCode;
  /** 1-based row as seen in the file (header = row 1). */
  readonly row: number;
  readonly column: ColumnRef | null;
  /** The offending cell text (truncated to 100 characters). */
  readonly value: string;
  /** What exactly is wrong (src/ui/messages/importIssues.ts words it, naming the file, row and column). */
  readonly detail: RowErrorDetail;
  /** The values its wording names (text, known, maxDecimals, unit, order, currency, …). */
  readonly params?: Readonly<Record<string, string | number>>;
}

/** The wording of a row problem, finer than its code. */
export type RowErrorDetail =
  | 'date-not-valid'
  | 'date-empty'
  | 'date-unreadable'
  | 'date-unreadable-short'
  | 'date-not-in-order'
  | 'amount-empty'
  | 'amount-decimals'
  | 'amount-too-large'
  | 'amount-unreadable'
  | 'amount-unreadable-raw'
  | 'amount-not-number'
  | 'category-empty'
  | 'category-unknown'
  | 'debit-and-credit'
  | 'currency-mismatch';

/** Something the user should know that is not an error (e.g. which date order was chosen and why). */
export interface ImportNotice {
  readonly code:
    | 'date-order-inferred'
    | 'header-row-skipped'
    | 'no-header-row'
    | 'blank-rows-skipped'
    /** Rows dated outside their category's term: kept, and reported as transactions with no cap. */
    | 'outside-term';
  /**
   * The values its wording names (src/ui/messages/importIssues.ts): order, row and text;
   * row and skipped (titleBlock: 1 for a raw ledger's title block); count.
   */
  readonly params?: Readonly<Record<string, string | number>>;
}

/** A decision only the user can make; the result then has no accepted rows. */
export interface DateOrderAmbiguity {
  readonly kind: 'date-order';
  /** `conflict` is true when some rows only fit one order and others only the other. */
  readonly conflict: boolean;
  readonly candidates: readonly DateOrder[];
  /** Up to 5 rows showing the ambiguity (row number and the date text). */
  readonly samples: readonly { readonly row: number; readonly text: string }[];
}
export type Ambiguity = DateOrderAmbiguity;

/**
 * A packed text column: value i is `text.slice(offsets[i], offsets[i + 1])`
 * (offsets has length + 1 entries). One string clones in a single copy.
 */
export interface StringColumn {
  readonly text: string;
  readonly offsets: Uint32Array;
}

/** Accepted rows, column by column; index i across all arrays is one row. */
export interface AcceptedRows {
  readonly length: number;
  /** Day numbers (days since 1970-01-01, see dates.ts toDayNumber). */
  readonly day: Int32Array;
  /** Index into `ImportResult.categoryIds`. */
  readonly category: Uint8Array;
  /** Signed amount in fen; every value is an integer and a safe integer (|x| < 2^53). */
  readonly amountMinor: Float64Array;
  readonly reference: StringColumn;
  readonly description: StringColumn;
  /** Row number in the file (header = 1) of each accepted row. */
  readonly rowNumber: Int32Array;
  /**
   * -1, or the index (into these arrays) of the first earlier accepted row with
   * the same date, category, amount, reference and description.
   */
  readonly duplicateOf: Int32Array;
}

export interface DuplicatePair {
  /** Row number of the later row. */
  readonly row: number;
  /** Row number of the first row it repeats. */
  readonly firstRow: number;
}

export type FileFormat = 'csv' | 'xlsx';
/**
 * Which kind of workbook a `format: 'xlsx'` file was: .xlsx, or one of the
 * three things ERPs save as .xls — real BIFF8 (Excel 97–2003), an HTML table,
 * SpreadsheetML 2003 XML. All are read; encrypted containers are refused.
 */
export type WorkbookKind = 'xlsx' | 'xls-biff' | 'xls-html' | 'xls-xml';
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';
export type Delimiter = ',' | ';' | '\t';

/** How the file was read (shown in the preview). */
export interface FileInfo {
  readonly fileName: string;
  readonly format: FileFormat;
  /** CSV only. */
  readonly encoding?: TextEncodingName;
  readonly bom?: boolean;
  readonly delimiter?: Delimiter;
  /** Workbooks only. */
  readonly workbookKind?: WorkbookKind;
  readonly sheetName?: string;
  /** Sheets with a header row first (an ERP workbook often opens with a cover sheet), then the rest. */
  readonly sheetNames?: readonly string[];
  readonly sheetsWithHeader?: readonly string[];
}

export interface ImportResult extends FileInfo {
  /** Set when the file cannot be used at all; then everything below is empty. */
  readonly fatal: FatalError | null;
  /**
   * SHA-256 of the file's bytes (lowercase hex), for the import's change-history record.
   * Set by the import worker, which hashes the bytes it already holds while it parses;
   * absent from results built elsewhere (the caller then hashes the file itself).
   */
  readonly fileSha256?: string;
  readonly headers: readonly string[];
  /** Normalised header list: remember a mapping under this key. */
  readonly headerLayoutKey: string;
  readonly guessedMapping: ColumnMapping;
  /** The mapping actually applied (options.mapping or the guess). */
  readonly mapping: ColumnMapping;
  /** Date order applied to slash dates, or null when none were needed / undecided. */
  readonly dateOrder: DateOrder | null;
  readonly ambiguity: Ambiguity | null;
  readonly unit: AmountUnit;
  /** Data rows read (non-blank rows after the header). */
  readonly rowCount: number;
  readonly categoryIds: readonly CategoryId[];
  readonly accepted: AcceptedRows;
  /** Row errors, sorted by row, at most `maxErrors`; `errorCount` counts them all. */
  readonly errors: readonly RowError[];
  readonly errorCount: number;
  /** Pairs of duplicate rows inside the file (listed up to a cap); `duplicateCount` counts them all. */
  readonly duplicatesInFile: readonly DuplicatePair[];
  readonly duplicateCount: number;
  readonly notices: readonly ImportNotice[];
  /** Summary rows (合计, Total, 期初余额 …) found and excluded, with their check against the rows above. */
  readonly summaryRows?: readonly SummaryRow[];
  /**
   * Per-category daily totals of ALL accepted rows (duplicates included —
   * use `categoryDailyTotals` with a skip mask to leave them out), ready for
   * the engine's LedgerTotals.byCategory.
   */
  readonly perCategoryDailyTotals: ReadonlyMap<CategoryId, DailyTotals>;
}

/** Quick look at a file: header, first rows and the guessed mapping. */
export interface ImportPreview extends FileInfo {
  readonly fatal: FatalError | null;
  readonly headers: readonly string[];
  readonly headerLayoutKey: string;
  readonly guessedMapping: ColumnMapping;
  /** Up to 20 data rows as cell text, each with its row number. */
  readonly rows: readonly { readonly row: number; readonly cells: readonly string[] }[];
}

export interface PreviewOptions {
  readonly sheetName?: string;
  /** Lets the guess recognise a category column by its values. */
  readonly categories?: readonly ImportCategory[];
  /** Default 20. */
  readonly rows?: number;
}
