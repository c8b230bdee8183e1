/**
 * Column guessing: which column holds the date, amount, category, reference
 * and description, from header names in English and Chinese and, for the
 * required roles still missing, from the values of the first rows.
 */
import { normaliseName } from './categories';
import type { ColumnMapping, ColumnRef, ColumnRole } from './types';
import { NO_DAY, parseAmountMinor, readDate, type DateReading } from './values';

/** Spreadsheet column letter of a 0-based index (0 → A, 26 → AA). */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

export function columnRef(index: number, headers: readonly string[]): ColumnRef {
  return { index, letter: columnLetter(index), header: headers[index] ?? '' };
}

/**
 * Header normal form: NFKC, lower case, no spaces/punctuation, and without a
 * unit or currency suffix such as (元), （人民币）, [RMB], so "金额（元）" and
 * "金额" are the same header.
 */
export function normaliseHeader(h: string): string {
  const base = h
    .normalize('NFKC')
    .replace(/[(（[【]\s*(元|人民币|rmb|cny|¥|yuan|万元|千元|百万元|rmb'?000|'?000)\s*[)）\]】]\s*$/i, '');
  return normaliseName(base);
}

/** Normalised header list: the key under which a confirmed mapping is remembered. */
export function headerLayoutKey(headers: readonly string[]): string {
  return headers.map(normaliseHeader).join('|');
}

type Role = Exclude<ColumnRole, 'ignore'>;

/** Known header names per role, already in normal form. Earlier = stronger. */
const HEADER_NAMES: Readonly<Record<Role, readonly string[]>> = {
  date: [
    '日期',
    '交易日期',
    '记账日期',
    '开票日期',
    '发票日期',
    '业务日期',
    '凭证日期',
    '过账日期',
    '单据日期',
    '入账日期',
    '付款日期',
    '结算日期',
    '订单日期',
    '交易时间',
    '时间',
    'date',
    'transactiondate',
    'txndate',
    'postingdate',
    'invoicedate',
    'documentdate',
    'valuedate',
    'bookingdate',
    'orderdate',
  ],
  amount: [
    '金额',
    '交易金额',
    '发票金额',
    '含税金额',
    '价税合计',
    '本币金额',
    '发生额',
    '结算金额',
    '合计金额',
    '订单金额',
    '金额元',
    'amount',
    'amountrmb',
    'amountcny',
    'transactionamount',
    'invoiceamount',
    'netamount',
    'grossamount',
    'value',
    'total',
    'sum',
  ],
  category: [
    '类别',
    '类型',
    '交易类别',
    '交易类型',
    '业务类型',
    '业务类别',
    '费用类别',
    '服务类别',
    '服务类型',
    '关连交易类别',
    '关联交易类别',
    '分类',
    '品类',
    'category',
    'type',
    'transactiontype',
    'cctcategory',
    'ccttype',
    'servicetype',
    'service',
    'class',
  ],
  reference: [
    '发票号',
    '发票号码',
    '采购订单号',
    '订单号',
    '凭证号',
    '单据号',
    '单据编号',
    '合同号',
    '合同编号',
    '参考号',
    '编号',
    '流水号',
    'invoice',
    'invoiceno',
    'invoicenumber',
    'invoiceid',
    'po',
    'pono',
    'ponumber',
    'purchaseorder',
    'purchaseorderno',
    'reference',
    'referenceno',
    'ref',
    'refno',
    'documentno',
    'documentnumber',
    'voucherno',
    'id',
  ],
  description: [
    '摘要',
    '备注',
    '说明',
    '描述',
    '内容',
    '项目',
    '事由',
    '用途',
    'description',
    'desc',
    'memo',
    'note',
    'notes',
    'remark',
    'remarks',
    'narrative',
    'details',
    'comment',
    'comments',
    'particulars',
  ],
};

/** Substrings that make a header likely a role when no exact name matched. */
const HEADER_PARTS: Readonly<Record<Role, readonly string[]>> = {
  date: ['日期', 'date'],
  amount: ['金额', 'amount', '合计'],
  category: ['类别', '类型', 'category'],
  reference: ['发票号', '订单号', '单号', '编号', 'invoice', 'ponumber', 'reference', 'refno'],
  description: ['摘要', '备注', '说明', 'description', 'memo', 'remark'],
};

const ROLES: readonly Role[] = ['date', 'amount', 'category', 'reference', 'description'];

/** Score of a header for a role: 3 exact (strong), 2 exact, 1 contains, 0 none. */
function headerScore(norm: string, role: Role): number {
  if (!norm) return 0;
  const names = HEADER_NAMES[role];
  const idx = names.indexOf(norm);
  if (idx >= 0) return idx < 3 ? 4 : 3;
  if (HEADER_PARTS[role].some((p) => norm.includes(p))) return 1;
  return 0;
}

/** True when a header matches a known name of any role (used to find the header row). */
export function isKnownHeader(h: string): boolean {
  const norm = normaliseHeader(h);
  return ROLES.some((r) => headerScore(norm, r) >= 3);
}

/**
 * Guesses the mapping: each role goes to the column whose header fits it best
 * (exact names before partial ones, left to right); required roles (date,
 * amount, category) still missing are then looked for in the values of
 * `samples` (rows of cell text): a column where at least 80 % of non-empty
 * cells read as dates / amounts / known categories.
 */
export function guessMapping(
  headers: readonly string[],
  samples: readonly (readonly string[])[],
  isCategory: (cell: string) => boolean,
): ColumnMapping {
  const mapping: ColumnRole[] = headers.map(() => 'ignore');
  const norms = headers.map(normaliseHeader);
  // Candidate (score, column, role) triples, best first.
  const triples: { score: number; col: number; role: Role }[] = [];
  norms.forEach((norm, col) => {
    for (const role of ROLES) {
      const score = headerScore(norm, role);
      if (score > 0) triples.push({ score, col, role });
    }
  });
  triples.sort((a, b) => b.score - a.score || a.col - b.col || ROLES.indexOf(a.role) - ROLES.indexOf(b.role));
  const taken = new Set<Role>();
  for (const t of triples) {
    if (taken.has(t.role) || mapping[t.col] !== 'ignore') continue;
    mapping[t.col] = t.role;
    taken.add(t.role);
  }
  const reading: DateReading = { dmy: NO_DAY, mdy: NO_DAY, ordered: false };
  const tests: readonly [Role, (cell: string) => boolean][] = [
    ['date', (c) => readDate(c, reading)],
    ['category', isCategory],
    ['amount', (c) => !Number.isNaN(parseAmountMinor(c, 'million'))],
  ];
  for (const [role, test] of tests) {
    if (taken.has(role)) continue;
    for (let col = 0; col < headers.length; col++) {
      if (mapping[col] !== 'ignore') continue;
      let filled = 0;
      let fit = 0;
      for (const row of samples) {
        const cell = (row[col] ?? '').trim();
        if (!cell) continue;
        filled++;
        if (test(cell)) fit++;
      }
      if (filled > 0 && fit >= filled * 0.8) {
        mapping[col] = role;
        taken.add(role);
        break;
      }
    }
  }
  return mapping;
}

/** Column index of a role in a mapping, or -1. */
export function roleIndex(mapping: ColumnMapping, role: Role): number {
  return mapping.indexOf(role);
}
