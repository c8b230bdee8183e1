import { describe, expect, it } from 'vitest';
import { registerIssueMessages } from '../../../src/ui/messages/registerIssues';
import { defineMessages, interpolate, translateCode, translator } from '../../../src/ui/translate';

type Catalogue = { en: Record<string, string>; zh: Record<string, string> };

const modules = import.meta.glob<Record<string, unknown>>(
  ['../../../src/**/messages.ts', '../../../src/ui/messages/*.ts'],
  {
    eager: true,
  },
);

function catalogues(): [string, Catalogue][] {
  const out: [string, Catalogue][] = [];
  for (const [file, mod] of Object.entries(modules))
    for (const [name, value] of Object.entries(mod))
      if (value && typeof value === 'object' && 'en' in value && 'zh' in value)
        out.push([`${file.replace('../../../', '')} ${name}`, value as Catalogue]);
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('every message catalogue', () => {
  const all = catalogues();

  it('is found (one per feature plus the shared ones)', () => {
    expect(all.length).toBeGreaterThanOrEqual(15);
    expect(all.map(([n]) => n)).toContain('src/ui/messages/registerIssues.ts registerIssueMessages');
  });

  it.each(all)('%s: Chinese has exactly the English keys, none empty', (_, c) => {
    expect(Object.keys(c.zh).sort()).toEqual(Object.keys(c.en).sort());
    for (const k of Object.keys(c.en)) {
      expect(c.en[k]!.trim(), `en ${k}`).not.toBe('');
      expect(c.zh[k]!.trim(), `zh ${k}`).not.toBe('');
    }
  });

  it.each(all)('%s: each Chinese text names the same placeholders as its English text', (_, c) => {
    for (const k of Object.keys(c.en)) expect(placeholders(c.zh[k]!), k).toEqual(placeholders(c.en[k]!));
  });
});

describe('translator', () => {
  const m = defineMessages({
    en: { plain: 'Saved.', term: 'Term {start} to {end}' },
    zh: { plain: '已保存。', term: '期限{start}至{end}' },
  });

  it('fills placeholders in the chosen language', () => {
    expect(translator(m, 'en')('term', { start: '2025-01-01', end: '2027-12-31' })).toBe(
      'Term 2025-01-01 to 2027-12-31',
    );
    expect(translator(m, 'zh')('term', { start: 1, end: 2 })).toBe('期限1至2');
    expect(translator(m, 'zh')('plain')).toBe('已保存。');
  });

  it('leaves an unknown placeholder as written', () => {
    expect(interpolate('a {x} b {y}', { x: 1 })).toBe('a 1 b {y}');
  });

  it('words a domain issue code with the values the domain returned', () => {
    expect(translateCode(registerIssueMessages, 'en', 'issue_bad-date', { value: '2025-02-30' })).toBe(
      'is not a valid date (YYYY-MM-DD): "2025-02-30"',
    );
    expect(translateCode(registerIssueMessages, 'zh', 'issue_bad-date', { value: '2025-02-30' })).toBe(
      '不是有效日期（YYYY-MM-DD）：“2025-02-30”',
    );
  });
});

describe('approval problems', () => {
  it('words the status command refusal of an outcome dated before the meeting, in both languages', async () => {
    const { approvalProblemText } = await import('../../../src/ui/messages/approvalIssues');
    const record = { resolutionId: 'agm-2026', outcome: 'approved' as const, date: '2026-05-01' };
    const p = { code: 'before-meeting' as const, meetingDate: '2026-06-30' };
    expect(approvalProblemText(record, p, 'en')).toBe(
      'agm-2026: an outcome dated 2026-05-01 is before the meeting date 2026-06-30; record the date of the meeting that voted (see its poll-results announcement)',
    );
    expect(approvalProblemText(record, p, 'zh')).toBe(
      'agm-2026：日期为2026-05-01的表决结果早于会议日期2026-06-30；请记录进行表决的会议日期（见其投票结果公告）',
    );
  });
});
