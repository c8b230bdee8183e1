import { read, utils, write, type CellObject, type WorkBook } from '@e965/xlsx';
import { unzipSync, zipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseFile, previewFile } from '../../../../src/domain/import/parseFile';
import { cutWorkbookRows } from '../../../../src/domain/import/xlsxCut';
import { readZipDirectory } from '../../../../src/domain/import/zip';
import { BASE, CATEGORIES } from './helpers';

const ROWS = 3000;
const CATS = ['云服务', 'IDC服务', '硬件设备', 'API服务'];

/** An ERP-style export: a cover sheet, then the ledger with a title row, dates as Excel serials and shared strings. */
function ledgerWorkbook(rows = ROWS): Uint8Array {
  const wb = utils.book_new();
  utils.book_append_sheet(
    wb,
    utils.aoa_to_sheet([['应收账款明细账'], ['编制单位：金山云'], ['期间：2026年5月']]),
    '封面',
  );
  const aoa: (string | number)[][] = [['明细账 2026年5月'], ['交易日期', '类别', '金额（元）', '发票号', '摘要']];
  for (let i = 0; i < rows; i++) {
    // 46143 is 2026-05-01; each row has its own invoice number, so the shared strings grow with the sheet.
    aoa.push([46143 + (i % 28), CATS[i % 4]!, 1000 + i / 100, `INV-${String(i).padStart(6, '0')}`, `摘要 ${i}`]);
  }
  const ws = utils.aoa_to_sheet(aoa);
  for (let r = 2; r < aoa.length; r++) ws[utils.encode_cell({ r, c: 0 })]!.z = 'yyyy-mm-dd';
  utils.book_append_sheet(wb, ws, '明细账');
  return new Uint8Array(
    write(wb, { type: 'array', bookType: 'xlsx', compression: true, bookSST: true }) as ArrayBuffer,
  );
}

const OPTIONS = { type: 'array', dense: true, sheetRows: 60, cellFormula: true, sheetStubs: true } as const;
const dense = (wb: WorkBook, name: string) =>
  ((wb.Sheets[name] as { '!data'?: (CellObject[] | undefined)[] })['!data'] ?? []).map((row) =>
    (row ?? []).map((c) => (c ? { t: c.t, v: c.v } : null)),
  );

describe('cutWorkbookRows', () => {
  const bytes = ledgerWorkbook();
  const entries = readZipDirectory(bytes)!;

  it('keeps the first rows of every sheet exactly as the whole file reads them, and the full row count', () => {
    const cut = cutWorkbookRows(bytes, entries, 60)!;
    expect(cut).not.toBeNull();
    const whole = read(bytes, OPTIONS);
    const head = read(cut, OPTIONS);
    expect(head.SheetNames).toEqual(['封面', '明细账']);
    for (const name of head.SheetNames) expect(dense(head, name)).toEqual(dense(whole, name));
    expect(dense(head, '明细账')[2]).toEqual([
      { t: 'n', v: 46143 },
      { t: 's', v: '云服务' },
      { t: 'n', v: 1000 },
      { t: 's', v: 'INV-000000' },
      { t: 's', v: '摘要 0' },
    ]);
    // The <dimension> kept at the top still states all 3,002 rows.
    expect((head.Sheets['明细账'] as { '!fullref'?: string })['!fullref']).toBe('A1:E3002');
  });

  it('holds only the rows and shared strings the preview needs', () => {
    const cut = cutWorkbookRows(bytes, entries, 60)!;
    const files = unzipSync(cut);
    const sheet = new TextDecoder().decode(files['xl/worksheets/sheet2.xml']);
    expect(sheet.match(/<\/row>/g)).toHaveLength(60);
    const strings = new TextDecoder().decode(files['xl/sharedStrings.xml']);
    // 7 title/header strings, 4 categories and 2 per data row for the 58 data rows kept, in first-use order.
    expect(strings.match(/<\/si>/g)!.length).toBeLessThanOrEqual(7 + 4 + 2 * 58 + 2);
    const whole = unzipSync(bytes);
    expect(whole['xl/sharedStrings.xml']!.length).toBeGreaterThan(files['xl/sharedStrings.xml']!.length * 20);
  });

  it('returns null when no sheet is longer than the limit, so the original bytes are read', () => {
    const small = ledgerWorkbook(10);
    expect(cutWorkbookRows(small, readZipDirectory(small)!, 60)).toBeNull();
  });

  it('returns null for an entry whose local header is missing (damaged file), leaving the message to the reader', () => {
    const damaged = bytes.slice();
    const sheet = entries.find((e) => e.name === 'xl/worksheets/sheet2.xml')!;
    damaged[sheet.localHeaderOffset] = 0;
    expect(cutWorkbookRows(damaged, entries, 60)).toBeNull();
  });

  it('keeps every shared string the first rows use, also after a styled empty (self-closing) cell', () => {
    const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
    // Row 1 uses string 30 (the last one needed) right after a self-closing styled cell.
    const rows = Array.from(
      { length: 200 },
      (_, i) =>
        `<row r="${i + 1}"><c r="A${i + 1}" s="0"/><c r="B${i + 1}" t="s"><v>${i === 0 ? 30 : i % 5}</v></c></row>`,
    ).join('');
    const files = unzipSync(ledgerWorkbook(12));
    files['xl/worksheets/sheet2.xml'] = strToU8(
      `<?xml version="1.0"?><worksheet xmlns="${ns}"><dimension ref="A1:B200"/><sheetData>${rows}</sheetData></worksheet>`,
    );
    const styled = zipSync(files);
    const cut = cutWorkbookRows(styled, readZipDirectory(styled)!, 25)!;
    const whole = read(styled, { ...OPTIONS, sheetRows: 25 });
    const head = read(cut, { ...OPTIONS, sheetRows: 25 });
    expect(dense(head, '明细账')).toEqual(dense(whole, '明细账'));
    expect(dense(head, '明细账')[0]![1]).toEqual(dense(whole, '明细账')[0]![1]);
    expect(typeof dense(head, '明细账')[0]![1]!.v).toBe('string');
  });

  it('cuts sheets written with a namespace prefix (x:worksheet, x:row)', () => {
    const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
    const rows = Array.from(
      { length: 200 },
      (_, i) => `<x:row r="${i + 1}"><x:c r="A${i + 1}"><x:v>${i}</x:v></x:c></x:row>`,
    ).join('');
    const files = unzipSync(ledgerWorkbook(10));
    files['xl/worksheets/sheet2.xml'] = strToU8(
      `<?xml version="1.0"?><x:worksheet xmlns:x="${ns}"><x:dimension ref="A1:A200"/><x:sheetData>${rows}</x:sheetData></x:worksheet>`,
    );
    const prefixed = zipSync(files);
    const cut = cutWorkbookRows(prefixed, readZipDirectory(prefixed)!, 25)!;
    const sheet = new TextDecoder().decode(unzipSync(cut)['xl/worksheets/sheet2.xml']);
    expect(sheet.match(/<\/x:row>/g)).toHaveLength(25);
    expect(sheet.endsWith('</x:sheetData></x:worksheet>')).toBe(true);
  });
});

describe('previewFile on a large workbook', () => {
  it('shows the same header, rows and mapping as the import reads', () => {
    const bytes = ledgerWorkbook();
    const p = previewFile(bytes, 'ledger.xlsx', { categories: CATEGORIES, rows: 5 });
    expect(p.fatal).toBeNull();
    expect(p.sheetName).toBe('明细账');
    expect(p.headers).toEqual(['交易日期', '类别', '金额（元）', '发票号', '摘要']);
    expect(p.rows.map((r) => r.row)).toEqual([3, 4, 5, 6, 7]);
    expect(p.rows[1]!.cells).toEqual(['46144', 'IDC服务', '1000.01', 'INV-000001', '摘要 1']);
    expect(p.guessedMapping).toEqual(['date', 'category', 'amount', 'reference', 'description']);
    const all = parseFile(bytes, 'ledger.xlsx', {
      ...BASE,
      maxRows: ROWS,
      mapping: p.guessedMapping,
      sheetName: '明细账',
    });
    expect(all.fatal).toBeNull();
    expect(all.accepted.length).toBe(ROWS);
  });
});
