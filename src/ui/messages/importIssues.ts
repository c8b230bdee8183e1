/**
 * What an import says about a file, in words naming the file: the notes
 * (date order worked out, rows skipped, rows outside a term) and the date
 * order only the user can choose. The domain returns codes with values
 * (src/domain/import/types.ts); this catalogue words them in English and
 * Chinese for the status command, the team server and the import screens'
 * detail. Pure (no React, no DOM).
 */
import type { DateOrderAmbiguity, ImportNotice, RowError } from '../../domain/import/types';
import { defineMessages, type Locale, translateCode } from '../translate';

export const importIssueMessages = defineMessages({
  en: {
    'notice_date-order-inferred':
      '{file}: dates read as {order} because row {row} has "{text}", which only fits that order',
    'notice_header-row-skipped': '{file}: the header is row {row}; {skipped} row(s) above it were skipped',
    'notice_title-block-skipped':
      '{file}: the header is row {row}; {skipped} row(s) above it (title block) were skipped',
    'notice_no-header-row':
      '{file}: row {row} is already data (no header row); columns were recognised from their values',
    'notice_blank-rows-skipped': '{file}: {count} blank row(s) skipped',
    'notice_outside-term':
      "{file}: {count} row(s) (the first is row {row}) are dated outside their category's term; they are kept and reported as transactions with no cap in force",
    ambiguityDisagree:
      '{file}: the dates disagree: row {rowA} ("{textA}") only fits DD/MM/YYYY and row {rowB} ("{textB}") only fits MM/DD/YYYY. Choose the order; rows that do not fit it will be rejected.',
    ambiguityEither:
      '{file}: every date (e.g. row {row}: "{text}") could be DD/MM/YYYY or MM/DD/YYYY. Choose the order.',
    order_dmy: 'DD/MM/YYYY',
    order_mdy: 'MM/DD/YYYY',
    order_ymd: 'YYYY/MM/DD',
    'row_date-not-valid': '{text} is not a valid date',
    'row_date-empty': 'the date is empty',
    'row_date-unreadable': '"{text}" is not a date (use e.g. 2026-04-23, 23/04/2026, 23.04.2026 or 2026年4月23日)',
    'row_date-unreadable-short': '"{text}" is not a date',
    'row_date-not-in-order': '"{text}" is not a valid {label} date',
    'row_amount-empty': 'the amount is empty',
    'row_amount-decimals':
      '"{text}" has more than two decimals of a yuan (at most {maxDecimals} decimals in {unitWord})',
    'row_amount-too-large': '"{text}" is too large to hold exactly',
    'row_amount-unreadable': '"{text}" is not an amount (use e.g. 1,234.56, -1234.56 or (1,234.56))',
    'row_amount-unreadable-raw': '"{text}" is not an amount (use e.g. 1,234.56, -1234.56, 1,234.56- or (1,234.56))',
    'row_amount-not-number': '"{text}" is not an amount',
    'row_category-empty': 'the category is empty',
    'row_category-unknown': '"{text}" is not a known category ({known})',
    'row_debit-and-credit':
      'both debit and credit are filled on one row; a ledger line is on one side (split it into two rows)',
    'row_currency-mismatch':
      'the row is in "{rowCurrency}" but {category} is capped in {currency} on the original-currency basis: the row has no amount in the agreement\'s currency',
    noCurrency: '(no currency)',
    unit_yuan: 'yuan',
    unit_thousand: 'thousand yuan',
    unit_million: 'million yuan',
    label_dmy: 'DD/MM/YYYY',
    label_mdy: 'MM/DD/YYYY',
    label_ymd: 'YYYY-MM-DD',
    rowAtCell: '{file}: row {row}, column {letter} ("{header}"): {problem}',
    rowAtLetter: '{file}: row {row}, column {letter}: {problem}',
    rowAt: '{file}: row {row}: {problem}',
  },
  zh: {
    'notice_date-order-inferred': '{file}：日期按{order}读取，因为第{row}行的“{text}”只符合这种顺序',
    'notice_header-row-skipped': '{file}：表头在第{row}行；其上{skipped}行已跳过',
    'notice_title-block-skipped': '{file}：表头在第{row}行；其上{skipped}行（标题区）已跳过',
    'notice_no-header-row': '{file}：第{row}行已是数据（没有表头行）；各列按其内容识别',
    'notice_blank-rows-skipped': '{file}：已跳过{count}个空行',
    'notice_outside-term':
      '{file}：{count}行（首行为第{row}行）的日期不在其类别的期限内；这些行已保留，并列为无上限交易',
    ambiguityDisagree:
      '{file}：日期相互矛盾：第{rowA}行（“{textA}”）只符合日/月/年，第{rowB}行（“{textB}”）只符合月/日/年。请选择顺序；不符合所选顺序的行将被拒绝。',
    ambiguityEither: '{file}：所有日期（例如第{row}行：“{text}”）既可读作日/月/年，也可读作月/日/年。请选择顺序。',
    order_dmy: '日/月/年（DD/MM/YYYY）',
    order_mdy: '月/日/年（MM/DD/YYYY）',
    order_ymd: '年/月/日（YYYY/MM/DD）',
    'row_date-not-valid': '{text}不是有效日期',
    'row_date-empty': '日期为空',
    'row_date-unreadable': '“{text}”不是日期（可写作 2026-04-23、23/04/2026、23.04.2026 或 2026年4月23日）',
    'row_date-unreadable-short': '“{text}”不是日期',
    'row_date-not-in-order': '“{text}”不是有效的{label}日期',
    'row_amount-empty': '金额为空',
    'row_amount-decimals': '“{text}”的小数位超过元的两位（以{unitWord}计最多{maxDecimals}位小数）',
    'row_amount-too-large': '“{text}”过大，无法精确保存',
    'row_amount-unreadable': '“{text}”不是金额（可写作 1,234.56、-1234.56 或 (1,234.56)）',
    'row_amount-unreadable-raw': '“{text}”不是金额（可写作 1,234.56、-1234.56、1,234.56- 或 (1,234.56)）',
    'row_amount-not-number': '“{text}”不是金额',
    'row_category-empty': '类别为空',
    'row_category-unknown': '“{text}”不是已知类别（{known}）',
    'row_debit-and-credit': '同一行借方和贷方都有金额；一笔台账记录只在一方（请拆成两行）',
    'row_currency-mismatch':
      '该行币种为“{rowCurrency}”，但{category}的上限按原币{currency}计算：该行没有协议币种的金额',
    noCurrency: '（无币种）',
    unit_yuan: '元',
    unit_thousand: '千元',
    unit_million: '百万元',
    label_dmy: '日/月/年（DD/MM/YYYY）',
    label_mdy: '月/日/年（MM/DD/YYYY）',
    label_ymd: '年-月-日（YYYY-MM-DD）',
    rowAtCell: '{file}：第{row}行，{letter}列（“{header}”）：{problem}',
    rowAtLetter: '{file}：第{row}行，{letter}列：{problem}',
    rowAt: '{file}：第{row}行：{problem}',
  },
});

const M = importIssueMessages;

/** A note about an imported file, naming the file. */
export function importNoticeText(n: ImportNotice, fileName: string, locale: Locale): string {
  const p = n.params ?? {};
  const order = p.order === 'dmy' || p.order === 'mdy' || p.order === 'ymd' ? p.order : null;
  const code = n.code === 'header-row-skipped' && p.titleBlock ? 'title-block-skipped' : n.code;
  return translateCode(M, locale, `notice_${code}`, {
    ...p,
    file: fileName,
    ...(order ? { order: translateCode(M, locale, `order_${order}`) } : {}),
  });
}

/** The date-order question, naming the file and the rows that show it. */
export function ambiguityText(a: DateOrderAmbiguity, fileName: string, locale: Locale): string {
  const [first, second] = a.samples;
  return a.conflict
    ? translateCode(M, locale, 'ambiguityDisagree', {
        file: fileName,
        rowA: first?.row ?? '',
        textA: first?.text ?? '',
        rowB: second?.row ?? '',
        textB: second?.text ?? '',
      })
    : translateCode(M, locale, 'ambiguityEither', { file: fileName, row: first?.row ?? '', text: first?.text ?? '' });
}

/** What is wrong with a row, without its place. */
export function rowProblemText(e: Pick<RowError, 'detail' | 'params'>, locale: Locale): string {
  const p = e.params ?? {};
  const unit = p.unit === 'yuan' || p.unit === 'thousand' || p.unit === 'million' ? p.unit : null;
  const order = p.order === 'dmy' || p.order === 'mdy' || p.order === 'ymd' ? p.order : null;
  return translateCode(M, locale, `row_${e.detail}`, {
    ...p,
    ...(unit ? { unitWord: translateCode(M, locale, `unit_${unit}`) } : {}),
    label: order ? translateCode(M, locale, `label_${order}`) : '',
    ...(e.detail === 'currency-mismatch' && !p.rowCurrency
      ? { rowCurrency: translateCode(M, locale, 'noCurrency') }
      : {}),
  });
}

/** A row problem naming the file, the row and the column (as the status command and the server say it). */
export function rowErrorText(e: RowError, fileName: string, locale: Locale): string {
  const problem = rowProblemText(e, locale);
  if (!e.column) return translateCode(M, locale, 'rowAt', { file: fileName, row: e.row, problem });
  return e.column.header
    ? translateCode(M, locale, 'rowAtCell', {
        file: fileName,
        row: e.row,
        letter: e.column.letter,
        header: e.column.header,
        problem,
      })
    : translateCode(M, locale, 'rowAtLetter', { file: fileName, row: e.row, letter: e.column.letter, problem });
}
