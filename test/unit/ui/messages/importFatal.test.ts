/**
 * Whole-file import refusals come out of the reader as codes and values only
 * (src/domain/import/types.ts FatalError); src/ui/messages/importFatal.ts
 * words each detail in English and Chinese, naming the file, the row and the
 * column. Table-driven over every refusal of the bad corpus and the refusals
 * a mapping, a sheet name, a header row or a cap basis can cause.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRulesFile } from '../../../../src/domain/classify/rulesFile';
import { kingsoftCloudXiaomi2026 } from '../../../../src/domain/disclosed/kingsoftCloudXiaomi2026';
import { importCategoriesFrom } from '../../../../src/domain/import/categories';
import { parseFile } from '../../../../src/domain/import/parseFile';
import { parseRawLedger, rawCategoriesOf, type RawLedgerOptions } from '../../../../src/domain/import/rawLedger';
import type { FatalError, ParseOptions } from '../../../../src/domain/import/types';
import { FATAL_DETAILS, fatalText, importFatalMessages } from '../../../../src/ui/messages/importFatal';

const FIX = join(__dirname, '../../../fixtures');
const DS = kingsoftCloudXiaomi2026;
const BASE: ParseOptions = { unit: 'yuan', maxRows: 10, categories: importCategoriesFrom(DS.categories) };
const CONFIG = parseRulesFile(
  readFileSync(join(FIX, 'erp/rules.json'), 'utf8'),
  'rules.json',
  DS.categories.map((c) => c.id),
);
const RAW: RawLedgerOptions = {
  unit: 'yuan',
  maxRows: 1000,
  functionalCurrency: 'RMB',
  categories: rawCategoriesOf(DS, CONFIG.capBasis),
  entities: CONFIG.entities,
  rules: CONFIG.rules,
};
const bytesOf = (path: string) => new Uint8Array(readFileSync(join(FIX, path)));
const text = (s: string) => new TextEncoder().encode(s);

/** Every refusal the reader gives for a real file: [what it is, the refusal]. */
function refusals(): [string, FatalError][] {
  const out: [string, FatalError][] = [];
  const add = (label: string, f: FatalError | null) => {
    if (f) out.push([label, f]);
  };
  for (const name of readdirSync(join(FIX, 'bad')).sort()) {
    if (name.endsWith('.json')) continue;
    const bytes = bytesOf(`bad/${name}`);
    add(name, name.startsWith('raw-') ? parseRawLedger(bytes, name, RAW).fatal : parseFile(bytes, name, BASE).fatal);
  }
  const csv = text('日期,类别,金额\n2026-05-01,cloud-services,100\n');
  add('role-twice', parseFile(csv, 'map.csv', { ...BASE, mapping: ['date', 'amount', 'amount'] }).fatal);
  add(
    'default-category-unknown',
    parseFile(csv, 'map.csv', { ...BASE, mapping: ['date', 'ignore', 'amount'], defaultCategoryId: 'nope' }).fatal,
  );
  add('sheet-not-found', parseFile(bytesOf('good/serial-dates.xlsx'), 'w.xlsx', { ...BASE, sheetName: 'Nope' }).fatal);
  const rawCsv = text('日期,客户名称,借方,贷方\n2026-05-01,小米通讯技术有限公司,100,\n');
  add(
    'missing-side',
    parseRawLedger(text('Date,Party,Dr,Cr\n2026-05-01,小米通讯技术有限公司,100,\n'), 'side.csv', {
      ...RAW,
      mapping: ['date', 'counterparty', 'debit', 'credit'],
    }).fatal,
  );
  add(
    'balance-as-amount',
    parseRawLedger(bytesOf('bad/raw-balance-as-amount.csv'), 'raw-balance-as-amount.csv', {
      ...RAW,
      mapping: ['date', 'counterparty', 'description', 'amount'],
    }).fatal,
  );
  add(
    'raw-role-twice',
    parseRawLedger(rawCsv, 'twice.csv', { ...RAW, mapping: ['date', 'counterparty', 'debit', 'debit'] }).fatal,
  );
  add('header-row-blank', parseRawLedger(rawCsv, 'blank.csv', { ...RAW, headerRow: 9 }).fatal);
  add(
    'raw-column-missing',
    parseRawLedger(rawCsv, 'cp.csv', { ...RAW, mapping: ['date', 'ignore', 'debit', 'credit'], side: 'debit' }).fatal,
  );
  const basis = (b: Parameters<typeof rawCategoriesOf>[1], extra: Partial<RawLedgerOptions> = {}) =>
    parseRawLedger(bytesOf('erp/kingdee-receivables.xlsx'), 'kingdee.xlsx', {
      ...RAW,
      categories: rawCategoriesOf(DS, b),
      ...extra,
    }).fatal;
  add('basis-original-columns', basis({ 'xiaomi-framework-2024': { tax: 'inclusive', currency: 'original' } }));
  add('basis-tax-exclusive', basis({ 'xiaomi-framework-2024': { tax: 'exclusive', currency: 'functional' } }));
  add(
    'basis-tax-inclusive',
    basis({ 'xiaomi-framework-2024': { tax: 'inclusive', currency: 'functional' } }, { amountsIncludeTax: false }),
  );
  add('basis-functional-currency', basis(CONFIG.capBasis, { functionalCurrency: 'HKD' }));
  return out;
}

/** Refusals no small file can cause (a 512 MB file, a workbook without sheets, a ZIP over 1 GB unpacked). */
const BUILT: [string, FatalError][] = [
  [
    'file-too-large',
    { code: 'file-too-large', detail: 'file-too-large', fileName: 'big.csv', params: { mb: 600, limitMb: 512 } },
  ],
  ['workbook-no-sheets', { code: 'empty-file', detail: 'workbook-no-sheets', fileName: 'none.xlsx' }],
  ['zip-total', { code: 'zip-bomb', detail: 'zip-total', fileName: 'z.xlsx', params: { mb: 2048, limitMb: 1024 } }],
  ['no-rows-with-content', { code: 'empty-file', detail: 'no-rows-with-content', fileName: 'x.csv' }],
  [
    'workbook-unreadable',
    { code: 'corrupt-xlsx', detail: 'workbook-unreadable', fileName: 'w.xlsx', params: { reason: 'Bad SST' } },
  ],
];

const found = refusals();
const all = [...found, ...BUILT];

describe('every refusal is worded in English and Chinese, naming the file, row and column', () => {
  it.each(all)('%s', (_label, f) => {
    const en = fatalText(f, 'en');
    const zh = fatalText(f, 'zh');
    for (const s of [en, zh]) {
      expect(s).not.toMatch(/\{\w+\}/);
      expect(s).not.toContain('undefined');
      expect(s.startsWith(f.fileName)).toBe(true);
    }
    expect(en.startsWith(`${f.fileName}: `)).toBe(true);
    expect(zh.startsWith(`${f.fileName}：`)).toBe(true);
    expect(zh).not.toBe(en);
    // The Chinese sentence is Chinese, not the English one with Chinese punctuation.
    expect(zh).toMatch(/[\u4e00-\u9fff]/);
    expect(zh).not.toMatch(/\b(the|is|not|and)\b/);
    if (f.row !== undefined) {
      expect(en).toContain(`row ${f.row}`);
      expect(zh).toContain(`第${f.row}行`);
    }
    if (f.column) {
      expect(en).toContain(`column ${f.column.letter}`);
      expect(zh).toContain(`${f.column.letter}列`);
    }
  });

  it('the corpus and the crafted inputs reach every detail but the five no small file can cause', () => {
    const reached = new Set(found.map(([, f]) => f.detail));
    const missing = FATAL_DETAILS.filter((d) => !reached.has(d));
    expect(missing.sort()).toEqual(BUILT.map(([d]) => d).sort());
    for (const d of FATAL_DETAILS) {
      expect(importFatalMessages.en[`fatal_${d}`]).toBeTruthy();
      expect(importFatalMessages.zh[`fatal_${d}`]).toBeTruthy();
    }
  });
});

describe('what was found is named in both languages', () => {
  const by = (label: string) => all.find(([l]) => l === label)![1];
  it.each([
    [
      'sheet-not-found',
      'w.xlsx: there is no sheet named "Nope" (sheets: Ledger)',
      'w.xlsx：没有名为“Nope”的工作表（现有工作表：Ledger）',
    ],
    [
      'missing-amount-column.csv',
      'missing-amount-column.csv: no column for the amount was found (columns: A "日期", B "类别", C "发票号", D "备注"); map a column to amount',
      'missing-amount-column.csv：找不到金额列（现有列：A“日期”、B“类别”、C“发票号”、D“备注”）；请将一列对应为金额',
    ],
    [
      'too-many-rows.csv',
      'too-many-rows.csv: row 12: the file has more than 10 data rows (the limit); split it or raise the limit',
      'too-many-rows.csv：第12行：文件的数据行超过10行（上限）；请拆分文件或提高上限',
    ],
    [
      'renamed-zip.xlsx',
      'renamed-zip.xlsx: this is a ZIP archive (notes.txt, photos/readme.md), not an Excel workbook',
      'renamed-zip.xlsx：这是ZIP压缩包（notes.txt、photos/readme.md），不是Excel工作簿',
    ],
    [
      'png-renamed.csv',
      'png-renamed.csv: this is a PNG image, not a CSV or .xlsx file',
      'png-renamed.csv：这是PNG图片，不是CSV或.xlsx文件',
    ],
    [
      'unbalanced-quote.csv',
      'unbalanced-quote.csv: row 4, column C ("金额"): a quote (") opens a field here and is never closed',
      'unbalanced-quote.csv：第4行，C列（“金额”）：此处有引号（"）开始一个字段，但始终没有闭合',
    ],
    [
      'raw-role-twice',
      'twice.csv: both column C and column D are mapped to debit (借方); map each role to one column',
      'twice.csv：C列和D列都被对应为借方；每种用途只能对应一列',
    ],
    [
      'basis-functional-currency',
      "kingdee.xlsx: cloud-services is capped in RMB but the ledger's amounts are in the functional currency HKD: set its cap basis to the original currency and map the original-currency amount and currency columns",
      'kingdee.xlsx：cloud-services的上限以RMB计，但台账金额是记账本位币HKD：请将其上限基准设为原币，并对应原币金额列和币种列',
    ],
  ])('%s', (label, en, zh) => {
    expect(fatalText(by(label), 'en')).toBe(en);
    expect(fatalText(by(label), 'zh')).toBe(zh);
  });

  it('a limit is written with thousands separators; a ZIP of more than five entries says so', () => {
    const rows: FatalError = {
      code: 'too-many-rows',
      detail: 'too-many-rows',
      fileName: 'a.csv',
      row: 5000002,
      params: { limit: 5000000 },
    };
    expect(fatalText(rows, 'en')).toBe(
      'a.csv: row 5000002: the file has more than 5,000,000 data rows (the limit); split it or raise the limit',
    );
    const zip: FatalError = {
      code: 'not-xlsx',
      detail: 'zip-not-workbook',
      fileName: 'a.xlsx',
      params: { zipKind: 'zip', more: 1 },
      names: ['a', 'b', 'c', 'd', 'e'],
    };
    expect(fatalText(zip, 'en')).toBe('a.xlsx: this is a ZIP archive (a, b, c, d, e, …), not an Excel workbook');
    expect(fatalText(zip, 'zh')).toBe('a.xlsx：这是ZIP压缩包（a、b、c、d、e等），不是Excel工作簿');
  });
});
