/**
 * Each agreement's alert threshold: its own override, else the user's setting
 * for every agreement, else its disclosed internal controls, else the default.
 */
import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { kingsoftCloudXiaomi2026 as ds } from '../../../src/domain/disclosed/kingsoftCloudXiaomi2026';
import { categoryStatus, type EngineContext } from '../../../src/domain/engine';
import { formatUtilisation } from '../../../src/domain/format';
import { monthlyReport } from '../../../src/domain/monthly';
import { mergeDatasets, type RegisterAgreement } from '../../../src/domain/register';
import { periodSeries } from '../../../src/domain/series';
import {
  agreementOfThresholdKey,
  agreementThresholdKey,
  effectiveThreshold,
  isThresholdPercent,
  readThresholdSettings,
  ThresholdError,
  thresholdProblem,
} from '../../../src/domain/threshold';
import { errorText } from '../../../src/ui/messages/errorText';
import { thresholdProblemText } from '../../../src/ui/messages/thresholdText';
import { harbour } from './register/registerFixture';

const pct = (p: string) => new Decimal(p).div(100);

// Harbour's first half of 2026 at HK$93.6 million of the 120.0 cap: 78.0% used.
const harbour78: RegisterAgreement = {
  ...harbour,
  categories: harbour.categories.map((c) => ({
    ...c,
    historicals: c.historicals.map((h) => (h.id.endsWith('h1-2026') ? { ...h, amount: '93.6' } : h)),
  })),
};
const dataset = mergeDatasets(ds, [harbour78]);
const H = 'u-harbour-services-framework';
const CAT = `${H}--warehousing`;

function ctx(extra: Partial<EngineContext> = {}): EngineContext {
  return { dataset, approvals: [], ...extra };
}

describe('effectiveThreshold', () => {
  const cases: [string, Partial<EngineContext>, string, string, string][] = [
    // [what, inputs, agreement, percent, source]
    ['built-in: the disclosed controls', {}, 'xiaomi-cooperation-framework-2025', '80', 'disclosed'],
    ['register, none stated: the default', {}, H, '80', 'default'],
    [
      'the setting for all wins over the disclosure',
      { threshold: pct('85') },
      'xiaomi-framework-2024',
      '85',
      'setting',
    ],
    [
      'an agreement override wins over the setting',
      { threshold: pct('85'), thresholdByAgreement: new Map([[H, pct('75')]]) },
      H,
      '75',
      'override',
    ],
    [
      'another agreement keeps the setting',
      { threshold: pct('85'), thresholdByAgreement: new Map([[H, pct('75')]]) },
      'xiaomi-framework-2024',
      '85',
      'setting',
    ],
  ];
  it.each(cases)('%s', (_what, extra, agreementId, percent, source) => {
    const e = effectiveThreshold(ctx(extra), agreementId);
    expect(e.fraction.times(100).toString()).toBe(percent);
    expect(e.source.kind).toBe(source);
  });

  it('the disclosed source is the announcement’s section IV(ii), “approximately 80%”', () => {
    const e = effectiveThreshold(ctx(), 'xiaomi-framework-2024');
    expect(e.source.kind === 'disclosed' && e.source.source.section).toBe('IV. Internal Control Measures');
    expect(e.source.kind === 'disclosed' && e.source.source.quote).toContain('approximately 80%');
  });
});

describe('an agreement at 78.0% utilisation', () => {
  it('default 80% → no alert; its own 75% → at threshold; another agreement unchanged', () => {
    const base = categoryStatus(ctx(), CAT, '2026-06-30');
    expect(formatUtilisation(base.binding!.utilisation, base.threshold)).toBe('78.0%');
    expect(base).toMatchObject({ alert: 'ok', displayStatus: 'ok' });
    expect(base.binding!.thresholdAmount).toBe(9_600_000_000n); // 80% of HK$120.0 million, in cents

    const own = ctx({ thresholdByAgreement: new Map([[H, pct('75')]]) });
    const s = categoryStatus(own, CAT, '2026-06-30');
    expect(s).toMatchObject({ alert: 'threshold', displayStatus: 'threshold' });
    expect(s.thresholdSource).toEqual({ kind: 'override' });
    expect(s.binding!.thresholdAmount).toBe(9_000_000_000n); // 75% of 120.0 = 90.0 ≤ 93.6
    // The built-in cloud category keeps the disclosed 80%: 97.6% at December 31, 2025 is at threshold.
    const cloud = categoryStatus(own, 'cloud-services', '2025-12-31');
    expect(cloud.threshold.toString()).toBe('0.8');
    expect(cloud.alert).toBe('threshold');
  });

  it('a 78.1% override: 78.0% stays below it (shown 78.0%, not rounded over)', () => {
    const s = categoryStatus(ctx({ thresholdByAgreement: new Map([[H, pct('78.1')]]) }), CAT, '2026-06-30');
    expect(s.alert).toBe('ok');
    const at = categoryStatus(ctx({ thresholdByAgreement: new Map([[H, pct('78')]]) }), CAT, '2026-06-30');
    expect(at.alert).toBe('threshold'); // exactly 78.0% reaches a 78% threshold
  });

  it('the monthly report and the period series use the agreement’s own threshold', () => {
    const own = ctx({ thresholdByAgreement: new Map([[H, pct('75')]]) });
    expect(monthlyReport(own, CAT, '2026-06-30').threshold.toString()).toBe('0.75');
    expect(monthlyReport(own, 'cloud-services', '2026-06-30').threshold.toString()).toBe('0.8');
    expect(periodSeries(own, CAT, '2026-06-30').threshold.toString()).toBe('0.75');
  });
});

describe('threshold settings keys and values', () => {
  it('round-trips an agreement id through its key', () => {
    expect(agreementThresholdKey(H)).toBe('thresholdPercent@u-harbour-services-framework');
    expect(agreementOfThresholdKey(agreementThresholdKey(H))).toBe(H);
    expect(agreementOfThresholdKey('thresholdPercent')).toBeNull();
    expect(agreementOfThresholdKey('thresholdPercent@')).toBeNull();
  });
  it.each([
    ['75', true],
    ['82.5', true],
    ['100', true],
    ['0', false],
    ['100.1', false],
    ['82.55', false],
    ['eighty', false],
    ['', false],
  ])('%s → %s', (text, ok) => expect(isThresholdPercent(text)).toBe(ok));
});

describe('readThresholdSettings: the one reading of stored thresholds (browser, status command, team move-in)', () => {
  const RULE = 'it must be a percentage above 0 and at most 100, with at most one decimal (such as 80 or 82.5).';
  const ok = (
    thresholdPercent: string | null,
    thresholdByAgreement: Record<string, string>,
    entries: [string, string][],
  ) => ({ ok: true, settings: { thresholdPercent, thresholdByAgreement, entries } });
  const refused = (key: string, problem: string) => ({ ok: false, key, problem });
  it.each([
    ['nothing stored', [], ok(null, {}, [])],
    [
      'other settings are not looked at',
      [
        ['alerts.overdueDays', 4],
        ['ledger.complete', ['x']],
      ],
      ok(null, {}, []),
    ],
    ['every agreement', [['thresholdPercent', '75']], ok('75', {}, [['thresholdPercent', '75']])],
    [
      'every agreement and one agreement, in the order read',
      [
        ['thresholdPercent', '75'],
        [`thresholdPercent@${H}`, '82.5'],
      ],
      ok('75', { [H]: '82.5' }, [
        ['thresholdPercent', '75'],
        [`thresholdPercent@${H}`, '82.5'],
      ]),
    ],
    [
      '100 is a threshold',
      [[`thresholdPercent@${H}`, '100']],
      ok(null, { [H]: '100' }, [[`thresholdPercent@${H}`, '100']]),
    ],
    ['an empty agreement id is not a threshold key', [['thresholdPercent@', 'x']], ok(null, {}, [])],
    ['0', [['thresholdPercent', '0']], refused('thresholdPercent', `The alert threshold is "0": ${RULE}`)],
    [
      'over 100',
      [['thresholdPercent', '100.1']],
      refused('thresholdPercent', `The alert threshold is "100.1": ${RULE}`),
    ],
    [
      'two decimals, for one agreement',
      [
        ['thresholdPercent', '75'],
        [`thresholdPercent@${H}`, '82.55'],
      ],
      refused(`thresholdPercent@${H}`, `The alert threshold of agreement ${H} is "82.55": ${RULE}`),
    ],
    [
      'a number, not a string',
      [['thresholdPercent', 85]],
      refused('thresholdPercent', `The alert threshold is 85: ${RULE}`),
    ],
    ['empty', [['thresholdPercent', '']], refused('thresholdPercent', `The alert threshold is empty: ${RULE}`)],
    ['null', [['thresholdPercent', null]], refused('thresholdPercent', `The alert threshold is empty: ${RULE}`)],
    [
      'a word',
      [['thresholdPercent', 'eighty']],
      refused('thresholdPercent', `The alert threshold is "eighty": ${RULE}`),
    ],
    [
      'a long value is cut',
      [['thresholdPercent', 'x'.repeat(100)]],
      refused('thresholdPercent', `The alert threshold is "${'x'.repeat(38)}…: ${RULE}`),
    ],
  ] as [string, [string, unknown][], unknown][])('%s', (_name, entries, expected) => {
    // The domain gives the values; the catalogue words them (here in English).
    const read = readThresholdSettings(entries);
    expect(read.ok ? read : { ...read, problem: thresholdProblemText(read.problem, 'en') }).toEqual(expected);
  });
  it('thresholdProblem says the same for a value typed to be saved, in English and Chinese', () => {
    expect(thresholdProblem('thresholdPercent', '80')).toBeNull();
    expect(thresholdProblem(`thresholdPercent@${H}`, '0.5')).toBeNull();
    const problem = thresholdProblem('thresholdPercent', '-5')!;
    expect(problem).toEqual({ agreementId: null, shown: '"-5"' });
    expect(thresholdProblemText(problem, 'en')).toBe(`The alert threshold is "-5": ${RULE}`);
    expect(thresholdProblemText(problem, 'zh')).toBe(
      '提醒阈值为"-5"：必须是大于 0 且不超过 100 的百分比，最多一位小数（例如 80 或 82.5）。',
    );
    const empty = thresholdProblem(`thresholdPercent@${H}`, null)!;
    expect(thresholdProblemText(empty, 'zh')).toBe(
      `协议 ${H} 的提醒阈值为空：必须是大于 0 且不超过 100 的百分比，最多一位小数（例如 80 或 82.5）。`,
    );
    // A refusal thrown where a threshold is read or saved reads the same on the screens.
    expect(errorText(new ThresholdError(problem), 'zh')).toBe(thresholdProblemText(problem, 'zh'));
    expect(errorText(new ThresholdError(problem), 'en')).toBe(`The alert threshold is "-5": ${RULE}`);
  });
});
