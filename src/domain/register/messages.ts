/** Register issues in words, in both languages, so the status command and the screens word them alike. */
import type { Locale } from '../format';
import type { Bilingual } from '../model';
import type { IssueCode, RegisterIssue } from './validate';

const ISSUE_TEXT: Record<IssueCode, Bilingual> = {
  required: { en: 'is required', zh: '为必填项' },
  'bad-date': { en: 'is not a valid date (YYYY-MM-DD): "{value}"', zh: '不是有效日期（YYYY-MM-DD）：“{value}”' },
  'range-reversed': { en: 'ends before it starts ({start} – {end})', zh: '结束日期早于开始日期（{start} – {end}）' },
  'outside-term': { en: 'lies outside the term {term}', zh: '超出期限 {term}' },
  overlap: { en: 'overlaps cap line {line} ({period})', zh: '与上限第{line}行（{period}）重叠' },
  'bad-amount': { en: 'is not an amount: "{value}"', zh: '不是有效金额：“{value}”' },
  negative: { en: 'must not be negative', zh: '不得为负数' },
  'too-many-decimals': { en: 'has more than {max} decimal(s)', zh: '小数位超过{max}位' },
  'duplicate-name': { en: 'is already used: "{name}"', zh: '名称已被使用：“{name}”' },
  'duplicate-id': { en: 'id "{value}" is used twice', zh: '编号“{value}”重复' },
  'duplicate-range': { en: 'another amount covers the same range ({period})', zh: '已有相同期间的金额（{period}）' },
  'bad-id': { en: 'has a malformed id "{value}"', zh: '编号格式不正确：“{value}”' },
  'bad-choice': { en: 'has an unknown value "{value}"', zh: '取值无效：“{value}”' },
  'announced-after-period': { en: 'is after the end of the cap period ({end})', zh: '晚于上限期间结束日（{end}）' },
  'revision-order': {
    en: 'is before the announcement of the version it revises ({date})',
    zh: '早于被修订版本的公告日期（{date}）',
  },
  'revision-disjoint': {
    en: 'does not overlap the period it revises ({period})',
    zh: '与被修订的期间（{period}）没有重叠',
  },
  'in-force-revision': {
    en: 'a revision needs an approval route: exempt or independent shareholders',
    zh: '修订须选择批准方式：豁免或独立股东批准',
  },
  'meeting-required': { en: "needs the date of the shareholders' meeting", zh: '须填写股东大会日期' },
  'meeting-before-announcement': { en: 'is before the announcement ({date})', zh: '早于公告日期（{date}）' },
  'signed-after-term': { en: 'is after the end of the term ({end})', zh: '晚于期限结束日（{end}）' },
  'no-categories': { en: 'add at least one category', zh: '须至少添加一个类别' },
  'no-versions': { en: 'has no cap', zh: '没有上限' },
  'bad-type': { en: 'should be {expected}', zh: '应为{expected}' },
  'bad-json': { en: 'is not valid JSON: {detail}', zh: '不是有效的 JSON：{detail}' },
  'bad-format': {
    en: 'is not a Headroom register export (expected format "headroom-register", version 1)',
    zh: '不是 Headroom 上限登记册导出文件（应为 format "headroom-register"，version 1）',
  },
};

const FIELD_TEXT: Record<string, Bilingual> = {
  id: { en: 'id', zh: '编号' },
  name: { en: 'name', zh: '名称' },
  en: { en: 'English', zh: '英文' },
  zh: { en: 'Chinese', zh: '中文' },
  issuer: { en: 'issuer', zh: '发行人' },
  counterparty: { en: 'counterparty', zh: '交易对方' },
  currency: { en: 'currency', zh: '币种' },
  signedOn: { en: 'signing date', zh: '签订日期' },
  term: { en: 'term', zh: '期限' },
  start: { en: 'start', zh: '开始日期' },
  end: { en: 'end', zh: '结束日期' },
  source: { en: 'source', zh: '来源' },
  direction: { en: 'direction', zh: '交易方向' },
  statedBand: { en: 'stated band', zh: '公告所述分级' },
  period: { en: 'period', zh: '期间' },
  amount: { en: 'amount', zh: '金额' },
  announcedOn: { en: 'announcement date', zh: '公告日期' },
  approval: { en: 'approval', zh: '批准方式' },
  meetingDate: { en: 'meeting date', zh: '股东大会日期' },
  range: { en: 'range', zh: '期间' },
  audited: { en: 'audited', zh: '经审核' },
  comparative: { en: 'comparative', zh: '比较数字' },
  categories: { en: 'categories', zh: '类别' },
  capLines: { en: 'cap lines', zh: '上限' },
  versions: { en: 'caps', zh: '上限' },
  historicals: { en: 'historical amounts', zh: '历史金额' },
  format: { en: 'format', zh: '格式' },
  version: { en: 'version', zh: '版本' },
  agreements: { en: 'agreements', zh: '协议' },
};

function fill(template: string, params?: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => params?.[k] ?? `{${k}}`);
}

function pick(b: Bilingual, locale: Locale): string {
  return b[locale].trim() || b[locale === 'en' ? 'zh' : 'en'];
}

/**
 * Where an issue is, in words: "Category 2 “Consulting” › cap line 1 › revision 1 › period › end".
 * Names come from the agreement (or register file) the path points into.
 */
export function describeLocation(path: string, root: unknown, locale: Locale = 'en'): string {
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
      const named = node && typeof node === 'object' ? (node as { name?: Bilingual }).name : undefined;
      const label = named && typeof named === 'object' ? ` “${pick(named, locale)}”` : '';
      const n = index + 1;
      const itemWord: Record<string, Bilingual> = {
        agreements: { en: `Agreement ${n}`, zh: `协议${n}` },
        categories: { en: `Category ${n}`, zh: `类别${n}` },
        capLines: { en: `cap line ${n}`, zh: `上限第${n}行` },
        versions: { en: index === 0 ? 'cap' : `revision ${index}`, zh: index === 0 ? '上限' : `修订${index}` },
        historicals: { en: `historical amount ${n}`, zh: `历史金额${n}` },
      };
      parts.push(`${pick(itemWord[key] ?? { en: `${key} ${n}`, zh: `${key} ${n}` }, locale)}${label}`);
    } else {
      parts.push(pick(FIELD_TEXT[key] ?? { en: key, zh: key }, locale));
    }
  }
  return parts.join(' › ');
}

/** What is wrong, without the location (for a message shown beside the field itself). */
export function issueMessage(issue: RegisterIssue, locale: Locale = 'en'): string {
  return fill(pick(ISSUE_TEXT[issue.code], locale), issue.params);
}

/** One sentence for an issue: location, then what is wrong. */
export function describeIssue(issue: RegisterIssue, root: unknown, locale: Locale = 'en'): string {
  const where = issue.path ? describeLocation(issue.path, root, locale) : '';
  const what = fill(pick(ISSUE_TEXT[issue.code], locale), issue.params);
  return where ? (locale === 'zh' ? `${where}：${what}` : `${where}: ${what}`) : what;
}
