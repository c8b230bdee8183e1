// @vitest-environment node
/**
 * Classification rules: conditions on any column (equals, contains, starts
 * with, regex), first match wins, only for the group of the rule's
 * agreement; and the rules file (format, version, valibot shape, semantic checks).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CompiledRules, validateRules, type ClassificationRule } from '../../../../src/domain/classify/rules';
import { parseRulesFile, RulesFileError, serialiseRulesFile } from '../../../../src/domain/classify/rulesFile';
import { ruleIssueText, rulesFileErrorText } from '../../../../src/ui/messages/connectedIssues';

/** The refusal of a rules file as the status command and the server word it (English). */
function refusal(read: () => unknown): string {
  try {
    read();
  } catch (e) {
    expect(e).toBeInstanceOf(RulesFileError);
    return rulesFileErrorText(e as RulesFileError, 'en');
  }
  throw new Error('accepted');
}
import { kingsoftCloudXiaomi2026 } from '../../../../src/domain/disclosed/kingsoftCloudXiaomi2026';

const CATEGORY_IDS = kingsoftCloudXiaomi2026.categories.map((c) => c.id);
const FIX = join(__dirname, '../../../fixtures');

const RULES: ClassificationRule[] = [
  {
    id: 'a',
    name: 'Account 6001.01',
    categoryId: 'cloud-services',
    conditions: [{ column: '科目编码', op: 'startsWith', value: '6001.01' }],
  },
  {
    id: 'b',
    name: 'Switches',
    categoryId: 'hardware-equipment',
    conditions: [{ column: '物料名称', op: 'contains', value: 'switch' }],
  },
  {
    id: 'c',
    name: 'IDC contract',
    categoryId: 'idc-services',
    conditions: [
      { column: '合同编号', op: 'regex', value: '^IDC-\\d{4}$' },
      { column: '物料名称', op: 'equals', value: 'IDC机柜' },
    ],
  },
  { id: 'd', name: 'Everything else of Xiaomi', categoryId: 'api-services', conditions: [] },
];
const HEADERS = ['日期', '科目编码', '物料名称', '合同编号'];
const group = () => 'xiaomi';

describe('CompiledRules', () => {
  const rules = new CompiledRules(RULES, HEADERS, group);
  const row = (cells: string[]) => rules.evaluate('xiaomi', (c) => cells[c] ?? '');

  it.each([
    [['2026-05-01', '6001.01.02', 'anything', ''], 0, 'starts with'],
    [['2026-05-01', '6001.02', 'Core SWITCH S6800', ''], 1, 'contains, ignoring case'],
    [['2026-05-01', '6001.02', 'ｓｗｉｔｃｈ', ''], 1, 'contains, ignoring width'],
    [['2026-05-01', '6001.01', 'switch', ''], 0, 'first match wins'],
    [['2026-05-01', '', 'IDC机柜', 'IDC-2026'], 2, 'every condition holds'],
    [['2026-05-01', '', ' idc机柜 ', 'IDC-2026'], 2, 'equals ignores case and spaces around'],
    [['2026-05-01', '', 'IDC机柜', 'IDC-26'], 3, 'regex fails → the catch-all'],
    [['2026-05-01', '', 'other', ''], 3, 'no condition → matches every row of the group'],
  ])('%j → rule %i (%s)', (cells, want) => {
    expect(row(cells)).toBe(want);
  });

  it('a rule never matches another group', () => {
    expect(rules.evaluate('someone-else', () => '6001.01')).toBe(-1);
  });

  it('a rule naming a column the file lacks matches nothing and says so', () => {
    const r = new CompiledRules(RULES, ['日期', '科目编码'], group);
    expect(r.usable).toEqual([0, 3]);
    expect(r.warnings.map((w) => [w.rule, w.condition, w.code])).toEqual([
      [2, 1, 'missing-column'],
      [3, 1, 'missing-column'],
      [3, 2, 'missing-column'],
    ]);
    expect(r.evaluate('xiaomi', (c) => ['', 'x'][c] ?? '')).toBe(3);
  });

  it('columns are found by normalised header ("科目编码 " = "科目编码")', () => {
    const r = new CompiledRules([RULES[0]!], [' 科目 编码 '], group);
    expect(r.evaluate('xiaomi', () => '6001.01')).toBe(0);
  });
});

describe('validateRules', () => {
  it('names an invalid regular expression, an unknown category and an empty column', () => {
    const issues = validateRules(
      [
        ...RULES,
        { id: 'e', name: 'Bad', categoryId: 'consulting', conditions: [{ column: '', op: 'regex', value: '(' }] },
      ],
      CATEGORY_IDS,
    );
    expect(issues.map((i) => [i.rule, i.condition ?? null, i.code])).toEqual([
      [5, null, 'unknown-category'],
      [5, 1, 'empty-column'],
      [5, 1, 'invalid-regex'],
    ]);
    expect(ruleIssueText(issues[2]!, 'en')).toContain('rule 5 ("Bad"), condition 1');
    expect(ruleIssueText(issues[2]!, 'en')).toContain('"(" is not a valid regular expression');
    expect(ruleIssueText(issues[2]!, 'zh')).toContain('规则5（“Bad”）条件1（列“”）：“(”不是有效的正则表达式');
  });
});

describe('rules file', () => {
  it('the committed fixture parses and round-trips through serialiseRulesFile', () => {
    const text = readFileSync(join(FIX, 'erp/rules.json'), 'utf8');
    const config = parseRulesFile(text, 'rules.json', CATEGORY_IDS);
    expect(config.entities).toHaveLength(5);
    expect(config.rules.map((r) => r.id)).toEqual([
      'cloud-product',
      'cloud-contract',
      'hardware-switch',
      'idc',
      'api-mimo',
      'sap-cloud',
      'oracle-cloud',
    ]);
    expect(config.capBasis['xiaomi-cooperation-framework-2025']).toEqual({ tax: 'exclusive', currency: 'functional' });
    const again = parseRulesFile(serialiseRulesFile(config), 'again.json', CATEGORY_IDS);
    expect(again).toEqual(config);
  });

  const bad = (file: string) => {
    try {
      parseRulesFile(readFileSync(join(FIX, 'bad', file), 'utf8'), file, CATEGORY_IDS);
    } catch (e) {
      expect(e).toBeInstanceOf(RulesFileError);
      return rulesFileErrorText(e as RulesFileError, 'en');
    }
    throw new Error('accepted');
  };

  it.each([
    [
      'rules-invalid-regex.json',
      'rules-invalid-regex.json: rules[1].conditions[0]: rule 2 ("Cloud contracts KC-XM-CLD-…"), condition 1 (column "合同编号"): "^KC-XM-(CLD" is not a valid regular expression',
    ],
    ['rules-other-format.json', 'rules-other-format.json: format: "headroom-register" is not a connected-persons file'],
    ['rules-version-2.json', 'rules-version-2.json: version: 2 is not supported (this Headroom reads version 1)'],
  ])('%s is refused: %s', (file, says) => {
    expect(bad(file)).toContain(says);
  });

  it('a shape error names the path', () => {
    const doc: Record<string, unknown> = {
      format: 'headroom-connected-persons',
      version: 1,
      entities: [],
      rules: [
        { id: 'x', name: 'x', categoryId: 'cloud-services', conditions: [{ column: 'A', op: 'like', value: '' }] },
      ],
    };
    expect(refusal(() => parseRulesFile(JSON.stringify(doc), 'r.json', CATEGORY_IDS))).toMatch(
      /r\.json: rules\[0\]\.conditions\[0\]\.op: Invalid type/,
    );
  });

  it('duplicate entity codes are refused naming both entities', () => {
    const doc = JSON.parse(readFileSync(join(FIX, 'erp/rules.json'), 'utf8'));
    doc.entities[2].codes.push('c1001');
    expect(refusal(() => parseRulesFile(JSON.stringify(doc), 'r.json', CATEGORY_IDS))).toContain(
      'r.json: entities[2].codes: entity 3 ("北京小米移动软件有限公司"): the code "c1001" is also a code of entity 2',
    );
  });
});
