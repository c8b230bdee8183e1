/**
 * A schema's problem with a document in words: English keeps the schema's
 * own text; Chinese words the kind of problem. Used for the files Headroom
 * reads (rules file, backup) and the team server's checked inputs.
 */
import type { SchemaIssue } from '../../domain/schemaIssue';
import type { Locale } from '../translate';

/** Chinese words for valibot's issue types. */
const SCHEMA_PROBLEM_ZH: Readonly<Record<string, string>> = {
  string: '应为文本',
  number: '应为数字',
  boolean: '应为 true 或 false',
  integer: '应为整数',
  safe_integer: '应为整数',
  array: '应为列表',
  object: '应为对象',
  strict_object: '有未知的字段',
  min_length: '太短或为空',
  max_length: '太长',
  min_value: '太小',
  max_value: '太大',
  regex: '格式不正确',
  check: '无效',
  picklist: '不是允许的值',
  literal: '不是允许的值',
  union: '不是允许的值',
  variant: '不是允许的值',
};

/** What is wrong, without the place: the schema's English text, or its kind in Chinese. */
export function schemaProblemText(issue: Pick<SchemaIssue, 'message' | 'type' | 'received'>, locale: Locale): string {
  if (locale === 'en') return issue.message;
  return issue.received === 'undefined' ? '缺失' : (SCHEMA_PROBLEM_ZH[issue.type] ?? '无效');
}
