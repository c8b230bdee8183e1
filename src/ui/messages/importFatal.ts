/**
 * Whole-file import refusals in words. The reader (src/domain/import) refuses
 * a file with a code, a finer `detail` and the values it names (file, row,
 * column, limit, sheet names, the ZIP's entries, a role …); this catalogue
 * words them in English and Chinese, naming the file and, where it applies,
 * the row and the column. Used by the import screens, the status command
 * and the team server. Pure (no React, no DOM).
 */
import type { FatalDetail, FatalError } from '../../domain/import/types';
import { defineMessages, type Locale, translateCode } from '../translate';

export const importFatalMessages = defineMessages({
  en: {
    at: '{file}: {problem}',
    atRow: '{file}: row {row}: {problem}',
    atCell: '{file}: row {row}, column {letter} ("{header}"): {problem}',
    atLetter: '{file}: row {row}, column {letter}: {problem}',
    'fatal_file-empty': 'the file is empty',
    'fatal_no-rows-with-content': 'the file has no rows with content',
    'fatal_workbook-no-sheets': 'the workbook has no sheets',
    'fatal_file-too-large': 'the file is {mb} MB; the limit is {limitMb} MB',
    'fatal_binary-file': 'this is {what}, not a CSV or .xlsx file',
    'fatal_html-file': 'this is a web page (HTML/XML), not a CSV file; in Excel use File → Save As → CSV or .xlsx',
    'fatal_encoding-utf8-or-gb18030':
      'the text is not valid UTF-8 or GB18030 (it contains byte sequences no text encoding here allows); save it as CSV UTF-8 and try again',
    'fatal_encoding-invalid':
      'the text is not valid {encoding} (it contains byte sequences no text encoding here allows); save it as CSV UTF-8 and try again',
    'fatal_encrypted-xlsx':
      'the workbook is password-protected. Remove the password in Excel (File → Info → Protect Workbook) and save it again',
    'fatal_zip-forged-size':
      'refused: "{entry}" declares {declared} bytes but holds {compressed} compressed bytes (forged sizes); this is not a normal spreadsheet',
    'fatal_zip-ratio':
      'refused: "{entry}" would expand from {compressed} bytes to {uncompressed} bytes (ratio {ratio}:1); this is not a normal spreadsheet',
    'fatal_zip-total':
      'refused: its contents would expand to {mb} MB (limit {limitMb} MB); this is not a normal spreadsheet',
    'fatal_zip-not-workbook': 'this is {what}, not an Excel workbook',
    'fatal_zip-no-directory':
      'the file starts like a ZIP/.xlsx file but is damaged or incomplete (no central directory)',
    'fatal_workbook-unreadable': 'the workbook could not be read ({reason})',
    'fatal_xls-unreadable':
      'the {kind} workbook is damaged or incomplete and could not be read ({reason}); open it in Excel and save it as .xlsx',
    'fatal_quote-never-closed': 'a quote (") opens a field here and is never closed',
    'fatal_quote-runs-over':
      'a quoted field opened here runs over a line break into the following rows; check for a stray or missing quote (")',
    'fatal_formula-without-value':
      'the cell holds a formula (={formula}) without a saved result: the file was written by a program that does not calculate. Open it in Excel, let it recalculate and save it again',
    'fatal_sheet-not-found': 'there is no sheet named "{sheet}" (sheets: {names})',
    'fatal_no-data-rows': 'there are no data rows under the header (row {headerRow})',
    'fatal_duplicate-header': 'columns {first} and {second} are both headed "{header}"; map the {role} column yourself',
    'fatal_role-twice': 'both column {first} and column {second} are mapped to {role}; map each role to one column',
    'fatal_raw-role-twice': 'both column {first} and column {second} are mapped to {role}; map each role to one column',
    'fatal_default-category-unknown': 'the default category "{categoryId}" is not one of the categories',
    'fatal_column-missing': 'no column for the {role} was found (columns: {names}); map a column to {role}',
    'fatal_raw-column-missing': 'no column for the {role} was found (columns: {names}); map a column to it',
    'fatal_too-many-rows': 'the file has more than {limit} data rows (the limit); split it or raise the limit',
    'fatal_header-row-blank': 'row {wanted} (the header row chosen) is blank or beyond the first rows',
    'fatal_no-header-found':
      'no header row found in the first {rows} rows: no row names two known columns (such as 日期/Date, 借方/Debit, 贷方/Credit, 客户/Customer, 供应商/Vendor, 摘要/Description); choose the header row',
    'fatal_ambiguous-header':
      'rows {first} and {second} both look like the header (each names {count} known columns); choose the header row',
    'fatal_balance-as-amount':
      '{column} is a running balance (余额), not an amount; map it as the balance and choose the debit and credit (or amount) columns',
    'fatal_missing-side':
      'the ledger has debit (借方) and credit (贷方) columns: choose which side holds the transactions (receivables: debit; payables or a revenue account: credit)',
    'fatal_basis-original-columns':
      'the cap basis of {categoryId} is the original currency (原币): map the original-currency amount and the currency columns',
    'fatal_basis-functional-currency':
      "{categoryId} is capped in {currency} but the ledger's amounts are in the functional currency {functional}: set its cap basis to the original currency and map the original-currency amount and currency columns",
    'fatal_basis-tax-exclusive':
      'the cap basis of {categoryId} is tax-exclusive (不含税) but the amounts here include tax and no column is mapped to the tax-exclusive amount',
    'fatal_basis-tax-inclusive':
      "the cap basis of {categoryId} is tax-inclusive (价税合计) but the ledger's amounts exclude tax",
    // The values named above.
    column: 'column {letter} ("{header}")',
    columnLetter: 'column {letter}',
    listedColumn: '{letter} "{header}"',
    listSep: ', ',
    listMore: ', …',
    none: 'none',
    binary_pdf: 'a PDF document',
    binary_png: 'a PNG image',
    binary_jpeg: 'a JPEG image',
    binary_gif: 'a GIF image',
    binary_gzip: 'a gzip archive',
    binary_rar: 'a RAR archive',
    binary_7z: 'a 7-Zip archive',
    binary_elf: 'a program (ELF)',
    binary_exe: 'a Windows program',
    binary_binary: 'binary data',
    zip_docx: 'a Word document (.docx)',
    zip_pptx: 'a PowerPoint presentation (.pptx)',
    zip_odf: 'an OpenDocument file',
    zip_zip: 'a ZIP archive ({names})',
    'xls_xls-biff': 'Excel 97–2003 (.xls)',
    'xls_xls-html': 'HTML (.xls)',
    'xls_xls-xml': 'SpreadsheetML 2003 (.xls)',
    role_date: 'date',
    role_amount: 'amount',
    role_category: 'category',
    role_reference: 'reference (invoice / PO number)',
    role_description: 'description',
    raw_date: 'date',
    raw_debit: 'debit (借方)',
    raw_credit: 'credit (贷方)',
    raw_amount: 'amount',
    raw_amountExTax: 'tax-exclusive amount',
    raw_originalAmount: 'original-currency amount',
    raw_currency: 'currency',
    raw_balance: 'balance (余额)',
    raw_counterparty: 'counterparty name',
    raw_counterpartyCode: 'counterparty code',
    raw_voucher: 'voucher number (凭证号)',
    raw_line: 'line number (分录号)',
    raw_reference: 'reference',
    raw_description: 'description',
    rawMissing_date: 'date',
    rawMissing_debit: 'debit (借方)',
    rawMissing_credit: 'credit (贷方)',
    rawMissing_amount: 'amount (or debit and credit)',
    rawMissing_counterparty: 'counterparty (customer or supplier name or code)',
  },
  zh: {
    at: '{file}：{problem}',
    atRow: '{file}：第{row}行：{problem}',
    atCell: '{file}：第{row}行，{letter}列（“{header}”）：{problem}',
    atLetter: '{file}：第{row}行，{letter}列：{problem}',
    'fatal_file-empty': '文件为空',
    'fatal_no-rows-with-content': '文件没有含内容的行',
    'fatal_workbook-no-sheets': '工作簿没有工作表',
    'fatal_file-too-large': '文件大小为{mb} MB；上限为{limitMb} MB',
    'fatal_binary-file': '这是{what}，不是CSV或.xlsx文件',
    'fatal_html-file': '这是网页（HTML/XML），不是CSV文件；请在Excel中使用“文件 → 另存为”保存为CSV或.xlsx',
    'fatal_encoding-utf8-or-gb18030':
      '文本不是有效的UTF-8或GB18030（含有任何可用文本编码都不允许的字节序列）；请另存为CSV UTF-8后重试',
    'fatal_encoding-invalid':
      '文本不是有效的{encoding}（含有任何可用文本编码都不允许的字节序列）；请另存为CSV UTF-8后重试',
    'fatal_encrypted-xlsx': '工作簿有密码保护。请在Excel中取消密码（文件 → 信息 → 保护工作簿）后重新保存',
    'fatal_zip-forged-size':
      '已拒绝：“{entry}”声明为{declared}字节，却含有{compressed}字节的压缩数据（大小是伪造的）；这不是正常的电子表格',
    'fatal_zip-ratio':
      '已拒绝：“{entry}”会从{compressed}字节解压为{uncompressed}字节（压缩比{ratio}:1）；这不是正常的电子表格',
    'fatal_zip-total': '已拒绝：其内容解压后将达{mb} MB（上限{limitMb} MB）；这不是正常的电子表格',
    'fatal_zip-not-workbook': '这是{what}，不是Excel工作簿',
    'fatal_zip-no-directory': '文件开头像ZIP/.xlsx文件，但已损坏或不完整（没有中央目录）',
    'fatal_workbook-unreadable': '无法读取工作簿（{reason}）',
    'fatal_xls-unreadable': '{kind}工作簿已损坏或不完整，无法读取（{reason}）；请在Excel中打开并另存为.xlsx',
    'fatal_quote-never-closed': '此处有引号（"）开始一个字段，但始终没有闭合',
    'fatal_quote-runs-over': '此处开始的带引号字段跨过换行，延伸到后面的行；请检查是否有多余或缺少的引号（"）',
    'fatal_formula-without-value':
      '单元格含有公式（={formula}），但没有保存计算结果：文件由不计算公式的程序写出。请在Excel中打开，待其重新计算后再保存',
    'fatal_sheet-not-found': '没有名为“{sheet}”的工作表（现有工作表：{names}）',
    'fatal_no-data-rows': '表头（第{headerRow}行）下没有数据行',
    'fatal_duplicate-header': '{first}列和{second}列的表头都是“{header}”；请自行指定{role}列',
    'fatal_role-twice': '{first}列和{second}列都被对应为{role}；每种用途只能对应一列',
    'fatal_raw-role-twice': '{first}列和{second}列都被对应为{role}；每种用途只能对应一列',
    'fatal_default-category-unknown': '默认类别“{categoryId}”不在类别之中',
    'fatal_column-missing': '找不到{role}列（现有列：{names}）；请将一列对应为{role}',
    'fatal_raw-column-missing': '找不到{role}列（现有列：{names}）；请指定对应的列',
    'fatal_too-many-rows': '文件的数据行超过{limit}行（上限）；请拆分文件或提高上限',
    'fatal_header-row-blank': '第{wanted}行（所选表头行）为空或超出了开头各行',
    'fatal_no-header-found':
      '前{rows}行中找不到表头行：没有一行含有两个已知列名（如 日期/Date、借方/Debit、贷方/Credit、客户/Customer、供应商/Vendor、摘要/Description）；请选择表头行',
    'fatal_ambiguous-header': '第{first}行和第{second}行都像表头（各含{count}个已知列名）；请选择表头行',
    'fatal_balance-as-amount': '{column}是余额（累计结余），不是金额；请将其对应为余额，并选择借方和贷方（或金额）列',
    'fatal_missing-side': '台账有借方和贷方两列：请选择交易所在的一方（应收账款：借方；应付账款或收入科目：贷方）',
    'fatal_basis-original-columns': '{categoryId}的上限按原币计算：请对应原币金额列和币种列',
    'fatal_basis-functional-currency':
      '{categoryId}的上限以{currency}计，但台账金额是记账本位币{functional}：请将其上限基准设为原币，并对应原币金额列和币种列',
    'fatal_basis-tax-exclusive': '{categoryId}的上限按不含税金额计算，但此处金额含税，且没有列对应为不含税金额',
    'fatal_basis-tax-inclusive': '{categoryId}的上限按价税合计计算，但台账金额不含税',
    column: '{letter}列（“{header}”）',
    columnLetter: '{letter}列',
    listedColumn: '{letter}“{header}”',
    listSep: '、',
    listMore: '等',
    none: '无',
    binary_pdf: 'PDF文档',
    binary_png: 'PNG图片',
    binary_jpeg: 'JPEG图片',
    binary_gif: 'GIF图片',
    binary_gzip: 'gzip压缩包',
    binary_rar: 'RAR压缩包',
    binary_7z: '7-Zip压缩包',
    binary_elf: '程序（ELF）',
    binary_exe: 'Windows程序',
    binary_binary: '二进制数据',
    zip_docx: 'Word文档（.docx）',
    zip_pptx: 'PowerPoint演示文稿（.pptx）',
    zip_odf: 'OpenDocument文件',
    zip_zip: 'ZIP压缩包（{names}）',
    'xls_xls-biff': 'Excel 97–2003（.xls）',
    'xls_xls-html': 'HTML（.xls）',
    'xls_xls-xml': 'SpreadsheetML 2003（.xls）',
    role_date: '日期',
    role_amount: '金额',
    role_category: '类别',
    role_reference: '参考号（发票/订单号）',
    role_description: '摘要',
    raw_date: '日期',
    raw_debit: '借方',
    raw_credit: '贷方',
    raw_amount: '金额',
    raw_amountExTax: '不含税金额',
    raw_originalAmount: '原币金额',
    raw_currency: '币种',
    raw_balance: '余额',
    raw_counterparty: '交易对手名称',
    raw_counterpartyCode: '交易对手编码',
    raw_voucher: '凭证号',
    raw_line: '分录号',
    raw_reference: '参考号',
    raw_description: '摘要',
    rawMissing_date: '日期',
    rawMissing_debit: '借方',
    rawMissing_credit: '贷方',
    rawMissing_amount: '金额（或借方和贷方）',
    rawMissing_counterparty: '交易对手（客户或供应商名称或编码）',
  },
});

const M = importFatalMessages;
type Key = keyof (typeof M)['en'] & string;

/** Every detail the reader can refuse a file with (the catalogue words each one; a test checks). */
export const FATAL_DETAILS = [
  'file-empty',
  'no-rows-with-content',
  'workbook-no-sheets',
  'file-too-large',
  'binary-file',
  'html-file',
  'encoding-utf8-or-gb18030',
  'encoding-invalid',
  'encrypted-xlsx',
  'zip-forged-size',
  'zip-ratio',
  'zip-total',
  'zip-not-workbook',
  'zip-no-directory',
  'workbook-unreadable',
  'xls-unreadable',
  'quote-never-closed',
  'quote-runs-over',
  'formula-without-value',
  'sheet-not-found',
  'no-data-rows',
  'duplicate-header',
  'role-twice',
  'raw-role-twice',
  'default-category-unknown',
  'column-missing',
  'raw-column-missing',
  'too-many-rows',
  'header-row-blank',
  'no-header-found',
  'ambiguous-header',
  'balance-as-amount',
  'missing-side',
  'basis-original-columns',
  'basis-functional-currency',
  'basis-tax-exclusive',
  'basis-tax-inclusive',
] as const satisfies readonly FatalDetail[];
// Fails to compile when a detail is added to the reader and not listed here.
type Unlisted = Exclude<FatalDetail, (typeof FATAL_DETAILS)[number]>;
const allListed: [Unlisted] extends [never] ? true : Unlisted = true;
void allListed;

/** A computed key (a value code from the reader) when the catalogue has it, else null. */
function known(prefix: string, value: string | number | undefined): Key | null {
  const key = `${prefix}${String(value)}`;
  return value !== undefined && Object.prototype.hasOwnProperty.call(M.en, key) ? (key as Key) : null;
}

function word(locale: Locale, prefix: string, value: string | number | undefined): string {
  const key = known(prefix, value);
  return key ? translateCode(M, locale, key) : String(value ?? '');
}

/** The values a refusal's wording names, worded in the reader's language. */
function values(f: FatalError, locale: Locale): Record<string, string | number> {
  const p = f.params ?? {};
  const sep = translateCode(M, locale, 'listSep');
  const out: Record<string, string | number> = { ...p };
  switch (f.detail) {
    case 'binary-file':
      out.what = word(locale, 'binary_', p.what);
      break;
    case 'encoding-invalid':
      out.encoding = String(p.encoding ?? '').toUpperCase();
      break;
    case 'zip-not-workbook': {
      const names = (f.names ?? []).join(sep) + (p.more ? translateCode(M, locale, 'listMore') : '');
      out.what = translateCode(M, locale, known('zip_', p.zipKind) ?? 'zip_zip', { names });
      break;
    }
    case 'xls-unreadable':
      out.kind = word(locale, 'xls_', p.kind);
      break;
    case 'sheet-not-found':
      out.names = (f.names ?? []).join(sep);
      break;
    case 'column-missing':
    case 'raw-column-missing': {
      const headers = f.names ?? [];
      out.names = headers.length
        ? headers
            .map((header, i) => translateCode(M, locale, 'listedColumn', { letter: letterOf(i), header }))
            .join(sep)
        : translateCode(M, locale, 'none');
      out.role = word(locale, f.detail === 'column-missing' ? 'role_' : 'rawMissing_', p.role);
      break;
    }
    case 'duplicate-header':
    case 'role-twice':
      out.role = word(locale, 'role_', p.role);
      break;
    case 'raw-role-twice':
      out.role = word(locale, 'raw_', p.role);
      break;
    case 'too-many-rows':
      out.limit = typeof p.limit === 'number' ? p.limit.toLocaleString('en') : String(p.limit ?? '');
      break;
    case 'balance-as-amount':
      out.column = f.column
        ? f.column.header
          ? translateCode(M, locale, 'column', { letter: f.column.letter, header: f.column.header })
          : translateCode(M, locale, 'columnLetter', { letter: f.column.letter })
        : '';
      break;
    default:
      break;
  }
  return out;
}

/** A, B, … Z, AA, AB … for a 0-based column index. */
function letterOf(index: number): string {
  let s = '';
  let n = index + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** What is wrong with the file, without its place. */
export function fatalProblemText(f: FatalError, locale: Locale): string {
  const key = known('fatal_', f.detail);
  return key ? translateCode(M, locale, key, values(f, locale)) : f.code;
}

/** A whole-file refusal naming the file and, where it has them, the row and column. */
export function fatalText(f: FatalError, locale: Locale): string {
  const problem = fatalProblemText(f, locale);
  const file = f.fileName;
  if (f.row === undefined) return translateCode(M, locale, 'at', { file, problem });
  if (!f.column) return translateCode(M, locale, 'atRow', { file, row: f.row, problem });
  return f.column.header
    ? translateCode(M, locale, 'atCell', {
        file,
        row: f.row,
        letter: f.column.letter,
        header: f.column.header,
        problem,
      })
    : translateCode(M, locale, 'atLetter', { file, row: f.row, letter: f.column.letter, problem });
}
