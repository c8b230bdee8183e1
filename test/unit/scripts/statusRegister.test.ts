// @vitest-environment node
/** `npm run status -- --register FILE`: register agreements reported beside the disclosed ones. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runStatus } from '../../../scripts/lib/runStatus';
import { registerFile } from '../../../src/domain/register';
import { harbour } from '../domain/register/registerFixture';

const dir = mkdtempSync(join(tmpdir(), 'headroom-register-'));
function file(name: string, content: unknown): string {
  const p = join(dir, name);
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
}
const good = file('register.json', registerFile([harbour], '2026-07-01T00:00:00.000Z'));
const CAT = 'u-harbour-services-framework--warehousing';

function records(...args: string[]) {
  const r = runStatus([...args, '--json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown>[];
}

describe('status --register', () => {
  it('adds the register agreement with its own currency; the disclosed categories are unchanged', () => {
    const rows = records('--as-of', '2026-06-30', '--register', good);
    expect(rows.map((r) => r.category)).toEqual([
      'cloud-services',
      'idc-services',
      'hardware-equipment',
      'api-services',
      CAT,
    ]);
    const h = rows.find((r) => r.category === CAT)!;
    expect(h).toMatchObject({
      currency: 'HKD',
      agreement: 'u-harbour-services-framework',
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
      bindingCap: '120.0',
      actual: '58.3',
      utilisation: '48.6',
      headroom: '61.7',
      alert: 'ok',
      ytdGrowth: '42.2',
    });
    const cloud = rows.find((r) => r.category === 'cloud-services')!;
    expect(cloud).toMatchObject({ currency: 'RMB', bindingCap: '3138.3', actual: '749.1' });
    expect(records('--as-of', '2026-06-30').map((r) => r.category)).not.toContain(CAT);
  });

  it('accepts --approve for a register resolution: the 2027 revision to 260.0 then binds', () => {
    const before = records('--as-of', '2027-02-01', '--register', good).find((r) => r.category === CAT)!;
    expect(before).toMatchObject({ bindingCap: '150.0', proposedCap: '260.0' });
    const after = records(
      '--as-of',
      '2027-02-01',
      '--register',
      good,
      '--approve',
      `${CAT}--meeting-2026-10-15=2026-10-15`,
    ).find((r) => r.category === CAT)!;
    expect(after).toMatchObject({ bindingCap: '260.0', proposedCap: null });
  });

  it('a cap disclosed as 26.47 keeps its two decimals in the JSON and the table (not 26.5)', () => {
    const a = JSON.parse(JSON.stringify(harbour)) as typeof harbour;
    const v = a.categories[0]!.capLines[0]!.versions[0]! as { amount: string };
    v.amount = '26.47';
    (a.categories[0]!.historicals[0] as { amount: string }).amount = '18.3';
    const p = file('register-2647.json', registerFile([a], '2026-07-01T00:00:00.000Z'));
    const rows = records('--as-of', '2026-06-30', '--register', p);
    expect(rows.find((r) => r.category === CAT)).toMatchObject({
      schemaVersion: 3,
      bindingCap: '26.47',
      actual: '18.30',
      headroom: '8.17',
      thresholdAmount: '21.18', // 80% of 26.47 = 21.176
      utilisation: '69.1',
    });
    expect(rows.find((r) => r.category === 'cloud-services')).toMatchObject({ bindingCap: '3138.3', actual: '749.1' });
    const text = runStatus(['--as-of', '2026-06-30', '--register', p]).stdout;
    const line = text.split('\n').find((l) => l.startsWith(CAT))!;
    expect(line).toMatch(/ 26\.47 .* 18\.30 .* 69\.1% .* 8\.17 /);
  });

  it('the text table names the HK$ categories', () => {
    const r = runStatus(['--as-of', '2026-06-30', `--register=${good}`]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(CAT);
    expect(r.stdout).toContain(`Amounts of ${CAT} are in HK$ million`);
  });

  it('a bad register file stops with exit 1 and names the file and the place', () => {
    const broken = JSON.parse(JSON.stringify(registerFile([harbour], 'x')));
    broken.agreements[0].categories[0].capLines[0].versions[0].amount = '-5.0';
    const p = file('bad.json', broken);
    const r = runStatus(['--as-of', '2026-06-30', '--register', p, '--json']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${p}: the register file is not valid (1 problem(s))`);
    expect(r.stderr).toContain(
      `${p}: Agreement 1 “Harbour Services Framework Agreement” › Category 1 “Warehousing services” › cap line 1 › cap › amount: must not be negative`,
    );
  });

  it('unreadable and malformed files are reported, not guessed', () => {
    const missing = runStatus(['--as-of', '2026-06-30', '--register', join(dir, 'nope.json')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nope\.json: cannot read the register file/);
    const syntax = runStatus([
      '--as-of',
      '2026-06-30',
      '--register',
      file('syntax.json', '{"format": "headroom-register",\n "version": 1\n "agreements": []}'),
    ]);
    expect(syntax.code).toBe(1);
    expect(syntax.stderr).toMatch(/syntax\.json: is not valid JSON: line 3, column 2/);
    expect(runStatus(['--as-of', '2026-06-30', '--register']).code).toBe(2);
  });

  it('--help lists the option', () => {
    expect(runStatus(['--help']).stdout).toContain('--register FILE');
  });
});
