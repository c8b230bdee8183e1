import { read, utils } from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { fromDayNumber, toDayNumber } from '../../../../src/domain/dates';
import { kingsoftCloudXiaomi2026 } from '../../../../src/domain/disclosed/kingsoftCloudXiaomi2026';
import { stringAt } from '../../../../src/domain/import/accepted';
import { importCategoriesFrom } from '../../../../src/domain/import/categories';
import { parseFile } from '../../../../src/domain/import/parseFile';
import {
  blockToCells,
  blockToCsv,
  csvHeader,
  ledgerCsvBlob,
  ledgerXlsxBlob,
} from '../../../../src/features/transactions/ledgerExport';
import { packStrings } from '../../../../src/domain/import/accepted';
import type { LedgerBlock } from '../../../../src/storage/ledgerStore';

const CATS = ['cloud-services', 'idc-services'];

const ROWS = [
  { date: '2026-05-01', cat: 0, fen: -50_000, ref: '=SUM(A1:A9)', desc: 'credit note' },
  { date: '2026-05-02', cat: 1, fen: 123_456, ref: '+8613800000000', desc: '-minus first' },
  { date: '2026-05-03', cat: 0, fen: 1, ref: '@cmd', desc: '\tleading tab' },
  { date: '2026-05-04', cat: 1, fen: 99_999_999_999, ref: 'INV-7', desc: '\rleading CR' },
  { date: '2026-05-05', cat: 0, fen: -5, ref: 'PO "quoted", comma', desc: '云服务费，五月\n第二行' },
] as const;

function block(): LedgerBlock {
  return {
    source: 'import',
    batchId: 'b-1',
    fileName: '=evil.csv',
    categoryIds: CATS,
    length: ROWS.length,
    day: Int32Array.from(ROWS, (r) => toDayNumber(r.date)),
    category: Uint8Array.from(ROWS, (r) => r.cat),
    amountMinor: Float64Array.from(ROWS, (r) => r.fen),
    reference: packStrings(ROWS.map((r) => r.ref)),
    description: packStrings(ROWS.map((r) => r.desc)),
    rowNumber: Int32Array.from(ROWS, (_, i) => i + 2),
  };
}

const source = async (fn: (b: LedgerBlock) => void | Promise<void>) => {
  await fn(block());
  return ROWS.length;
};

describe('ledger export: formula injection', () => {
  it('CSV: text cells starting with = + - @ tab or CR get an apostrophe; amounts stay plain numbers', () => {
    const lines = blockToCsv(block()).split('\r\n');
    expect(lines[0]).toBe("2026-05-01,cloud-services,-500.00,'=SUM(A1:A9),credit note,'=evil.csv,2");
    expect(lines[1]).toBe("2026-05-02,idc-services,1234.56,'+8613800000000,'-minus first,'=evil.csv,3");
    expect(lines[2]).toBe("2026-05-03,cloud-services,0.01,'@cmd,'\tleading tab,'=evil.csv,4");
    expect(lines[3]).toBe(`2026-05-04,idc-services,999999999.99,INV-7,"'\rleading CR",'=evil.csv,5`);
    expect(csvHeader()).toBe('Date,Category,Amount (RMB),Reference,Description,Source,Source row\r\n');
  });

  it('xlsx cells: numbers for date and amount (negative stays numeric), neutralised text', () => {
    const cells = blockToCells(block());
    expect(cells[0]![0]).toEqual({ t: 'n', v: 46143, z: 'yyyy-mm-dd' }); // Excel serial of 2026-05-01
    expect(cells[0]![2]).toEqual({ t: 'n', v: -500, z: '#,##0.00' });
    expect(cells[0]![3]).toEqual({ t: 's', v: "'=SUM(A1:A9)" });
    expect(cells[1]![4]).toEqual({ t: 's', v: "'-minus first" });
    expect(cells[4]![2]).toEqual({ t: 'n', v: -0.05, z: '#,##0.00' });
    expect(cells[4]![3]).toEqual({ t: 's', v: 'PO "quoted", comma' });
  });
});

describe('ledger export: round trip through the importer', () => {
  const expected = ROWS.map((r) => ({
    date: r.date,
    cat: CATS[r.cat],
    fen: r.fen,
    // What comes back is the neutralised text: the apostrophe is part of the cell.
    ref: /^[=+\-@\t\r]/.test(r.ref) ? `'${r.ref}` : r.ref,
  }));

  function rowsOf(bytes: Uint8Array, name: string) {
    const res = parseFile(bytes, name, {
      unit: 'yuan',
      maxRows: 100,
      categories: importCategoriesFrom(kingsoftCloudXiaomi2026.categories),
    });
    expect(res.fatal).toBeNull();
    expect(res.errors).toEqual([]);
    const a = res.accepted;
    return Array.from({ length: a.length }, (_, i) => ({
      date: fromDayNumber(a.day[i]!),
      cat: res.categoryIds[a.category[i]!],
      fen: a.amountMinor[i]!,
      ref: stringAt(a.reference, i),
    }));
  }

  it('CSV export reads back with the same dates, categories and exact amounts', async () => {
    const { blob, rows } = await ledgerCsvBlob(source);
    expect(rows).toBe(5);
    const bytes = new Uint8Array(await blob.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // BOM for Excel
    expect(rowsOf(bytes, 'ledger.csv')).toEqual(expected);
  });

  it('.xlsx export reads back the same, with amounts as numbers', async () => {
    const { blob } = await ledgerXlsxBlob(source);
    const bytes = new Uint8Array(await blob.arrayBuffer());
    const wb = read(bytes);
    const sheet = wb.Sheets.Ledger!;
    expect(sheet.C2).toMatchObject({ t: 'n', v: -500 });
    expect(sheet.D2).toMatchObject({ t: 's', v: "'=SUM(A1:A9)" });
    expect(utils.sheet_to_json(sheet, { header: 1 })[0]).toEqual([
      'Date',
      'Category',
      'Amount (RMB)',
      'Reference',
      'Description',
      'Source',
      'Source row',
    ]);
    expect(rowsOf(bytes, 'ledger.xlsx')).toEqual(expected);
  });
});

describe('ledger export with an HK$ category (cap register)', () => {
  // idc-services stands in for an HK$ register category: the export only asks for each category's currency.
  const currencyOf = (id: string) => (id === 'idc-services' ? ('HKD' as const) : ('RMB' as const));

  it('CSV: the amount header claims no currency and a Currency column names each row’s', async () => {
    expect(csvHeader(currencyOf)).toBe('Date,Category,Amount,Currency,Reference,Description,Source,Source row\r\n');
    const lines = blockToCsv(block(), currencyOf).split('\r\n');
    expect(lines[0]).toBe("2026-05-01,cloud-services,-500.00,RMB,'=SUM(A1:A9),credit note,'=evil.csv,2");
    expect(lines[1]).toBe("2026-05-02,idc-services,1234.56,HKD,'+8613800000000,'-minus first,'=evil.csv,3");
    const text = new TextDecoder().decode(await (await ledgerCsvBlob(source, currencyOf)).blob.arrayBuffer());
    // TextDecoder drops the byte-order mark.
    expect(text.split('\r\n')[0]).toBe('Date,Category,Amount,Currency,Reference,Description,Source,Source row');
  });

  it('.xlsx: the same columns, the amount still a number', async () => {
    const { blob } = await ledgerXlsxBlob(source, currencyOf);
    const sheet = read(new Uint8Array(await blob.arrayBuffer())).Sheets.Ledger!;
    expect(utils.sheet_to_json(sheet, { header: 1 })[0]).toEqual([
      'Date',
      'Category',
      'Amount',
      'Currency',
      'Reference',
      'Description',
      'Source',
      'Source row',
    ]);
    expect(sheet.C3).toMatchObject({ t: 'n', v: 1234.56 });
    expect(sheet.D3).toMatchObject({ t: 's', v: 'HKD' });
    expect(sheet.D2).toMatchObject({ t: 's', v: 'RMB' });
  });
});
