/**
 * Ledger export as CSV and .xlsx, block by block (a block is a stored chunk
 * of up to 50,000 rows), so a million rows are written without a million row
 * objects. Text cells are neutralised against formula injection (a leading
 * apostrophe on = + - @ tab CR); amounts and dates are written as numbers, so
 * a credit note of −500.00 stays a number a spreadsheet can add up.
 *
 * Amounts are in each category's currency. While every category is in RMB
 * the amount header says so; once the cap register adds an HK$ agreement the
 * export is given `currencyOf`, the header says "Amount" and a Currency column
 * (RMB / HKD) follows it on every row.
 */
import { unitsNumber, unitsPlain } from '../../domain/amounts';
import { fromDayNumber } from '../../domain/dates';
import type { CurrencyCode } from '../../domain/model';
import type { LedgerBlock } from '../../data/types';
import { neutraliseFormula } from '../../ui/export/neutralise';

export const LEDGER_HEADERS = [
  'Date',
  'Category',
  'Amount (RMB)',
  'Reference',
  'Description',
  'Source',
  'Source row',
] as const;
/** Headers when categories differ in currency: each row names its own. */
export const LEDGER_HEADERS_MIXED = [
  'Date',
  'Category',
  'Amount',
  'Currency',
  'Reference',
  'Description',
  'Source',
  'Source row',
] as const;

/** A category's currency ('' for a category the data no longer has); given only when the categories are not all in RMB. */
export type CurrencyOf = (categoryId: string) => CurrencyCode | '';

function headers(currencyOf?: CurrencyOf): readonly string[] {
  return currencyOf ? LEDGER_HEADERS_MIXED : LEDGER_HEADERS;
}

/** Rows per .xlsx sheet (Excel's limit is 1,048,576 including the header). */
export const XLSX_SHEET_ROWS = 1_000_000;

function textAt(col: LedgerBlock['reference'], i: number): string {
  return col.text.slice(col.offsets[i]!, col.offsets[i + 1]!);
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A text cell for CSV: neutralised, then quoted when needed. */
export function csvText(text: string): string {
  return csvField(neutraliseFormula(text));
}

export function csvHeader(currencyOf?: CurrencyOf): string {
  return `${headers(currencyOf).map(csvText).join(',')}\r\n`;
}

/** The block's rows as CSV lines (CRLF); amounts numeric, text neutralised. */
export function blockToCsv(b: LedgerBlock, currencyOf?: CurrencyOf): string {
  const source = b.source === 'manual' ? 'manual' : (b.fileName ?? '');
  const src = csvText(source);
  const lines = new Array<string>(b.length);
  for (let i = 0; i < b.length; i++) {
    const categoryId = b.categoryIds[b.category[i]!]!;
    lines[i] = [
      fromDayNumber(b.day[i]!),
      csvText(categoryId),
      unitsPlain(b.amountMinor[i]!),
      ...(currencyOf ? [currencyOf(categoryId)] : []),
      csvText(textAt(b.reference, i)),
      csvText(textAt(b.description, i)),
      src,
      b.rowNumber ? String(b.rowNumber[i]) : '',
    ].join(',');
  }
  return lines.length ? `${lines.join('\r\n')}\r\n` : '';
}

/** One .xlsx cell, the SheetJS shape. */
export type SheetCell = { t: 's'; v: string } | { t: 'n'; v: number; z?: string };

const EXCEL_EPOCH_OFFSET = 25569; // day number of 1899-12-30 is -25569

/** The block's rows as .xlsx cells: date and amount numeric with formats, text neutralised. */
export function blockToCells(b: LedgerBlock, currencyOf?: CurrencyOf): SheetCell[][] {
  const source: SheetCell = { t: 's', v: neutraliseFormula(b.source === 'manual' ? 'manual' : (b.fileName ?? '')) };
  const out = new Array<SheetCell[]>(b.length);
  for (let i = 0; i < b.length; i++) {
    const categoryId = b.categoryIds[b.category[i]!]!;
    out[i] = [
      { t: 'n', v: b.day[i]! + EXCEL_EPOCH_OFFSET, z: 'yyyy-mm-dd' },
      { t: 's', v: neutraliseFormula(categoryId) },
      { t: 'n', v: unitsNumber(b.amountMinor[i]!), z: '#,##0.00' },
      ...(currencyOf ? [{ t: 's' as const, v: currencyOf(categoryId) }] : []),
      { t: 's', v: neutraliseFormula(textAt(b.reference, i)) },
      { t: 's', v: neutraliseFormula(textAt(b.description, i)) },
      source,
      b.rowNumber ? { t: 'n', v: b.rowNumber[i]! } : { t: 's', v: '' },
    ];
  }
  return out;
}

export type BlockSource = (fn: (b: LedgerBlock) => void | Promise<void>) => Promise<number>;

/** Whole ledger as a CSV Blob (UTF-8 with BOM so Excel reads Chinese text). */
export async function ledgerCsvBlob(
  forEachBlock: BlockSource,
  currencyOf?: CurrencyOf,
): Promise<{ blob: Blob; rows: number }> {
  const parts: string[] = ['\uFEFF', csvHeader(currencyOf)];
  const rows = await forEachBlock((b) => {
    parts.push(blockToCsv(b, currencyOf));
  });
  return { blob: new Blob(parts, { type: 'text/csv;charset=utf-8' }), rows };
}

/** Whole ledger as an .xlsx Blob, one sheet per million rows, written with SheetJS CE (@e965/xlsx). */
export async function ledgerXlsxBlob(
  forEachBlock: BlockSource,
  currencyOf?: CurrencyOf,
): Promise<{ blob: Blob; rows: number }> {
  const XLSX = await import('@e965/xlsx');
  const wb = XLSX.utils.book_new();
  const names = headers(currencyOf);
  const header: SheetCell[] = names.map((h) => ({ t: 's', v: h }));
  let sheetRows: SheetCell[][] = [header];
  let sheetNo = 1;
  const flush = () => {
    // Dense sheets (rows of cells) keep a million-row sheet to one array per row.
    const ws = {
      '!data': sheetRows,
      '!ref': XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: sheetRows.length - 1, c: names.length - 1 } }),
    };
    (ws as Record<string, unknown>)['!cols'] = [
      { wch: 12 },
      { wch: 20 },
      { wch: 16 },
      ...(currencyOf ? [{ wch: 9 }] : []),
      { wch: 18 },
      { wch: 40 },
      { wch: 24 },
      { wch: 10 },
    ];
    XLSX.utils.book_append_sheet(wb, ws as never, sheetNo === 1 ? 'Ledger' : `Ledger ${sheetNo}`);
    sheetNo++;
    sheetRows = [header];
  };
  const rows = await forEachBlock((b) => {
    const cells = blockToCells(b, currencyOf);
    for (const row of cells) {
      sheetRows.push(row);
      if (sheetRows.length > XLSX_SHEET_ROWS) flush();
    }
  });
  if (sheetRows.length > 1 || sheetNo === 1) flush();
  const data = XLSX.write(wb, { type: 'array', bookType: 'xlsx', compression: true }) as ArrayBuffer;
  return {
    blob: new Blob([data], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
    rows,
  };
}
