// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { categoryMatcher, normaliseName } from '../../../../src/domain/import/categories';
import { columnLetter, guessMapping, headerLayoutKey, normaliseHeader } from '../../../../src/domain/import/columns';
import { CATEGORIES } from './helpers';

const match = categoryMatcher(CATEGORIES);
const isCat = (c: string) => match(c) >= 0;

describe('column letters', () => {
  it('counts like a spreadsheet', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnLetter)).toEqual([
      'A',
      'B',
      'Z',
      'AA',
      'AB',
      'AZ',
      'BA',
      'ZZ',
      'AAA',
    ]);
  });
});

describe('header normal form and layout key', () => {
  it('ignores case, width, spaces, punctuation and unit suffixes', () => {
    expect(normaliseHeader('金额（元）')).toBe('金额');
    expect(normaliseHeader('金额(RMB)')).toBe('金额');
    expect(normaliseHeader(' Amount (CNY) ')).toBe('amount');
    expect(normaliseHeader('Invoice No.')).toBe('invoiceno');
    expect(normaliseHeader('ＤＡＴＥ')).toBe('date');
  });

  it('gives the same key to the same layout written differently', () => {
    expect(headerLayoutKey(['日期', '金额（元）', '类别'])).toBe(headerLayoutKey(['日期 ', '金额(元)', '类别']));
    expect(headerLayoutKey(['日期', '金额', '类别'])).not.toBe(headerLayoutKey(['日期', '类别', '金额']));
    expect(headerLayoutKey(['Date', 'Amount'])).toBe('date|amount');
  });
});

describe('guessMapping', () => {
  it('maps Chinese ERP headers', () => {
    expect(guessMapping(['交易日期', '类型', '金额(元)', '发票号', '摘要'], [], isCat)).toEqual([
      'date',
      'category',
      'amount',
      'reference',
      'description',
    ]);
    expect(guessMapping(['凭证日期', '采购订单号', '业务类型', '价税合计', '备注'], [], isCat)).toEqual([
      'date',
      'reference',
      'category',
      'amount',
      'description',
    ]);
  });

  it('maps English headers and leaves unknown columns ignored', () => {
    expect(
      guessMapping(['Posting Date', 'Vendor', 'Category', 'Amount (RMB)', 'PO Number', 'Memo'], [], isCat),
    ).toEqual(['date', 'ignore', 'category', 'amount', 'reference', 'description']);
  });

  it('prefers an exact header over a partial one', () => {
    // "开票日期" is an exact date name; "到期日期" only contains 日期.
    expect(guessMapping(['到期日期', '开票日期', '金额', '类别'], [], isCat)).toEqual([
      'ignore',
      'date',
      'amount',
      'category',
    ]);
  });

  it('finds required columns from values when headers say nothing', () => {
    const samples = [
      ['x1', '2026-05-01', '云服务', '1,200.00'],
      ['x2', '2026-05-02', 'IDC服务', '(300.00)'],
      ['x3', '2026-05-03', 'hardware', '5'],
    ];
    expect(guessMapping(['col1', 'col2', 'col3', 'col4'], samples, isCat)).toEqual([
      'ignore',
      'date',
      'category',
      'amount',
    ]);
  });
});

describe('category matching', () => {
  it('matches ids, English and Chinese names and aliases loosely', () => {
    const id = (s: string) => CATEGORIES[match(s)]?.id ?? null;
    expect(id('cloud-services')).toBe('cloud-services');
    expect(id('Cloud Services')).toBe('cloud-services');
    expect(id('云服务')).toBe('cloud-services');
    expect(id('ＩＤＣ服务')).toBe('idc-services');
    expect(id('idc services')).toBe('idc-services');
    expect(id('硬件设备')).toBe('hardware-equipment');
    expect(id('API服务')).toBe('api-services');
    expect(id('api_services')).toBe('api-services');
    expect(id('Consulting')).toBeNull();
  });

  it('refuses a configuration where two categories share a name', () => {
    const term = { start: '2026-01-01', end: '2026-12-31' };
    expect(() =>
      categoryMatcher([
        { id: 'a', term, aliases: ['X'] },
        { id: 'b', term, aliases: ['x'] },
      ]),
    ).toThrow(/matches both a and b/);
    expect(normaliseName('A-B_C d')).toBe('abcd');
  });
});
