/**
 * Every refusal the team server can send, in both catalogues (apiErrors.ts in
 * the first load, apiRefusals.ts on demand): each key has its Chinese text,
 * and worded with sample values none leaves a placeholder unfilled.
 */
import { describe, expect, it } from 'vitest';
import { apiErrorMessages, apiErrorText, isApiErrorKey } from '../../../src/ui/messages/apiErrors';
import { apiRefusalMessages } from '../../../src/ui/messages/apiRefusals';

/** A sample value for each placeholder name a refusal uses. */
const SAMPLE: Record<string, unknown> = {
  roles: ['reviewer', 'admin'],
  detail: [{ path: 'date', message: 'expected a date YYYY-MM-DD', type: 'regex', received: '"2026-13-01"' }],
  issues: [{ path: 'xiaomiQuote', code: 'missing-quote' }],
  rules: [{ kind: 'bad-json', fileName: 'rules.json', reason: 'Unexpected end of JSON input' }],
  status: 'committed',
  where: 'approval',
  kind: 'threshold',
  reason: 'hash',
  dates: {
    fileName: 'a.csv',
    ambiguity: {
      kind: 'date-order',
      conflict: false,
      candidates: ['dmy', 'mdy'],
      samples: [{ row: 2, text: '04/05/2026' }],
    },
  },
  fatal: {
    code: 'sheet-not-found',
    detail: 'sheet-not-found',
    fileName: 'w.xlsx',
    params: { sheet: 'Nope' },
    names: ['Ledger', 'Cover'],
  },
};
const sample = (name: string) => SAMPLE[name] ?? `v-${name}`;
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);

describe('every refusal key', () => {
  const valueWords = /^(role_|status_|where_|listOr$|kind_|reason_|issue$|issueSeparator$)/;
  const keys = [...Object.keys(apiErrorMessages.en), ...Object.keys(apiRefusalMessages.en)].filter(
    (k) => !valueWords.test(k),
  );
  const english: Record<string, string> = { ...apiErrorMessages.en, ...apiRefusalMessages.en };

  it('are many and all distinct (the two catalogues share no key)', () => {
    expect(keys.length).toBeGreaterThanOrEqual(75);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it.each(keys)('%s: worded in English and Chinese with sample values, no placeholder left', (key) => {
    expect(isApiErrorKey(key)).toBe(true);
    const params = Object.fromEntries(placeholders(english[key]!).map((n) => [n, sample(n)]));
    const en = apiErrorText({ key, params }, 'en');
    const zh = apiErrorText({ key, params }, 'zh');
    for (const text of [en, zh]) {
      expect(text).not.toBeNull();
      expect(text!.trim()).not.toBe('');
      expect(text).not.toMatch(/\{\w+\}|undefined|\[object Object\]/);
    }
    expect(zh).not.toBe(en);
    // Chinese text: not the English one with the values filled in.
    expect(zh).toMatch(/[\u4e00-\u9fff]/);
  });

  it('words the values a refusal names in each language', () => {
    const r = (key: string, params: Record<string, unknown>) => [
      apiErrorText({ key, params }, 'en'),
      apiErrorText({ key, params }, 'zh'),
    ];
    expect(r('already-pending', { kind: 'register', target: 'a-1' })).toEqual([
      'A change of register a-1 is already waiting to be checked.',
      '登记册 a-1 已有一项变更在等待复核。',
    ]);
    expect(
      r('invalid-evidence', {
        issues: [
          { path: 'a', code: 'x' },
          { path: 'b', code: 'y' },
        ],
      }),
    ).toEqual(['Not saved: a: x; b: y', '未保存：a：x；b：y']);
    expect(r('history-does-not-verify', { seq: 3, reason: 'prev' })).toEqual([
      "The backup's change history does not verify (record #3: prev); nothing was moved.",
      '备份的变更历史未能通过验证（第 3 条记录：前一记录的哈希不符）；没有迁移任何内容。',
    ]);
    // A backup's threshold: the domain's values, worded by the threshold catalogue.
    expect(r('backup-settings', { threshold: { agreementId: 'a-1', shown: '"850"' } })).toEqual([
      'The backup\'s settings: The alert threshold of agreement a-1 is "850": it must be a percentage above 0 and at most 100, with at most one decimal (such as 80 or 82.5).',
      '备份的设置：协议 a-1 的提醒阈值为"850"：必须是大于 0 且不超过 100 的百分比，最多一位小数（例如 80 或 82.5）。',
    ]);
    // A backup record the schema refuses: its English text, or its kind in Chinese.
    expect(
      r('backup-record-invalid', {
        path: 'uncappedResolutions[0].reportedOn',
        schema: { message: 'reported without a date', type: 'string', received: 'undefined' },
      }),
    ).toEqual([
      "The backup's uncappedResolutions[0].reportedOn is not valid: reported without a date.",
      '备份的 uncappedResolutions[0].reportedOn 无效：缺失。',
    ]);
    expect(r('batch-not-stored', { id: 7, status: 'rolled-back' })).toEqual([
      'Batch 7 is rolled-back: it has no rows to roll back.',
      '批次 7 的状态为“已回滚”：没有可回滚的行。',
    ]);
    // An import the reader refused: the whole sentence, naming what was found.
    expect(r('import-refused', { fatal: SAMPLE.fatal })).toEqual([
      'w.xlsx: there is no sheet named "Nope" (sheets: Ledger, Cover)',
      'w.xlsx：没有名为“Nope”的工作表（现有工作表：Ledger、Cover）',
    ]);
    expect(r('import-date-order', { dates: SAMPLE.dates })).toEqual([
      'a.csv: every date (e.g. row 2: "04/05/2026") could be DD/MM/YYYY or MM/DD/YYYY. Choose the order. Give the date order (dateOrder=ymd, dmy or mdy).',
      'a.csv：所有日期（例如第2行：“04/05/2026”）既可读作日/月/年，也可读作月/日/年。请选择顺序。请给出日期顺序（dateOrder=ymd、dmy 或 mdy）。',
    ]);
    const [rulesEn, rulesZh] = r('invalid-rules', { rules: SAMPLE.rules });
    expect(rulesEn).toContain('rules.json');
    expect(rulesZh).toContain('rules.json');
    expect(rulesZh).not.toBe(rulesEn);
  });
});
