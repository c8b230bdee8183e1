/**
 * Columns of raw ERP ledgers (Kingdee 金蝶, Yonyou 用友, SAP, Oracle
 * exports): debit and credit, balance, counterparty name and code, voucher
 * and line numbers, tax-exclusive and original-currency amounts. Header
 * names in English and Chinese, in the import's header normal form.
 */
import { normaliseHeader } from './columns';

/** What a column of a raw ledger holds. Any column, mapped or not, can be used by rules. */
export type RawRole =
  | 'date'
  | 'debit'
  | 'credit'
  /** One signed amount column (or an unsigned one of an invoice list); tax-inclusive unless stated. */
  | 'amount'
  /** The tax-exclusive amount (不含税金额) beside a tax-inclusive one. */
  | 'amountExTax'
  /** The amount in the transaction's original currency (原币), with `currency`. */
  | 'originalAmount'
  | 'currency'
  /** Running balance (余额): never an amount. */
  | 'balance'
  | 'counterparty'
  | 'counterpartyCode'
  | 'voucher'
  | 'line'
  | 'reference'
  | 'description'
  | 'ignore';

export type RawMapping = readonly RawRole[];

export const RAW_ROLES: readonly Exclude<RawRole, 'ignore'>[] = [
  'date',
  'debit',
  'credit',
  'amount',
  'amountExTax',
  'originalAmount',
  'currency',
  'balance',
  'counterparty',
  'counterpartyCode',
  'voucher',
  'line',
  'reference',
  'description',
];

const n = (list: readonly string[]) => list.map(normaliseHeader);

/** Known headers per role, in normal form; earlier = stronger. */
const NAMES: Readonly<Record<Exclude<RawRole, 'ignore'>, readonly string[]>> = {
  date: n([
    '日期',
    '记账日期',
    '凭证日期',
    '业务日期',
    '单据日期',
    '开票日期',
    '过账日期',
    '交易日期',
    'Date',
    'Posting Date',
    'Pstng Date',
    'Document Date',
    'Doc. Date',
    'GL Date',
    'Accounting Date',
    'Transaction Date',
    'Invoice Date',
  ]),
  debit: n([
    '借方',
    '借方金额',
    '借方发生额',
    '本期借方',
    '借方本币',
    'Debit',
    'Debit Amount',
    'Dr',
    'Entered Dr',
    'Accounted Dr',
  ]),
  credit: n([
    '贷方',
    '贷方金额',
    '贷方发生额',
    '本期贷方',
    '贷方本币',
    'Credit',
    'Credit Amount',
    'Cr',
    'Entered Cr',
    'Accounted Cr',
  ]),
  amount: n([
    '价税合计',
    '含税金额',
    '金额',
    '本币金额',
    '本位币金额',
    '发生额',
    'Amount',
    'Amount in local currency',
    'Amount in LC',
    'Amt in loc.cur.',
    'Functional Amount',
    'Accounted Amount',
    'Invoice Amount',
    'Gross Amount',
  ]),
  amountExTax: n([
    '不含税金额',
    '无税金额',
    '金额不含税',
    '不含税',
    'Net Amount',
    'Amount excl. tax',
    'Amount excluding tax',
  ]),
  originalAmount: n([
    '原币金额',
    '原币',
    '外币金额',
    '原币价税合计',
    'Amount in doc. curr.',
    'Amount in DC',
    'Entered Amount',
    'Original Amount',
  ]),
  currency: n(['币种', '币别', '原币币种', 'Currency', 'Curr.', 'Crcy', 'Document Currency', 'Local Currency']),
  balance: n(['余额', '期末余额', '本币余额', '原币余额', 'Balance', 'Running Balance', 'Closing Balance']),
  counterparty: n([
    '往来单位',
    '往来单位名称',
    '客户',
    '客户名称',
    '供应商',
    '供应商名称',
    '对方单位',
    '对方户名',
    '核算项目',
    '核算项目名称',
    'Customer',
    'Customer Name',
    'Name 1',
    'Name of customer',
    'Vendor',
    'Vendor Name',
    'Supplier',
    'Supplier Name',
    'Counterparty',
    'Business Partner',
    'Party Name',
  ]),
  counterpartyCode: n([
    '往来单位编码',
    '往来单位代码',
    '客户编码',
    '客户代码',
    '客户编号',
    '供应商编码',
    '供应商代码',
    '供应商编号',
    '核算项目编码',
    '统一社会信用代码',
    'Customer Number',
    'Customer No.',
    'Customer Code',
    'Customer Account',
    'Vendor Number',
    'Vendor No.',
    'Vendor Code',
    'Supplier Number',
    'Supplier Code',
    'Account',
    'BP Code',
  ]),
  voucher: n([
    '凭证号',
    '凭证字号',
    '凭证编号',
    '凭证字',
    'Document Number',
    'DocumentNo',
    'Doc. No.',
    'Voucher No.',
    'Transaction Number',
    'Trx Number',
    'Voucher Number',
    'Journal Number',
    'Journal',
  ]),
  line: n(['分录号', '分录行号', '行号', '分录序号', 'Line', 'Line No.', 'Line Number', 'Itm', 'Item']),
  reference: n([
    '发票号',
    '发票号码',
    '单据号',
    '单据编号',
    '合同号',
    '合同编号',
    'Invoice',
    'Invoice No.',
    'Invoice Number',
    'Reference',
    'Assignment',
  ]),
  description: n([
    '摘要',
    '备注',
    '说明',
    'Description',
    'Text',
    'Line Description',
    'Memo',
    'Narrative',
    'Particulars',
  ]),
};

const LOOKUP = new Map<string, Exclude<RawRole, 'ignore'>>();
for (const role of RAW_ROLES) for (const name of NAMES[role]) if (!LOOKUP.has(name)) LOOKUP.set(name, role);

/** The raw role a header names exactly, or null. */
export function rawRoleOfHeader(header: string): Exclude<RawRole, 'ignore'> | null {
  return LOOKUP.get(normaliseHeader(header)) ?? null;
}

/** True when a header names a raw-ledger column (used to find the header row below a title block). */
export function isRawHeader(header: string): boolean {
  return rawRoleOfHeader(header) !== null;
}

/** True when a header says the column is a running balance (余额 / balance), whatever it is mapped to. */
export function isBalanceHeader(header: string): boolean {
  const h = normaliseHeader(header);
  return h.includes('余额') || h.includes('balance');
}

/**
 * Guesses a raw mapping from headers: each role to the first column naming
 * it exactly. When debit and credit are both found, a lone amount column is
 * left unmapped (it is usually a total or a different measure).
 */
export function guessRawMapping(headers: readonly string[]): RawRole[] {
  const mapping: RawRole[] = headers.map(() => 'ignore');
  const taken = new Set<RawRole>();
  headers.forEach((h, i) => {
    const role = rawRoleOfHeader(h);
    if (role && !taken.has(role)) {
      mapping[i] = role;
      taken.add(role);
    }
  });
  if (taken.has('debit') && taken.has('credit') && taken.has('amount')) mapping[mapping.indexOf('amount')] = 'ignore';
  return mapping;
}
