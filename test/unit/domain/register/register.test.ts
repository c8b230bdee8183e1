import { describe, expect, it } from 'vitest';
import { categoryStatus, allStatuses } from '../../../../src/domain/engine';
import { exploreScenario } from '../../../../src/domain/explorer';
import { checkRatios, largestCap } from '../../../../src/domain/ratios';
import {
  agreementToDataset,
  canonicalMillions,
  mergeDatasets,
  newAgreementId,
  newChildId,
  parseAmountEntry,
  parseRegisterFile,
  type RegisterAgreement,
  registerFile,
  type RegisterIssue,
  slugify,
  uniqueId,
  validateAgreement,
  validateRegister,
} from '../../../../src/domain/register';
import { describeIssue } from '../../../../src/ui/messages/registerIssues';
import { ds, m, mil } from '../fixtures';
import { harbour } from './registerFixture';

/** A deep copy of the fixture with a change applied (documents are plain JSON). */
function edit(change: (a: any) => void): RegisterAgreement {
  const copy = JSON.parse(JSON.stringify(harbour));
  change(copy);
  return copy;
}

const CAT = 'categories[0]';
const V = (line: number, version: number) => `${CAT}.capLines[${line}].versions[${version}]`;

describe('a valid second-company agreement with HK$ caps', () => {
  it('has no issues against the built-in data', () => {
    expect(validateAgreement(harbour, [], ds)).toEqual([]);
  });

  it('merges into one dataset after the built-in data, with unique ids and its own currency', () => {
    const merged = mergeDatasets(ds, [harbour]);
    expect(merged.agreements.map((a) => a.id)).toEqual([...ds.agreements.map((a) => a.id), harbour.id]);
    const a = merged.agreements.at(-1)!;
    expect(a).toMatchObject({ currency: 'HKD', builtIn: false, term: harbour.term });
    expect(merged.parties.find((p) => p.id === a.issuerId)!.name.zh).toBe('港湾物流控股有限公司');
    expect(merged.categories.filter((c) => c.agreementId === harbour.id).map((c) => c.id)).toEqual([
      'u-harbour-services-framework--warehousing',
    ]);
    expect(merged.caps.length).toBe(ds.caps.length + 4);
    expect(merged.statedBands.at(-1)).toMatchObject({
      categoryId: 'u-harbour-services-framework--warehousing',
      band: 'announcement',
    });
    // The built-in dataset is untouched.
    expect(ds.agreements.length).toBe(2);
    expect(mergeDatasets(ds, [])).toBe(ds);
  });

  it('runs through the engine: 58.3 of 120.0 by June 30, 2026 = 48.6%; growth vs H1 2025 41.0 = +42.2%', () => {
    const ctx = { dataset: mergeDatasets(ds, [harbour]), approvals: [] };
    const s = categoryStatus(ctx, 'u-harbour-services-framework--warehousing', '2026-06-30');
    expect(mil(s.binding!.cap.amount)).toBe('120.0');
    expect(mil(s.actual)).toBe('58.3');
    expect(s.binding!.utilisation!.times(100).toFixed(1)).toBe('48.6');
    expect(s.ytd!.rate!.times(100).toFixed(1)).toBe('42.2');
    expect(s.alert).toBe('ok');
    expect(allStatuses(ctx, '2026-06-30').length).toBe(ds.categories.length + 1);
  });

  it('the 2027 revision awaits its meeting, then binds from the recorded approval', () => {
    const dataset = mergeDatasets(ds, [harbour]);
    const cat = 'u-harbour-services-framework--warehousing';
    const res = dataset.resolutions.find((r) => r.id === `${cat}--meeting-2026-10-15`)!;
    expect(res.meeting.en).toBe("Shareholders' meeting of October 15, 2026");
    expect(res.meeting.zh).toBe('2026年10月15日股东大会');
    const before = categoryStatus({ dataset, approvals: [] }, cat, '2027-02-01');
    expect(mil(before.binding!.cap.amount)).toBe('150.0');
    expect(mil(before.proposed!.cap.amount)).toBe('260.0');
    const after = categoryStatus(
      { dataset, approvals: [{ resolutionId: res.id, outcome: 'approved', date: '2026-10-15' }] },
      cat,
      '2027-02-01',
    );
    expect(mil(after.binding!.cap.amount)).toBe('260.0');
    expect(after.proposed).toBeNull();
  });

  it('the explorer and the ratio check work on it: largest cap 260.0 (2027, rule 14A.78)', () => {
    const dataset = mergeDatasets(ds, [harbour]);
    const cat = 'u-harbour-services-framework--warehousing';
    const r = exploreScenario(
      { dataset, approvals: [] },
      {
        categoryId: cat,
        period: { start: '2026-01-01', end: '2026-12-31' },
        method: 'seasonal',
        growthPercent: '0',
        bufferPercent: '10',
        asOf: '2026-06-30',
      },
    );
    // 58.3 × 90.4 / 41.0 = 128.544…; × 1.1 = 141.399 → 141.4
    expect(mil(r.projection.periodEnd, 2)).toBe('128.54');
    expect(mil(r.buffer.capNeeded)).toBe('141.4');
    expect(mil(r.buffer.versusBinding!.difference)).toBe('-21.4');
    expect(r.binding!.amount).toBe(m('120.0'));
    const l = largestCap(dataset, cat)!;
    expect(mil(l.amount)).toBe('260.0');
    const den = { amount: m('10,000.0'), currency: 'HKD' as const };
    const c = checkRatios({
      cap: l.amount,
      capCurrency: 'HKD',
      denominators: { assets: den, revenue: den, consideration: den },
      hkdPerRmb: null,
    });
    expect(c.band).toBe('announcement');
    expect(mil(c.capHkd!)).toBe('260.0');
  });

  it('fills a missing language with the other so every screen has a name', () => {
    const zhOnly = edit((a) => {
      a.name = { en: '', zh: '仅中文协议' };
    });
    expect(validateAgreement(zhOnly, [], ds)).toEqual([]);
    expect(agreementToDataset(zhOnly).agreements[0]!.name).toEqual({ en: '仅中文协议', zh: '仅中文协议' });
  });

  it('merge refuses a duplicate id (a bug guard: validation never lets one through)', () => {
    expect(() => mergeDatasets(ds, [harbour, harbour])).toThrow(
      /Duplicate parties id "u-harbour-services-framework--issuer"/,
    );
  });
});

describe('validation rules, one broken at a time', () => {
  const cases: [string, (a: any) => void, RegisterIssue[]][] = [
    [
      'agreement name missing',
      (a) => {
        a.name = { en: ' ', zh: '' };
      },
      [{ path: 'name.en', code: 'required' }],
    ],
    [
      'name of a built-in agreement',
      (a) => {
        a.name.en = '2024 xiaomi framework agreement';
      },
      [{ path: 'name.en', code: 'duplicate-name', params: { name: '2024 Xiaomi Framework Agreement' } }],
    ],
    [
      'issuer missing',
      (a) => {
        a.issuer = { en: '', zh: '' };
      },
      [{ path: 'issuer.en', code: 'required' }],
    ],
    [
      'unknown currency',
      (a) => {
        a.currency = 'USD';
      },
      [{ path: 'currency', code: 'bad-choice', params: { value: 'USD' } }],
    ],
    [
      'term reversed',
      (a) => {
        a.term = { start: '2029-01-01', end: '2026-01-01' };
      },
      [{ path: 'term.end', code: 'range-reversed', params: { start: '2029-01-01', end: '2026-01-01' } }],
    ],
    [
      'bad date',
      (a) => {
        a.signedOn = '2025-02-30';
      },
      [{ path: 'signedOn', code: 'bad-date', params: { value: '2025-02-30' } }],
    ],
    [
      'signed after the term',
      (a) => {
        a.signedOn = '2029-01-01';
      },
      [{ path: 'signedOn', code: 'signed-after-term', params: { end: '2028-12-31' } }],
    ],
    [
      'no categories',
      (a) => {
        a.categories = [];
      },
      [{ path: 'categories', code: 'no-categories' }],
    ],
    [
      'category term outside the agreement term',
      (a) => {
        a.categories[0].term.end = '2029-06-30';
      },
      [{ path: `${CAT}.term.end`, code: 'outside-term', params: { term: '2026-01-01 – 2028-12-31' } }],
    ],
    [
      'cap period outside the category term (inclusive ends)',
      (a) => {
        a.categories[0].term = { start: '2026-01-02', end: '2028-12-31' };
      },
      [
        { path: `${V(0, 0)}.period.start`, code: 'outside-term', params: { term: '2026-01-02 – 2028-12-31' } },
        {
          path: `${CAT}.historicals[0].range.start`,
          code: 'outside-term',
          params: { term: '2026-01-02 – 2028-12-31' },
        },
      ],
    ],
    [
      'overlapping cap lines',
      (a) => {
        a.categories[0].capLines[2].versions[0].period.start = '2027-12-31';
      },
      [{ path: `${V(2, 0)}.period`, code: 'overlap', params: { period: '2027-01-01 – 2027-12-31', line: '2' } }],
    ],
    [
      'negative amount',
      (a) => {
        a.categories[0].capLines[0].versions[0].amount = '-1.0';
      },
      [{ path: `${V(0, 0)}.amount`, code: 'negative' }],
    ],
    [
      'not an amount',
      (a) => {
        a.categories[0].capLines[0].versions[0].amount = '12,0';
      },
      [{ path: `${V(0, 0)}.amount`, code: 'bad-amount', params: { value: '12,0' } }],
    ],
    [
      'finer than a minor unit',
      (a) => {
        a.categories[0].historicals[0].amount = '1.000000001';
      },
      [{ path: `${CAT}.historicals[0].amount`, code: 'too-many-decimals', params: { max: '8' } }],
    ],
    [
      'revision without a source',
      (a) => {
        a.categories[0].capLines[1].versions[1].source = ' ';
      },
      [{ path: `${V(1, 1)}.source`, code: 'required' }],
    ],
    [
      'revision announced before the cap it revises',
      (a) => {
        a.categories[0].capLines[1].versions[1].announcedOn = '2025-12-01';
      },
      [{ path: `${V(1, 1)}.announcedOn`, code: 'revision-order', params: { date: '2025-12-15' } }],
    ],
    [
      'revision that does not touch its period',
      (a) => {
        a.categories[0].capLines[1].versions[1].period = { start: '2028-01-01', end: '2028-06-30' };
      },
      [
        { path: `${V(1, 1)}.period`, code: 'revision-disjoint', params: { period: '2027-01-01 – 2027-12-31' } },
        { path: `${V(2, 0)}.period`, code: 'overlap', params: { period: '2028-01-01 – 2028-06-30', line: '2' } },
      ],
    ],
    [
      'revision "in force"',
      (a) => {
        a.categories[0].capLines[1].versions[1].approval = 'in-force';
      },
      [{ path: `${V(1, 1)}.approval`, code: 'in-force-revision' }],
    ],
    [
      'shareholders approval without a meeting date',
      (a) => {
        delete a.categories[0].capLines[1].versions[1].meetingDate;
      },
      [{ path: `${V(1, 1)}.meetingDate`, code: 'meeting-required' }],
    ],
    [
      'meeting before the announcement',
      (a) => {
        a.categories[0].capLines[1].versions[1].meetingDate = '2026-08-01';
      },
      [{ path: `${V(1, 1)}.meetingDate`, code: 'meeting-before-announcement', params: { date: '2026-09-01' } }],
    ],
    [
      'cap announced after its period',
      (a) => {
        a.categories[0].capLines[0].versions[0].announcedOn = '2027-01-01';
      },
      [{ path: `${V(0, 0)}.announcedOn`, code: 'announced-after-period', params: { end: '2026-12-31' } }],
    ],
    [
      'historical outside the term and not comparative',
      (a) => {
        a.categories[0].historicals[1].comparative = false;
      },
      [
        {
          path: `${CAT}.historicals[1].range.start`,
          code: 'outside-term',
          params: { term: '2026-01-01 – 2028-12-31' },
        },
      ],
    ],
    [
      'two historicals over the same range',
      (a) => {
        a.categories[0].historicals[2].range = { start: '2025-01-01', end: '2025-12-31' };
      },
      [{ path: `${CAT}.historicals[2].range`, code: 'duplicate-range', params: { period: '2025-01-01 – 2025-12-31' } }],
    ],
    [
      'duplicate category name',
      (a) => {
        a.categories.push({
          ...JSON.parse(JSON.stringify(a.categories[0])),
          id: `${a.id}--other`,
          capLines: [],
          historicals: [],
        });
      },
      [
        { path: 'categories[1].name.en', code: 'duplicate-name', params: { name: 'Warehousing services' } },
        { path: 'categories[1].name.zh', code: 'duplicate-name', params: { name: '仓储服务' } },
      ],
    ],
    [
      'a category with a cap line without caps',
      (a) => {
        a.categories[0].capLines[0].versions = [];
      },
      [{ path: `${CAT}.capLines[0].versions`, code: 'no-versions' }],
    ],
    [
      'unknown direction',
      (a) => {
        a.categories[0].direction = 'both';
      },
      [{ path: `${CAT}.direction`, code: 'bad-choice', params: { value: 'both' } }],
    ],
  ];

  it.each(cases)('%s', (_, change, expected) => {
    expect(validateAgreement(edit(change), [], ds)).toEqual(expected);
  });

  it('a category id outside its agreement namespace also flags its children (no collision possible)', () => {
    const issues = validateAgreement(
      edit((a) => {
        a.categories[0].id = 'cloud-services';
      }),
      [],
      ds,
    );
    expect(issues[0]).toEqual({ path: `${CAT}.id`, code: 'bad-id', params: { value: 'cloud-services' } });
    // 3 cap lines, 4 cap versions and 3 historicals no longer sit under their category's id.
    expect(issues.length).toBe(1 + 3 + 4 + 3);
    expect(issues.every((i) => i.code === 'bad-id')).toBe(true);
  });

  it('agreement ids must be "u-" slugs and unique across the register', () => {
    expect(
      validateAgreement(
        edit((a) => {
          a.id = 'xiaomi-framework-2024';
        }),
        [],
        ds,
      )[0],
    ).toMatchObject({ path: 'id', code: 'bad-id' });
    const twin = edit((a) => {
      a.name = { en: 'Another name', zh: '' };
    });
    expect(
      validateRegister([harbour, twin], ds)
        .filter((i) => i.code === 'duplicate-id')
        .map((i) => i.path),
    ).toEqual(['agreements[0].id', 'agreements[1].id']);
    const renamed = edit((a) => {
      a.id = 'u-harbour-2';
      a.name.zh = '港湾服务框架协议';
      a.name.en = 'Other';
    });
    expect(validateRegister([harbour, renamed], ds).filter((i) => i.code === 'duplicate-name')).toEqual([
      { path: 'agreements[0].name.en', code: 'duplicate-name', params: { name: 'Other' } },
      {
        path: 'agreements[1].name.en',
        code: 'duplicate-name',
        params: { name: 'Harbour Services Framework Agreement' },
      },
    ]);
  });
});

describe('amount entry', () => {
  it.each([
    ['2,309.8', 'millions', '2309.8'],
    ['4000', 'millions', '4000.0'],
    ['0', 'millions', '0.0'],
    ['0.0', 'millions', '0.0'],
    ['1,234,567.89', 'exact', '1.23456789'],
    ['3000000', 'exact', '3.0'],
    ['12.5', 'exact', '0.0000125'],
  ] as const)('%s in %s → %s million', (text, unit, expected) => {
    expect(parseAmountEntry(text, unit)).toEqual({ ok: true, amount: expected });
  });

  it.each([
    ['', 'millions', 'required'],
    ['12.34', 'millions', 'too-many-decimals'],
    ['1.234', 'exact', 'too-many-decimals'],
    ['-5', 'millions', 'negative'],
    ['12,0', 'millions', 'bad-amount'],
    ['1e6', 'exact', 'bad-amount'],
    ['RMB 5', 'millions', 'bad-amount'],
  ] as const)('%j in %s → %s', (text, unit, code) => {
    expect(parseAmountEntry(text, unit)).toMatchObject({ ok: false, code });
  });

  it('canonical strings round-trip exactly', () => {
    for (const s of ['2309.8', '0.0', '1.23456789', '100000000.5']) expect(canonicalMillions(m(s))).toBe(s);
  });
});

describe('ids', () => {
  it('slugs and unique suffixes', () => {
    expect(slugify('Consulting Services (2026)')).toBe('consulting-services-2026');
    expect(slugify('云服务')).toBe('');
    expect(uniqueId('x', new Set(['x', 'x-2']))).toBe('x-3');
    expect(newAgreementId({ en: 'Harbour Services', zh: '' }, new Set(['u-harbour-services']))).toBe(
      'u-harbour-services-2',
    );
    expect(newAgreementId({ en: '', zh: '港湾' }, new Set())).toBe('u-agreement');
    expect(newChildId('u-a', '仓储', new Set())).toBe('u-a--item');
  });
});

describe('register file (export / import)', () => {
  it('round-trips', () => {
    const text = JSON.stringify(registerFile([harbour], '2026-07-01T00:00:00.000Z'), null, 2);
    const back = parseRegisterFile(text, ds);
    expect(back.issues).toEqual([]);
    expect(back.agreements).toEqual([harbour]);
  });

  it('names line and column of a JSON syntax error', () => {
    const r = parseRegisterFile('{\n  "format": "headroom-register",\n  "version": 1,,\n}', ds);
    expect(r.agreements).toEqual([]);
    expect(r.issues).toEqual([{ path: '', code: 'bad-json', params: { line: '3', column: '16' } }]);
    expect(describeIssue(r.issues[0]!, null)).toBe('is not valid JSON: line 3, column 16');
    expect(describeIssue(r.issues[0]!, null, 'zh')).toBe('不是有效的 JSON：第3行第16列');
  });

  it('rejects another file format', () => {
    expect(parseRegisterFile('{"format":"something-else","version":1}', ds).issues[0]!.code).toBe('bad-format');
    expect(parseRegisterFile('[1,2]', ds).issues[0]!.code).toBe('bad-format');
  });

  it('names the path of a field of the wrong type and stores nothing', () => {
    const file = JSON.parse(JSON.stringify(registerFile([harbour], 'x')));
    file.agreements[0].categories[0].capLines[1].versions[1].amount = 260;
    file.agreements[0].categories[0].historicals[0].audited = 'no';
    const r = parseRegisterFile(JSON.stringify(file), ds);
    expect(r.agreements).toEqual([]);
    expect(r.issues).toEqual([
      {
        path: 'agreements[0].categories[0].capLines[1].versions[1].amount',
        code: 'bad-type',
        params: { expected: 'text' },
      },
      {
        path: 'agreements[0].categories[0].historicals[0].audited',
        code: 'bad-type',
        params: { expected: 'boolean' },
      },
    ]);
    expect(describeIssue(r.issues[1]!, r.root, 'en')).toMatch(/› audited: should be true or false$/);
    expect(describeIssue(r.issues[0]!, r.root)).toBe(
      'Agreement 1 “Harbour Services Framework Agreement” › Category 1 “Warehousing services” › cap line 2 › revision 1 › amount: should be text',
    );
  });

  it('names a missing field by its path and what it should be, and an unknown choice by its value', () => {
    const file = JSON.parse(JSON.stringify(registerFile([harbour], 'x')));
    delete file.agreements[0].categories[0].term;
    file.agreements[0].currency = 'USD';
    file.agreements[0].categories[0].capLines[0].versions[0].approval = 7;
    const r = parseRegisterFile(JSON.stringify(file), ds);
    expect(r.agreements).toEqual([]);
    expect(r.issues).toEqual([
      { path: 'agreements[0].currency', code: 'bad-choice', params: { value: 'USD' } },
      { path: 'agreements[0].categories[0].term', code: 'bad-type', params: { expected: 'range' } },
      {
        path: 'agreements[0].categories[0].capLines[0].versions[0].approval',
        code: 'bad-choice',
        params: { value: '7' },
      },
    ]);
    expect(describeIssue(r.issues[1]!, r.root)).toBe(
      'Agreement 1 “Harbour Services Framework Agreement” › Category 1 “Warehousing services” › term: should be { "start": …, "end": … }',
    );
    expect(describeIssue(r.issues[0]!, r.root, 'zh')).toBe('协议1 “港湾服务框架协议” › 币种：取值无效：“USD”');
  });

  it('a file without the agreements list says so', () => {
    const r = parseRegisterFile('{"format":"headroom-register","version":1}', ds);
    expect(r.issues).toEqual([{ path: 'agreements', code: 'bad-type', params: { expected: 'list' } }]);
  });

  it('applies every rule to an imported file: one bad agreement rejects the whole file', () => {
    const bad = edit((a) => {
      a.id = 'u-other';
      a.name.en = 'Other';
      a.name.zh = '其他';
      a.categories[0].id = 'u-other--warehousing';
      a.categories[0].capLines = [];
      a.categories[0].historicals = [
        {
          id: 'u-other--warehousing--h',
          range: { start: '2026-01-01', end: '2026-03-31' },
          amount: '-3',
          audited: false,
          comparative: false,
        },
      ];
    });
    const r = parseRegisterFile(JSON.stringify(registerFile([harbour, bad], 'x')), ds);
    expect(r.agreements).toEqual([]);
    expect(r.issues).toEqual([{ path: 'agreements[1].categories[0].historicals[0].amount', code: 'negative' }]);
    expect(describeIssue(r.issues[0]!, r.root, 'zh')).toBe(
      '协议2 “其他” › 类别1 “仓储服务” › 历史金额1 › 金额：不得为负数',
    );
  });
});

describe('issue messages', () => {
  it('word the location from the agreement, in English and Chinese', () => {
    const a = edit((x) => {
      x.categories[0].capLines[1].versions[1].meetingDate = '2026-08-01';
    });
    const [issue] = validateAgreement(a, [], ds);
    expect(describeIssue(issue!, a, 'en')).toBe(
      'Category 1 “Warehousing services” › cap line 2 › revision 1 › meeting date: is before the announcement (2026-09-01)',
    );
    expect(describeIssue(issue!, a, 'zh')).toBe(
      '类别1 “仓储服务” › 上限第2行 › 修订1 › 股东大会日期：早于公告日期（2026-09-01）',
    );
  });
});

it('an exact amount typed in units reaches the engine to the fen', () => {
  const entry = parseAmountEntry('1,234,567.89', 'exact');
  const merged = mergeDatasets(ds, [
    edit((a) => {
      a.categories[0].historicals[0].amount = entry.ok ? entry.amount : 'x';
    }),
  ]);
  const h = merged.historicals.find((x) => x.id === 'u-harbour-services-framework--warehousing--h1-2026')!;
  expect(h.amount).toBe(123_456_789n);
});
