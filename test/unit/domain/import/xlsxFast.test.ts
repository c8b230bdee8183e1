import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { read as readWorkbook, utils, write as writeWorkbook, type WorkBook } from '@e965/xlsx';
import { zipSync, unzipSync, strToU8, strFromU8 } from 'fflate';
import { readPlainWorkbook } from '../../../../src/domain/import/xlsxFast';
import { readZipDirectory } from '../../../../src/domain/import/zip';
import { parseFile, xlsxFastReader } from '../../../../src/domain/import/parseFile';
import { parseRulesFile } from '../../../../src/domain/classify/rulesFile';
import { kingsoftCloudXiaomi2026 } from '../../../../src/domain/disclosed/kingsoftCloudXiaomi2026';
import { parseRawLedger, rawCategoriesOf, type RawLedgerOptions } from '../../../../src/domain/import/rawLedger';
import { readFileSync } from 'node:fs';
import { BASE, FIXTURES, fixture } from './helpers';

/** SheetJS under parseFile's options (xlsxWorkbook in parseFile.ts). */
function sheetJs(bytes: Uint8Array, sheetRows: number): WorkBook {
  return readWorkbook(bytes, {
    type: 'array',
    dense: true,
    cellDates: false,
    cellHTML: false,
    cellText: false,
    cellStyles: false,
    cellNF: false,
    sheetStubs: true,
    cellFormula: true,
    sheetRows,
  });
}

function fast(bytes: Uint8Array, sheetRows: number): WorkBook | null {
  return readPlainWorkbook(bytes, readZipDirectory(bytes)!, sheetRows);
}

/** What Headroom consumes of a workbook (parseFile.ts workbookTable). */
function consumed(wb: WorkBook) {
  return {
    SheetNames: wb.SheetNames,
    date1904: Boolean((wb.Workbook as { WBProps?: { date1904?: boolean } } | undefined)?.WBProps?.date1904),
    Sheets: wb.SheetNames.map((n) => {
      const ws = wb.Sheets[n] as Record<string, unknown>;
      return { name: n, data: ws['!data'], ref: ws['!ref'], fullref: ws['!fullref'] };
    }),
  };
}

function expectSame(bytes: Uint8Array, sheetRows = 0): WorkBook {
  const mine = fast(bytes, sheetRows);
  expect(mine, 'the fast reader read it').not.toBeNull();
  expect(consumed(mine!)).toStrictEqual(consumed(sheetJs(bytes, sheetRows)));
  return mine!;
}

function book(
  sheets: [string, unknown[][]][],
  opts: { bookSST?: boolean; date1904?: boolean; hidden?: string[] } = {},
) {
  const wb = utils.book_new();
  for (const [name, aoa] of sheets) utils.book_append_sheet(wb, utils.aoa_to_sheet(aoa), name);
  if (opts.date1904) wb.Workbook = { ...(wb.Workbook ?? {}), WBProps: { date1904: true } };
  if (opts.hidden) {
    wb.Workbook ??= {};
    wb.Workbook.Sheets = wb.SheetNames.map((n) => ({ Hidden: opts.hidden!.includes(n) ? 1 : 0 }));
  }
  return new Uint8Array(
    writeWorkbook(wb, {
      type: 'array',
      bookType: 'xlsx',
      bookSST: opts.bookSST ?? true,
      compression: true,
    }) as ArrayBuffer,
  );
}

/** The same .xlsx with one part's text changed. */
function edit(bytes: Uint8Array, path: string, change: (xml: string) => string): Uint8Array {
  const files = unzipSync(bytes);
  files[path] = strToU8(change(strFromU8(files[path]!)));
  return zipSync(files);
}

const LEDGER: unknown[][] = [
  ['Date', 'Category', 'Amount', 'Counterparty', 'Note'],
  [46023, 'Cloud services', 1234.5, '小米集團 & Co <HK>', 'first'],
  [46024, 'Cloud services', -0.01, 'Kingsoft "Cloud"', ''],
  [46025, 'Hardware', 1e21, "O'Brien", null],
  [46026, 'Hardware', true, false, 'booleans'],
  [],
  [46028, '', 3.14159, '', '  spaces kept  '],
];

describe('readPlainWorkbook reads what SheetJS reads', () => {
  const xlsxFiles: string[] = [];
  const walk = (dir: string) => {
    for (const f of readdirSync(dir)) {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) walk(p);
      // Zip bombs are refused before any reader runs (zipBombReason in parseFile.ts).
      else if (f.endsWith('.xlsx') && !f.startsWith('zip-bomb')) xlsxFiles.push(relative(FIXTURES, p));
    }
  };
  walk(FIXTURES);

  it.each(xlsxFiles)('fixture %s: same consumed fields, or a fallback', (path) => {
    const bytes = fixture(path);
    const entries = readZipDirectory(bytes);
    if (!entries) return expect(fast(bytes, 0) === null || entries).toBeTruthy();
    let reference: WorkBook | null = null;
    try {
      reference = sheetJs(bytes, 0);
    } catch {
      // SheetJS refuses it: the fast reader must not read it either.
    }
    const mine = readPlainWorkbook(bytes, entries, 0);
    if (mine) {
      expect(reference).not.toBeNull();
      expect(consumed(mine)).toStrictEqual(consumed(reference!));
      const limited = readPlainWorkbook(bytes, entries, 3);
      expect(consumed(limited!)).toStrictEqual(consumed(sheetJs(bytes, 3)));
    }
  });

  it('reads the good fixtures itself (no fallback)', () => {
    for (const p of ['good/serial-dates.xlsx', 'erp/kingdee-receivables.xlsx']) expectSame(fixture(p));
  });

  it('shared strings and inline strings, numbers, booleans, blanks, Chinese and escapes', () => {
    for (const bookSST of [true, false]) {
      const wb = expectSame(book([['Ledger', LEDGER]], { bookSST }));
      const rows = (wb.Sheets.Ledger as { '!data': { t: string; v: unknown }[][] })['!data'];
      expect(rows[1]![3]).toMatchObject({ t: 's', v: '小米集團 & Co <HK>' });
      expect(rows[3]![2]).toMatchObject({ t: 'n', v: 1e21 });
      expect(rows[4]![2]).toMatchObject({ t: 'b', v: true });
      expect(rows[5]).toBeUndefined();
      expect(rows.length).toBe(7);
    }
  });

  it('sheetRows limits: rows cut, !fullref kept', () => {
    const big: unknown[][] = [['Date', 'Amount']];
    for (let i = 0; i < 50; i++) big.push([46000 + i, i * 1.25]);
    const bytes = book([['Ledger', big]]);
    for (const limit of [0, 1, 2, 10, 50, 51, 52, 100]) expectSame(bytes, limit);
    const wb = expectSame(bytes, 10);
    expect((wb.Sheets.Ledger as Record<string, unknown>)['!fullref']).toBe('A1:B51');
    expect((wb.Sheets.Ledger as { '!data': unknown[] })['!data'].length).toBe(10);
  });

  it('several sheets with a cover sheet, a hidden sheet and an empty sheet', () => {
    const bytes = book(
      [
        ['Cover', [['Kingsoft Cloud ledger export'], [], ['Prepared 2026-03-31']]],
        ['Empty', []],
        ['Ledger', LEDGER],
        ['Secret', [['x', 1]]],
      ],
      { hidden: ['Secret'] },
    );
    const wb = expectSame(bytes);
    expect(wb.SheetNames).toEqual(['Cover', 'Empty', 'Ledger', 'Secret']);
  });

  it('a 1904 workbook', () => {
    const wb = expectSame(book([['Ledger', LEDGER]], { date1904: true }));
    expect((wb.Workbook as { WBProps: { date1904: boolean } }).WBProps.date1904).toBe(true);
  });

  it('sparse rows and columns', () => {
    const ws = utils.aoa_to_sheet([['Date', 'Amount']]);
    utils.sheet_add_aoa(ws, [[1, 2]], { origin: 'D7' });
    utils.sheet_add_aoa(ws, [['far']], { origin: 'AB30' });
    const wb = utils.book_new();
    utils.book_append_sheet(wb, ws, 'S');
    const bytes = new Uint8Array(writeWorkbook(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
    for (const limit of [0, 5, 7, 29, 30]) expectSame(bytes, limit);
  });

  it('error cells, stubs, str cells, _x000D_ and entity escapes, rich text', () => {
    let bytes: Uint8Array = book([['S', [['a', 'b', 'c', 'd']]]], { bookSST: true });
    bytes = edit(bytes, 'xl/worksheets/sheet1.xml', (x) =>
      x.replace(
        /<\/sheetData>/,
        '<row r="2"><c r="A2" t="e"><v>#DIV/0!</v></c><c r="B2" t="e"><v>#N/A</v></c><c r="C2" s="1"/><c r="D2" t="str"><v>a &amp;amp; b_x000D_c</v></c></row>' +
          '<row r="4"><c r="A4" t="inlineStr"><is><t xml:space="preserve"> x &lt;y&gt; _x0041_ &#x4e2d;</t></is></c>' +
          '<c r="B4" t="inlineStr"><is><r><rPr><b/></rPr><t>Bold</t></r><r><t xml:space="preserve"> plain</t></r></is></c>' +
          '<c r="C4" t="n"/><c r="D4" t="b"><v>0</v></c><c r="E4"><v>1.5E-3</v></c><c r="F4"><v></v></c>' +
          '<c r="G4" t="inlineStr"><is><t>a<x:t>b</x:t>c</t></is></c></row></sheetData>',
      ),
    );
    bytes = edit(bytes, 'xl/sharedStrings.xml', (x) =>
      x.replace(
        '<si><t>b</t></si>',
        '<si><r><t>ri</t></r><r><rPr><i/></rPr><t>ch &amp; _x000D_</t></r><rPh><t>ruby</t></rPh></si>',
      ),
    );
    const wb = expectSame(bytes);
    const rows = (wb.Sheets.S as { '!data': { t: string; v: unknown }[][] })['!data'];
    expect(rows[0]![1]).toMatchObject({ t: 's', v: 'rich & \r' });
    expect(rows[1]![0]).toMatchObject({ t: 'e', v: 7 });
    expect(rows[1]![3]).toMatchObject({ t: 's', v: 'a & b\rc' });
    expect(rows[3]![0]).toMatchObject({ t: 's', v: ' x <y> A 中' });
    expect(rows[3]![1]).toMatchObject({ t: 's', v: 'Bold plain' });
    expect(rows[3]![2]).toEqual({ t: 'z' });
    expect(rows[3]![6]).toEqual({ t: 's', v: 'a<x:t>b' });
  });

  it('shared strings: whitespace, entities, a prefix-free rich run, the index one past the last string', () => {
    let bytes: Uint8Array = book([['S', [['a', 'b', 'c', 'd']]]], { bookSST: true });
    bytes = edit(bytes, 'xl/sharedStrings.xml', (x) =>
      x
        .replace('<si><t>a</t></si>', '<si>\n  <t xml:space="preserve">  caf&#xE9; &amp;amp; _x000D_\r\n </t>\n</si>')
        .replace('<si><t>c</t></si>', '<si><t/></si>')
        .replace('<si><t>d</t></si>', '<si><phoneticPr fontId="1"/></si>'),
    );
    // Index 4 is one past the last <si>: SheetJS's table holds an empty string there.
    const withPast = edit(bytes, 'xl/worksheets/sheet1.xml', (x) =>
      x.replace('</sheetData>', '<row r="2"><c r="A2" t="s"><v>4</v></c></row></sheetData>'),
    );
    const wb = expectSame(withPast);
    const rows = (wb.Sheets.S as { '!data': { t: string; v: unknown }[][] })['!data'];
    expect(rows[0]![0]!.v).toBe('  café &amp; \r\n ');
    expect(rows[0]![2]!.v).toBe('');
    expect(rows[0]![3]!.v).toBeUndefined();
    expect(rows[1]![0]).toMatchObject({ t: 's', v: '' });
    // Two past the last: SheetJS drops the sheet; the fast reader leaves it to SheetJS.
    const beyond = edit(bytes, 'xl/worksheets/sheet1.xml', (x) =>
      x.replace('</sheetData>', '<row r="2"><c r="A2" t="s"><v>5</v></c></row></sheetData>'),
    );
    expect(fast(beyond, 0)).toBeNull();
  });

  it('random books (fixed seeds): every cell and every row limit as SheetJS reads them', () => {
    let seed = 12;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    const texts = [
      '小米',
      'a & b',
      '<tag>',
      '"q"',
      "it's",
      ' lead',
      'trail ',
      'x_x000D_y',
      'line\nbreak',
      '#N/A',
      '',
      '1e5',
    ];
    for (let book_ = 0; book_ < 24; book_++) {
      const aoa: unknown[][] = [];
      const nRows = 1 + Math.floor(rnd() * 40);
      for (let r = 0; r < nRows; r++) {
        const row: unknown[] = [];
        const nCols = Math.floor(rnd() * 9);
        for (let c = 0; c < nCols; c++)
          row.push(
            pick<() => unknown>([
              () => null,
              () => Math.round((rnd() - 0.5) * 1e9) / 100,
              () => (rnd() - 0.5) * 10 ** Math.floor(rnd() * 40 - 20),
              () => Math.floor(rnd() * 50000),
              () => rnd() < 0.5,
              () => pick(texts) + (rnd() < 0.3 ? String(Math.floor(rnd() * 9)) : ''),
            ])(),
          );
        aoa.push(row);
      }
      const bytes = book([['R', aoa]], { bookSST: book_ % 2 === 0 });
      for (const limit of [0, 1, Math.floor(nRows / 2) + 1, nRows, nRows + 3]) expectSame(bytes, limit);
    }
  });

  it('falls back on formulas, dates, merges, CDATA and prefixes', () => {
    const base = book([['S', [['a', 1]]]]);
    const sheet = 'xl/worksheets/sheet1.xml';
    const cases = [
      edit(base, sheet, (x) =>
        x.replace('</sheetData>', '<row r="2"><c r="A2"><f>1+1</f><v>2</v></c></row></sheetData>'),
      ),
      edit(base, sheet, (x) =>
        x.replace('</sheetData>', '<row r="2"><c r="A2" t="d"><v>2026-01-01</v></c></row></sheetData>'),
      ),
      edit(base, sheet, (x) =>
        x.replace('</sheetData>', '</sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>'),
      ),
      edit(base, sheet, (x) =>
        x.replace('</sheetData>', '<row r="2"><c r="A2" t="str"><v><![CDATA[x]]></v></c></row></sheetData>'),
      ),
      edit(base, sheet, (x) => x.replace('</sheetData>', '<row r="2"><c r="A2" t="x"><v>1</v></c></row></sheetData>')),
      edit(base, sheet, (x) =>
        x.replace('</sheetData>', '</sheetData><hyperlinks><hyperlink ref="A1" location="S!A1"/></hyperlinks>'),
      ),
      edit(base, sheet, (x) =>
        x.replace(/<(\/?)(worksheet|sheetData|row|c|v)\b/g, '<$1x:$2').replace('xmlns=', 'xmlns:x='),
      ),
      edit(base, sheet, (x) =>
        x.replace('</sheetData>', '<row r="2"><c r="A2" t="s"><v>0</v><extLst/></c></row></sheetData>'),
      ),
      edit(base, sheet, (x) => x.replace('</sheetData>', '<row r="1"><c r="B1"><v>1</v></c></row></sheetData>')),
      edit(base, sheet, (x) => x.replace('</sheetData>', '<row r="9"/></sheetData>')),
    ];
    for (const c of cases) expect(fast(c, 0)).toBeNull();
    // Each of those is still read by SheetJS (the fallback) without a refusal.
    for (const c of cases.slice(0, 3)) expect(() => sheetJs(c, 0)).not.toThrow();
    expect(fast(fixture('bad/formulas-only.xlsx'), 0)).toBeNull();
  });
});

const RULES = parseRulesFile(
  readFileSync(join(FIXTURES, 'erp/rules.json'), 'utf8'),
  'rules.json',
  kingsoftCloudXiaomi2026.categories.map((c) => c.id),
);
const RAW: RawLedgerOptions = {
  unit: 'yuan',
  maxRows: 1000,
  functionalCurrency: 'RMB',
  categories: rawCategoriesOf(kingsoftCloudXiaomi2026, RULES.capBasis),
  entities: RULES.entities,
  rules: RULES.rules,
};

describe('parseFile gives the same result with the fast reader on and off', () => {
  function both<T>(run: () => T): [T, T] {
    xlsxFastReader.enabled = false;
    try {
      const slow = run();
      xlsxFastReader.enabled = true;
      return [slow, run()];
    } finally {
      xlsxFastReader.enabled = true;
    }
  }
  const files: [string, Uint8Array][] = [
    ['good/serial-dates.xlsx', fixture('good/serial-dates.xlsx')],
    ['erp/kingdee-receivables.xlsx', fixture('erp/kingdee-receivables.xlsx')],
    ['bad/xlsx-bad-rows.xlsx', fixture('bad/xlsx-bad-rows.xlsx')],
    ['bad/xlsx-missing-category.xlsx', fixture('bad/xlsx-missing-category.xlsx')],
    ['bad/formulas-only.xlsx', fixture('bad/formulas-only.xlsx')],
  ];
  it.each(files)('%s: parseFile and parseRawLedger', (name, bytes) => {
    const [a, b] = both(() => parseFile(bytes, name, BASE));
    expect(b).toStrictEqual(a);
    const [c, d] = both(() => parseRawLedger(bytes, name, RAW));
    expect(d).toStrictEqual(c);
  });
});
