// @vitest-environment node
/**
 * Raw ERP ledgers: every row in exactly one bucket, with counts and totals
 * worked out by hand from test/fixtures/generate-erp.mjs, and the raw-ledger
 * cases of the bad-input corpus.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRulesFile } from '../../../../src/domain/classify/rulesFile';
import { kingsoftCloudXiaomi2026 } from '../../../../src/domain/disclosed/kingsoftCloudXiaomi2026';
import { fromDayNumber } from '../../../../src/domain/dates';
import { stringAt } from '../../../../src/domain/import/accepted';
import {
  BUCKETS,
  parseRawLedger,
  rawCategoriesOf,
  type RawLedgerOptions,
  type RawLedgerResult,
} from '../../../../src/domain/import/rawLedger';
import { parseEntityTable } from '../../../../src/domain/parties/entityTable';
import { entityTableProblemText } from '../../../../src/ui/messages/connectedIssues';
import { importNoticeText, rowErrorText } from '../../../../src/ui/messages/importIssues';
import { fatalText } from '../../../../src/ui/messages/importFatal';

/** The refusal as the English reader sees it (src/ui/messages/importFatal.ts), or '' when there is none. */
const fatalEn = (r: { fatal: Parameters<typeof fatalText>[0] | null }): string =>
  r.fatal ? fatalText(r.fatal, 'en') : '';

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

function raw(path: string, extra: Partial<RawLedgerOptions> = {}): RawLedgerResult {
  const name = path.split('/').pop()!;
  return parseRawLedger(new Uint8Array(readFileSync(join(FIX, path))), name, { ...OPTIONS, ...extra });
}

function text(s: string, extra: Partial<RawLedgerOptions> = {}, name = 'ledger.csv'): RawLedgerResult {
  return parseRawLedger(new TextEncoder().encode(s), name, { ...OPTIONS, ...extra });
}

/** Bucket → [count, total in fen]. */
function buckets(r: RawLedgerResult): Record<string, [number, bigint]> {
  expect(r.fatal).toBeNull();
  return Object.fromEntries(BUCKETS.map((b) => [b, [r.raw!.buckets[b].count, r.raw!.buckets[b].totalMinor]]));
}

function sumOfCounts(r: RawLedgerResult): number {
  return BUCKETS.reduce((n, b) => n + r.raw!.buckets[b].count, 0);
}

describe('Kingdee receivables ledger (.xlsx with a cover sheet)', () => {
  const r = raw('erp/kingdee-receivables.xlsx');

  it('skips the cover sheet and the title block; the side follows the customer column', () => {
    expect(r.sheetName).toBe('明细账');
    expect(r.sheetNames).toEqual(['明细账', '封面']);
    expect(r.raw!.headerRow).toBe(5);
    expect(r.raw!.side).toBe('debit');
    expect(r.raw!.sideInferred).toBe(true);
    const note = r.notices.find((n) => n.code === 'header-row-skipped')!;
    expect(importNoticeText(note, 'ledger.xlsx', 'en')).toBe(
      'ledger.xlsx: the header is row 5; 4 row(s) above it (title block) were skipped',
    );
    expect(importNoticeText(note, 'ledger.xlsx', 'zh')).toBe('ledger.xlsx：表头在第5行；其上4行（标题区）已跳过');
  });

  it('puts each of the 22 rows in exactly one bucket', () => {
    expect(buckets(r)).toEqual({
      // 1,130,000 + 226,000 − 113,000 (red-letter) + 339,000 + 200,000 + 22,600,000
      classified: [6, 2_438_200_000n],
      // 小米汽车 技术支持: no rule
      unclassified: [1, 8_480_000n],
      // 星河 500,000 + 小米通讯技术 (no suffix) 50,000 + 云帆 100,000 + 有品 after it left 150,000 + English name without punctuation 90,400
      other: [5, 89_040_000n],
      // two receipts: 1,130,000 + 226,000
      settlement: [2, 135_600_000n],
      // 期初余额, 本月合计 ×2, 本年累计 ×2, 合计, 期末余额
      summary: [7, 0n],
      // 2026-02-30 (56,500)
      unreadable: [1, 5_650_000n],
    });
    expect(r.raw!.rows).toBe(22);
    expect(sumOfCounts(r)).toBe(22);
  });

  it('counts and totals per rule', () => {
    expect(r.raw!.perRule.filter((p) => p.count > 0).map((p) => [p.ruleId, p.count, p.totalMinor])).toEqual([
      ['cloud-product', 4, 2_381_700_000n],
      ['cloud-contract', 2, 56_500_000n],
    ]);
  });

  it('imports the red-letter reversal as a credit note, keyed on voucher and line', () => {
    const a = r.accepted;
    const i = Array.from(a.rowNumber).indexOf(14);
    expect(a.amountMinor[i]).toBe(-11_300_000);
    expect(fromDayNumber(a.day[i]!)).toBe('2026-02-03');
    expect(stringAt(a.reference, i)).toBe('记-0010/1');
  });

  it('checks each summary row against the rows above; the wrong 合计 is shown for confirmation', () => {
    expect(r.raw!.summaries.map((s) => [s.row, s.label, s.kind, s.matches])).toEqual([
      [6, '期初余额', 'balance', null],
      [12, '本月合计', 'subtotal', true],
      [13, '本年累计', 'total', true],
      [19, '本月合计', 'subtotal', true],
      [20, '本年累计', 'total', true],
      [26, '合计', 'total', false],
      [27, '期末余额', 'balance', null],
    ]);
    expect(r.raw!.summaries[5]).toMatchObject({ amountMinor: 2_551_370_000n, expectedMinor: 2_541_370_000n });
  });

  it('lists looser names as possible connected persons, never applied', () => {
    expect(r.raw!.possible.map((p) => [p.name, p.possible?.entityId, p.possible?.reason, p.count])).toEqual([
      ['Xiaomi Communications Co Ltd', 'xiaomi-comm', 'suffix', 1],
      ['小米通讯技术', 'xiaomi-comm', 'suffix', 1],
    ]);
    // A dismissed one is not offered again.
    const again = raw('erp/kingdee-receivables.xlsx', {
      dismissed: [{ name: '小米通讯技术', entityId: 'xiaomi-comm' }],
    });
    expect(again.raw!.possible.map((p) => p.name)).toEqual(['Xiaomi Communications Co Ltd']);
  });

  it('keeps the unclassified row with its cells for later rules', () => {
    expect(r.raw!.unclassified).toEqual([
      expect.objectContaining({
        row: 16,
        amountMinor: 8_480_000,
        entityId: 'xiaomi-ev',
        reference: '记-0012/1',
        description: '技术服务',
      }),
    ]);
    expect(fromDayNumber(r.raw!.unclassified[0]!.day)).toBe('2026-02-12');
    expect(r.raw!.unclassified[0]!.cells[7]).toBe('技术支持');
  });

  it('names the unreadable row by file, row and column', () => {
    expect(r.errors.map((e) => rowErrorText(e, 'kingdee-receivables.xlsx', 'en'))).toEqual([
      'kingdee-receivables.xlsx: row 18, column A ("日期"): "2026-02-30" is not a date (use e.g. 2026-04-23, 23/04/2026, 23.04.2026 or 2026年4月23日)',
    ]);
  });
});

describe('Yonyou payables ledger (HTML table saved as .xls)', () => {
  const r = raw('erp/yonyou-payables.xls');

  it('is read as an HTML .xls; the side follows the supplier column', () => {
    expect(r.workbookKind).toBe('xls-html');
    expect(r.raw!.side).toBe('credit');
    expect(r.raw!.headerRow).toBe(4);
  });

  it('puts each of the 12 rows in one bucket; purchases count before VAT (tax-exclusive cap basis)', () => {
    expect(buckets(r)).toEqual({
      // 交换机 500,000 − 50,000 (red-letter) + IDC 200,000 + MiMo 30,000, all before VAT
      classified: [4, 68_000_000n],
      unclassified: [1, 2_120_000n],
      other: [1, 33_900_000n],
      settlement: [1, 56_500_000n],
      summary: [4, 0n],
      unreadable: [1, 0n],
    });
    expect(sumOfCounts(r)).toBe(12);
    expect(r.raw!.basis).toEqual([
      { categoryId: 'hardware-equipment', basis: { tax: 'exclusive', currency: 'functional' } },
      { categoryId: 'idc-services', basis: { tax: 'exclusive', currency: 'functional' } },
      { categoryId: 'api-services', basis: { tax: 'exclusive', currency: 'functional' } },
    ]);
    expect(rowErrorText(r.errors[0]!, 'yonyou-payables.xls', 'en')).toBe(
      'yonyou-payables.xls: row 13, column J ("贷方金额"): "1,0000.00" is not an amount (use e.g. 1,234.56, -1234.56, 1,234.56- or (1,234.56))',
    );
    expect(r.raw!.summaries.filter((s) => s.matches !== null).every((s) => s.matches)).toBe(true);
  });
});

describe('SAP FBL5N (real BIFF8 .xls)', () => {
  const r = raw('erp/sap-fbl5n.xls', { side: 'debit' });

  it('reads DD.MM.YYYY dates and trailing-minus amounts', () => {
    expect(r.workbookKind).toBe('xls-biff');
    expect(buckets(r)).toEqual({
      classified: [1, 56_500_000n],
      unclassified: [1, 2_825_000n],
      other: [1, 12_000_000n],
      // 565,000.00- on the debit side of a signed column: a payment
      settlement: [1, 56_500_000n],
      summary: [1, 0n],
      unreadable: [0, 0n],
    });
    expect(fromDayNumber(r.accepted.day[0]!)).toBe('2026-03-05');
    expect(r.dateOrder).toBeNull();
    // The Total is the net of the signed column: 565,000 + 120,000 − 565,000 + 28,250.
    expect(r.raw!.summaries[0]).toMatchObject({ label: 'Total', amountMinor: 14_825_000n, matches: true });
  });
});

describe('Oracle AR (SpreadsheetML 2003 .xls)', () => {
  const r = raw('erp/oracle-ar.xls');

  it('buckets the rows and flags the re-exported line as a duplicate (same transaction and line)', () => {
    expect(r.workbookKind).toBe('xls-xml');
    expect(buckets(r)).toEqual({
      classified: [2, 45_200_000n],
      unclassified: [1, 3_390_000n],
      other: [1, 5_000_000n],
      settlement: [1, 22_600_000n],
      summary: [1, 0n],
      unreadable: [0, 0n],
    });
    expect(r.duplicatesInFile).toEqual([{ row: 7, firstRow: 3 }]);
    expect(stringAt(r.accepted.reference, 0)).toBe('INV-9001/1');
  });
});

describe('every bucket from a small CSV', () => {
  const HEAD = '日期,凭证号,分录号,客户编码,客户名称,摘要,科目编码,借方,贷方\n';
  it('one row per bucket, counts add up to the rows', () => {
    const r = text(
      '应收账款明细账\n' +
        HEAD +
        '2026-05-01,记-1,1,C1001,小米通讯技术有限公司,云服务,6001.01,"1,130.00",\n' + // classified? no rule on 科目编码 → unclassified
        '2026-05-02,记-2,1,C2001,星河,云服务,6001.01,500.00,\n' + // other
        '2026-05-03,记-3,1,C1001,小米通讯技术有限公司,收款,,,"1,130.00"\n' + // settlement
        '2026-05-04,记-4,1,C1001,小米通讯技术有限公司,结转本年利润,,10.00,\n' + // closing → settlement
        ',,,,,合计,,"1,640.00","1,130.00"\n' + // summary, matches
        '2026-05-32,记-5,1,C1001,小米通讯技术有限公司,云服务,6001.01,1.00,\n', // unreadable
      {
        rules: [
          {
            id: 'acct',
            name: 'Revenue 6001.01 with 云 in the memo',
            categoryId: 'cloud-services',
            conditions: [
              { column: '科目编码', op: 'startsWith', value: '6001.01' },
              { column: '摘要', op: 'regex', value: '^云' },
            ],
          },
        ],
      },
    );
    expect(buckets(r)).toEqual({
      classified: [1, 113_000n],
      unclassified: [0, 0n],
      other: [1, 50_000n],
      settlement: [2, 114_000n],
      summary: [1, 0n],
      unreadable: [1, 100n],
    });
    expect(r.raw!.summaries[0]!.matches).toBe(true);
  });

  it('an entity outside its connection dates is another counterparty', () => {
    const r = text(HEAD + '2026-04-01,记-1,1,C1004,小米有品科技有限公司,云服务,6001.01,100.00,\n', {
      rules: [{ id: 'all', name: 'all', categoryId: 'cloud-services', conditions: [] }],
    });
    expect(buckets(r).other).toEqual([1, 10_000n]);
    const before = text(HEAD + '2026-03-31,记-1,1,C1004,小米有品科技有限公司,云服务,6001.01,100.00,\n', {
      rules: [{ id: 'all', name: 'all', categoryId: 'cloud-services', conditions: [] }],
    });
    expect(buckets(before).classified).toEqual([1, 10_000n]);
  });

  it('a row dated outside the category term is classified and kept (reported as uncapped by the engine), not refused', () => {
    const r = text(HEAD + '2024-06-01,记-1,1,C1001,小米通讯技术有限公司,云服务,6001.01,100.00,\n', {
      rules: [{ id: 'all', name: 'all', categoryId: 'cloud-services', conditions: [] }],
    });
    expect(buckets(r)).toMatchObject({ classified: [1, 10_000n], unreadable: [0, 0n] });
    expect(r.errors).toEqual([]);
  });
});

describe('bad raw ledgers: a message naming file, row and column, nothing imported', () => {
  it('raw-no-header.csv: no header row anywhere', () => {
    const r = raw('bad/raw-no-header.csv');
    expect(r.fatal?.code).toBe('no-header');
    expect(fatalEn(r)).toMatch(/^raw-no-header\.csv: no header row found/);
    expect(r.accepted.length).toBe(0);
  });

  it('raw-two-headers.csv: two candidate header rows', () => {
    const r = raw('bad/raw-two-headers.csv');
    expect(r.fatal?.code).toBe('ambiguous-header');
    expect(fatalEn(r)).toBe(
      'raw-two-headers.csv: row 3: rows 2 and 3 both look like the header (each names 5 known columns); choose the header row',
    );
    // Choosing the header row settles it.
    expect(raw('bad/raw-two-headers.csv', { headerRow: 2 }).fatal).toBeNull();
  });

  it('raw-debit-and-credit.csv: both sides filled on one row', () => {
    const r = raw('bad/raw-debit-and-credit.csv');
    expect(r.errors.map((e) => [e.row, e.column?.letter, e.code])).toEqual([[4, 'I', 'debit-and-credit']]);
    expect(rowErrorText(r.errors[0]!, 'raw-debit-and-credit.csv', 'en')).toContain(
      'raw-debit-and-credit.csv: row 4, column I ("贷方"): both debit and credit',
    );
    expect(r.raw!.buckets.unreadable.count).toBe(1);
  });

  it('raw-total-mismatch.csv: the total is shown for confirmation, not refused', () => {
    const r = raw('bad/raw-total-mismatch.csv');
    expect(r.fatal).toBeNull();
    expect(r.raw!.summaries).toEqual([
      {
        row: 4,
        label: '合计',
        kind: 'total',
        amountMinor: 165_000_000n,
        expectedMinor: 163_000_000n,
        matches: false,
      },
    ]);
  });

  it('raw-currency-mismatch.csv: a row with no amount in the agreement currency', () => {
    const r = raw('bad/raw-currency-mismatch.csv', {
      categories: rawCategoriesOf(DS, { 'xiaomi-framework-2024': { tax: 'inclusive', currency: 'original' } }),
    });
    expect(r.errors.map((e) => [e.row, e.column?.letter, e.code])).toEqual([[3, 'H', 'currency-mismatch']]);
    expect(rowErrorText(r.errors[0]!, 'raw-currency-mismatch.csv', 'en')).toContain(
      'row 3, column H ("币种"): the row is in "USD" but cloud-services is capped in RMB',
    );
    expect(rowErrorText(r.errors[0]!, 'raw-currency-mismatch.csv', 'zh')).toBe(
      'raw-currency-mismatch.csv：第3行，H列（“币种”）：该行币种为“USD”，但cloud-services的上限按原币RMB计算：该行没有协议币种的金额',
    );
    expect(buckets(r).classified).toEqual([1, 113_000_000n]);
  });

  it('raw-balance-as-amount.csv: a balance column mapped as the amount', () => {
    const r = raw('bad/raw-balance-as-amount.csv', { mapping: ['date', 'counterparty', 'description', 'amount'] });
    expect(r.fatal?.code).toBe('balance-as-amount');
    expect(fatalEn(r)).toContain(
      'raw-balance-as-amount.csv: row 1, column D ("余额"): column D ("余额") is a running balance',
    );
    // Guessed, the balance is never the amount.
    expect(raw('bad/raw-balance-as-amount.csv').fatal?.code).toBe('missing-column');
  });

  it('entities-duplicate-codes.csv: names the row and column of the repeated code', () => {
    const r = parseEntityTable(
      new Uint8Array(readFileSync(join(FIX, 'bad/entities-duplicate-codes.csv'))),
      'entities-duplicate-codes.csv',
      'xiaomi',
    );
    expect(r.entities).toEqual([]);
    expect(r.problems.map((p) => entityTableProblemText(p, 'en'))).toEqual([
      'entities-duplicate-codes.csv: row 3, column C ("编码"): the code "c 1001" is also the code of the entity in row 2; a code must name one entity',
    ]);
  });
});

describe('entity list from a spreadsheet', () => {
  it('entities.csv gives the same entities as rules.json (ids aside)', () => {
    const r = parseEntityTable(new Uint8Array(readFileSync(join(FIX, 'erp/entities.csv'))), 'entities.csv', 'xiaomi');
    expect(r.problems).toEqual([]);
    expect(r.entities.map(({ id: _id, ...e }) => e)).toEqual(CONFIG.entities.map(({ id: _id, ...e }) => e));
  });
});
