import { describe, expect, it } from 'vitest';
import {
  alertId,
  alertStage,
  alertsToCreate,
  type AlertRecord,
  isOverdue,
  sortAlerts,
} from '../../../../src/domain/alerts/alertLog';
import { evaluateAlerts } from '../../../../src/domain/alerts/observe';
import { allStatuses } from '../../../../src/domain/engine';
import { ctx, ledgerOf } from '../fixtures';

const source = () => ({ kind: 'ledger' as const, ref: 'b-1' });

/**
 * Cloud services 2026: original cap RMB 3,138.3 million (the revision awaits the AGM),
 * threshold 80% = 2,510.64. Disclosed 749.1 through April 23; a ledger row of 1,761.6 on
 * May 15 brings the actual to 2,510.7 — at the threshold (≥ 2,510.64), below the cap.
 * A further 700.0 on June 10 makes 3,210.7 > 3,138.3: exceeded.
 */
const toThreshold = ledgerOf({ 'cloud-services': [['2026-05-15', '1761.6']] });
const toExceeded = ledgerOf({
  'cloud-services': [
    ['2026-05-15', '1761.6'],
    ['2026-06-10', '700.0'],
  ],
});

const cloud = (list: AlertRecord[]) => list.filter((a) => a.categoryId === 'cloud-services');

describe('alert creation', () => {
  it('creates one threshold alert with the crossing date from the data and the detection date', () => {
    const created = cloud(evaluateAlerts(ctx({ ledger: toThreshold }), '2026-05-20', [], source));
    const th = created.find((a) => a.state === 'threshold')!;
    expect(th).toMatchObject({
      id: 'cloud-services|2026-01-01|threshold',
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
      crossedOn: '2026-05-15',
      detectedOn: '2026-05-20',
      boardRequired: false,
      figures: { actualMinor: '251070000000', capMinor: '313830000000', utilisationPercent: '80.0' },
      source: { kind: 'ledger', ref: 'b-1' },
    });
    expect(created.filter((a) => a.state === 'exceeded')).toEqual([]);
  });

  it('once per state and period: evaluating again creates nothing', () => {
    const first = evaluateAlerts(ctx({ ledger: toThreshold }), '2026-05-20', [], source);
    expect(evaluateAlerts(ctx({ ledger: toThreshold }), '2026-05-21', first, source)).toEqual([]);
    // Left and re-entered in the same period (a rollback, then the same import again): still the same alert.
    expect(evaluateAlerts(ctx(), '2026-05-22', first, source)).toEqual([]);
    expect(evaluateAlerts(ctx({ ledger: toThreshold }), '2026-05-23', first, source)).toEqual([]);
  });

  it('a new state is a new alert: exceeding the cap after the threshold adds only the exceeded one', () => {
    const first = evaluateAlerts(ctx({ ledger: toThreshold }), '2026-05-20', [], source);
    const next = cloud(evaluateAlerts(ctx({ ledger: toExceeded }), '2026-06-12', first, source));
    expect(next.map((a) => [a.state, a.crossedOn, a.detectedOn, a.boardRequired])).toEqual([
      ['exceeded', '2026-06-10', '2026-06-12', true],
    ]);
  });

  it('jumping straight over the cap records both states, each with its own crossing date', () => {
    const created = cloud(evaluateAlerts(ctx({ ledger: toExceeded }), '2026-06-30', [], source));
    expect(created.map((a) => [a.state, a.crossedOn])).toEqual([
      ['threshold', '2026-05-15'],
      ['exceeded', '2026-06-10'],
    ]);
  });

  it('a new cap period is a new alert for the same state', () => {
    const a2026 = alertsToCreate(
      [
        {
          categoryId: 'x',
          periodStart: '2026-01-01',
          periodEnd: '2026-12-31',
          states: [{ state: 'threshold', crossedOn: '2026-09-01' }],
          figures: {
            actualMinor: '1',
            capMinor: '1',
            thresholdPercent: '80',
            utilisationPercent: '100.0',
            currency: 'RMB',
            through: '2026-09-01',
          },
          source: source(),
        },
      ],
      [],
      '2026-09-02',
    );
    const a2027 = alertsToCreate(
      [
        {
          categoryId: 'x',
          periodStart: '2027-01-01',
          periodEnd: '2027-12-31',
          states: [{ state: 'threshold', crossedOn: '2027-08-01' }],
          figures: {
            actualMinor: '1',
            capMinor: '1',
            thresholdPercent: '80',
            utilisationPercent: '100.0',
            currency: 'RMB',
            through: '2027-08-01',
          },
          source: source(),
        },
      ],
      a2026,
      '2027-08-02',
    );
    expect(a2027.map((a) => a.id)).toEqual([alertId('x', '2027-01-01', 'threshold')]);
  });

  it('browsing another as-of date creates nothing: alerts are evaluated at today only', () => {
    // At as-of June 30 the ledger shows the threshold reached…
    const browsed = allStatuses(ctx({ ledger: toThreshold }), '2026-06-30').find(
      (s) => s.category.id === 'cloud-services',
    )!;
    expect(browsed.binding?.alert).toBe('threshold');
    // …but today is May 1, before the May 15 row: nothing is created for it.
    expect(
      cloud(evaluateAlerts(ctx({ ledger: toThreshold }), '2026-05-01', [], source)).filter(
        (a) => a.state !== 'projected',
      ),
    ).toEqual([]);
  });
});

describe('alert handling', () => {
  const base = evaluateAlerts(ctx({ ledger: toThreshold }), '2026-05-20', [], source).find(
    (a) => a.state === 'threshold',
  )!;
  const step = (on: string) => ({ on, by: 'Finance', note: '' });

  it('moves from new to acknowledged to reported; a threshold alert closes without the board', () => {
    expect(alertStage(base)).toBe('new');
    expect(alertStage({ ...base, acknowledged: step('2026-05-20') })).toBe('acknowledged');
    expect(alertStage({ ...base, acknowledged: step('2026-05-20'), reportedToManagement: step('2026-05-21') })).toBe(
      'closed',
    );
    const exceeded = {
      ...base,
      state: 'exceeded' as const,
      boardRequired: true,
      acknowledged: step('2026-05-20'),
      reportedToManagement: step('2026-05-21'),
    };
    expect(alertStage(exceeded)).toBe('reported');
    expect(alertStage({ ...exceeded, reportedToBoard: step('2026-05-25') })).toBe('closed');
  });

  it('is overdue when not reported to senior management within the configured days (the last day is still in time)', () => {
    expect(isOverdue(base, '2026-05-23', 3)).toBe(false);
    expect(isOverdue(base, '2026-05-24', 3)).toBe(true);
    expect(
      isOverdue(
        { ...base, acknowledged: step('2026-05-20'), reportedToManagement: step('2026-05-30') },
        '2026-06-30',
        3,
      ),
    ).toBe(false);
  });

  it('lists open alerts first, worst state first', () => {
    const closed = { ...base, id: 'c', acknowledged: step('2026-05-20'), reportedToManagement: step('2026-05-21') };
    const uncapped = { ...base, id: 'u', state: 'uncapped' as const };
    expect(sortAlerts([closed, base, uncapped]).map((a) => a.id)).toEqual(['u', base.id, 'c']);
  });
});
