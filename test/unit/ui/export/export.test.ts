/**
 * CSV and .xlsx writers: typed cells, formula-injection neutralisation, and a
 * workbook read back with SheetJS to prove what a spreadsheet will see.
 */
import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { fromMillions as m } from '../../../../src/domain/money';
import { isFormulaLike, neutraliseFormula } from '../../../../src/ui/export/neutralise';
import { cellText, csvBlob, excelSerial, type ExportTable, toCsv, xlsxBlob } from '../../../../src/ui/export/table';
import { safeFileName } from '../../../../src/ui/export/download';

const table: ExportTable = {
  name: 'Status',
  columns: [
    { header: 'Category', kind: 'text' },
    { header: 'Binding cap', kind: 'amount' },
    { header: 'Utilisation %', kind: 'percent' },
    { header: 'Through', kind: 'date' },
    { header: 'Note', kind: 'text' },
  ],
  rows: [
    ['Cloud services', m('2,309.8'), new Decimal('2255.2').div('2309.8'), '2025-12-31', 'Audited, "full year"'],
    ['硬件设备', m('33.5'), new Decimal('29.6').div('33.5'), '2025-12-31', '=HYPERLINK("http://x","y")'],
    ['API services', null, null, null, '-2+3'],
    ['IDC', m('-0.5'), new Decimal(0), '2026-04-23', '@SUM(A1)'],
  ],
};

describe('formula-injection neutralisation', () => {
  it('prefixes text starting with = + - @ tab or CR, and leaves other text alone', () => {
    for (const bad of ['=1+1', '+1', '-1', '@A1', '\t=1', '\r=1']) {
      expect(isFormulaLike(bad)).toBe(true);
      expect(neutraliseFormula(bad)).toBe(`'${bad}`);
    }
    for (const ok of ['Cloud services', '云服务', '1,234.5', '', ' =not first', "'=already"]) {
      expect(neutraliseFormula(ok)).toBe(ok);
    }
  });
});

describe('CSV', () => {
  it('writes amounts in millions with one decimal, percents to one decimal and ISO dates', () => {
    expect(cellText('amount', m('2,309.8'))).toBe('2309.8');
    expect(cellText('percent', new Decimal('2255.2').div('2309.8'))).toBe('97.6');
    expect(cellText('amount', m('-0.5'))).toBe('-0.5');
    expect(cellText('date', '2026-04-23')).toBe('2026-04-23');
  });

  it('quotes, neutralises text (never numbers) and ends lines with CRLF', () => {
    const lines = toCsv(table).split('\r\n');
    expect(lines[0]).toBe('Category,Binding cap,Utilisation %,Through,Note');
    expect(lines[1]).toBe('Cloud services,2309.8,97.6,2025-12-31,"Audited, ""full year"""');
    expect(lines[2]).toBe('硬件设备,33.5,88.4,2025-12-31,"\'=HYPERLINK(""http://x"",""y"")"');
    expect(lines[3]).toBe("API services,,,,'-2+3");
    // A negative amount is a number, not text: not prefixed.
    expect(lines[4]).toBe("IDC,-0.5,0.0,2026-04-23,'@SUM(A1)");
    expect(lines[5]).toBe('');
  });

  it('starts the file with a UTF-8 byte-order mark so Excel reads Chinese', async () => {
    const bytes = new Uint8Array(await csvBlob(table).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toContain('硬件设备');
  });
});

describe('xlsx', () => {
  it('keeps amounts and percents as numbers with formats, dates as dates, text neutralised', async () => {
    const XLSX = await import('@e965/xlsx');
    const blob = await xlsxBlob([table], {
      title: 'Headroom export — status',
      lines: [
        ['As of', 'December 31, 2025'],
        ['Note', '=evil()'],
      ],
    });
    const wb = XLSX.read(new Uint8Array(await blob.arrayBuffer()), { type: 'array', cellNF: true });
    expect(wb.SheetNames).toEqual(['Status', 'About']);
    const ws = wb.Sheets.Status!;
    expect(ws.A1!.v).toBe('Category');
    expect(ws.B2).toMatchObject({ t: 'n', v: 2309.8, z: '#,##0.0' });
    expect(ws.C2).toMatchObject({ t: 'n', v: 0.976, z: '0.0%' });
    expect(ws.D2).toMatchObject({ t: 'n', v: excelSerial('2025-12-31') });
    expect(excelSerial('2025-12-31')).toBe(46022);
    expect(ws.E3).toMatchObject({ t: 's', v: '\'=HYPERLINK("http://x","y")' });
    expect(ws.E3!.f).toBeUndefined();
    expect(ws.B4).toBeUndefined();
    expect(ws.B5).toMatchObject({ t: 'n', v: -0.5 });
    expect(wb.Sheets.About!.B3!.v).toBe("'=evil()");
  });
});

describe('file names', () => {
  it('keeps letters, digits, dots and dashes', () => {
    expect(safeFileName('monthly report 2026-06-30', 'csv')).toBe('monthly-report-2026-06-30.csv');
    expect(safeFileName('云服务', 'png')).toBe('headroom.png');
  });
});

describe('amounts with the precision their agreement disclosed', () => {
  // A register cap of 26.47 million (two decimals) beside the built-in 2,309.8 (one).
  const mixed: ExportTable = {
    name: 'Status',
    columns: [
      { header: 'Category', kind: 'text' },
      { header: 'Binding cap', kind: 'amount' },
      { header: 'Actual', kind: 'amount' },
    ],
    rows: [
      ['Cloud services', m('2309.8'), m('2255.2')],
      ['Warehousing', m('26.47'), m('18.3')],
    ],
    rowDecimals: [1, 2],
  };

  it('CSV: 26.47 stays 26.47 and its agreement’s other amounts take two decimals; the built-in row keeps one', () => {
    expect(toCsv(mixed).split('\r\n').slice(1, 3)).toEqual(['Cloud services,2309.8,2255.2', 'Warehousing,26.47,18.30']);
    expect(cellText('amount', m('26.47'))).toBe('26.5'); // without the row's precision: what the issue saw
  });

  it('.xlsx: the number keeps its decimals and the format shows them', async () => {
    const XLSX = await import('@e965/xlsx');
    const blob = await xlsxBlob([mixed], { title: 'x', lines: [] });
    const ws = XLSX.read(new Uint8Array(await blob.arrayBuffer()), { type: 'array', cellNF: true }).Sheets.Status!;
    expect(ws.B2).toMatchObject({ t: 'n', v: 2309.8, z: '#,##0.0' });
    expect(ws.B3).toMatchObject({ t: 'n', v: 26.47, z: '#,##0.00' });
    expect(ws.C3).toMatchObject({ t: 'n', v: 18.3, z: '#,##0.00' });
  });
});
