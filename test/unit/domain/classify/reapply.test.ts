// @vitest-environment node
/**
 * Re-applying the rules to open items, as the local store and the team server
 * both record it: the first rule that matches each item of a known entity,
 * rules compiled per header layout, and the history detail (the fen amount as
 * text, the counterparty or else its code) and log text.
 */
import { describe, expect, it } from 'vitest';
import {
  type ClassifiableItem,
  categoryGroups,
  matchOpenItems,
  reapplyDetail,
  reapplyLogText,
} from '../../../../src/domain/classify/reapply';
import type { ClassificationRule } from '../../../../src/domain/classify/rules';
import { kingsoftCloudXiaomi2026 } from '../../../../src/domain/disclosed/kingsoftCloudXiaomi2026';
import { BUILT_IN_ENTITIES } from '../../../../src/domain/parties/entities';

const RULES: ClassificationRule[] = [
  {
    id: 'cloud',
    name: 'Account 6001.01',
    categoryId: 'cloud-services',
    conditions: [{ column: '科目编码', op: 'startsWith', value: '6001.01' }],
  },
  {
    id: 'switch',
    name: 'Switches',
    categoryId: 'hardware-equipment',
    conditions: [{ column: '物料名称', op: 'contains', value: 'switch' }],
  },
];

const item = (
  id: string,
  headers: string[],
  cells: string[],
  over: Partial<ClassifiableItem> = {},
): ClassifiableItem => ({
  id,
  entityId: 'xiaomi-corporation',
  headers,
  cells,
  amountMinor: 123_456,
  counterparty: '小米集团',
  code: 'C-01',
  ...over,
});
const ERP = ['日期', '科目编码', '物料名称'];
const OTHER = ['物料名称', '日期'];

describe('re-applying the rules to open items', () => {
  const groups = categoryGroups(kingsoftCloudXiaomi2026);
  const config = { entities: BUILT_IN_ENTITIES, rules: RULES };

  it('each category is of its agreement counterparty group', () => {
    expect(groups.get('cloud-services')).toBe('xiaomi');
    expect(groups.get('hardware-equipment')).toBe('xiaomi');
  });

  it.each([
    ['a cloud account row: the first rule', item('i1', ERP, ['2026-03-01', '6001.01.02', 'Core switch']), 'cloud'],
    ['a switch row, another account', item('i2', ERP, ['2026-03-01', '6400', 'Core switch X']), 'switch'],
    ['another header layout, the column moved', item('i3', OTHER, ['edge switch', '2026-03-01']), 'switch'],
    ['no rule matches', item('i4', ERP, ['2026-03-01', '6400', 'Cables']), null],
    ['an entity not in the list', item('i5', ERP, ['2026-03-01', '6001.01', 'x'], { entityId: 'nobody' }), null],
  ])('%s', (_, it1, ruleId) => {
    const matched = matchOpenItems([it1], config, groups);
    expect(matched.map((m) => m.rule.id)).toEqual(ruleId === null ? [] : [ruleId]);
  });

  it('records what it classified, as the history detail and the log text', () => {
    const open = [
      item('i1', ERP, ['2026-03-01', '6001.01.02', 'x']),
      item('i2', ERP, ['2026-03-01', '6400', 'Cables']),
      item('i3', OTHER, ['edge switch', '2026-03-01'], { counterparty: '', amountMinor: 5 }),
    ];
    const matched = matchOpenItems(open, config, groups);
    expect(reapplyDetail(open.length, matched)).toEqual({
      before: { open: 3 },
      after: {
        action: 'reapply-rules',
        classified: 2,
        items: [
          { id: 'i1', categoryId: 'cloud-services', amountMinor: '123456', counterparty: '小米集团' },
          { id: 'i3', categoryId: 'hardware-equipment', amountMinor: '5', counterparty: 'C-01' },
        ],
      },
    });
    expect(reapplyLogText(3, 2)).toBe('rules re-applied to 3 open item(s): 2 classified');
  });
});
