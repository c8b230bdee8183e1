/**
 * A table to export as CSV or .xlsx: typed columns so amounts stay numbers in
 * the spreadsheet and text is neutralised against formula injection.
 */
import Decimal from 'decimal.js';
import { toDayNumber, type IsoDate } from '../../domain/dates';
import { type Money, toMillionsDecimal } from '../../domain/money';
import { neutraliseFormula } from './neutralise';

/**
 * text: neutralised text; amount: Money, written in millions with one decimal;
 * percent: a Decimal fraction, written as percent with one decimal (CSV "97.6") or
 * a 0.0% number (xlsx); date: IsoDate; number: a plain Decimal or integer.
 */
export type ColumnKind = 'text' | 'amount' | 'percent' | 'date' | 'number';

export interface ExportColumn {
  readonly header: string;
  readonly kind: ColumnKind;
  /** Width in characters in the spreadsheet. */
  readonly width?: number;
}

export type ExportCell = string | Money | Decimal | number | null;

export interface ExportTable {
  /** Sheet name (at most 31 characters, no []:*?/\ — cleaned when written). */
  readonly name: string;
  readonly columns: readonly ExportColumn[];
  readonly rows: readonly (readonly ExportCell[])[];
  /**
   * Decimals of a million each row's amounts are written with (its agreement's
   * disclosed precision: a register cap of 26.47 keeps two); one when absent.
   */
  readonly rowDecimals?: readonly number[];
}

/** What a workbook says about itself on its "About" sheet. */
export interface ExportAbout {
  readonly title: string;
  /** Label/value lines: as-of date, source, generated at, notes. */
  readonly lines: readonly (readonly [string, string])[];
}

/** The cell as plain text, the CSV form: amounts "2309.8", percents "97.6", dates ISO. */
export function cellText(kind: ColumnKind, cell: ExportCell, decimals = 1): string {
  if (cell === null) return '';
  switch (kind) {
    case 'amount':
      return toMillionsDecimal(cell as Money).toFixed(decimals, Decimal.ROUND_HALF_UP);
    case 'percent':
      return (cell as Decimal).isFinite() ? (cell as Decimal).times(100).toFixed(1, Decimal.ROUND_HALF_UP) : '';
    case 'number':
      return cell instanceof Decimal ? cell.toString() : String(cell);
    case 'date':
      return String(cell);
    case 'text':
      return neutraliseFormula(String(cell));
  }
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The table as CSV text: header row then rows, RFC 4180 quoting, CRLF line
 * ends. No byte-order mark here (see csvBlob).
 */
export function toCsv(table: ExportTable): string {
  const lines = [table.columns.map((c) => csvField(neutraliseFormula(c.header))).join(',')];
  table.rows.forEach((row, ri) => {
    const d = table.rowDecimals?.[ri] ?? 1;
    lines.push(table.columns.map((c, i) => csvField(cellText(c.kind, row[i] ?? null, d))).join(','));
  });
  return `${lines.join('\r\n')}\r\n`;
}

/** CSV as a file: UTF-8 with a byte-order mark so Excel reads Chinese text correctly. */
export function csvBlob(table: ExportTable): Blob {
  return new Blob(['\uFEFF', toCsv(table)], { type: 'text/csv;charset=utf-8' });
}

/** Excel serial day of an ISO date (1900 date system): days since 1899-12-30. */
export function excelSerial(d: IsoDate): number {
  return toDayNumber(d) + 25569;
}

type XlsxCell = { t: 's' | 'n'; v: string | number; z?: string };

/** One sheet cell for a typed value (undefined for an empty cell). */
export function xlsxCell(kind: ColumnKind, cell: ExportCell, decimals = 1): XlsxCell | undefined {
  if (cell === null) return undefined;
  switch (kind) {
    case 'amount':
      return {
        t: 'n',
        v: Number(toMillionsDecimal(cell as Money).toFixed(decimals, Decimal.ROUND_HALF_UP)),
        z: `#,##0.${'0'.repeat(decimals)}`,
      };
    case 'percent': {
      const d = cell as Decimal;
      return d.isFinite() ? { t: 'n', v: Number(d.toFixed(3, Decimal.ROUND_HALF_UP)), z: '0.0%' } : undefined;
    }
    case 'number':
      return { t: 'n', v: cell instanceof Decimal ? cell.toNumber() : Number(cell) };
    case 'date':
      return { t: 'n', v: excelSerial(String(cell)), z: 'yyyy-mm-dd' };
    case 'text':
      return { t: 's', v: neutraliseFormula(String(cell)) };
  }
}

function sheetName(name: string, taken: Set<string>): string {
  const base =
    name
      .replace(/[[\]:*?/\\]/g, ' ')
      .slice(0, 31)
      .trim() || 'Sheet';
  let out = base;
  for (let i = 2; taken.has(out.toLowerCase()); i++) out = `${base.slice(0, 28)} ${i}`;
  taken.add(out.toLowerCase());
  return out;
}

/**
 * The tables as an .xlsx workbook (one sheet each, header in row 1, plus an
 * "About" sheet), written with SheetJS CE (@e965/xlsx), loaded on demand so
 * the library is not in the main bundle.
 */
export async function xlsxBlob(tables: readonly ExportTable[], about: ExportAbout): Promise<Blob> {
  const XLSX = await import('@e965/xlsx');
  const wb = XLSX.utils.book_new();
  const taken = new Set<string>();
  for (const table of tables) {
    const ws: Record<string, unknown> = {};
    table.columns.forEach((c, ci) => {
      ws[XLSX.utils.encode_cell({ r: 0, c: ci })] = { t: 's', v: neutraliseFormula(c.header) };
    });
    table.rows.forEach((row, ri) => {
      table.columns.forEach((c, ci) => {
        const cell = xlsxCell(c.kind, row[ci] ?? null, table.rowDecimals?.[ri] ?? 1);
        if (cell) ws[XLSX.utils.encode_cell({ r: ri + 1, c: ci })] = cell;
      });
    });
    ws['!ref'] = XLSX.utils.encode_range({
      s: { r: 0, c: 0 },
      e: { r: table.rows.length, c: Math.max(0, table.columns.length - 1) },
    });
    ws['!cols'] = table.columns.map((c) => ({ wch: c.width ?? Math.max(10, c.header.length + 2) }));
    XLSX.utils.book_append_sheet(wb, ws as never, sheetName(table.name, taken));
  }
  const aboutRows = [[about.title, ''], ...about.lines.map(([k, v]) => [k, v])];
  const aboutWs = XLSX.utils.aoa_to_sheet(aboutRows.map((r) => r.map((t) => neutraliseFormula(t))));
  aboutWs['!cols'] = [{ wch: 28 }, { wch: 90 }];
  XLSX.utils.book_append_sheet(wb, aboutWs, sheetName('About', taken));
  const data = XLSX.write(wb, { type: 'array', bookType: 'xlsx', compression: true }) as ArrayBuffer;
  return new Blob([data], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
}
