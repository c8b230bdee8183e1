import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import {
  ALERT_SEVERITY,
  capPosition,
  DISPLAY_ORDER,
  type StateInputs,
  type StateOutputs,
  signKeepingRound,
  STATE_TABLE,
  stateOf,
  statePercent,
} from '../../../src/domain/state';

const base: StateInputs = {
  capState: 'in-force',
  known: true,
  position: 'below-threshold',
  uncappedCount: 0,
  proposed: false,
  meetingPassed: false,
};

describe('the state table: alert and display status from the inputs', () => {
  const cases: [string, Partial<StateInputs>, StateOutputs][] = [
    ['cap in force, known, below threshold', {}, { alert: 'ok', displayStatus: 'ok', noData: null }],
    [
      'at or above the threshold',
      { position: 'at-threshold' },
      { alert: 'threshold', displayStatus: 'threshold', noData: null },
    ],
    ['over the cap', { position: 'over-cap' }, { alert: 'exceeded', displayStatus: 'exceeded', noData: null }],
    [
      'uncapped rows beat an exceeded cap',
      { position: 'over-cap', uncappedCount: 1 },
      { alert: 'uncapped', displayStatus: 'uncapped', noData: null },
    ],
    [
      'uncapped rows while no cap exists',
      { capState: 'no-cap', position: null, uncappedCount: 3 },
      { alert: 'uncapped', displayStatus: 'uncapped', noData: 'no-cap' },
    ],
    [
      'uncapped rows where the cap is not recorded (IDC 2028)',
      { capState: 'cap-not-recorded', position: null, uncappedCount: 1 },
      { alert: 'uncapped', displayStatus: 'uncapped', noData: 'cap-not-recorded' },
    ],
    [
      'no cap exists, nothing transacted: never ok',
      { capState: 'no-cap', position: null },
      { alert: null, displayStatus: 'no-cap', noData: 'no-cap' },
    ],
    [
      'no cap, a proposal awaiting approval and the meeting passed (hardware from July 29, 2026)',
      { capState: 'no-cap', position: null, proposed: true, meetingPassed: true },
      { alert: null, displayStatus: 'no-cap', noData: 'no-cap' },
    ],
    [
      'cap not recorded, nothing transacted',
      { capState: 'cap-not-recorded', position: null },
      { alert: null, displayStatus: 'cap-not-recorded', noData: 'cap-not-recorded' },
    ],
    [
      'nothing known for the span (cloud on April 22, 2026)',
      { known: false, position: null },
      { alert: null, displayStatus: 'no-data', noData: 'unknown-actual' },
    ],
    [
      'unknown, but the ledger rows seen already exceed the cap',
      { known: false, position: 'over-cap' },
      { alert: 'exceeded', displayStatus: 'exceeded', noData: 'unknown-actual' },
    ],
    [
      'unknown, the rows seen are at the threshold',
      { known: false, position: 'at-threshold' },
      { alert: 'threshold', displayStatus: 'threshold', noData: 'unknown-actual' },
    ],
    [
      'meeting passed with no outcome, original cap still binds',
      { proposed: true, meetingPassed: true },
      { alert: 'ok', displayStatus: 'meeting-passed', noData: null },
    ],
    [
      'awaiting approval before the meeting',
      { proposed: true },
      { alert: 'ok', displayStatus: 'awaiting-approval', noData: null },
    ],
    [
      'threshold beats awaiting approval',
      { proposed: true, position: 'at-threshold' },
      { alert: 'threshold', displayStatus: 'threshold', noData: null },
    ],
  ];
  it.each(cases)('%s', (_name, over, expected) => {
    expect(stateOf({ ...base, ...over })).toEqual(expected);
  });

  it('ends with a catch-all row, so every input has a state', () => {
    expect(STATE_TABLE[STATE_TABLE.length - 1]!.when(base)).toBe(true);
  });

  it('never shows a missing cap or an unknown figure as ok', () => {
    for (const capState of ['in-force', 'no-cap', 'cap-not-recorded'] as const)
      for (const known of [true, false])
        for (const proposed of [true, false])
          for (const meetingPassed of [true, false]) {
            const out = stateOf({ ...base, capState, known, proposed, meetingPassed, position: null });
            if (capState !== 'in-force' || !known) {
              expect(out.displayStatus).not.toBe('ok');
              expect(out.alert).not.toBe('ok');
            }
          }
  });

  it('ranks uncapped above exceeded, in the alert severity and the display order', () => {
    expect(ALERT_SEVERITY.uncapped).toBeGreaterThan(ALERT_SEVERITY.exceeded);
    expect(DISPLAY_ORDER[0]).toBe('uncapped');
    expect(DISPLAY_ORDER.indexOf('no-cap')).toBeLessThan(DISPLAY_ORDER.indexOf('ok'));
  });
});

describe('capPosition: threshold inclusive, cap exceeded strictly above', () => {
  // Cap RMB 100.00 = 10,000 fen, threshold 80% = 8,000 fen.
  it.each([
    [7999n, 'below-threshold'],
    [8000n, 'at-threshold'],
    [10000n, 'at-threshold'],
    [10001n, 'over-cap'],
  ] as const)('%s fen against 10,000', (actual, pos) => {
    expect(capPosition(actual, 10000n, 8000n)).toBe(pos);
  });
});

describe('statePercent: rounding never crosses a boundary the exact figure has not', () => {
  const thr = new Decimal(80);
  it.each([
    ['79.96', '79.9'], // half-up would say 80.0 (at threshold) although below it
    ['79.95', '79.9'],
    ['79.94', '79.9'],
    ['80', '80.0'],
    ['80.04', '80.0'],
    ['23.8700', '23.9'],
    ['97.636', '97.6'], // the announcement's 2,255.2 / 2,309.8
    ['99.96', '100.0'], // at the cap is not over it
    ['100', '100.0'],
    ['100.004', '100.1'], // one fen over a cap: never 100.0
    ['100.05', '100.1'],
    ['100.16', '100.2'],
  ])('%s%% shows %s', (exact, shown) => {
    expect(statePercent(new Decimal(exact), thr).toFixed(1)).toBe(shown);
  });
  it('respects a threshold with decimals (85.5%: 85.46 shows 85.4, not 85.5)', () => {
    expect(statePercent(new Decimal('85.46'), new Decimal('85.5')).toFixed(1)).toBe('85.4');
    expect(statePercent(new Decimal('85.5'), new Decimal('85.5')).toFixed(1)).toBe('85.5');
  });
});

describe('signKeepingRound: a negative headroom keeps its sign', () => {
  it.each([
    ['-0.00000001', '-0.1'], // one fen over the cap, in millions
    ['-0.04', '-0.1'],
    ['-0.05', '-0.1'],
    ['-1.04', '-1.0'],
    ['0.00000001', '0.0'],
    ['0', '0.0'],
    ['2389.2', '2389.2'],
  ])('%s million shows %s', (v, shown) => {
    expect(signKeepingRound(new Decimal(v)).toFixed(1)).toBe(shown);
  });
});
