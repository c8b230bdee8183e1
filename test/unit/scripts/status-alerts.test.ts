// @vitest-environment node
/**
 * `status --alerts`: open alerts and open items as JSON, exit status 3 when
 * anything is open, the change history's head from a backup. Figures are
 * those of the 2026 review-pack fixture (test/fixtures/evidence/review-2026.backup.json):
 * two ledger CSVs, three purchase orders (IDC-PO-2026-01 has one independent quote),
 * price checks for 2026 Q1–Q3, two alerts handled by Wong Mei Ling.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { AlertsReport } from '../../../scripts/lib/alertsReport';
import { runStatusWithFiles } from '../../../scripts/lib/runStatus';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const BACKUP = join(ROOT, 'test/fixtures/evidence/review-2026.backup.json');
const HEAD = 'e92b81b9c168c75b9c69d08c2278662a1bdafa4f0fea56a7fc37747c6312f116';

async function alerts(...args: string[]): Promise<{ code: number; report: AlertsReport; stderr: string }> {
  const r = await runStatusWithFiles(['--alerts', ...args]);
  return { code: r.code, report: JSON.parse(r.stdout) as AlertsReport, stderr: r.stderr };
}

describe('status --alerts with the 2026 review backup', () => {
  it('lists every open item at the year end and exits 3', async () => {
    const { code, report } = await alerts('--as-of', '2026-12-31', '--backup', BACKUP);
    expect(code).toBe(3);
    expect(report.schemaVersion).toBe(1);
    expect(report.checked).toEqual(['alerts', 'unclassified', 'orders', 'priceChecks']);
    // Both alerts were reported to senior management (threshold alerts need no board report): none open.
    expect(report.alerts).toEqual([]);
    expect(report.unclassified).toEqual([]);
    // IDC-MISC-7 (cross-connect fees, RMB 400,000 on June 8) has no purchase order.
    expect(report.withoutOrder).toEqual([
      {
        categoryId: 'idc-services',
        reference: 'IDC-MISC-7',
        rows: 1,
        totalMinor: '40000000',
        total: '400000.00',
        firstDate: '2026-06-08',
        lastDate: '2026-06-08',
      },
    ]);
    // IDC-PO-2026-01 (RMB 5.5 million) has one independent quote (GDS).
    expect(report.orderExceptions).toEqual([
      {
        reference: 'IDC-PO-2026-01',
        categoryId: 'idc-services',
        date: '2026-05-15',
        amountMinor: '550000000',
        amount: '5500000.00',
        currency: 'RMB',
        reasons: [{ code: 'fewer-than-two-independent', independent: 1 }],
      },
    ]);
    // Cloud services run from January 1, 2025: no checks for 2025, and Q4 2026 ended on December 31.
    expect(report.missingQuarters.map((m) => `${m.categoryId} ${m.quarter}`)).toEqual([
      'cloud-services 2025-Q1',
      'cloud-services 2025-Q2',
      'cloud-services 2025-Q3',
      'cloud-services 2025-Q4',
      'cloud-services 2026-Q4',
    ]);
    expect(report.inconsistentChecks).toEqual([]);
    expect(report.openItems).toBe(7);
    expect(report.history).toEqual({ records: 18, head: HEAD, verified: true });
  });

  it('judges handling at the as-of date: acknowledged on October 12, reported on the 13th', async () => {
    const oct12 = await alerts('--as-of', '2026-10-12', '--backup', BACKUP);
    expect(oct12.report.alerts).toEqual([
      {
        id: 'cloud-services|2026-01-01|threshold',
        categoryId: 'cloud-services',
        state: 'threshold',
        periodStart: '2026-01-01',
        periodEnd: '2026-12-31',
        crossedOn: '2026-09-30',
        detectedOn: '2026-10-12',
        stage: 'acknowledged',
        overdue: false,
        boardRequired: false,
        utilisationPercent: '81.2',
      },
    ]);
    // Q3 2026 was checked on October 9; 2026-Q4 has not ended yet.
    expect(oct12.report.missingQuarters.map((m) => m.quarter)).toEqual(['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4']);
    expect(oct12.report.openItems).toBe(7);
    const oct13 = await alerts('--as-of', '2026-10-13', '--backup', BACKUP);
    expect(oct13.report.alerts).toEqual([]);
    expect(oct13.report.openItems).toBe(6);
  });

  it('flags an alert not reported within the overdue days (3 by default)', async () => {
    const doc = JSON.parse(readFileSync(BACKUP, 'utf8')) as { tables: { alerts: { id: string }[]; history?: unknown } };
    // Without its management report (and without the history, so the edit is not refused as tampering).
    doc.tables.alerts = doc.tables.alerts.map((a) => ({ ...a, reportedToManagement: null }));
    delete doc.tables.history;
    const dir = mkdtempSync(join(tmpdir(), 'status-alerts-'));
    const file = join(dir, 'unreported.json');
    writeFileSync(file, JSON.stringify(doc));
    const onTime = await alerts('--as-of', '2026-10-15', '--backup', file);
    const late = await alerts('--as-of', '2026-10-16', '--backup', file);
    const overdue = (r: AlertsReport) => r.alerts.map((a) => [a.categoryId, a.stage, a.overdue]);
    expect(overdue(onTime.report)).toEqual([
      ['hardware-equipment', 'acknowledged', true],
      ['cloud-services', 'acknowledged', false],
    ]);
    expect(overdue(late.report)).toEqual([
      ['hardware-equipment', 'acknowledged', true],
      ['cloud-services', 'acknowledged', true],
    ]);
    expect(late.report.history).toBeNull();
  });

  it('leaves out what was not known yet: before the June ledger row IDC-MISC-7 is not open', async () => {
    const { report } = await alerts('--as-of', '2026-06-07', '--backup', BACKUP);
    expect(report.withoutOrder).toEqual([]);
    // The hardware alert was detected on June 15: not yet an alert on June 7.
    expect(report.alerts).toEqual([]);
  });

  it('uses the backup for the status too: AGM approvals and both ledger files', async () => {
    const r = await runStatusWithFiles(['--as-of', '2026-12-31', '--json', '--backup', BACKUP]);
    expect(r.code).toBe(0);
    const cloud = (JSON.parse(r.stdout) as { category: string; bindingCap: string; actual: string }[]).find(
      (x) => x.category === 'cloud-services',
    )!;
    // The approved RMB 4,000 million cap; 749.1 disclosed through April 23 plus RMB 2,500 million of the ledger.
    expect(cloud.bindingCap).toBe('4000.0');
    expect(cloud.actual).toBe('3249.1');
  });

  it('refuses a backup whose history was edited by hand, naming the record', async () => {
    const doc = JSON.parse(readFileSync(BACKUP, 'utf8')) as { tables: { history: { who: string }[] } };
    doc.tables.history[5]!.who = 'Someone else';
    const dir = mkdtempSync(join(tmpdir(), 'status-alerts-'));
    const bad = join(dir, 'tampered.json');
    writeFileSync(bad, JSON.stringify(doc));
    const r = await runStatusWithFiles(['--as-of', '2026-12-31', '--alerts', '--backup', bad]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('record #5 does not match (hash)');
  });

  it('refuses a backup whose alert threshold is not a percentage, naming it (as the browser and the team server do)', async () => {
    const doc = JSON.parse(readFileSync(BACKUP, 'utf8')) as { tables: { settings: { key: string; value: unknown }[] } };
    doc.tables.settings.push({ key: 'thresholdPercent@xiaomi-framework-2024', value: '180' });
    const dir = mkdtempSync(join(tmpdir(), 'status-alerts-'));
    const bad = join(dir, 'threshold.json');
    writeFileSync(bad, JSON.stringify(doc));
    const r = await runStatusWithFiles(['--as-of', '2026-12-31', '--alerts', '--backup', bad]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(
      `${bad}: The alert threshold of agreement xiaomi-framework-2024 is "180": it must be a percentage above 0 and at most 100, with at most one decimal (such as 80 or 82.5).`,
    );
  });

  it('names a file that is not a backup', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'status-alerts-'));
    const bad = join(dir, 'not.json');
    writeFileSync(bad, '{"hello": 1}');
    const r = await runStatusWithFiles(['--as-of', '2026-12-31', '--alerts', '--backup', bad]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(bad);
  });
});

describe('status --alerts without a backup', () => {
  it('exits 0 when nothing is open and says what was checked', async () => {
    const { code, report } = await alerts('--as-of', '2026-04-23');
    expect(code).toBe(0);
    expect(report.openItems).toBe(0);
    expect(report.checked).toEqual(['alerts']);
    // No evidence records without a backup: quarters are not judged (not "missing").
    expect(report.missingQuarters).toEqual([]);
    expect(report.history).toBeNull();
  });

  it('reports an alert state that holds with no record as unlogged', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'status-alerts-'));
    const ledger = join(dir, 'ledger.csv');
    // Cloud: RMB 749.1 million disclosed through April 23, 2026; +RMB 1,761.6 million → 2,510.7 of 3,138.3 = 80.0%.
    writeFileSync(ledger, readFileSync(join(ROOT, 'test/fixtures/evidence/cloud-crossing-80.csv')));
    const { code, report } = await alerts('--as-of', '2026-12-01', '--ledger', ledger);
    expect(code).toBe(3);
    expect(report.alerts.map((a) => [a.id, a.stage, a.crossedOn, a.detectedOn, a.utilisationPercent])).toEqual([
      ['cloud-services|2026-01-01|threshold', 'unlogged', '2026-12-01', null, '80.0'],
    ]);
    expect(report.openItems).toBe(1);
  });

  it('lists the connected rows of a raw ledger that no rule classifies', async () => {
    const { code, report } = await alerts(
      '--as-of',
      '2026-06-30',
      '--ledger',
      join(ROOT, 'test/fixtures/erp/kingdee-receivables.xlsx'),
      '--rules',
      join(ROOT, 'test/fixtures/erp/rules.json'),
    );
    expect(code).toBe(3);
    expect(report.checked).toEqual(['alerts', 'unclassified']);
    expect(report.unclassified).toEqual([
      expect.objectContaining({
        row: 16,
        date: '2026-02-12',
        amountMinor: '8480000',
        amount: '84800.00',
        entityId: 'xiaomi-ev',
        counterparty: '小米汽车科技有限公司',
        reference: '记-0012/1',
      }),
    ]);
    expect(report.openItems).toBe(1);
  });

  it('refuses --backup with --ledger or --register, and --alerts with --what-if', async () => {
    expect((await runStatusWithFiles(['--as-of', '2026-12-31', '--backup', BACKUP, '--ledger', 'x.csv'])).code).toBe(2);
    expect((await runStatusWithFiles(['--as-of', '2026-12-31', '--backup', BACKUP, '--register', 'r.json'])).code).toBe(
      2,
    );
    expect((await runStatusWithFiles(['--alerts', '--what-if', 'cloud-services=2026-04-23:1000'])).code).toBe(2);
  });
});

describe('the status process', () => {
  it('exits 3 with the JSON on stdout when items are open', () => {
    const r = spawnSync('npx', ['tsx', 'scripts/status.ts', '--as-of', '2026-12-31', '--alerts', '--backup', BACKUP], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).toBe(3);
    const report = JSON.parse(r.stdout) as AlertsReport;
    expect(report.openItems).toBe(7);
    expect(report.history?.head).toBe(HEAD);
  });
});
