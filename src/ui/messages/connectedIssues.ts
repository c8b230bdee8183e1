/**
 * Problems of connected-person lists and classification rules in words: the
 * domain returns codes with their values (src/domain/parties/entities.ts,
 * entityTable.ts, src/domain/classify/rules.ts, rulesFile.ts) and this one
 * catalogue words them in English and Chinese for the screens, the status
 * command, the team server and its log. Pure (no React, no DOM).
 */
import type { RuleIssue } from '../../domain/classify/rules';
import type { RulesFileError, RulesFileProblem } from '../../domain/classify/rulesFile';
import type { EntityIssue } from '../../domain/parties/entities';
import type { EntityTableProblem } from '../../domain/parties/entityTable';
import { defineMessages, type Locale, translateCode } from '../translate';
import { fatalText } from './importFatal';
import { schemaProblemText } from './schemaIssues';

export const connectedIssueMessages = defineMessages({
  en: {
    'entity_empty-id': 'entity {n}: the id is empty',
    'entity_duplicate-id': 'entity {n}: the id "{id}" is also entity {other}',
    'entity_no-group': 'entity {n}: no counterparty group',
    'entity_no-name': 'entity {n}: neither a Chinese nor an English name',
    'entity_duplicate-code': 'entity {n} ("{name}"): the code "{code}" is also a code of entity {other}',
    'entity_bad-date': 'entity {n}: "{value}" is not a date (YYYY-MM-DD)',
    'entity_to-before-from': 'entity {n}: connected to {to} is before connected from {from}',
    'rule_duplicate-id': 'rule {n}: the id "{id}" is used twice',
    'rule_unknown-category': 'rule {n} ("{name}"): "{category}" is not a category ({categories})',
    'rule_empty-column': 'rule {n} ("{name}"), condition {condition}: no column named',
    'rule_invalid-regex':
      'rule {n} ("{name}"), condition {condition} (column "{column}"): "{value}" is not a valid regular expression ({reason})',
    'rule_missing-column':
      'rule {n} ("{name}"), condition {condition}: this file has no column "{column}", so the rule matches no row',
    table_unreadable: '{reason}',
    'table_no-header':
      '{file}: no header row naming the columns (中文名称/Chinese name, 英文名称/English name, 编码/Codes, 别名/Aliases, 关连起始日/Connected from, 关连截止日/Connected to)',
    'table_no-name-column': '{file}: row {row}: no column for the Chinese or English name',
    'table_no-name': '{file}: row {row}: neither a Chinese nor an English name',
    'table_duplicate-id': '{file}: row {row}, {column}: the id "{value}" is also used in row {other}',
    'table_duplicate-code':
      '{file}: row {row}, {column}: the code "{value}" is also the code of the entity in row {other}; a code must name one entity',
    'table_bad-date': '{file}: row {row}, {column}: "{value}" is not a date (write it as YYYY-MM-DD)',
    'table_to-before-from': '{file}: row {row}, {column}: connected to {value} is before connected from {other}',
    columnNamed: 'column {letter} ("{header}")',
    columnLetter: 'column {letter}',
    // A rules file: where in it (a dot path) and what is wrong there.
    'file_not-object': '{file}: not a connected-persons file (expected a JSON object)',
    'file_bad-format': '{file}: format: "{format}" is not a connected-persons file (expected format "{expected}")',
    'file_bad-version': '{file}: version: {version} is not supported (this Headroom reads version {expected})',
    'file_bad-json': '{file}: not valid JSON ({reason}); expected a connected-persons file',
    file_schema: '{file}: {path}: {problem}',
    file_entity: '{file}: entities[{index}].{field}: {problem}',
    file_rule: '{file}: rules[{index}]: {problem}',
    file_ruleCondition: '{file}: rules[{index}].conditions[{condition}]: {problem}',
    file_dismissed: '{file}: dismissed[{index}].entityId: "{entityId}" is not an entity of the list',
    topLevel: '(top level)',
  },
  zh: {
    'entity_empty-id': '实体{n}：编号为空',
    'entity_duplicate-id': '实体{n}：编号“{id}”也是实体{other}的编号',
    'entity_no-group': '实体{n}：没有交易对方集团',
    'entity_no-name': '实体{n}：既无中文名称也无英文名称',
    'entity_duplicate-code': '实体{n}（“{name}”）：编码“{code}”也是实体{other}的编码',
    'entity_bad-date': '实体{n}：“{value}”不是日期（YYYY-MM-DD）',
    'entity_to-before-from': '实体{n}：关连截止日 {to} 早于关连起始日 {from}',
    'rule_duplicate-id': '规则{n}：编号“{id}”使用了两次',
    'rule_unknown-category': '规则{n}（“{name}”）：“{category}”不是类别（{categories}）',
    'rule_empty-column': '规则{n}（“{name}”）条件{condition}：没有指明列',
    'rule_invalid-regex':
      '规则{n}（“{name}”）条件{condition}（列“{column}”）：“{value}”不是有效的正则表达式（{reason}）',
    'rule_missing-column': '规则{n}（“{name}”）条件{condition}：本文件没有“{column}”列，此规则不匹配任何行',
    table_unreadable: '{reason}',
    'table_no-header':
      '{file}：没有列明各列的表头行（中文名称/Chinese name、英文名称/English name、编码/Codes、别名/Aliases、关连起始日/Connected from、关连截止日/Connected to）',
    'table_no-name-column': '{file}：第{row}行：没有中文或英文名称列',
    'table_no-name': '{file}：第{row}行：既无中文名称也无英文名称',
    'table_duplicate-id': '{file}：第{row}行，{column}：编号“{value}”也用于第{other}行',
    'table_duplicate-code':
      '{file}：第{row}行，{column}：编码“{value}”也是第{other}行实体的编码；一个编码只能对应一个实体',
    'table_bad-date': '{file}：第{row}行，{column}：“{value}”不是日期（请写作 YYYY-MM-DD）',
    'table_to-before-from': '{file}：第{row}行，{column}：关连截止日 {value} 早于关连起始日 {other}',
    columnNamed: '{letter}列（“{header}”）',
    columnLetter: '{letter}列',
    'file_not-object': '{file}：不是关连人士文件（应为JSON对象）',
    'file_bad-format': '{file}：format：“{format}”不是关连人士文件（应为格式“{expected}”）',
    'file_bad-version': '{file}：version：不支持版本{version}（本Headroom读取版本{expected}）',
    'file_bad-json': '{file}：不是有效的JSON（{reason}）；应为关连人士文件',
    file_schema: '{file}：{path}：{problem}',
    file_entity: '{file}：entities[{index}].{field}：{problem}',
    file_rule: '{file}：rules[{index}]：{problem}',
    file_ruleCondition: '{file}：rules[{index}].conditions[{condition}]：{problem}',
    file_dismissed: '{file}：dismissed[{index}].entityId：“{entityId}”不是名单中的实体',
    topLevel: '（顶层）',
  },
});

const M = connectedIssueMessages;

/** A problem of an entity list (entity n, its field and what is wrong). */
export function entityIssueText(i: EntityIssue, locale: Locale): string {
  return translateCode(M, locale, `entity_${i.code}`, { n: i.index, ...i.params });
}

/** A problem of a classification rule (rule n, its condition and what is wrong). */
export function ruleIssueText(i: RuleIssue, locale: Locale): string {
  return translateCode(M, locale, `rule_${i.code}`, {
    n: i.rule,
    ...(i.condition !== undefined ? { condition: i.condition } : {}),
    ...i.params,
  });
}

/** A problem of an entity list read from a spreadsheet, naming the file, row and column. */
export function entityTableProblemText(p: EntityTableProblem, locale: Locale): string {
  const column =
    p.letter === undefined
      ? ''
      : p.column
        ? translateCode(M, locale, 'columnNamed', { letter: p.letter, header: p.column })
        : translateCode(M, locale, 'columnLetter', { letter: p.letter });
  return translateCode(M, locale, `table_${p.code}`, {
    file: p.fileName,
    row: p.row,
    column,
    value: p.value ?? '',
    other: p.otherRow ?? p.otherValue ?? '',
    reason: p.fatal ? fatalText(p.fatal, locale) : '',
  });
}

/** One problem of a rules file, naming the file and the place in it. */
export function rulesFileProblemText(p: RulesFileProblem, locale: Locale): string {
  const file = p.fileName;
  switch (p.kind) {
    case 'not-object':
      return translateCode(M, locale, 'file_not-object', { file });
    case 'bad-format':
      return translateCode(M, locale, 'file_bad-format', { file, format: p.format, expected: p.expected });
    case 'bad-version':
      return translateCode(M, locale, 'file_bad-version', { file, version: p.version, expected: p.expected });
    case 'bad-json':
      return translateCode(M, locale, 'file_bad-json', { file, reason: p.reason });
    case 'schema':
      return translateCode(M, locale, 'file_schema', {
        file,
        path: p.path || translateCode(M, locale, 'topLevel'),
        problem: schemaProblemText(p.issue, locale),
      });
    case 'entity':
      return translateCode(M, locale, 'file_entity', {
        file,
        index: p.issue.index - 1,
        field: p.issue.field,
        problem: entityIssueText(p.issue, locale),
      });
    case 'rule':
      return p.issue.condition !== undefined
        ? translateCode(M, locale, 'file_ruleCondition', {
            file,
            index: p.issue.rule - 1,
            condition: p.issue.condition - 1,
            problem: ruleIssueText(p.issue, locale),
          })
        : translateCode(M, locale, 'file_rule', {
            file,
            index: p.issue.rule - 1,
            problem: ruleIssueText(p.issue, locale),
          });
    case 'dismissed':
      return translateCode(M, locale, 'file_dismissed', { file, index: p.index, entityId: p.entityId });
  }
}

/** A refused rules file: its first five problems, one a line (as the status command and the server say it). */
export function rulesFileErrorText(e: Pick<RulesFileError, 'problems'>, locale: Locale): string {
  return e.problems
    .slice(0, 5)
    .map((p) => rulesFileProblemText(p, locale))
    .join('\n');
}
