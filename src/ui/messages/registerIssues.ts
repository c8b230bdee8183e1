/**
 * Register issues in words. The domain returns issue codes with values and a
 * path into the agreement or file; this catalogue words them in English and
 * Chinese for the register screens and the status command alike.
 */
import type { IssueCode, RegisterIssue } from '../../domain/register';
import { defineMessages, hasMessage, type Locale, translateCode, translator } from '../translate';

export const registerIssueMessages = defineMessages({
  en: {
    issue_required: 'is required',
    'issue_bad-date': 'is not a valid date (YYYY-MM-DD): "{value}"',
    'issue_range-reversed': 'ends before it starts ({start} – {end})',
    'issue_outside-term': 'lies outside the term {term}',
    issue_overlap: 'overlaps cap line {line} ({period})',
    'issue_bad-amount': 'is not an amount: "{value}"',
    issue_negative: 'must not be negative',
    'issue_too-many-decimals': 'has more than {max} decimal(s)',
    'issue_duplicate-name': 'is already used: "{name}"',
    'issue_duplicate-id': 'id "{value}" is used twice',
    'issue_duplicate-range': 'another amount covers the same range ({period})',
    'issue_bad-id': 'has a malformed id "{value}"',
    'issue_bad-choice': 'has an unknown value "{value}"',
    'issue_announced-after-period': 'is after the end of the cap period ({end})',
    'issue_revision-order': 'is before the announcement of the version it revises ({date})',
    'issue_revision-disjoint': 'does not overlap the period it revises ({period})',
    'issue_in-force-revision': 'a revision needs an approval route: exempt or independent shareholders',
    'issue_meeting-required': "needs the date of the shareholders' meeting",
    'issue_meeting-before-announcement': 'is before the announcement ({date})',
    'issue_signed-after-term': 'is after the end of the term ({end})',
    'issue_no-categories': 'add at least one category',
    'issue_no-versions': 'has no cap',
    'issue_bad-type': 'should be {expected}',
    'issue_bad-json': 'is not valid JSON: {detail}',
    'issue_bad-format': 'is not a Headroom register export (expected format "headroom-register", version 1)',
    field_id: 'id',
    field_name: 'name',
    field_en: 'English',
    field_zh: 'Chinese',
    field_issuer: 'issuer',
    field_counterparty: 'counterparty',
    field_currency: 'currency',
    field_signedOn: 'signing date',
    field_term: 'term',
    field_start: 'start',
    field_end: 'end',
    field_source: 'source',
    field_direction: 'direction',
    field_statedBand: 'stated band',
    field_period: 'period',
    field_amount: 'amount',
    field_announcedOn: 'announcement date',
    field_approval: 'approval',
    field_meetingDate: 'meeting date',
    field_range: 'range',
    field_audited: 'audited',
    field_comparative: 'comparative',
    field_categories: 'categories',
    field_capLines: 'cap lines',
    field_versions: 'caps',
    field_historicals: 'historical amounts',
    field_format: 'format',
    field_version: 'version',
    field_agreements: 'agreements',
    field_boardApproval: 'board approval',
    field_date: 'date',
    expected_text: 'text',
    expected_boolean: 'true or false',
    expected_object: 'an object',
    expected_list: 'a list',
    expected_bilingual: '{ "en": …, "zh": … }',
    expected_range: '{ "start": …, "end": … }',
    expected_integer: 'a whole number',
    item_agreements: 'Agreement {n}',
    item_categories: 'Category {n}',
    item_capLines: 'cap line {n}',
    item_versions_first: 'cap',
    item_versions: 'revision {index}',
    item_historicals: 'historical amount {n}',
    item_other: '{key} {n}',
    named: '{item} “{name}”',
    located: '{where}: {what}',
    jsonAt: 'line {line}, column {column}',
  },
  zh: {
    issue_required: '为必填项',
    'issue_bad-date': '不是有效日期（YYYY-MM-DD）：“{value}”',
    'issue_range-reversed': '结束日期早于开始日期（{start} – {end}）',
    'issue_outside-term': '超出期限 {term}',
    issue_overlap: '与上限第{line}行（{period}）重叠',
    'issue_bad-amount': '不是有效金额：“{value}”',
    issue_negative: '不得为负数',
    'issue_too-many-decimals': '小数位超过{max}位',
    'issue_duplicate-name': '名称已被使用：“{name}”',
    'issue_duplicate-id': '编号“{value}”重复',
    'issue_duplicate-range': '已有相同期间的金额（{period}）',
    'issue_bad-id': '编号格式不正确：“{value}”',
    'issue_bad-choice': '取值无效：“{value}”',
    'issue_announced-after-period': '晚于上限期间结束日（{end}）',
    'issue_revision-order': '早于被修订版本的公告日期（{date}）',
    'issue_revision-disjoint': '与被修订的期间（{period}）没有重叠',
    'issue_in-force-revision': '修订须选择批准方式：豁免或独立股东批准',
    'issue_meeting-required': '须填写股东大会日期',
    'issue_meeting-before-announcement': '早于公告日期（{date}）',
    'issue_signed-after-term': '晚于期限结束日（{end}）',
    'issue_no-categories': '须至少添加一个类别',
    'issue_no-versions': '没有上限',
    'issue_bad-type': '应为{expected}',
    'issue_bad-json': '不是有效的 JSON：{detail}',
    'issue_bad-format': '不是 Headroom 上限登记册导出文件（应为 format "headroom-register"，version 1）',
    field_id: '编号',
    field_name: '名称',
    field_en: '英文',
    field_zh: '中文',
    field_issuer: '发行人',
    field_counterparty: '交易对方',
    field_currency: '币种',
    field_signedOn: '签订日期',
    field_term: '期限',
    field_start: '开始日期',
    field_end: '结束日期',
    field_source: '来源',
    field_direction: '交易方向',
    field_statedBand: '公告所述分级',
    field_period: '期间',
    field_amount: '金额',
    field_announcedOn: '公告日期',
    field_approval: '批准方式',
    field_meetingDate: '股东大会日期',
    field_range: '期间',
    field_audited: '经审核',
    field_comparative: '比较数字',
    field_categories: '类别',
    field_capLines: '上限',
    field_versions: '上限',
    field_historicals: '历史金额',
    field_format: '格式',
    field_version: '版本',
    field_agreements: '协议',
    field_boardApproval: '董事会批准',
    field_date: '日期',
    expected_text: '文本',
    expected_boolean: 'true 或 false',
    expected_object: '对象',
    expected_list: '列表',
    expected_bilingual: '{ "en": …, "zh": … }',
    expected_range: '{ "start": …, "end": … }',
    expected_integer: '整数',
    item_agreements: '协议{n}',
    item_categories: '类别{n}',
    item_capLines: '上限第{n}行',
    item_versions_first: '上限',
    item_versions: '修订{index}',
    item_historicals: '历史金额{n}',
    item_other: '{key} {n}',
    named: '{item} “{name}”',
    located: '{where}：{what}',
    jsonAt: '第{line}行第{column}列',
  },
});

/** Every issue code has a text: a code added to the domain without one fails to compile. */
export type IssueKey = `issue_${IssueCode}`;
const _everyCode: Record<IssueKey, string> = registerIssueMessages.en;
void _everyCode;

function pick(b: { en: string; zh: string }, locale: Locale): string {
  return b[locale].trim() || b[locale === 'en' ? 'zh' : 'en'];
}

function itemWord(key: string, index: number, locale: Locale): string {
  const t = translator(registerIssueMessages, locale);
  const n = index + 1;
  switch (key) {
    case 'agreements':
      return t('item_agreements', { n });
    case 'categories':
      return t('item_categories', { n });
    case 'capLines':
      return t('item_capLines', { n });
    case 'versions':
      return index === 0 ? t('item_versions_first') : t('item_versions', { index });
    case 'historicals':
      return t('item_historicals', { n });
    default:
      return t('item_other', { key, n });
  }
}

/**
 * Where an issue is, in words: "Category 2 “Consulting” › cap line 1 › revision 1 › period › end".
 * Names come from the agreement (or register file) the path points into.
 */
export function describeLocation(path: string, root: unknown, locale: Locale = 'en'): string {
  const t = translator(registerIssueMessages, locale);
  const parts: string[] = [];
  let node: unknown = root;
  const re = /([A-Za-z]+)(?:\[(\d+)\])?/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(path))) {
    const key = m[1]!;
    const index = m[2] !== undefined ? Number(m[2]) : null;
    node = node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
    if (index !== null) {
      node = Array.isArray(node) ? node[index] : undefined;
      const item = itemWord(key, index, locale);
      const named = node && typeof node === 'object' ? (node as { name?: unknown }).name : undefined;
      parts.push(
        named && typeof named === 'object'
          ? t('named', { item, name: pick(named as { en: string; zh: string }, locale) })
          : item,
      );
    } else {
      const fieldKey = `field_${key}`;
      parts.push(
        hasMessage(registerIssueMessages, fieldKey) ? translateCode(registerIssueMessages, locale, fieldKey) : key,
      );
    }
  }
  return parts.join(' › ');
}

/** What is wrong, without the location (for a message shown beside the field itself). */
export function issueMessage(issue: RegisterIssue, locale: Locale = 'en'): string {
  const expected = issue.code === 'bad-type' ? `expected_${issue.params?.expected}` : '';
  const p = issue.params;
  const params = hasMessage(registerIssueMessages, expected)
    ? { ...p, expected: translateCode(registerIssueMessages, locale, expected) }
    : issue.code === 'bad-json' && p?.line !== undefined
      ? { detail: translateCode(registerIssueMessages, locale, 'jsonAt', { line: p.line, column: p.column ?? '' }) }
      : p;
  return translateCode(registerIssueMessages, locale, `issue_${issue.code}`, params);
}

/** One sentence for an issue: location, then what is wrong. */
export function describeIssue(issue: RegisterIssue, root: unknown, locale: Locale = 'en'): string {
  const where = issue.path ? describeLocation(issue.path, root, locale) : '';
  const what = issueMessage(issue, locale);
  return where ? translator(registerIssueMessages, locale)('located', { where, what }) : what;
}
