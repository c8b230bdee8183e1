// @vitest-environment node
/**
 * The status command: real processes for the end-to-end contract (exit codes,
 * JSON on stdout, errors on stderr), and runStatus in-process for the rest.
 */
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseStatusArgs, UsageError } from '../../../scripts/lib/statusArgs';
import { buildEngineContext } from '../../../scripts/lib/statusContext';
import { runStatus } from '../../../scripts/lib/runStatus';
import type { StatusRecord } from '../../../scripts/lib/statusReport';
import { kingsoftCloudXiaomi2026 } from '../../../src/domain/disclosed/kingsoftCloudXiaomi2026';
import { categoryStatus } from '../../../src/domain/engine';
import { percentString } from '../../../src/domain/format';
import { buildDailyTotals } from '../../../src/domain/ledgerTotals';
import { toMillionsString } from '../../../src/domain/money';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const SPAWN_TIMEOUT = 60_000;

function cli(...args: string[]) {
  const r = spawnSync('npx', ['tsx', 'scripts/status.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: SPAWN_TIMEOUT,
  });
  // npm may print its own config warnings on stderr; keep only the command's lines.
  const stderr = r.stderr
    .split('\n')
    .filter((l) => !l.startsWith('npm warn'))
    .join('\n');
  return { code: r.status, stdout: r.stdout, stderr };
}

const byCategory = (records: StatusRecord[]) => Object.fromEntries(records.map((r) => [r.category, r]));

function json(...args: string[]): Record<string, StatusRecord> {
  const r = runStatus([...args, '--json']);
  expect(r.code).toBe(0);
  return byCategory(JSON.parse(r.stdout) as StatusRecord[]);
}

describe('npm run status (spawned with tsx)', () => {
  it(
    '--as-of 2026-04-23 --json prints one JSON array with the disclosed figures',
    () => {
      const r = cli('--as-of', '2026-04-23', '--json');
      expect(r.stderr.trim()).toBe('');
      expect(r.code).toBe(0);
      const records = JSON.parse(r.stdout) as StatusRecord[];
      expect(Array.isArray(records)).toBe(true);
      expect(records.map((x) => x.category)).toEqual([
        'cloud-services',
        'idc-services',
        'hardware-equipment',
        'api-services',
      ]);
      const c = byCategory(records);
      expect(c['cloud-services']).toMatchObject({
        asOf: '2026-04-23',
        periodStart: '2026-01-01',
        periodEnd: '2026-12-31',
        bindingCap: '3138.3',
        proposedCap: '4000.0',
        actual: '749.1',
        utilisation: '23.9',
        headroom: '2389.2',
        alert: 'ok',
        displayStatus: 'awaiting-approval',
        ytdGrowth: '81.4',
        yoyGrowth: '77.0',
        agreement: 'xiaomi-framework-2024',
        actualThrough: '2026-04-23',
      });
      expect(c['idc-services']).toMatchObject({
        bindingCap: '100.0',
        proposedCap: null,
        actual: '14.1',
        utilisation: '14.1',
        headroom: '85.9',
        yoyGrowth: null,
        ytdGrowth: null,
        alert: 'ok',
      });
      expect(c['hardware-equipment']).toMatchObject({
        periodStart: '2026-01-01',
        periodEnd: '2026-07-28',
        bindingCap: '6.7',
        proposedCap: '1000.0',
        actual: '0.0',
        utilisation: '0.0',
        // Like with like: 6.7 for January 1 – July 28 is not compared with ~930 for the year.
        impliedBuffer: { binding: null, proposed: '7.5', periodsDiffer: { binding: true, proposed: false } },
      });
      expect(c['api-services']).toMatchObject({
        periodStart: '2026-04-23',
        bindingCap: '20.0',
        proposedCap: null,
        // Nothing is disclosed or recorded complete for the API period: no data, not zero.
        actual: null,
        actualExact: null,
        utilisation: null,
        headroom: null,
        alert: null,
        displayStatus: 'no-data',
        noDataReason: 'unknown-actual',
        actualThrough: null,
      });
      const seasonal = c['cloud-services']!.projections.find((p) => p.method === 'seasonal')!;
      expect(seasonal.projectedPeriodEnd).toBe('4090.5');
      expect(seasonal.binding!.threshold).toEqual({ target: '2510.6', state: 'projected', date: '2026-09-03' });
      expect(seasonal.proposed!.cap.date).toBe('2026-12-25');
      expect(c['cloud-services']!.projections.find((p) => p.method === 'linear')!.projectedPeriodEnd).toBe('2419.7');
    },
    SPAWN_TIMEOUT,
  );

  it(
    'prints an aligned table without --json',
    () => {
      const r = cli('--as-of', '2026-04-23');
      expect(r.code).toBe(0);
      const lines = r.stdout.split('\n');
      const header = lines.find((l) => l.startsWith('Category') && l.includes('Binding cap'))!;
      expect(header).toMatch(
        /Period.*Binding cap.*Proposed cap.*Actual.*Utilisation.*Headroom.*Alert.*YoY.*YTD.*Data through/,
      );
      const cloud = lines.find((l) => l.startsWith('cloud-services '))!;
      expect(cloud).toMatch(/3,138\.3\s+4,000\.0\s+749\.1\s+23\.9%\s+2,389\.2/);
      expect(cloud).toContain('+77.0%');
      expect(cloud).toContain('+81.4%');
      // Columns line up: the binding cap ends at the same offset on every row.
      const end = header.indexOf('Binding cap') + 'Binding cap'.length;
      for (const id of ['cloud-services', 'idc-services', 'hardware-equipment', 'api-services']) {
        const row = lines.find((l) => l.startsWith(`${id} `))!;
        expect(row[end - 1]).toMatch(/\d/);
        expect(row[end]).toBe(' ');
      }
    },
    SPAWN_TIMEOUT,
  );

  it.each([
    [['--as-of', '2026-02-30', '--json'], /--as-of: "2026-02-30" is not a valid date/],
    [['--as-of', 'tomorrow'], /--as-of: "tomorrow" is not a valid date/],
    [['--json'], /--as-of YYYY-MM-DD is required/],
    [['--as-of', '2026-04-23', '--frobnicate'], /unknown option "--frobnicate"/],
  ])(
    '%j → exit 2 with a clear message on stderr, nothing on stdout',
    (args, message) => {
      const r = cli(...args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
    },
    SPAWN_TIMEOUT,
  );
});

describe('runStatus', () => {
  it.each([
    [[], /--as-of YYYY-MM-DD is required/],
    [['--as-of'], /--as-of needs a value/],
    [['--as-of', '--json'], /--as-of needs a value/],
    [['--as-of', '2026-4-23'], /not a valid date/],
    [['--as-of', '2025-02-29'], /not a valid date/],
    [['--as-of', '2026-04-23', '--as-of', '2026-04-24'], /given more than once/],
    [['--as-of', '2026-04-23', 'extra'], /unexpected argument "extra"/],
    [['--as-of=2026-04-23', '--json=yes'], /--json takes no value/],
    [['--as-of', '2026-04-23', '--threshold', 'eighty'], /--threshold: "eighty" is not a number/],
    [['--as-of', '2026-04-23', '--threshold', '0'], /out of range/],
    [['--as-of', '2026-04-23', '--threshold', '100.1'], /out of range/],
    [
      ['--as-of', '2026-04-23', '--threshold', 'nope=75'],
      /--threshold: unknown agreement "nope"; known: xiaomi-framework-2024, xiaomi-cooperation-framework-2025/,
    ],
    [
      ['--as-of', '2026-04-23', '--threshold', 'xiaomi-framework-2024=101'],
      /xiaomi-framework-2024=101 is out of range/,
    ],
    [
      ['--as-of', '2026-04-23', '--threshold', 'xiaomi-framework-2024=75', '--threshold', 'xiaomi-framework-2024=70'],
      /"xiaomi-framework-2024" given more than once/,
    ],
    [['--as-of', '2026-04-23', '--threshold', '75', '--threshold', '70'], /--threshold PERCENT given more than once/],
    [['--as-of', '2026-04-23', '--approve', 'agm-2026-cloud-services'], /RESOLUTION_ID=YYYY-MM-DD/],
    [
      ['--as-of', '2026-04-23', '--approve', 'agm-2099=2026-06-30'],
      /unknown resolution "agm-2099"; known: agm-2026-cloud-services, agm-2026-hardware-equipment/,
    ],
    [
      ['--as-of', '2026-04-23', '--reject', 'agm-2026-cloud-services=2026-06-31'],
      /--reject: "2026-06-31" is not a valid date/,
    ],
    [
      [
        '--as-of',
        '2026-04-23',
        '--approve',
        'agm-2026-cloud-services=2026-06-30',
        '--reject',
        'agm-2026-cloud-services=2026-06-30',
      ],
      /more than one recorded outcome/,
    ],
    [['--as-of', '2026-04-23', '--ledgr', 'rows.csv'], /unknown option "--ledgr"/],
  ])('%j → exit 2: %s', (args, message) => {
    const r = runStatus(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/--help/);
    expect(r.stdout).toBe('');
  });

  it('--help prints the usage and exits 0', () => {
    const r = runStatus(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--as-of YYYY-MM-DD/);
    expect(r.stdout).toMatch(/agm-2026-cloud-services/);
  });

  it('--as-of=DATE form is accepted', () => {
    expect(runStatus(['--as-of=2026-04-23', '--json']).code).toBe(0);
  });

  it('the JSON equals the engine status field by field (same domain code)', () => {
    const c = json('--as-of', '2026-04-23');
    const s = categoryStatus(buildEngineContext(), 'cloud-services', '2026-04-23');
    expect(c['cloud-services']!.actual).toBe(toMillionsString(s.actual));
    expect(c['cloud-services']!.headroom).toBe(toMillionsString(s.binding!.headroom!));
    expect(c['cloud-services']!.utilisation).toBe(percentString(s.binding!.utilisation));
    expect(c['cloud-services']!.ytdGrowth).toBe(percentString(s.ytd!.rate));
    expect(c['cloud-services']!.bindingCapId).toBe(s.binding!.cap.id);
    expect(c['cloud-services']!.proposedResolution).toEqual({
      id: 'agm-2026-cloud-services',
      meetingDate: '2026-06-30',
    });
  });

  it('2025 year end: the 2025 cloud cap is 97.6% used — at the 80% threshold', () => {
    const c = json('--as-of', '2025-12-31')['cloud-services']!;
    expect(c).toMatchObject({
      bindingCap: '2309.8',
      actual: '2255.2',
      utilisation: '97.6',
      headroom: '54.6',
      alert: 'threshold',
      yoyGrowth: '77.0',
    });
  });

  it('--threshold moves the alert: 23.9% is at a 20% threshold', () => {
    const c = json('--as-of', '2026-04-23', '--threshold', '20')['cloud-services']!;
    expect(c.threshold).toBe('20.0');
    expect(c.thresholdAmount).toBe('627.7');
    expect(c.alert).toBe('threshold');
    expect(json('--as-of', '2026-04-23', '--threshold', '23.9')['cloud-services']!.alert).toBe('ok'); // 23.87% < 23.9%
  });

  it('--threshold AGREEMENT=PCT: one agreement’s own threshold wins; the others keep theirs', () => {
    // December 31, 2025: cloud 97.6% (2024 framework), hardware 88.4% (2025 framework).
    const base = json('--as-of', '2025-12-31');
    expect(base['cloud-services']).toMatchObject({
      alert: 'threshold',
      threshold: '80.0',
      thresholdSource: 'disclosed',
    });
    expect(base['hardware-equipment']).toMatchObject({ alert: 'threshold', utilisation: '88.4' });
    const own = json('--as-of', '2025-12-31', '--threshold', 'xiaomi-cooperation-framework-2025=90');
    expect(own['hardware-equipment']).toMatchObject({
      alert: 'ok',
      threshold: '90.0',
      thresholdSource: 'override',
      thresholdAmount: '30.2', // 90% of 33.5 = 30.15
    });
    expect(own['cloud-services']).toMatchObject({ alert: 'threshold', threshold: '80.0' });
    // Beside a threshold for every agreement, the agreement's own still wins.
    const both = json(
      '--as-of',
      '2025-12-31',
      '--threshold',
      '98',
      '--threshold',
      'xiaomi-cooperation-framework-2025=85',
    );
    expect(both['cloud-services']).toMatchObject({ alert: 'ok', threshold: '98.0', thresholdSource: 'setting' });
    expect(both['hardware-equipment']).toMatchObject({ alert: 'threshold', threshold: '85.0' });
    const text = runStatus(['--as-of', '2025-12-31', '--threshold', 'xiaomi-cooperation-framework-2025=90']).stdout;
    expect(text).toContain(
      'alert threshold per agreement: xiaomi-framework-2024 80.0% (disclosed internal controls), xiaomi-cooperation-framework-2025 90.0% (set for this agreement)',
    );
  });

  it('--approve: the revised 4,000.0 binds from the approval date', () => {
    expect(
      json('--as-of', '2026-06-29', '--approve', 'agm-2026-cloud-services=2026-06-30')['cloud-services'],
    ).toMatchObject({
      bindingCap: '3138.3',
      proposedCap: '4000.0',
    });
    expect(
      json('--as-of', '2026-06-30', '--approve', 'agm-2026-cloud-services=2026-06-30')['cloud-services'],
    ).toMatchObject({
      bindingCap: '4000.0',
      proposedCap: null,
      utilisation: '18.7',
      displayStatus: 'ok',
    });
  });

  it('--approve for hardware: 1,000.0 binds for the whole of 2026', () => {
    expect(
      json('--as-of', '2026-09-01', '--approve', 'agm-2026-hardware-equipment=2026-06-30')['hardware-equipment'],
    ).toMatchObject({
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
      bindingCap: '1000.0',
      proposedCap: null,
    });
  });

  it('no approval on 2026-09-01: hardware has no binding cap, utilisation and headroom are null', () => {
    expect(json('--as-of', '2026-09-01')['hardware-equipment']).toMatchObject({
      bindingCap: null,
      proposedCap: '1000.0',
      utilisation: null,
      headroom: null,
      // No cap is in force and the June 30 AGM has passed with no outcome recorded.
      alert: null,
      displayStatus: 'no-cap',
      capState: 'no-cap',
      noDataReason: 'no-cap',
      meetingPrompt: { resolution: 'agm-2026-hardware-equipment', meetingDate: '2026-06-30' },
    });
  });

  it('--reject: the original keeps binding and nothing is proposed', () => {
    expect(
      json('--as-of', '2026-07-01', '--reject', 'agm-2026-cloud-services=2026-06-30')['cloud-services'],
    ).toMatchObject({
      bindingCap: '3138.3',
      proposedCap: null,
      displayStatus: 'ok',
    });
  });

  it('buildEngineContext is where ledger totals plug in', () => {
    const ledger = {
      byCategory: new Map([['idc-services', buildDailyTotals([[20_600, 6_590_000_000n]])]]), // 2026-05-27, 65.9 million
      complete: new Set<string>(),
    };
    const ctx = buildEngineContext({ ledger });
    expect(ctx.dataset).toBe(kingsoftCloudXiaomi2026);
    const s = categoryStatus(ctx, 'idc-services', '2026-06-30');
    expect(s.actual).toBe(8_000_000_000n); // 14.1 disclosed + 65.9 ledger = 80.0
    expect(s.alert).toBe('threshold');
  });

  it('parseStatusArgs collects repeatable approvals', () => {
    const o = parseStatusArgs(
      [
        '--as-of',
        '2026-07-01',
        '--approve',
        'agm-2026-cloud-services=2026-06-30',
        '--reject=agm-2026-hardware-equipment=2026-06-30',
      ],
      kingsoftCloudXiaomi2026,
    );
    expect(o.approvals).toEqual([
      { resolutionId: 'agm-2026-cloud-services', outcome: 'approved', date: '2026-06-30' },
      { resolutionId: 'agm-2026-hardware-equipment', outcome: 'rejected', date: '2026-06-30' },
    ]);
    expect(() => parseStatusArgs(['--bogus'], kingsoftCloudXiaomi2026)).toThrow(UsageError);
  });
});
