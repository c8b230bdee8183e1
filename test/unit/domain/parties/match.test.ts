// @vitest-environment node
/**
 * Connected-person matching: codes first, then exact names after
 * normalisation (full-/half-width, （）/(), spaces, case); anything looser is
 * only a possible match, never applied.
 */
import { describe, expect, it } from 'vitest';
import { toDayNumber } from '../../../../src/domain/dates';
import { normaliseCode, validateEntities, type ConnectedEntity } from '../../../../src/domain/parties/entities';
import { entityIssueText } from '../../../../src/ui/messages/connectedIssues';
import {
  boundedDistance,
  looseEntityName,
  normaliseEntityName,
  NO_ENTITY,
  PartyMatcher,
} from '../../../../src/domain/parties/match';

const ENTITIES: ConnectedEntity[] = [
  {
    id: 'comm',
    groupId: 'xiaomi',
    nameZh: '小米通讯技术有限公司',
    nameEn: 'Xiaomi Communications Co., Ltd.',
    aliases: ['小米通讯'],
    codes: ['C1001', '91110108558521630L'],
  },
  {
    id: 'bj',
    groupId: 'xiaomi',
    nameZh: '小米科技（北京）有限公司',
    nameEn: '',
    aliases: [],
    codes: ['C1002'],
  },
  {
    id: 'youpin',
    groupId: 'xiaomi',
    nameZh: '小米有品科技有限公司',
    nameEn: '',
    aliases: [],
    codes: ['C1004'],
    connectedFrom: '2024-01-01',
    connectedTo: '2026-03-31',
  },
];

describe('normalisation', () => {
  it.each([
    ['小米科技（北京）有限公司', '小米科技(北京)有限公司'],
    ['ＸＩＡＯＭＩ　Communications', 'xiaomicommunications'],
    ['  Xiaomi  Communications Co., Ltd. ', 'xiaomicommunicationsco.,ltd.'],
    ['小米通讯技术 有限公司', '小米通讯技术有限公司'],
  ])('%s → %s', (input, want) => {
    expect(normaliseEntityName(input)).toBe(want);
  });

  it.each([
    ['小米通讯技术有限公司', '小米通讯技术'],
    ['Xiaomi Communications Co., Ltd.', 'xiaomicommunications'],
    ['Xiaomi Communications Co Ltd', 'xiaomicommunications'],
    ['Acme Holdings Limited', 'acmeholdings'],
    ['北京小米移动软件股份有限公司', '北京小米移动软件'],
  ])('loose form of %s is %s', (input, want) => {
    expect(looseEntityName(input)).toBe(want);
  });

  it('codes ignore width, case, spaces and hyphens', () => {
    expect(normaliseCode(' c-1001 ')).toBe('C1001');
    expect(normaliseCode('Ｃ１００１')).toBe('C1001');
  });

  it('bounded edit distance', () => {
    expect(boundedDistance('xiaomi', 'xiaomi', 1)).toBe(0);
    expect(boundedDistance('xiaomi', 'xaomi', 1)).toBe(1);
    expect(boundedDistance('xiaomi', 'xioami', 1)).toBe(2);
    expect(boundedDistance('abc', 'abcdef', 2)).toBe(3);
  });
});

describe('PartyMatcher', () => {
  const m = new PartyMatcher(ENTITIES);

  it.each<[string, string, string | null, string]>([
    // [code, name, entity id or null, why]
    ['C1001', '', 'comm', 'code'],
    ['c 1001', 'anything at all', 'comm', 'code wins over the name'],
    ['91110108558521630L', '', 'comm', 'unified social credit code'],
    ['', '小米通讯技术有限公司', 'comm', 'exact Chinese name'],
    ['', 'XIAOMI COMMUNICATIONS CO., LTD.', 'comm', 'English name, any case'],
    ['', '小米通讯', 'comm', 'alias'],
    ['', '小米科技(北京)有限公司', 'bj', 'half-width brackets match full-width'],
    ['', '小米科技（北京） 有限公司', 'bj', 'spaces ignored'],
    ['C9999', '小米通讯技术有限公司', 'comm', 'unknown code falls back to the name'],
    ['', '小米通讯技术', null, 'a dropped suffix is NOT an exact match'],
    ['', 'Xiaomi Communications Co Ltd', null, 'missing punctuation is NOT an exact match'],
    ['', '北京星河数据科技有限公司', null, 'a third party'],
    ['', '', null, 'nothing to match'],
  ])('%s / %s → %s (%s)', (code, name, want) => {
    const i = m.match(code, name);
    expect(i === NO_ENTITY ? null : ENTITIES[i]!.id).toBe(want);
  });

  it('connection dates include both ends', () => {
    const y = ENTITIES.findIndex((e) => e.id === 'youpin');
    expect(m.hasWindow(y)).toBe(true);
    expect(m.connectedOn(y, toDayNumber('2023-12-31'))).toBe(false);
    expect(m.connectedOn(y, toDayNumber('2024-01-01'))).toBe(true);
    expect(m.connectedOn(y, toDayNumber('2026-03-31'))).toBe(true);
    expect(m.connectedOn(y, toDayNumber('2026-04-01'))).toBe(false);
    expect(m.hasWindow(0)).toBe(false);
  });

  it.each<[string, string | null, string | null]>([
    ['小米通讯技术', 'comm', 'suffix'],
    ['Xiaomi Communications Co Ltd', 'comm', 'suffix'],
    ['Xiaomi Comunications Co., Ltd.', 'comm', 'spelling'],
    ['小米有品科技', 'youpin', 'suffix'],
    ['北京星河数据科技有限公司', null, null],
    ['小米', null, null],
  ])('possible match for %s: %s (%s)', (name, id, reason) => {
    const p = m.possible(name);
    expect(p ? ENTITIES[p.entityIndex]!.id : null).toBe(id);
    expect(p?.reason ?? null).toBe(reason);
  });
});

describe('validateEntities', () => {
  it('accepts the list above', () => {
    expect(validateEntities(ENTITIES)).toEqual([]);
  });

  it('names duplicate codes, ids, missing names and reversed dates', () => {
    const issues = validateEntities([
      ...ENTITIES,
      { id: 'comm', groupId: 'xiaomi', nameZh: '', nameEn: '', aliases: [], codes: ['c-1001'] },
      {
        id: 'x',
        groupId: 'xiaomi',
        nameZh: '某公司',
        nameEn: '',
        aliases: [],
        codes: [],
        connectedFrom: '2026-05-01',
        connectedTo: '2026-04-30',
      },
    ]);
    expect(issues.map((i) => [i.index, i.field])).toEqual([
      [4, 'id'],
      [4, 'name'],
      [4, 'codes'],
      [5, 'connectedTo'],
    ]);
    expect(entityIssueText(issues[2]!, 'en')).toBe('entity 4 (""): the code "c-1001" is also a code of entity 1');
    expect(entityIssueText(issues[2]!, 'zh')).toBe('实体4（“”）：编码“c-1001”也是实体1的编码');
  });
});
