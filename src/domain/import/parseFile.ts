/**
 * Entry points of the import library: bytes of a CSV or .xlsx file → columnar
 * accepted rows, row errors and per-category daily totals. Pure (no DOM); runs
 * in the import worker and in Node (scripts/lib/ledgerFile.ts).
 *
 * The file's content decides how it is read, not its name: a workbook renamed
 * .csv is read as a workbook, a web page renamed .csv is refused.
 */
import { read as readWorkbook, type CellObject, type WorkBook, type WorkSheet } from '@e965/xlsx';
import { LedgerBuilder, type CellValue, type TextSink } from './builder';
import { categoryIdsOf, categoryMatcher } from './categories';
import { columnLetter, columnRef, guessMapping, headerLayoutKey, isKnownHeader, normaliseHeader } from './columns';
import { CsvReader, detectDelimiter } from './csv';
import { decodeHead, decodeText, looksLikeHtml, sniff } from './decode';
import { NO_DAY, parseAmountMinor, readDate, type DateReading } from './values';
import type { ImportPhase } from './protocol';
import type {
  ColumnMapping,
  ColumnRef,
  ColumnRole,
  Delimiter,
  FatalCode,
  FatalDetail,
  FatalError,
  FileFormat,
  FileInfo,
  ImportPreview,
  WorkbookKind,
  ImportResult,
  ParseOptions,
  PreviewOptions,
} from './types';
import { isRawHeader } from './rawColumns';
import { describeZip, isEncryptedCfb, isWorkbookZip, readZipDirectory, zipBombReason } from './zip';
import { cutWorkbookRows } from './xlsxCut';
import { readPlainWorkbook } from './xlsxFast';
import type { PartParams, PartReading } from './split';

export type ProgressCallback = (fraction: number, phase: ImportPhase) => void;

/** Largest file accepted at all (a million-row CSV is about 60–100 MB). */
export const MAX_FILE_BYTES = 512 * 1024 * 1024;
/** Rows looked at to find the header and guess the columns from values. */
export const HEAD_RECORDS = 60;
/** The header must be within this many non-blank rows from the top. */
const HEADER_SEARCH_ROWS = 10;

/** A whole-file refusal on its way out of the reader (caught by the entry points). */
export class Fatal extends Error {
  constructor(readonly fatal: FatalError) {
    super(`${fatal.fileName}: ${fatal.code} (${fatal.detail})`);
  }
}

/**
 * A refusal as codes and values only: src/ui/messages/importFatal.ts words
 * it in English or Chinese, naming the file, the row and the column.
 */
export function fatal(
  fileName: string,
  code: FatalCode,
  detail: FatalDetail,
  extra: {
    row?: number;
    column?: ColumnRef;
    params?: Record<string, string | number>;
    names?: readonly string[];
  } = {},
): Fatal {
  return new Fatal({ code, detail, fileName, ...extra });
}

/** A table source: the first records (for header finding / preview) and a full pass. */
export interface Table {
  readonly info: FileInfo;
  /** First non-blank-or-blank records with their row numbers (cells as text). */
  readonly head: readonly { row: number; cells: string[] }[];
  /** Calls `visit` for each record after the header row; return false to stop. */
  forEachAfter(
    headerRow: number,
    visit: (row: number, cell: (col: number) => CellValue, cellCount: number) => boolean | void,
    onProgress?: (f: number) => void,
  ): void;
  /** The number of data records when known without a full pass (xlsx), else -1. */
  readonly knownRowCount: number;
  /** CSV only: the decoded text, for the fast path that reads fields without slicing. */
  readonly csv?: { readonly text: string; readonly delimiter: Delimiter };
}

// ---------------------------------------------------------------- CSV

function csvTable(
  text: string,
  fileName: string,
  info: FileInfo,
  delimiter: Delimiter,
  headLimit: number,
  truncated: boolean,
  headText = text,
): Table {
  const head: { row: number; cells: string[] }[] = [];
  const reader = new CsvReader(headText, delimiter);
  while (head.length < headLimit && reader.next()) head.push({ row: reader.record, cells: reader.fieldList() });
  // A preview decodes only the start: the last record may be cut anywhere.
  if (truncated) head.pop();
  else if (reader.unbalancedQuoteRow && head.length < headLimit)
    throw unbalanced(fileName, reader, head[0]?.cells ?? []);
  const headersOf = (headerRow: number) => head.find((h) => h.row === headerRow)?.cells ?? [];
  return {
    info,
    head,
    knownRowCount: -1,
    csv: { text, delimiter },
    forEachAfter(headerRow, visit, onProgress) {
      const r = new CsvReader(text, delimiter);
      const cell = (col: number): CellValue => r.field(col);
      csvLoop(fileName, r, headerRow, headersOf(headerRow), (row) => visit(row, cell, r.count), onProgress);
    },
  };
}

/**
 * Runs over the records after the header, calling `visit` for each; checks
 * for a stray quote that swallowed line ends, and for a quote never closed.
 */
function csvLoop(
  fileName: string,
  r: CsvReader,
  headerRow: number,
  headers: readonly string[],
  visit: (row: number) => boolean | void,
  onProgress?: (f: number) => void,
  multilineCol = -1,
): void {
  const headerCount = headers.length;
  let nextProgress = 65536;
  while (r.next()) {
    if (r.record <= headerRow) continue;
    if (r.multilineField >= 0 && headerCount > 0) {
      // A line break inside a quoted field is fine in a description; anywhere
      // else, or followed by what looks like further records, it means a stray
      // quote swallowed the line ends of the rows that follow.
      const k = r.multilineField;
      const v = r.field(k);
      const rest = v.slice(v.search(/[\r\n]/) + 1);
      let delims = 0;
      for (let q = 0; q < rest.length; q++) if (rest.charCodeAt(q) === r.delimiterCode) delims++;
      if (k !== multilineCol || r.count !== headerCount || (delims >= 2 && delims >= headerCount - 2)) {
        throw fatal(fileName, 'unbalanced-quote', 'quote-runs-over', {
          row: r.record,
          column: columnRef(k, headers),
        });
      }
    }
    if (visit(r.record) === false) return;
    if (onProgress && r.record >= nextProgress) {
      nextProgress += 65536;
      onProgress(r.fraction);
    }
  }
  if (r.unbalancedQuoteRow) throw unbalanced(fileName, r, headers);
}

/** The first part of a split file needs the whole file's start, which is not read yet: read in one part. */
class NotLoaded extends Error {}

/** True when `text` holds `count` whole records (no quote left open before the last). */
function headComplete(text: string, delimiter: Delimiter, count: number): boolean {
  const reader = new CsvReader(text, delimiter);
  let n = 0;
  while (n < count && reader.next()) n++;
  return n === count && !reader.unbalancedQuoteRow;
}

function unbalanced(fileName: string, r: CsvReader, headers: readonly string[]): Fatal {
  return fatal(fileName, 'unbalanced-quote', 'quote-never-closed', {
    row: r.unbalancedQuoteRow,
    column: columnRef(r.unbalancedQuoteField, headers),
  });
}

// ---------------------------------------------------------------- XLSX

function cellText(c: CellObject | undefined): string {
  if (!c) return '';
  switch (c.t) {
    case 's':
      return String(c.v ?? '');
    case 'n':
      return c.v === undefined ? '' : String(c.v);
    case 'b':
      return c.v ? 'TRUE' : 'FALSE';
    case 'd':
      return c.v instanceof Date ? c.v.toISOString().slice(0, 10) : String(c.v ?? '');
    case 'e':
      return c.w ?? '#ERROR';
    default:
      return '';
  }
}

function cellValue(c: CellObject | undefined): CellValue {
  if (!c) return '';
  if (c.t === 'n' && typeof c.v === 'number') return c.v;
  return cellText(c);
}

function sheetRows(ws: WorkSheet): (CellObject[] | undefined)[] {
  return ((ws as { '!data'?: (CellObject[] | undefined)[] })['!data'] ?? []) as (CellObject[] | undefined)[];
}

function sheetHasData(ws: WorkSheet): boolean {
  return sheetRows(ws).some((row) => row?.some((c) => c && ((c.t !== 'z' && c.v !== undefined) || c.f !== undefined)));
}

/** Internal switch for tests: the fast .xlsx reader on (default) or off (SheetJS only). */
export const xlsxFastReader = { enabled: true };

function xlsxWorkbook(bytes: Uint8Array, fileName: string, sheetRowsLimit: number, preview: boolean): WorkBook {
  const entries = readZipDirectory(bytes);
  if (!entries) throw fatal(fileName, 'corrupt-xlsx', 'zip-no-directory');
  const bomb = zipBombReason(entries);
  if (bomb) throw fatal(fileName, 'zip-bomb', bomb.detail, { params: bomb.params });
  if (!isWorkbookZip(entries)) throw fatal(fileName, 'not-xlsx', 'zip-not-workbook', describeZip(entries));
  // A preview reads a copy cut to the first rows (xlsxCut.ts): the reader would inflate every row first.
  const source = (preview && cutWorkbookRows(bytes, entries, sheetRowsLimit)) || bytes;
  // Plain worksheets are read by the fast reader (xlsxFast.ts); anything else by SheetJS.
  const fast = xlsxFastReader.enabled && !preview && readPlainWorkbook(bytes, entries, sheetRowsLimit);
  if (fast) return fast;
  try {
    return readWorkbook(source, {
      type: 'array',
      dense: true,
      cellDates: false,
      cellHTML: false,
      cellText: false,
      cellStyles: false,
      cellNF: false,
      // Stubs keep formula cells that have no saved result (type 'z' with f),
      // which SheetJS otherwise drops silently.
      sheetStubs: true,
      cellFormula: true,
      sheetRows: sheetRowsLimit,
    });
  } catch (err) {
    // The reader's own words (English, from the library) are the one value passed through as text.
    throw fatal(fileName, 'corrupt-xlsx', 'workbook-unreadable', {
      params: { reason: err instanceof Error ? err.message : String(err) },
    });
  }
}

function xlsxTable(
  bytes: Uint8Array,
  fileName: string,
  sheetName: string | undefined,
  rowLimit: number,
  headLimit: number,
  preview: boolean,
): Table & { date1904: boolean } {
  return workbookTable(xlsxWorkbook(bytes, fileName, rowLimit, preview), fileName, sheetName, headLimit, 'xlsx');
}

/** Reading options shared by every workbook kind (see xlsxWorkbook). */
function workbookOptions(sheetRowsLimit: number) {
  return {
    dense: true,
    cellDates: false,
    cellHTML: false,
    cellText: false,
    cellStyles: false,
    cellNF: false,
    sheetStubs: true,
    cellFormula: true,
    sheetRows: sheetRowsLimit,
  } as const;
}

/**
 * An .xls file: real BIFF8 (Excel 97–2003) read from its OLE container, or
 * the HTML table / SpreadsheetML 2003 XML that many ERPs save under that
 * extension. Encrypted containers are refused before this is called.
 */
function xlsWorkbook(
  data: Uint8Array | string,
  fileName: string,
  sheetRowsLimit: number,
  kind: 'xls-biff' | 'xls-html' | 'xls-xml',
): WorkBook {
  try {
    // HTML cells are read as the text they show: SheetJS would otherwise turn
    // "2026-02-30" into March 2 and "1,0000.00" into 10000 instead of refusing them.
    return typeof data === 'string'
      ? readWorkbook(data, { type: 'string', ...workbookOptions(sheetRowsLimit), raw: kind === 'xls-html' })
      : readWorkbook(data, { type: 'array', ...workbookOptions(sheetRowsLimit) });
  } catch (err) {
    throw fatal(fileName, 'corrupt-xls', 'xls-unreadable', {
      params: { kind, reason: err instanceof Error ? err.message : String(err) },
    });
  }
}

/** Number of cells of a row that name a known column (ledger or raw ERP headers). */
export function headerCellCount(cells: readonly string[]): number {
  let n = 0;
  for (const c of cells) if (c && (isKnownHeader(c) || isRawHeader(c))) n++;
  return n;
}

/** True when one of the first rows reads as a header row (≥ 2 known column names). */
function hasHeaderRow(ws: WorkSheet, headLimit: number): boolean {
  const rows = sheetRows(ws);
  for (let r = 0; r < rows.length && r < headLimit; r++) {
    const row = rows[r];
    if (row && headerCellCount(Array.from(row, (c) => cellText(c))) >= 2) return true;
  }
  return false;
}

function workbookTable(
  wb: WorkBook,
  fileName: string,
  sheetName: string | undefined,
  headLimit: number,
  kind: WorkbookKind,
): Table & { date1904: boolean } {
  const names = wb.SheetNames;
  // Sheets with a header row come first: an ERP workbook often opens with a cover sheet.
  const withHeader = names.filter((n) => hasHeaderRow(wb.Sheets[n]!, headLimit));
  const ordered = [...withHeader, ...names.filter((n) => !withHeader.includes(n))];
  let name = sheetName;
  if (name !== undefined) {
    if (!wb.Sheets[name])
      throw fatal(fileName, 'sheet-not-found', 'sheet-not-found', { params: { sheet: name }, names });
  } else {
    name = withHeader[0] ?? names.find((n) => sheetHasData(wb.Sheets[n]!)) ?? names[0];
  }
  if (name === undefined) throw fatal(fileName, 'empty-file', 'workbook-no-sheets');
  const ws = wb.Sheets[name]!;
  const rows = sheetRows(ws);
  const date1904 = Boolean((wb.Workbook as { WBProps?: { date1904?: boolean } } | undefined)?.WBProps?.date1904);
  const head: { row: number; cells: string[] }[] = [];
  for (let r = 0; r < rows.length && head.length < headLimit; r++) {
    const row = rows[r];
    head.push({ row: r + 1, cells: row ? Array.from(row, (c) => cellText(c)) : [] });
  }
  const fullRef = (ws as { '!fullref'?: string })['!fullref'];
  const fullRows = fullRef ? Number(/\d+$/.exec(fullRef)?.[0] ?? 0) : rows.length;
  return {
    info: {
      fileName,
      format: 'xlsx',
      workbookKind: kind,
      sheetName: name,
      sheetNames: ordered,
      sheetsWithHeader: withHeader,
    },
    head,
    knownRowCount: fullRows,
    date1904,
    forEachAfter(headerRow, visit, onProgress) {
      let current: CellObject[] | undefined;
      let rowNo = 0;
      const cell = (col: number): CellValue => {
        const c = current?.[col];
        if (c && c.f !== undefined && (c.t === 'z' || c.v === undefined)) {
          throw fatal(fileName, 'formulas-without-values', 'formula-without-value', {
            row: rowNo,
            column: columnRef(col, head.find((h) => h.row === headerRow)?.cells ?? []),
            params: { formula: c.f },
          });
        }
        return cellValue(c);
      };
      for (let r = headerRow; r < rows.length; r++) {
        current = rows[r];
        rowNo = r + 1;
        if (visit(rowNo, cell, current ? current.length : 0) === false) return;
        if (onProgress && (r & 16383) === 0) onProgress(r / rows.length);
      }
    },
  };
}

// ---------------------------------------------------------------- shared

/**
 * Text files that are workbooks: SpreadsheetML 2003 XML (any name: the
 * namespace is unmistakable) and an HTML table saved as .xls (only under
 * that name: any other web page is refused as before).
 */
export function textWorkbookKind(head: string, fileName: string): 'xls-html' | 'xls-xml' | null {
  const h = head.slice(0, 4096).toLowerCase();
  if (h.includes('urn:schemas-microsoft-com:office:spreadsheet') && h.includes('<workbook')) return 'xls-xml';
  if (/\.xls$/i.test(fileName) && looksLikeHtml(head) && h.includes('<table')) return 'xls-html';
  return null;
}

export function openTable(
  bytes: Uint8Array,
  fileName: string,
  mode: {
    sheetName?: string;
    rowLimit: number;
    headLimit: number;
    preview: boolean;
    /**
     * A text file read in two parts (split.ts): only bytes [0, textEnd) are decoded and
     * read; the header, delimiter and first rows are still those of the whole file.
     */
    textEnd?: number;
    /** With textEnd: bytes from here on may not be read yet (the whole file's start is then not looked at). */
    loaded?: number;
  },
): Table & { date1904?: boolean } {
  if (bytes.length > MAX_FILE_BYTES) {
    throw fatal(fileName, 'file-too-large', 'file-too-large', {
      params: { mb: Math.round(bytes.length / 1048576), limitMb: MAX_FILE_BYTES / 1048576 },
    });
  }
  const s = sniff(bytes);
  switch (s.kind) {
    case 'empty':
      throw fatal(fileName, 'empty-file', 'file-empty');
    case 'binary':
      throw fatal(fileName, 'binary-file', 'binary-file', { params: { what: s.what } });
    case 'cfb':
      if (isEncryptedCfb(bytes)) {
        throw fatal(fileName, 'encrypted-xlsx', 'encrypted-xlsx');
      }
      return workbookTable(
        xlsWorkbook(bytes, fileName, mode.rowLimit, 'xls-biff'),
        fileName,
        mode.sheetName,
        mode.headLimit,
        'xls-biff',
      );
    case 'zip':
      return xlsxTable(bytes, fileName, mode.sheetName, mode.rowLimit, mode.headLimit, mode.preview);
    case 'text': {
      let text: string;
      let encoding = s.encoding;
      const xmlKind = textWorkbookKind(decodeHead(bytes, s.encoding, s.bom, 4096), fileName);
      if (xmlKind) {
        const decoded = decodeText(bytes, s.encoding, s.bom);
        const full = 'error' in decoded ? decodeHead(bytes, s.encoding, s.bom, bytes.length) : decoded.text;
        return workbookTable(
          xlsWorkbook(full, fileName, mode.rowLimit, xmlKind),
          fileName,
          mode.sheetName,
          mode.headLimit,
          xmlKind,
        );
      }
      if (mode.preview) {
        text = decodeHead(bytes, s.encoding, s.bom, 256 * 1024);
      } else {
        const decoded = decodeText(
          mode.textEnd === undefined ? bytes : bytes.subarray(0, mode.textEnd),
          s.encoding,
          s.bom,
        );
        if ('error' in decoded) {
          const guessed = (s.encoding === 'utf-8' && !s.bom) || s.encoding === 'gb18030';
          throw fatal(fileName, 'bad-encoding', guessed ? 'encoding-utf8-or-gb18030' : 'encoding-invalid', {
            params: { encoding: decoded.error },
          });
        }
        text = decoded.text;
        encoding = decoded.encoding;
      }
      if (text.trim().length === 0) throw fatal(fileName, 'empty-file', 'file-empty');
      if (looksLikeHtml(text)) throw fatal(fileName, 'html-file', 'html-file');
      // The first part of a split file: what the whole file's start decides is read from
      // the whole file's start (the part may be shorter than the delimiter sample or the head).
      const whole =
        mode.textEnd === undefined
          ? null
          : () => {
              if (mode.loaded !== undefined && mode.loaded < bytes.length) throw new NotLoaded();
              return decodeHead(bytes, encoding, s.bom, bytes.length);
            };
      const sample = whole && text.length < 65536 ? whole() : text;
      const delimiter = detectDelimiter(sample);
      const info: FileInfo = { fileName, format: 'csv', encoding, bom: s.bom, delimiter };
      const headText = whole && !headComplete(text, delimiter, mode.headLimit) ? whole() : text;
      return csvTable(
        text,
        fileName,
        info,
        delimiter,
        mode.headLimit,
        mode.preview && bytes.length > 256 * 1024,
        headText,
      );
    }
  }
}

export function isBlank(cells: readonly string[]): boolean {
  for (const c of cells) if (c.trim() !== '') return false;
  return true;
}

/** True when a row reads as a ledger record (a date and an amount) rather than as a header. */
function looksLikeData(cells: readonly string[]): boolean {
  const reading: DateReading = { dmy: NO_DAY, mdy: NO_DAY, ordered: false };
  let date = -1;
  for (let i = 0; i < cells.length && date < 0; i++) if (readDate(cells[i]!, reading)) date = i;
  if (date < 0) return false;
  return cells.some(
    (c, i) => i !== date && c.trim() !== '' && !Number.isNaN(parseAmountMinor(c, 'million')) && !readDate(c, reading),
  );
}

/**
 * Finds the header: the first of the top non-blank rows naming ≥ 2 known
 * columns, else the first non-blank row — unless that row is itself data (a
 * date and an amount, no known header), in which case the file has no header
 * and `row` is the row before the first record.
 */
function findHeader(
  fileName: string,
  head: readonly { row: number; cells: string[] }[],
): { row: number; headers: string[]; skipped: number; headerless: boolean } {
  const nonBlank = head.filter((h) => !isBlank(h.cells)).slice(0, HEADER_SEARCH_ROWS);
  if (nonBlank.length === 0) throw fatal(fileName, 'empty-file', 'no-rows-with-content');
  const known = nonBlank.find((h) => h.cells.filter(isKnownHeader).length >= 2);
  const first = nonBlank[0]!;
  if (!known && !first.cells.some(isKnownHeader) && looksLikeData(first.cells)) {
    const width = Math.max(...nonBlank.map((h) => h.cells.length));
    return { row: first.row - 1, headers: new Array<string>(width).fill(''), skipped: 0, headerless: true };
  }
  const chosen = known ?? first;
  const headers = chosen.cells.map((c) => c.trim());
  while (headers.length > 0 && headers[headers.length - 1] === '') headers.pop();
  return { row: chosen.row, headers, skipped: nonBlank.indexOf(chosen), headerless: false };
}

function resolveMapping(
  fileName: string,
  headerRow: number,
  headers: readonly string[],
  guessed: ColumnMapping,
  options: ParseOptions,
): ColumnMapping {
  const mapping = options.mapping ?? guessed;
  const seen = new Map<ColumnRole, number>();
  mapping.forEach((role, col) => {
    if (role === 'ignore') return;
    const prev = seen.get(role);
    if (prev !== undefined) {
      throw fatal(fileName, 'invalid-mapping', 'role-twice', {
        params: { role, first: columnLetter(prev), second: columnLetter(col) },
      });
    }
    seen.set(role, col);
  });
  if (options.defaultCategoryId !== undefined && !options.categories.some((c) => c.id === options.defaultCategoryId)) {
    throw fatal(fileName, 'invalid-mapping', 'default-category-unknown', {
      params: { categoryId: options.defaultCategoryId },
    });
  }
  const required: ('date' | 'amount' | 'category')[] = ['date', 'amount'];
  if (options.defaultCategoryId === undefined) required.push('category');
  for (const role of required) {
    if (!seen.has(role))
      throw fatal(fileName, 'missing-column', 'column-missing', { params: { role }, names: headers });
  }
  // Two identical headers, one of which was picked by guessing: the user must say which.
  if (!options.mapping) {
    const norms = headers.map(normaliseHeader);
    for (const [role, col] of seen) {
      const other = norms.findIndex((n, i) => i !== col && n !== '' && n === norms[col]);
      if (other >= 0) {
        const a = Math.min(col, other);
        const b = Math.max(col, other);
        throw fatal(fileName, 'duplicate-header', 'duplicate-header', {
          row: headerRow,
          column: columnRef(b, headers),
          params: { header: headers[col] ?? '', first: columnLetter(a), second: columnLetter(b), role },
        });
      }
    }
  }
  return mapping;
}

export function emptyResult(
  fileName: string,
  options: ParseOptions,
  fatalError: FatalError | null,
  info?: FileInfo,
): ImportResult {
  const empty = { text: '', offsets: new Uint32Array(1) };
  return {
    ...(info ?? { fileName, format: 'csv' as const }),
    fatal: fatalError,
    headers: [],
    headerLayoutKey: '',
    guessedMapping: [],
    mapping: [],
    dateOrder: null,
    ambiguity: null,
    unit: options.unit,
    rowCount: 0,
    categoryIds: categoryIdsOf(options.categories),
    accepted: {
      length: 0,
      day: new Int32Array(0),
      category: new Uint8Array(0),
      amountMinor: new Float64Array(0),
      reference: empty,
      description: { text: '', offsets: new Uint32Array(1) },
      rowNumber: new Int32Array(0),
      duplicateOf: new Int32Array(0),
    },
    errors: [],
    errorCount: 0,
    duplicatesInFile: [],
    duplicateCount: 0,
    notices: [],
    perCategoryDailyTotals: new Map(
      options.categories.map((c) => [c.id, { days: new Int32Array(0), prefix: new BigInt64Array(0) }]),
    ),
  };
}

/**
 * Parses a whole file. Never throws for bad input: a file that cannot be used
 * comes back with `fatal` set and nothing accepted; bad rows come back in
 * `errors` (row 1 = header) while the other rows are accepted.
 */
export function parseFile(
  bytes: Uint8Array,
  fileName: string,
  options: ParseOptions,
  onProgress?: ProgressCallback,
  /** The import worker's: the text columns' code units go here, their `text` is '' (see TextSink). */
  sink?: TextSink,
): ImportResult {
  // Read in one part, the generator never stops half-way and always has a result.
  return parseSteps(bytes, fileName, options, onProgress, -1, sink).next().value as ImportResult;
}

/** Bytes of a file's start that settle the second part's parameters (partParamsFromHead): the sniffed 1 MB and more. */
export const PART_PARAMS_HEAD_BYTES = 2 << 20;

/**
 * The parameters the second part of a CSV file read in two parts is read with
 * (encoding, delimiter, header, mapping), found from the file's start alone
 * (bytes [0, loaded), at least PART_PARAMS_HEAD_BYTES or the whole file), so that
 * the second part's reading can start before the first part is read and decoded.
 * Null when the start does not settle them: fewer than HEAD_RECORDS whole records
 * in its first 256 KB, fewer than the 64 K characters the delimiter is judged
 * from, anything refused, not UTF-8 or GB18030 text. parseSteps, given them as
 * `sent`, checks them against what the whole first part gives and reads the file
 * in one part when they differ, so the result never depends on this guess.
 */
export function partParamsFromHead(
  bytes: Uint8Array,
  fileName: string,
  options: ParseOptions,
  loaded = bytes.length,
): PartParams | null {
  if (loaded < Math.min(bytes.length, PART_PARAMS_HEAD_BYTES)) return null;
  try {
    const whole = loaded >= bytes.length;
    // One record more than the head: a preview drops the last record (it may be cut off).
    const table = openTable(whole ? bytes : bytes.subarray(0, loaded), fileName, {
      rowLimit: options.maxRows + HEAD_RECORDS + 2,
      headLimit: HEAD_RECORDS + 1,
      preview: true,
    });
    const encoding = table.info.encoding;
    if (!table.csv || (encoding !== 'utf-8' && encoding !== 'gb18030')) return null;
    const truncated = !whole || bytes.length > 256 * 1024;
    if (truncated && (table.head.length < HEAD_RECORDS || table.csv.text.length < 65536)) return null;
    const head = table.head.slice(0, HEAD_RECORDS);
    const { row: headerRow, headers } = findHeader(fileName, head);
    const matcher = categoryMatcher(options.categories);
    const samples = head.filter((h) => h.row > headerRow && !isBlank(h.cells)).map((h) => h.cells);
    const guessed = guessMapping(headers, samples, (c) => matcher(c) >= 0);
    const mapping = resolveMapping(fileName, headerRow, headers, guessed, options);
    return { encoding, delimiter: table.csv.delimiter, headers, mapping };
  } catch {
    return null;
  }
}

function sameParams(a: PartParams, b: PartParams): boolean {
  return (
    a.encoding === b.encoding &&
    a.delimiter === b.delimiter &&
    a.headers.length === b.headers.length &&
    a.headers.every((h, i) => h === b.headers[i]) &&
    a.mapping.length === b.mapping.length &&
    a.mapping.every((m, i) => m === b.mapping[i])
  );
}

/**
 * A step of a parse in two parts (split.ts): the first part's reader asks for the
 * second part's reading to start (`params`), then for its rows (`part`).
 */
export type ParseStep = { readonly kind: 'params'; readonly params: PartParams } | { readonly kind: 'part' };

/**
 * The parse, as steps. With `textEnd` < 0 it reads the whole file and never yields.
 * With `textEnd` ≥ 0 it reads bytes [0, textEnd) itself, yields the reading of the
 * rest to be started elsewhere, and takes that reading back to finish as one file;
 * it returns null when the file must be read in one part after all (anything
 * unusual: a refusal in either part, too many rows, different encodings).
 */
export function* parseSteps(
  bytes: Uint8Array,
  fileName: string,
  options: ParseOptions,
  onProgress: ProgressCallback | undefined,
  textEnd: number,
  sink?: TextSink,
  /** With textEnd: how many bytes are read so far (the rest may still be on its way). */
  loaded = bytes.length,
  /**
   * With textEnd: the parameters the second part's reading was already started with
   * (partParamsFromHead); no 'params' step is yielded, and when the first part gives
   * others the result is null (read in one part).
   */
  sent?: PartParams,
): Generator<ParseStep, ImportResult | null, PartReading | null> {
  const split = textEnd >= 0;
  let info: FileInfo | undefined;
  try {
    onProgress?.(0, 'decoding');
    // Header search rows + the row limit + 1 so that "too many rows" is seen without reading more.
    const table = openTable(bytes, fileName, {
      ...(options.sheetName !== undefined ? { sheetName: options.sheetName } : {}),
      rowLimit: options.maxRows + HEAD_RECORDS + 2,
      headLimit: HEAD_RECORDS,
      preview: false,
      ...(split ? { textEnd, loaded } : {}),
    });
    info = table.info;
    if (split && (!table.csv || (table.info.encoding !== 'utf-8' && table.info.encoding !== 'gb18030'))) return null;
    const { row: headerRow, headers, skipped, headerless } = findHeader(fileName, table.head);
    const matcher = categoryMatcher(options.categories);
    const samples = table.head.filter((h) => h.row > headerRow && !isBlank(h.cells)).map((h) => h.cells);
    const guessed = guessMapping(headers, samples, (c) => matcher(c) >= 0);
    const mapping = resolveMapping(fileName, headerRow, headers, guessed, options);
    const builder = new LedgerBuilder(
      fileName,
      headers,
      mapping,
      options,
      (table as { date1904?: boolean }).date1904 ?? false,
    );
    const cols = builder.columns;
    const maxRows = options.maxRows;
    let blank = 0;
    onProgress?.(0.05, 'parsing');
    const tooMany = (row: number) =>
      fatal(fileName, 'too-many-rows', 'too-many-rows', { row, params: { limit: maxRows } });
    const progress = (f: number) => onProgress?.(0.05 + f * 0.85, 'parsing');
    if (table.csv) {
      if (split) {
        const params: PartParams = { encoding: table.info.encoding!, delimiter: table.csv.delimiter, headers, mapping };
        if (!sent) yield { kind: 'params', params };
        else if (!sameParams(sent, params)) return null;
      }
      const r = new CsvReader(table.csv.text, table.csv.delimiter);
      blank = csvRows(fileName, r, headerRow, headers, builder, maxRows, tooMany, progress);
      if (split) {
        const part: PartReading | null = yield { kind: 'part' };
        // Rows of the second part follow the first part's last record.
        // (A header row past the first part's end would be read as data there.)
        if (!part || part.encoding !== table.info.encoding || headerRow > r.record) return null;
        if (builder.rowCount + part.rowCount > maxRows || !builder.appendPart(part, r.record)) return null;
        blank += part.blank;
      }
    } else {
      table.forEachAfter(
        headerRow,
        (row, cell, count) => {
          const date = cell(cols.date);
          const amount = cell(cols.amount);
          const cat = cols.category >= 0 ? cell(cols.category) : '';
          if (isEmptyCell(date) && isEmptyCell(amount) && isEmptyCell(cat)) {
            let any = false;
            for (let k = 0; k < count && !any; k++) any = !isEmptyCell(cell(k));
            if (!any) {
              blank++;
              return true;
            }
          }
          if (builder.rowCount >= maxRows) throw tooMany(row);
          const ref = cols.reference >= 0 ? String(cell(cols.reference) ?? '').trim() : '';
          const desc = cols.description >= 0 ? String(cell(cols.description) ?? '').trim() : '';
          builder.addRow(row, date, amount, cat, ref, desc);
          return true;
        },
        progress,
      );
    }
    if (builder.rowCount === 0) {
      throw fatal(fileName, 'no-data-rows', 'no-data-rows', { params: { headerRow } });
    }
    onProgress?.(0.9, 'totals');
    const out = builder.finish(sink);
    if (sink && table.csv) sink.wellFormed = true;
    const notices = [...out.notices];
    if (headerless) {
      notices.unshift({
        code: 'no-header-row',
        params: { row: headerRow + 1 },
      });
    }
    if (skipped > 0) {
      notices.unshift({
        code: 'header-row-skipped',
        params: { row: headerRow, skipped },
      });
    }
    if (blank > 0)
      notices.push({
        code: 'blank-rows-skipped',
        params: { count: blank },
      });
    onProgress?.(1, 'totals');
    return {
      ...table.info,
      fatal: null,
      headers,
      headerLayoutKey: headerLayoutKey(headers),
      guessedMapping: guessed,
      mapping,
      dateOrder: out.dateOrder,
      ambiguity: out.ambiguity,
      unit: options.unit,
      rowCount: builder.rowCount,
      categoryIds: categoryIdsOf(options.categories),
      accepted: out.accepted,
      errors: out.errors,
      errorCount: out.errorCount,
      duplicatesInFile: out.duplicatesInFile,
      duplicateCount: out.duplicateCount,
      notices,
      summaryRows: out.summaryRows,
      perCategoryDailyTotals: out.perCategoryDailyTotals,
    };
  } catch (err) {
    if (err instanceof NotLoaded) return null;
    if (err instanceof Fatal) {
      if (split) return null;
      return emptyResult(fileName, options, err.fatal, info ?? { fileName, format: guessFormat(bytes) });
    }
    throw err;
  }
}

/**
 * Reads the data records of a CSV file into the builder: blank rows are counted
 * and skipped, a row past `maxRows` throws `tooMany`. Returns the blank rows.
 */
export function csvRows(
  fileName: string,
  r: CsvReader,
  headerRow: number,
  headers: readonly string[],
  builder: LedgerBuilder,
  maxRows: number,
  tooMany: (row: number) => Fatal,
  progress?: (f: number) => void,
): number {
  const cols = builder.columns;
  const s = r.text;
  const mappedCols = [cols.date, cols.amount, cols.category].filter((c) => c >= 0);
  let blank = 0;
  csvLoop(
    fileName,
    r,
    headerRow,
    headers,
    (row) => {
      // Blank row: every mapped required field empty and no other content.
      let empty = true;
      for (const c of mappedCols) if (c < r.count && !isBlankRange(s, r.starts[c]!, r.ends[c]!)) empty = false;
      if (empty) {
        let any = false;
        for (let k = 0; k < r.count && !any; k++)
          any = !isBlankRange(s, r.starts[k]!, r.ends[k]!) || r.escaped[k] === 1;
        if (!any) {
          blank++;
          return;
        }
      }
      if (builder.rowCount >= maxRows) throw tooMany(row);
      builder.addCsvRow(row, r);
    },
    progress,
    cols.description,
  );
  return blank;
}

/** Format for a file refused before it was opened: containers count as workbooks. */
function guessFormat(bytes: Uint8Array): FileFormat {
  const kind = sniff(bytes).kind;
  return kind === 'zip' || kind === 'cfb' ? 'xlsx' : 'csv';
}

function isBlankRange(s: string, a: number, b: number): boolean {
  for (let k = a; k < b; k++) {
    const c = s.charCodeAt(k);
    if (c > 32 && c !== 0xa0 && c !== 0x3000) return false;
  }
  return true;
}

function isEmptyCell(v: CellValue): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

/** Header, the first rows (default 20) and the guessed mapping, without parsing the whole file. */
export function previewFile(bytes: Uint8Array, fileName: string, options: PreviewOptions = {}): ImportPreview {
  const want = options.rows ?? 20;
  try {
    const table = openTable(bytes, fileName, {
      ...(options.sheetName !== undefined ? { sheetName: options.sheetName } : {}),
      rowLimit: Math.max(want, HEAD_RECORDS) + HEADER_SEARCH_ROWS + 2,
      headLimit: Math.max(want, HEAD_RECORDS) + HEADER_SEARCH_ROWS,
      preview: true,
    });
    const { row: headerRow, headers } = findHeader(fileName, table.head);
    const dataRows = table.head.filter((h) => h.row > headerRow && !isBlank(h.cells));
    const matcher = categoryMatcher(options.categories ?? []);
    const guessed = guessMapping(
      headers,
      dataRows.map((h) => h.cells),
      (c) => matcher(c) >= 0,
    );
    return {
      ...table.info,
      fatal: null,
      headers,
      headerLayoutKey: headerLayoutKey(headers),
      guessedMapping: guessed,
      rows: dataRows.slice(0, want).map((h) => ({ row: h.row, cells: h.cells })),
    };
  } catch (err) {
    if (err instanceof Fatal) {
      return {
        fileName,
        format: guessFormat(bytes),
        fatal: err.fatal,
        headers: [],
        headerLayoutKey: '',
        guessedMapping: [],
        rows: [],
      };
    }
    throw err;
  }
}
