/**
 * Import errors are worded by the UI's catalogues from the reader's codes and
 * values (whole-file refusals in full by src/ui/messages/importFatal.ts: what
 * was found, not only which kind of problem), in English and Chinese: every bad raw-ledger file of the corpus
 * gets a message naming its file, and the row and column where it has them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRulesFile } from '../../../../src/domain/classify/rulesFile';
import { kingsoftCloudXiaomi2026 } from '../../../../src/domain/disclosed/kingsoftCloudXiaomi2026';
import {
  parseRawLedger,
  rawCategoriesOf,
  type RawLedgerOptions,
  type RawLedgerResult,
} from '../../../../src/domain/import/rawLedger';
import { rowErrorText } from '../../../../src/features/import/ImportParts';
import { fatalText } from '../../../../src/ui/messages/importFatal';
import { importMessages } from '../../../../src/features/import/messages';
import { translator } from '../../../../src/ui/translate';

const FIX = join(__dirname, '../../../fixtures');
const DS = kingsoftCloudXiaomi2026;
const CONFIG = parseRulesFile(
  readFileSync(join(FIX, 'erp/rules.json'), 'utf8'),
  'rules.json',
  DS.categories.map((c) => c.id),
);
const OPTIONS: RawLedgerOptions = {
  unit: 'yuan',
  maxRows: 1000,
  functionalCurrency: 'RMB',
  categories: rawCategoriesOf(DS, CONFIG.capBasis),
  entities: CONFIG.entities,
  rules: CONFIG.rules,
};
const en = translator(importMessages, 'en');
const zh = translator(importMessages, 'zh');

function raw(name: string, extra: Partial<RawLedgerOptions> = {}): RawLedgerResult {
  return parseRawLedger(new Uint8Array(readFileSync(join(FIX, 'bad', name))), name, { ...OPTIONS, ...extra });
}

describe('whole-file refusals of raw ledgers, worded in both languages', () => {
  const cases: [string, Partial<RawLedgerOptions>, string, string, string][] = [
    [
      'raw-no-header.csv',
      {},
      'no-header',
      'raw-no-header.csv: no header row found in the first 3 rows: no row names two known columns (such as 日期/Date, 借方/Debit, 贷方/Credit, 客户/Customer, 供应商/Vendor, 摘要/Description); choose the header row',
      'raw-no-header.csv：前3行中找不到表头行：没有一行含有两个已知列名（如 日期/Date、借方/Debit、贷方/Credit、客户/Customer、供应商/Vendor、摘要/Description）；请选择表头行',
    ],
    [
      'raw-two-headers.csv',
      {},
      'ambiguous-header',
      'raw-two-headers.csv: row 3: rows 2 and 3 both look like the header (each names 5 known columns); choose the header row',
      'raw-two-headers.csv：第3行：第2行和第3行都像表头（各含5个已知列名）；请选择表头行',
    ],
    [
      'raw-balance-as-amount.csv',
      { mapping: ['date', 'counterparty', 'description', 'amount'] },
      'balance-as-amount',
      'raw-balance-as-amount.csv: row 1, column D ("余额"): column D ("余额") is a running balance (余额), not an amount; map it as the balance and choose the debit and credit (or amount) columns',
      'raw-balance-as-amount.csv：第1行，D列（“余额”）：D列（“余额”）是余额（累计结余），不是金额；请将其对应为余额，并选择借方和贷方（或金额）列',
    ],
  ];
  it.each(cases)('%s', (file, extra, code, wantEn, wantZh) => {
    const r = raw(file, extra);
    expect(r.fatal?.code).toBe(code);
    expect(r.accepted.length).toBe(0);
    expect(fatalText(r.fatal!, 'en')).toBe(wantEn);
    expect(fatalText(r.fatal!, 'zh')).toBe(wantZh);
  });
});

describe('row errors of raw ledgers, worded in both languages', () => {
  const cases: [string, Partial<RawLedgerOptions>, string, string][] = [
    [
      'raw-debit-and-credit.csv',
      {},
      'raw-debit-and-credit.csv: row 4, column I ("贷方"): both debit and credit filled: “10,000.00”',
      'raw-debit-and-credit.csv：第4行，I列（“贷方”）：借方和贷方同时有金额：“10,000.00”',
    ],
    [
      'raw-currency-mismatch.csv',
      { categories: rawCategoriesOf(DS, { 'xiaomi-framework-2024': { tax: 'inclusive', currency: 'original' } }) },
      'raw-currency-mismatch.csv: row 3, column H ("币种"): currency differs from the agreement\'s: “USD”',
      'raw-currency-mismatch.csv：第3行，H列（“币种”）：币种与协议不符：“USD”',
    ],
  ];
  it.each(cases)('%s', (file, extra, wantEn, wantZh) => {
    const r = raw(file, extra);
    expect(r.errors).toHaveLength(1);
    expect(rowErrorText(r.errors[0]!, file, en)).toBe(wantEn);
    expect(rowErrorText(r.errors[0]!, file, zh)).toBe(wantZh);
  });

  it('a row error without a column names the row', () => {
    const e = { code: 'missing-value', row: 7, column: null, value: '', detail: 'date-empty' } as const;
    expect(rowErrorText(e, 'ledger.csv', en)).toBe('ledger.csv: row 7: missing value');
    expect(rowErrorText(e, 'ledger.csv', zh)).toBe('ledger.csv：第7行：缺少值');
  });
});
