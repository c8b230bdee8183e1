/**
 * What an import says about a file, in words naming the file: the notes
 * (date order worked out, rows skipped, rows outside a term) and the date
 * order only the user can choose. The domain returns codes with values
 * (src/domain/import/types.ts); this catalogue words them in English and
 * Chinese for the status command, the team server and the import screens'
 * detail. Pure (no React, no DOM).
 */
import type { DateOrderAmbiguity, ImportNotice } from '../../domain/import/types';
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
