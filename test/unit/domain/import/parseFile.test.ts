// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  categoryDailyTotals,
  columnStrings,
  duplicateSkipMask,
  stringAt,
} from '../../../../src/domain/import/accepted';
import { parseFile, previewFile } from '../../../../src/domain/import/parseFile';
import { fromDayNumber, toDayNumber } from '../../../../src/domain/dates';
import { sumDays } from '../../../../src/domain/ledgerTotals';
import { BASE, CATEGORIES, fixture, parseText, totals } from './helpers';
import { fatalText } from '../../../../src/ui/messages/importFatal';

/** The refusal as the English reader sees it (src/ui/messages/importFatal.ts), or '' when there is none. */
const fatalEn = (r: { fatal: Parameters<typeof fatalText>[0] | null }): string =>
  r.fatal ? fatalText(r.fatal, 'en') : '';

const HEAD = 'Date,Category,Amount,Invoice,Memo\n';

describe('parseFile options', () => {
  it('uses an explicit mapping instead of the guess', () => {
    const text = 'A,B,C\n2026-05-01,cloud-services,100\n';
    const guessed = parseText(text);
    expect(guessed.guessedMapping).toEqual(['date', 'category', 'amount']); // from values
    const r = parseText('X,Y,Z\n100,2026-05-01,cloud-services\n', { mapping: ['amount', 'date', 'category'] });
    expect(r.fatal).toBeNull();
    expect(r.mapping).toEqual(['amount', 'date', 'category']);
    expect(Array.from(r.accepted.amountMinor)).toEqual([10000]);
  });

  it('refuses a mapping that gives one role to two columns', () => {
    const r = parseText(HEAD + '2026-05-01,cloud-services,1,I,M\n', { mapping: ['date', 'amount', 'amount'] });
    expect(r.fatal?.code).toBe('invalid-mapping');
    expect(fatalEn(r)).toBe('test.csv: both column B and column C are mapped to amount; map each role to one column');
  });

  it('puts every row in the default category when no column holds one', () => {
    const r = parseText('日期,金额\n2026-05-01,10\n2026-05-02,20\n', { defaultCategoryId: 'idc-services' });
    expect(r.fatal).toBeNull();
    expect(totals(r)['idc-services']).toBe(3000n);
  });

  it('scales amounts by the chosen unit', () => {
    const text = HEAD + '2026-05-01,cloud-services,"2,309.8",I,M\n';
    expect(totals(parseText(text, { unit: 'million' }))['cloud-services']).toBe(230_980_000_000n);
    expect(totals(parseText(text, { unit: 'thousand' }))['cloud-services']).toBe(230_980_000n);
    expect(totals(parseText(text, { unit: 'yuan' }))['cloud-services']).toBe(230_980n);
  });

  it('stops at the row limit before reading the rest', () => {
    const rows = Array.from({ length: 50 }, (_, i) => `2026-05-01,cloud-services,${i},I${i},M`).join('\n');
    const r = parseText(HEAD + rows + '\n', { maxRows: 5 });
    expect(r.fatal).toMatchObject({ code: 'too-many-rows', row: 7, params: { limit: 5 } });
    expect(parseText(HEAD + rows + '\n', { maxRows: 50 }).accepted.length).toBe(50);
  });

  it('lists at most maxErrors errors but counts them all, sorted by row', () => {
    const rows = Array.from({ length: 30 }, (_, i) => `2026-05-01,cloud-services,x${i},I,M`).join('\n');
    const r = parseText(HEAD + rows + '\n', { maxErrors: 4 });
    expect(r.errorCount).toBe(30);
    expect(r.errors.map((e) => e.row)).toEqual([2, 3, 4, 5]);
  });

  it('reads the sheet asked for and names the sheets when it is missing', () => {
    const bytes = fixture('good/serial-dates.xlsx');
    const r = parseFile(bytes, 'w.xlsx', { ...BASE, sheetName: 'Nope' });
    expect(r.fatal?.code).toBe('sheet-not-found');
    expect(fatalEn(r)).toBe('w.xlsx: there is no sheet named "Nope" (sheets: Ledger)');
    expect(parseFile(bytes, 'w.xlsx', { ...BASE, sheetName: 'Ledger' }).accepted.length).toBe(8);
  });
});

describe('rows and values', () => {
  it('accepts a multi-line quoted description but not a line break in a reference', () => {
    const good = parseText(
      HEAD + '2026-05-01,cloud-services,1,INV-1,"line one\nline two"\n2026-05-02,cloud-services,2,INV-2,x\n',
    );
    expect(good.fatal).toBeNull();
    expect(stringAt(good.accepted.description, 0)).toBe('line one\nline two');
    expect(Array.from(good.accepted.rowNumber)).toEqual([2, 3]);
    const bad = parseText(HEAD + '2026-05-01,cloud-services,1,"INV-1\nINV-2",x\n');
    expect(bad.fatal).toMatchObject({ code: 'unbalanced-quote', row: 2, column: { letter: 'D' } });
  });

  it('trims references and descriptions and unescapes doubled quotes', () => {
    const r = parseText(HEAD + '2026-05-01,cloud-services,1,  INV-1 ,"say ""hi"" "\n');
    expect(columnStrings(r.accepted.reference)).toEqual(['INV-1']);
    expect(columnStrings(r.accepted.description)).toEqual(['say "hi"']);
  });

  it('skips blank rows and says so', () => {
    const r = parseText(HEAD + '2026-05-01,cloud-services,1,I,M\n,,,,\n\n2026-05-02,cloud-services,2,I,M\n');
    expect(r.rowCount).toBe(2);
    expect(Array.from(r.accepted.rowNumber)).toEqual([2, 5]);
    expect(r.notices).toContainEqual(expect.objectContaining({ code: 'blank-rows-skipped', params: { count: 2 } }));
  });

  it('takes a year-first or Chinese date in a file whose other dates are dd/mm', () => {
    const r = parseText(
      HEAD + '2026年5月1日,cloud-services,1,I,M\n23/05/2026,cloud-services,2,I,M\n2026/6/1,cloud-services,3,I,M\n',
    );
    expect(r.dateOrder).toBe('dmy');
    expect(Array.from(r.accepted.day, fromDayNumber)).toEqual(['2026-05-01', '2026-05-23', '2026-06-01']);
  });

  it('matches a category case-insensitively, by English or Chinese name', () => {
    const r = parseText(
      HEAD + '2026-05-01,CLOUD SERVICES,1,I,a\n2026-05-01,云服务,2,I,b\n2026-05-01,Cloud-Services,3,I,c\n',
    );
    expect(r.errors).toEqual([]);
    expect(totals(r)['cloud-services']).toBe(600n);
  });

  it('keeps rows dated outside their category term (ends included in the term) and says how many', () => {
    const r = parseText(
      HEAD +
        '2026-04-22,API服务,1,I,before\n2026-04-23,API服务,2,I,first day\n2027-12-31,API服务,3,I,last day\n2028-01-01,API服务,4,I,after\n',
    );
    expect(r.errors).toEqual([]);
    expect(r.notices.find((n) => n.code === 'outside-term')?.params).toEqual({ count: 2, row: 2 });
    expect(totals(r)['api-services']).toBe(1000n); // 1 + 2 + 3 + 4 yuan, nothing refused
  });
});

describe('files without a header row', () => {
  it('reads every row as data and finds the columns from their values', () => {
    const r = parseText('2026-05-01,云服务,"1,200.00",INV-1\n2026-05-02,IDC服务,300,INV-2\n');
    expect(r.fatal).toBeNull();
    expect(r.mapping.slice(0, 3)).toEqual(['date', 'category', 'amount']);
    expect(Array.from(r.accepted.rowNumber)).toEqual([1, 2]);
    expect(totals(r)['cloud-services']).toBe(120000n);
    expect(r.notices[0]).toMatchObject({ code: 'no-header-row', params: { row: 1 } });
  });

  it('still treats a row of unknown words as the header', () => {
    const r = parseText('Foo,Bar,Baz\n2026-05-01,cloud-services,1\n');
    expect(r.headers).toEqual(['Foo', 'Bar', 'Baz']);
    expect(r.accepted.length).toBe(1);
  });
});

describe('Excel text formulas', () => {
  it('keeps the leading zeros of ="00123" references', () => {
    const r = parseText(HEAD + '2026-05-01,cloud-services,1,"=""0012345""",x\n');
    expect(stringAt(r.accepted.reference, 0)).toBe('0012345');
  });
});

describe('duplicates within the file', () => {
  const text =
    HEAD +
    '2026-05-01,cloud-services,100,INV-1,a\n' +
    '2026-05-01,cloud-services,100,INV-2,a\n' + // other invoice: not a duplicate
    '2026-05-01,cloud-services,100,INV-1,a\n' + // repeats row 2
    '2026-05-01,idc-services,100,INV-1,a\n' + // other category
    '2026-05-01,cloud-services,100,INV-1,a\n'; // repeats row 2 again

  it('pairs each repeated row with the first one and marks it in duplicateOf', () => {
    const r = parseText(text);
    expect(r.duplicatesInFile).toEqual([
      { row: 4, firstRow: 2 },
      { row: 6, firstRow: 2 },
    ]);
    expect(r.duplicateCount).toBe(2);
    expect(Array.from(r.accepted.duplicateOf)).toEqual([-1, -1, 0, -1, 0]);
  });

  it('totals include duplicates; a skip mask leaves them out', () => {
    const r = parseText(text);
    expect(totals(r)['cloud-services']).toBe(40000n);
    const skipped = categoryDailyTotals(r.accepted, r.categoryIds, duplicateSkipMask(r.accepted));
    const day = toDayNumber('2026-05-01');
    expect(sumDays(skipped.get('cloud-services'), day, day)).toBe(20000n);
    expect(sumDays(skipped.get('idc-services'), day, day)).toBe(10000n);
  });
});

describe('daily totals from an import', () => {
  it('are exact per day and per category and agree with the rows', () => {
    const r = parseText(
      HEAD +
        '2026-05-02,cloud-services,0.10,I,a\n2026-05-01,cloud-services,0.20,I,b\n2026-05-02,cloud-services,-0.05,I,c\n2026-05-03,hardware-equipment,"1,000,000,000.01",I,d\n',
    );
    const cloud = r.perCategoryDailyTotals.get('cloud-services')!;
    expect(Array.from(cloud.days, fromDayNumber)).toEqual(['2026-05-01', '2026-05-02']);
    expect(Array.from(cloud.prefix)).toEqual([20n, 25n]);
    expect(totals(r)['hardware-equipment']).toBe(100_000_000_001n);
    expect(r.perCategoryDailyTotals.get('api-services')!.days.length).toBe(0);
  });
});

describe('previewFile', () => {
  it('returns headers, the first rows with their row numbers and the guessed mapping', () => {
    const p = previewFile(fixture('good/utf8-bom-chinese.csv'), 'p.csv', { categories: CATEGORIES, rows: 3 });
    expect(p.fatal).toBeNull();
    expect(p.headers).toEqual(['交易日期', '类别', '金额（元）', '发票号', '摘要']);
    expect(p.headerLayoutKey).toBe('交易日期|类别|金额|发票号|摘要');
    expect(p.guessedMapping).toEqual(['date', 'category', 'amount', 'reference', 'description']);
    expect(p.rows.map((r) => r.row)).toEqual([2, 3, 4]);
    expect(p.rows[1]!.cells).toEqual(['2026年5月4日', '云服务', '(¥12,000.50)', 'CN-2026-0002', '退款, 贷项通知单']);
  });

  it('previews workbooks and reports refused files', () => {
    const x = previewFile(fixture('good/serial-dates.xlsx'), 'p.xlsx');
    expect(x.format).toBe('xlsx');
    expect(x.rows[0]).toEqual({ row: 4, cells: ['46135', '云服务', '1234567.89', 'INV-2026-0001', '云服务费 四月'] });
    const bad = previewFile(fixture('bad/password-protected.xlsx'), 'p.xlsx');
    expect(bad.fatal?.code).toBe('encrypted-xlsx');
    expect(bad.format).toBe('xlsx');
  });

  it('reads only the head of a big file', () => {
    const big = HEAD + '2026-05-01,cloud-services,1,"INV,1",M\n'.repeat(40_000); // ~1.5 MB
    const p = previewFile(new TextEncoder().encode(big), 'big.csv');
    expect(p.fatal).toBeNull();
    expect(p.rows.length).toBe(20);
    expect(p.rows[19]!.cells[3]).toBe('INV,1');
  });
});

describe('progress', () => {
  it('reports rising fractions ending at 1', () => {
    const rows = '2026-05-01,cloud-services,1,I,M\n'.repeat(200_000);
    const seen: number[] = [];
    parseFile(new TextEncoder().encode(HEAD + rows), 'p.csv', { ...BASE, maxRows: 300_000 }, (f) => seen.push(f));
    expect(seen.length).toBeGreaterThan(3);
    expect(seen[seen.length - 1]).toBe(1);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!).toBeGreaterThanOrEqual(seen[i - 1]!);
  });
});
