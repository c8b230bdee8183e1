// @vitest-environment node
/**
 * The committed fixture corpus (test/fixtures, made by generate.mjs): every
 * good file gives the same exact per-category totals in fen; every bad file
 * gives the expected kind of problem, named with the file, row and column.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringAt } from '../../../../src/domain/import/accepted';
import { parseFile } from '../../../../src/domain/import/parseFile';
import type { FatalCode, ImportResult, RowErrorCode } from '../../../../src/domain/import/types';
import { fromDayNumber } from '../../../../src/domain/dates';
import { BASE, fixture, FIXTURES, parseText, totals } from './helpers';
import { ambiguityText, importNoticeText, rowErrorText } from '../../../../src/ui/messages/importIssues';
import { fatalText } from '../../../../src/ui/messages/importFatal';

/** The refusal as the English reader sees it (src/ui/messages/importFatal.ts), or '' when there is none. */
const fatalEn = (r: { fatal: Parameters<typeof fatalText>[0] | null }): string =>
  r.fatal ? fatalText(r.fatal, 'en') : '';

/** Totals of the eight LEDGER rows of generate.mjs, worked out by hand. */
const EXPECTED_TOTALS = {
  'cloud-services': 123_456_789n - 1_200_050n, // 1,234,567.89 − 12,000.50
  'idc-services': 88_000_000n + 12_000_010n, // 880,000.00 + 120,000.10
  'hardware-equipment': 250_000_000n - 30_025n, // 2,500,000 − 300.25
  'api-services': 4_567_890n + 1n, // 45,678.90 + 0.01
};

function parseFixture(path: string, maxRows = 1000): ImportResult {
  const name = path.split('/').pop()!;
  return parseFile(fixture(path), name, { ...BASE, unit: name.includes('thousands') ? 'thousand' : 'yuan', maxRows });
}

describe('good fixtures', () => {
  const files = readdirSync(join(FIXTURES, 'good')).sort();

  it('covers the required encodings and layouts', () => {
    expect(files).toEqual([
      'amounts-in-thousands.csv',
      'dmy-dates.csv',
      'gb18030.csv',
      'semicolon.csv',
      'serial-dates.xlsx',
      'utf16be-mdy.csv',
      'utf16le-no-bom.csv',
      'utf16le.tsv',
      'utf8-bom-chinese.csv',
    ]);
  });

  it.each(files)('%s: all 8 rows accepted with the exact totals per category in fen', (file) => {
    const r = parseFixture(`good/${file}`);
    expect(r.fatal).toBeNull();
    expect(r.errors).toEqual([]);
    expect(r.ambiguity).toBeNull();
    expect(r.rowCount).toBe(8);
    expect(r.accepted.length).toBe(8);
    expect(totals(r)).toEqual(EXPECTED_TOTALS);
    expect(r.duplicateCount).toBe(0);
    // Every amount is an integer number of fen.
    for (const v of r.accepted.amountMinor) expect(Number.isSafeInteger(v)).toBe(true);
  });

  it('reads the first row of each file as 2026-04-23 cloud services, INV-2026-0001', () => {
    for (const file of files) {
      const r = parseFixture(`good/${file}`);
      expect(fromDayNumber(r.accepted.day[0]!), file).toBe('2026-04-23');
      expect(r.categoryIds[r.accepted.category[0]!], file).toBe('cloud-services');
      expect(stringAt(r.accepted.reference, 0), file).toBe('INV-2026-0001');
      expect(stringAt(r.accepted.description, 0), file).toBe('云服务费 四月');
      // A quoted description with an embedded delimiter and doubled quotes survives.
      expect(stringAt(r.accepted.description, 3), file).toBe('带宽 "季度"');
    }
  });

  it('reports how each file was read', () => {
    const info = (f: string) => {
      const r = parseFixture(`good/${f}`);
      return [r.format, r.encoding ?? null, r.bom ?? null, r.delimiter ?? null, r.dateOrder];
    };
    expect(info('utf8-bom-chinese.csv')).toEqual(['csv', 'utf-8', true, ',', null]);
    expect(info('gb18030.csv')).toEqual(['csv', 'gb18030', false, ',', null]);
    expect(info('utf16le.tsv')).toEqual(['csv', 'utf-16le', true, '\t', null]);
    expect(info('utf16le-no-bom.csv')).toEqual(['csv', 'utf-16le', false, ',', null]);
    expect(info('utf16be-mdy.csv')).toEqual(['csv', 'utf-16be', true, ',', 'mdy']);
    expect(info('semicolon.csv')).toEqual(['csv', 'utf-8', false, ';', null]);
    expect(info('dmy-dates.csv')).toEqual(['csv', 'utf-8', false, ',', 'dmy']);
    expect(info('serial-dates.xlsx')).toEqual(['xlsx', null, null, null, null]);
  });

  it('says which row decided the day/month order', () => {
    const r = parseFixture('good/dmy-dates.csv');
    const n = r.notices.find((x) => x.code === 'date-order-inferred')!;
    expect(importNoticeText(n, 'dmy-dates.csv', 'en')).toBe(
      'dmy-dates.csv: dates read as DD/MM/YYYY because row 2 has "23/04/2026", which only fits that order',
    );
    expect(importNoticeText(n, 'dmy-dates.csv', 'zh')).toBe(
      'dmy-dates.csv：日期按日/月/年（DD/MM/YYYY）读取，因为第2行的“23/04/2026”只符合这种顺序',
    );
  });

  it('finds the header of the workbook below a title row and names the sheet', () => {
    const r = parseFixture('good/serial-dates.xlsx');
    expect(r.sheetName).toBe('Ledger');
    expect(r.headers).toEqual(['日期', '类别', '金额', '发票号', '摘要']);
    expect(r.accepted.rowNumber[0]).toBe(4);
    expect(r.notices[0]?.code).toBe('header-row-skipped');
  });

  it('guesses the mapping from Chinese and English headers alike', () => {
    const full = ['date', 'category', 'amount', 'reference', 'description'];
    expect(parseFixture('good/utf8-bom-chinese.csv').guessedMapping).toEqual(full);
    expect(parseFixture('good/gb18030.csv').guessedMapping).toEqual(full);
    expect(parseFixture('good/semicolon.csv').guessedMapping).toEqual(full);
    expect(parseFixture('good/utf16le.tsv').guessedMapping).toEqual(full);
  });
});

interface FatalCase {
  file: string;
  code: FatalCode;
  /** Text the message must contain besides the file name. */
  says: string;
  row?: number;
  column?: string;
  maxRows?: number;
}

const FATAL_CASES: FatalCase[] = [
  { file: 'empty.csv', code: 'empty-file', says: 'the file is empty' },
  { file: 'blank-lines.csv', code: 'empty-file', says: 'the file is empty' },
  { file: 'binary.csv', code: 'binary-file', says: 'binary data, not a CSV or .xlsx file' },
  { file: 'png-renamed.csv', code: 'binary-file', says: 'PNG image' },
  { file: 'html-renamed.csv', code: 'html-file', says: 'web page' },
  { file: 'invalid-encoding.csv', code: 'bad-encoding', says: 'not valid UTF-8 or GB18030' },
  { file: 'utf16-lone-surrogate.csv', code: 'bad-encoding', says: 'not valid UTF-16LE' },
  { file: 'unbalanced-quote.csv', code: 'unbalanced-quote', says: 'never closed', row: 4, column: 'C' },
  { file: 'stray-quote.csv', code: 'unbalanced-quote', says: 'stray or missing quote', row: 3, column: 'D' },
  {
    file: 'missing-amount-column.csv',
    code: 'missing-column',
    says: 'no column for the amount was found (columns: A "日期", B "类别", C "发票号", D "备注")',
  },
  { file: 'missing-date-column.csv', code: 'missing-column', says: 'no column for the date was found' },
  { file: 'xlsx-missing-category.xlsx', code: 'missing-column', says: 'no column for the category was found' },
  {
    file: 'duplicate-header.csv',
    code: 'duplicate-header',
    says: 'columns B and D are both headed "金额"',
    row: 1,
    column: 'D',
  },
  { file: 'header-only.csv', code: 'no-data-rows', says: 'no data rows under the header (row 1)' },
  { file: 'too-many-rows.csv', code: 'too-many-rows', says: 'more than 10 data rows', row: 12, maxRows: 10 },
  {
    file: 'formulas-only.xlsx',
    code: 'formulas-without-values',
    says: 'formula (=Sheet2!B2*1.06) without a saved result',
    row: 2,
    column: 'C',
  },
  { file: 'password-protected.xlsx', code: 'encrypted-xlsx', says: 'password-protected' },
  // .xls files are read now (BIFF8, HTML, SpreadsheetML); this OLE container holds an empty Workbook stream.
  { file: 'legacy.xls', code: 'corrupt-xls', says: 'the Excel 97–2003 (.xls) workbook is damaged or incomplete' },
  { file: 'zip-bomb.xlsx', code: 'zip-bomb', says: 'would expand from 305761 bytes to 314572800 bytes' },
  { file: 'zip-bomb-forged-size.xlsx', code: 'zip-bomb', says: 'declares 1000 bytes but holds' },
  {
    file: 'renamed-zip.xlsx',
    code: 'not-xlsx',
    says: 'a ZIP archive (notes.txt, photos/readme.md), not an Excel workbook',
  },
  { file: 'docx-renamed.xlsx', code: 'not-xlsx', says: 'Word document' },
  { file: 'truncated.xlsx', code: 'corrupt-xlsx', says: 'damaged or incomplete' },
];

describe('bad fixtures: the whole file is refused', () => {
  it.each(FATAL_CASES)('$file → $code', ({ file, code, says, row, column, maxRows }) => {
    const r = parseFixture(`bad/${file}`, maxRows);
    expect(r.fatal?.code).toBe(code);
    expect(r.fatal?.fileName).toBe(file);
    expect(fatalEn(r).startsWith(`${file}: `)).toBe(true);
    expect(fatalEn(r)).toContain(says);
    if (row !== undefined) {
      expect(r.fatal?.row).toBe(row);
      expect(fatalEn(r)).toContain(`row ${row}`);
    }
    if (column !== undefined) {
      expect(r.fatal?.column?.letter).toBe(column);
      expect(fatalEn(r)).toContain(`column ${column}`);
    }
    // Nothing accepted, nothing totalled.
    expect(r.accepted.length).toBe(0);
    expect(Object.values(totals(r))).toEqual([0n, 0n, 0n, 0n]);
  });
});

interface RowCase {
  file: string;
  /** [row, column letter, code, text in the message] for every error, in order. */
  errors: [number, string, RowErrorCode, string][];
  accepted: number;
}

const ROW_CASES: RowCase[] = [
  {
    file: 'bad-dates.csv',
    accepted: 2,
    errors: [
      [3, 'A', 'bad-date', '"2026-02-30" is not a date'],
      [4, 'A', 'bad-date', '"yesterday" is not a date'],
      [6, 'A', 'bad-date', '"13/13/2026" is not a date'],
      [7, 'A', 'missing-value', 'the date is empty'],
    ],
  },
  {
    file: 'bad-amounts.csv',
    accepted: 1,
    errors: [
      [3, 'C', 'bad-amount', '"12,34" is not an amount'],
      [4, 'C', 'bad-amount', '"abc" is not an amount'],
      [5, 'C', 'bad-amount', '"1.2.3" is not an amount'],
      [6, 'C', 'bad-amount', '"--5" is not an amount'],
      [7, 'C', 'bad-amount', '"1.5e+3" is not an amount'],
    ],
  },
  {
    file: 'three-decimals.csv',
    accepted: 2,
    errors: [[3, 'C', 'too-many-decimals', '"1.234" has more than two decimals of a yuan']],
  },
  {
    file: 'unknown-category.csv',
    accepted: 2,
    errors: [[3, 'B', 'unknown-category', '"Consulting" is not a known category']],
  },
  {
    // Dates outside a term are readable: kept and reported as transactions with no cap (issue 9).
    file: 'date-outside-term.csv',
    accepted: 3,
    errors: [],
  },
  {
    file: 'empty-cells.csv',
    accepted: 1,
    errors: [
      [3, 'C', 'missing-value', 'the amount is empty'],
      [4, 'B', 'missing-value', 'the category is empty'],
    ],
  },
  { file: 'huge-amount.csv', accepted: 0, errors: [[2, 'C', 'amount-too-large', 'too large to hold exactly']] },
  // The 合计 row is a summary row now: excluded and shown (see the summary-row test), no error.
  { file: 'total-row.csv', accepted: 2, errors: [] },
  { file: 'utf16-bad-amount.tsv', accepted: 2, errors: [[3, 'C', 'bad-amount', '"一百元" is not an amount']] },
  { file: 'gb18030-bad-amount.csv', accepted: 2, errors: [[3, 'C', 'bad-amount', '"壹佰元整" is not an amount']] },
  {
    file: 'semicolon-wrong-column.csv',
    accepted: 0,
    errors: [
      [2, 'B', 'unknown-category', '"1200.00" is not a known category'],
      [2, 'C', 'bad-amount', '"cloud-services" is not an amount'],
      [3, 'B', 'unknown-category', '"300.00" is not a known category'],
      [3, 'C', 'bad-amount', '"idc-services" is not an amount'],
    ],
  },
  {
    file: 'xlsx-bad-rows.xlsx',
    accepted: 2,
    errors: [
      [3, 'C', 'too-many-decimals', '"1.234" has more than two decimals of a yuan'],
      [4, 'A', 'bad-date', '"not a date" is not a date'],
    ],
  },
];

describe('bad fixtures: bad rows are listed, good rows kept', () => {
  it.each(ROW_CASES)('$file', ({ file, errors, accepted }) => {
    const r = parseFixture(`bad/${file}`);
    expect(r.fatal).toBeNull();
    expect(r.accepted.length).toBe(accepted);
    expect(r.errorCount).toBe(errors.length);
    expect(r.errors.map((e) => [e.row, e.column?.letter, e.code])).toEqual(
      errors.map(([row, col, code]) => [row, col, code]),
    );
    r.errors.forEach((e, i) => {
      const [row, col, , text] = errors[i]!;
      expect(rowErrorText(e, file, 'en')).toContain(`${file}: row ${row}, column ${col} ("${e.column!.header}")`);
      expect(rowErrorText(e, file, 'en')).toContain(text);
    });
  });
});

describe('date-outside-term.csv: not bad input any more', () => {
  it('keeps the rows before and after the term, with a notice naming the first', () => {
    const r = parseFixture('bad/date-outside-term.csv');
    expect(r.errorCount).toBe(0);
    expect(r.accepted.length).toBe(3);
    const n = r.notices.find((x) => x.code === 'outside-term')!;
    expect(n.params).toEqual({ count: 2, row: 3 });
    expect(importNoticeText(n, 'date-outside-term.csv', 'en')).toContain(
      'date-outside-term.csv: 2 row(s) (the first is row 3)',
    );
    // 100.00 yuan of API services on January 5, 2026 and 5.00 of cloud services on January 1, 2028.
    expect(totals(r)['api-services']).toBe(10_000n);
    expect(totals(r)['cloud-services']).toBe(123_456_789n + 500n);
  });
});

describe('bad fixtures: the date order needs the user', () => {
  it('ambiguous-dates.csv: every date fits both orders → ask, accept nothing yet', () => {
    const r = parseFixture('bad/ambiguous-dates.csv');
    expect(r.fatal).toBeNull();
    expect(r.ambiguity).toMatchObject({ kind: 'date-order', conflict: false, candidates: ['dmy', 'mdy'] });
    expect(r.ambiguity?.samples).toEqual([
      { row: 2, text: '04/05/2026' },
      { row: 3, text: '05/06/2026' },
      { row: 4, text: '12/11/2026' },
    ]);
    expect(ambiguityText(r.ambiguity!, 'ambiguous-dates.csv', 'en')).toContain(
      'ambiguous-dates.csv: every date (e.g. row 2: "04/05/2026") could be DD/MM/YYYY or MM/DD/YYYY',
    );
    expect(r.accepted.length).toBe(0);
  });

  it('ambiguous-dates.csv with the order chosen: accepted with the right days', () => {
    const r = parseFile(fixture('bad/ambiguous-dates.csv'), 'ambiguous-dates.csv', { ...BASE, dateOrder: 'dmy' });
    expect(r.ambiguity).toBeNull();
    expect(Array.from(r.accepted.day, fromDayNumber)).toEqual(['2026-05-04', '2026-06-05', '2026-11-12']);
    const m = parseFile(fixture('bad/ambiguous-dates.csv'), 'ambiguous-dates.csv', { ...BASE, dateOrder: 'mdy' });
    expect(Array.from(m.accepted.day, fromDayNumber)).toEqual(['2026-04-05', '2026-05-06', '2026-12-11']);
  });

  it('conflicting-dates.csv: rows disagree → conflict named with both rows; choosing rejects the misfit', () => {
    const r = parseFixture('bad/conflicting-dates.csv');
    expect(r.ambiguity).toMatchObject({
      conflict: true,
      samples: [
        { row: 2, text: '23/04/2026' },
        { row: 4, text: '04/23/2026' },
      ],
    });
    const chosen = parseFile(fixture('bad/conflicting-dates.csv'), 'conflicting-dates.csv', {
      ...BASE,
      dateOrder: 'dmy',
    });
    expect(chosen.accepted.length).toBe(2);
    expect(chosen.errors.map((e) => [e.row, e.code, rowErrorText(e, 'conflicting-dates.csv', 'en')])).toEqual([
      [4, 'bad-date', 'conflicting-dates.csv: row 4, column A ("Date"): "04/23/2026" is not a valid DD/MM/YYYY date'],
    ]);
    expect(rowErrorText(chosen.errors[0]!, 'conflicting-dates.csv', 'zh')).toBe(
      'conflicting-dates.csv：第4行，A列（“Date”）：“04/23/2026”不是有效的日/月/年（DD/MM/YYYY）日期',
    );
  });
});

describe('corpus size', () => {
  it('has at least 25 bad files, each covered by a case above', () => {
    const files = readdirSync(join(FIXTURES, 'bad')).sort();
    expect(files.length).toBeGreaterThanOrEqual(25);
    const covered = new Set([
      ...FATAL_CASES.map((c) => c.file),
      ...ROW_CASES.map((c) => c.file),
      'ambiguous-dates.csv',
      'conflicting-dates.csv',
      // Raw-ledger cases: test/unit/domain/import/rawLedger.test.ts and test/unit/domain/classify/rules.test.ts.
      'raw-no-header.csv',
      'raw-two-headers.csv',
      'raw-debit-and-credit.csv',
      'raw-total-mismatch.csv',
      'raw-currency-mismatch.csv',
      'raw-balance-as-amount.csv',
      'rules-invalid-regex.json',
      'rules-other-format.json',
      'rules-version-2.json',
      'entities-duplicate-codes.csv',
    ]);
    expect(files.filter((f) => !covered.has(f))).toEqual([]);
  });
});

describe('summary rows of a ledger with categories', () => {
  it('total-row.csv: the 合计 row is excluded, shown, and its total checked against the rows above', () => {
    const r = parseFixture('bad/total-row.csv');
    // 1,234,567.89 + 880,000.00 = 2,114,567.89: the file's total is right.
    expect(r.summaryRows).toEqual([
      { row: 4, label: '合计', kind: 'total', amountMinor: 211_456_789n, expectedMinor: 211_456_789n, matches: true },
    ]);
    expect(totals(r)['cloud-services']).toBe(123_456_789n);
    expect(totals(r)['idc-services']).toBe(88_000_000n);
  });

  it('a total that does not match the rows above is shown for confirmation, not refused', () => {
    const r = parseText(
      '日期,类别,金额\n2026-05-01,cloud-services,100.00\n2026-05-02,cloud-services,50.00\n合计,,160.00\n',
    );
    expect(r.fatal).toBeNull();
    expect(r.accepted.length).toBe(2);
    expect(r.summaryRows).toEqual([
      { row: 4, label: '合计', kind: 'total', amountMinor: 16_000n, expectedMinor: 15_000n, matches: false },
    ]);
  });
});
