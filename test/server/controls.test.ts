// @vitest-environment node
/**
 * The controls in team mode (server/http/controls.ts): uncapped resolutions,
 * the alert log, connected persons and rules through maker-checker. Each
 * store round-trips; roles, sessions and CSRF are enforced; every change is a
 * history record naming the signed-in user.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertRecord } from '../../src/domain/alerts/alertLog';
import { evaluateAlerts } from '../../src/domain/alerts/observe';
import { EMPTY_CONFIG, serialiseRulesFile } from '../../src/domain/classify/rulesFile';
import { BUILT_IN_ENTITIES } from '../../src/domain/parties/entities';
import type { UncappedResolution } from '../../src/domain/uncapped';
import type { OpenItemRecord } from '../../src/storage/partiesTypes';
import { ctx, ledgerOf } from '../unit/domain/fixtures';
import { Client, type Harness, signedIn } from './harness';
import { startTeam } from './support/team';

let h: Harness;
let pia: Client; // preparer
let rex: Client; // reviewer
let rita: Client; // reviewer
let vera: Client; // viewer
beforeAll(async () => {
  ({ h, pia, rex, rita, vera } = await startTeam({
    pia: { roles: ['preparer'], displayName: 'Pia Preparer' },
    rex: { roles: ['reviewer'], displayName: 'Rex Reviewer' },
    rita: { roles: ['reviewer'], displayName: 'Rita Reviewer' },
    vera: { roles: ['viewer'], displayName: 'Vera Viewer' },
  }));
}, 120_000);
afterAll(() => h?.close());

/** Looks like SQL injection; must be stored and returned exactly. */
const INJECTION = 'x\'); DROP TABLE alerts; -- " OR 1=1 /* 表 */';

const history = async (entity: string) =>
  (
    (await vera.get('/api/history?limit=1000')).json().records as {
      entity: string;
      action: string;
      actor: string;
      entityKey: string;
      detail: Record<string, unknown>;
    }[]
  ).filter((r) => r.entity === entity);

const resolution = (over: Partial<UncappedResolution> = {}): UncappedResolution => ({
  id: 'cloud-services:2028-01-01:2028-03-31',
  categoryId: 'cloud-services',
  start: '2028-01-01',
  end: '2028-03-31',
  amountMinor: '123456789',
  count: 3,
  outcome: 'reported',
  reportedOn: '2028-04-02',
  note: INJECTION,
  recordedAt: '2028-04-02T09:00:00.000Z',
  ...over,
});

describe('uncapped resolutions', () => {
  it('a preparer records one; everyone reads it back verbatim; withdrawing it reopens the item', async () => {
    const r = resolution();
    const saved = await pia.request('PUT', `/api/uncapped-resolutions/${encodeURIComponent(r.id)}`, { resolution: r });
    expect(saved.statusCode).toBe(200);
    expect((await vera.get('/api/uncapped-resolutions')).json().resolutions).toEqual([r]);

    // Replaced by a reviewer with another outcome: one record, the new one.
    const r2 = resolution({ outcome: 'other-agreement', coveredBy: 'Framework 2028, ref. K-9', reportedOn: undefined });
    delete (r2 as { reportedOn?: string }).reportedOn;
    expect(
      (await rex.request('PUT', `/api/uncapped-resolutions/${encodeURIComponent(r.id)}`, { resolution: r2 }))
        .statusCode,
    ).toBe(200);
    expect((await vera.get('/api/uncapped-resolutions')).json().resolutions).toEqual([r2]);

    const removed = await rex.request('DELETE', `/api/uncapped-resolutions/${encodeURIComponent(r.id)}`);
    expect(removed.json().removed).toEqual(r2);
    expect((await vera.get('/api/uncapped-resolutions')).json().resolutions).toEqual([]);
    // Removing again is nothing removed, and no record.
    expect((await rex.request('DELETE', `/api/uncapped-resolutions/${encodeURIComponent(r.id)}`)).json().removed).toBe(
      null,
    );

    const records = await history('uncapped-resolution');
    expect(records.map((x) => [x.action, x.actor])).toEqual([
      ['resolve', 'Pia Preparer (pia)'],
      ['resolve', 'Rex Reviewer (rex)'],
      ['reopen', 'Rex Reviewer (rex)'],
    ]);
    expect(records[1]!.detail.before).toEqual(r);
    expect(records[2]!.detail.after).toBe(null);
  });

  it('a malformed resolution is 400 naming the problem, and nothing is stored', async () => {
    const bad = { ...resolution(), outcome: 'reported', reportedOn: undefined };
    delete (bad as { reportedOn?: string }).reportedOn;
    const res = await pia.request('PUT', `/api/uncapped-resolutions/${encodeURIComponent(bad.id)}`, {
      resolution: bad,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('reported without a date');
    const mismatch = await pia.request('PUT', '/api/uncapped-resolutions/other', { resolution: resolution() });
    expect(mismatch.statusCode).toBe(400);
    expect((await vera.get('/api/uncapped-resolutions')).json().resolutions).toEqual([]);
  });

  it('a viewer may not record; without a session: 401; without the CSRF token: refused', async () => {
    const r = resolution();
    const url = `/api/uncapped-resolutions/${encodeURIComponent(r.id)}`;
    expect((await vera.request('PUT', url, { resolution: r })).statusCode).toBe(403);
    expect((await new Client(h.app).request('PUT', url, { resolution: r })).statusCode).toBe(401);
    expect((await new Client(h.app).get('/api/uncapped-resolutions')).statusCode).toBe(401);
    expect((await pia.request('PUT', url, { resolution: r }, { csrf: false })).statusCode).toBe(403);
    expect((await vera.get('/api/uncapped-resolutions')).json().resolutions).toEqual([]);
  });
});

const alert = (over: Partial<AlertRecord> = {}): AlertRecord => ({
  id: 'cloud-services|2026-01-01|threshold',
  categoryId: 'cloud-services',
  periodStart: '2026-01-01',
  periodEnd: '2026-12-31',
  state: 'threshold',
  crossedOn: '2026-09-14',
  detectedOn: '2026-09-20',
  figures: {
    actualMinor: '41000000000',
    capMinor: '50000000000',
    thresholdPercent: '80',
    utilisationPercent: '82.0',
    currency: 'RMB',
    through: '2026-09-19',
  },
  source: { kind: 'ledger', ref: INJECTION },
  boardRequired: false,
  acknowledged: null,
  reportedToManagement: null,
  reportedToBoard: null,
  ...over,
});

describe('alert log', () => {
  it('two browsers evaluating the same alert log it once', async () => {
    const a = alert();
    const [first, second] = await Promise.all([
      pia.request('POST', '/api/alerts', { alerts: [a] }),
      rex.request('POST', '/api/alerts', { alerts: [a] }),
    ]);
    expect([first.statusCode, second.statusCode]).toEqual([200, 200]);
    const created = [...first.json().created, ...second.json().created];
    expect(created).toEqual([a]);
    // Again, with a second alert: only the new one is stored.
    const b = alert({ id: 'cloud-services|2026-01-01|exceeded', state: 'exceeded', boardRequired: true });
    expect((await rita.request('POST', '/api/alerts', { alerts: [a, b] })).json().created).toEqual([b]);
    expect((await vera.get('/api/alerts')).json().alerts).toEqual([a, b]);
    expect((await history('alert')).map((r) => [r.action, r.entityKey])).toEqual([
      ['create', a.id],
      ['create', b.id],
    ]);
  });

  it("the alerts the app's own evaluation produces are accepted whole", async () => {
    // Cloud services 2027: RMB 9,000 million booked in May is over the cap: a threshold and an exceeded alert.
    const ledger = ledgerOf({ 'cloud-services': [['2027-05-15', '9000.0']] });
    const evaluated = evaluateAlerts(ctx({ ledger }), '2027-06-30', [], () => ({ kind: 'ledger', ref: 'b-1' }));
    expect(evaluated.map((a) => a.id)).toEqual([
      'cloud-services|2027-01-01|threshold',
      'cloud-services|2027-01-01|exceeded',
    ]);
    const res = await pia.request('POST', '/api/alerts', { alerts: evaluated });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().created).toEqual(evaluated);
    // Taken out again so the tests below see the two alerts above only.
    await h.asOwner((q) => q.query('DELETE FROM alerts WHERE id = ANY($1::text[])', [evaluated.map((a) => a.id)]));
  });

  it('a viewer does not log alerts; an alert with a wrong id or already handled is refused', async () => {
    const c = alert({ id: 'cloud-services|2026-01-01|projected', state: 'projected' });
    expect((await vera.request('POST', '/api/alerts', { alerts: [c] })).statusCode).toBe(403);
    expect((await pia.request('POST', '/api/alerts', { alerts: [{ ...c, id: 'x' }] })).statusCode).toBe(400);
    const handled = { ...c, acknowledged: { on: '2026-09-21', by: 'me', note: '' } };
    expect((await pia.request('POST', '/api/alerts', { alerts: [handled] })).statusCode).toBe(400);
    expect(
      (
        await pia.request('POST', '/api/alerts', {
          alerts: [alert({ categoryId: 'nope', id: 'nope|2026-01-01|threshold' })],
        })
      ).statusCode,
    ).toBe(422);
    expect((await vera.get('/api/alerts')).json().alerts).toHaveLength(2);
  });

  it('a reviewer handles an alert step by step, in order; a preparer or viewer may not', async () => {
    const id = encodeURIComponent(alert().id);
    const step = { on: '2026-09-21', by: 'Rex Reviewer', note: INJECTION };
    expect((await vera.request('POST', `/api/alerts/${id}/handling`, { field: 'acknowledged', step })).statusCode).toBe(
      403,
    );
    expect((await pia.request('POST', `/api/alerts/${id}/handling`, { field: 'acknowledged', step })).statusCode).toBe(
      403,
    );
    const early = await rex.request('POST', `/api/alerts/${id}/handling`, { field: 'reportedToManagement', step });
    expect(early.statusCode).toBe(409);
    expect(early.json().message).toBe('Acknowledge the alert first.');
    const before = await rex.request('POST', `/api/alerts/${id}/handling`, {
      field: 'acknowledged',
      step: { ...step, on: '2026-09-19' },
    });
    expect(before.statusCode).toBe(409);
    expect((await rex.request('POST', `/api/alerts/${id}/handling`, { field: 'acknowledged', step })).statusCode).toBe(
      200,
    );
    expect(
      (await rita.request('POST', `/api/alerts/${id}/handling`, { field: 'acknowledged', step })).json().message,
    ).toBe('This step is already recorded.');
    expect(
      (
        await rita.request('POST', `/api/alerts/${id}/handling`, {
          field: 'reportedToManagement',
          step: { on: '2026-09-22', by: 'Rita Reviewer', note: 'CFO told' },
        })
      ).statusCode,
    ).toBe(200);
    const stored = (await vera.get('/api/alerts')).json().alerts[0] as AlertRecord;
    expect(stored.acknowledged).toEqual(step);
    expect(stored.reportedToManagement).toEqual({ on: '2026-09-22', by: 'Rita Reviewer', note: 'CFO told' });
    expect(stored.reportedToBoard).toBe(null);
    expect((await history('alert')).filter((r) => r.action !== 'create').map((r) => [r.action, r.actor])).toEqual([
      ['acknowledge', 'Rex Reviewer (rex)'],
      ['report', 'Rita Reviewer (rita)'],
    ]);
  });

  it('the overdue period: 3 days until a reviewer sets another', async () => {
    expect((await vera.get('/api/alerts/overdue-days')).json()).toEqual({ days: 3 });
    expect((await pia.request('PUT', '/api/alerts/overdue-days', { days: 5 })).statusCode).toBe(403);
    expect((await rex.request('PUT', '/api/alerts/overdue-days', { days: 5.5 })).statusCode).toBe(400);
    expect((await rex.request('PUT', '/api/alerts/overdue-days', { days: 5 })).statusCode).toBe(200);
    expect((await vera.get('/api/alerts/overdue-days')).json()).toEqual({ days: 5 });
    const [rec] = await history('alert-settings');
    expect([rec!.actor, rec!.detail.before, rec!.detail.after]).toEqual(['Rex Reviewer (rex)', 3, 5]);
  });
});

describe('connected persons and rules (maker-checker)', () => {
  const config = {
    ...EMPTY_CONFIG,
    entities: BUILT_IN_ENTITIES,
    rules: [
      {
        id: 'r-cloud',
        name: INJECTION,
        categoryId: 'cloud-services',
        conditions: [{ column: '科目编码', op: 'startsWith' as const, value: "6001.01'; --" }],
      },
    ],
  };

  it('a preparer proposes; in force only once a second person checks it; nobody checks their own', async () => {
    const initial = (await vera.get('/api/parties/config')).json().config;
    expect(initial.rules).toEqual([]);
    expect(initial.entities).toEqual(BUILT_IN_ENTITIES);

    expect((await vera.request('PUT', '/api/parties/config', { text: serialiseRulesFile(config) })).statusCode).toBe(
      403,
    );
    const p = await pia.request('PUT', '/api/parties/config', { text: serialiseRulesFile(config) });
    expect(p.statusCode).toBe(202);
    expect(p.json().status).toBe('pending');
    expect((await vera.get('/api/parties/config')).json().config.rules).toEqual([]);
    const pending = (await vera.get('/api/changes?status=pending')).json().changes as { id: number; kind: string }[];
    expect(pending.map((c) => c.kind)).toEqual(['rules']);

    // A second proposal while one waits is refused (it would be checked against a state about to change).
    expect((await pia.request('PUT', '/api/parties/config', { text: serialiseRulesFile(config) })).statusCode).toBe(
      409,
    );
    // The preparer cannot check (not a reviewer); a reviewer who proposed cannot check their own.
    expect(
      (await pia.request('POST', `/api/changes/${p.json().changeId}/check`, { decision: 'apply' })).statusCode,
    ).toBe(403);
    const checked = await rex.request('POST', `/api/changes/${p.json().changeId}/check`, { decision: 'apply' });
    expect(checked.statusCode).toBe(200);
    expect((await vera.get('/api/parties/config')).json().config).toEqual(config);

    const own = await rex.request('PUT', '/api/parties/config', {
      text: serialiseRulesFile({ ...config, rules: [] }),
      fileName: 'rules.json',
    });
    expect(own.statusCode).toBe(403); // a reviewer without the preparer role does not propose rules
    await h.addUser('pat', ['preparer', 'reviewer'], { displayName: 'Pat Both' });
    const pat = await signedIn(h, 'pat');
    const mine = await pat.request('PUT', '/api/parties/config', {
      text: serialiseRulesFile({ ...config, rules: [] }),
      fileName: 'rules.json',
    });
    expect(mine.statusCode).toBe(202);
    const self = await pat.request('POST', `/api/changes/${mine.json().changeId}/check`, { decision: 'apply' });
    expect(self.statusCode).toBe(403);
    expect(self.json().error).toBe('own-change');
    expect((await vera.get('/api/parties/config')).json().config.rules).toHaveLength(1);
    expect(
      (await rita.request('POST', `/api/changes/${mine.json().changeId}/check`, { decision: 'reject' })).statusCode,
    ).toBe(200);
    expect((await vera.get('/api/parties/config')).json().config.rules).toHaveLength(1);

    expect((await history('rules')).map((r) => [r.action, r.actor])).toEqual([
      ['propose', 'Pia Preparer (pia)'],
      ['apply', 'Rex Reviewer (rex)'],
      ['propose', 'Pat Both (pat)'],
      ['reject', 'Rita Reviewer (rita)'],
    ]);
  });

  it('a rules file naming an unknown category is 422 with the problem, and nothing is proposed', async () => {
    const bad = { ...config, rules: [{ ...config.rules[0]!, categoryId: 'no-such-category' }] };
    const res = await pia.request('PUT', '/api/parties/config', { text: serialiseRulesFile(bad), fileName: 'x.json' });
    expect(res.statusCode).toBe(422);
    expect(res.json().problems.join(' ')).toContain('no-such-category');
    expect((await pia.request('PUT', '/api/parties/config', { text: 'not json' })).statusCode).toBe(422);
    expect((await vera.get('/api/changes?status=pending')).json().changes).toEqual([]);
  });
});

const item = (row: number, over: Partial<OpenItemRecord> = {}): OpenItemRecord => ({
  id: `b-raw1:${row}`,
  importId: 'b-raw1',
  fileName: 'ledger 2026-09.csv',
  row,
  day: 20_700 + row,
  amountMinor: 1_000_00 * row + 1,
  entityId: 'xiaomi-corporation',
  counterparty: '小米集团',
  code: 'C001',
  reference: `INV-${row}`,
  description: INJECTION,
  headers: ['科目编码', '对方单位', '金额'],
  cells: [row === 1 ? '6001.01.02' : '6602.99', '小米集团', '1000.01'],
  status: 'open',
  createdAt: '2026-09-30T08:00:00.000Z',
  ...over,
});

describe('open items of raw-ledger imports', () => {
  it('a preparer stores them once; a rule checked in classifies one, a preparer assigns the other', async () => {
    const items = [item(1), item(2)];
    expect(
      (await vera.request('POST', '/api/parties/open-items', { items, fileName: 'ledger 2026-09.csv' })).statusCode,
    ).toBe(403);
    const stored = await pia.request('POST', '/api/parties/open-items', { items, fileName: 'ledger 2026-09.csv' });
    expect(stored.json()).toEqual({ stored: 2 });
    // The same file again: nothing new.
    expect(
      (await pia.request('POST', '/api/parties/open-items', { items, fileName: 'ledger 2026-09.csv' })).json(),
    ).toEqual({ stored: 0 });
    expect((await vera.get('/api/parties/open-items')).json().items).toEqual(items);
    // An item already assigned is not accepted as new input.
    expect(
      (
        await pia.request('POST', '/api/parties/open-items', {
          items: [{ ...item(3), status: 'assigned' }],
          fileName: 'x.csv',
        })
      ).statusCode,
    ).toBe(400);

    // The rule in force (checked in above) matches row 1 only: 6001.01…
    const before = (await vera.get('/api/ledger/summary')).json().byCategory as {
      categoryId: string;
      count: number;
      sumMinor: string;
    }[];
    expect(before).toEqual([]);
    expect((await rex.request('POST', '/api/parties/reapply')).statusCode).toBe(403);
    const re = await pia.request('POST', '/api/parties/reapply');
    expect(re.json()).toEqual({ classified: 0 });
    // The rule's value in the config is "6001.01'; --": nothing matches until a checked rule says 6001.01.
    const text = serialiseRulesFile({
      ...EMPTY_CONFIG,
      entities: BUILT_IN_ENTITIES,
      rules: [
        {
          id: 'r-cloud',
          name: 'cloud',
          categoryId: 'cloud-services',
          conditions: [{ column: '科目编码', op: 'startsWith', value: '6001.01' }],
        },
      ],
    });
    const p = await pia.request('PUT', '/api/parties/config', { text });
    await rex.request('POST', `/api/changes/${p.json().changeId}/check`, { decision: 'apply' });
    expect((await pia.request('POST', '/api/parties/reapply')).json()).toEqual({ classified: 1 });

    const assigned = await pia.request('POST', '/api/parties/open-items/assign', {
      ids: [items[1]!.id, items[0]!.id],
      categoryId: 'idc-services',
    });
    // Row 1 was already assigned by the rule: only row 2 is assigned by hand.
    expect(assigned.json()).toEqual({ assigned: 1 });
    const after = (await vera.get('/api/parties/open-items')).json().items as OpenItemRecord[];
    expect(after.map((i) => [i.id, i.status, i.categoryId, i.assignedBy])).toEqual([
      ['b-raw1:1', 'assigned', 'cloud-services', 'r-cloud'],
      ['b-raw1:2', 'assigned', 'idc-services', 'user'],
    ]);
    // Each became a manual ledger entry, counted in the figures.
    const summary = (await vera.get('/api/ledger/summary')).json().byCategory as {
      categoryId: string;
      count: number;
      sumMinor: string;
    }[];
    expect(summary).toEqual([
      { categoryId: 'cloud-services', count: 1, sumMinor: '100001' },
      { categoryId: 'idc-services', count: 1, sumMinor: '200001' },
    ]);
    const log = (await vera.get('/api/parties/log')).json().log as { action: string; items: string[] }[];
    expect(log.map((l) => [l.action, l.items])).toEqual([
      ['assign', ['b-raw1:2']],
      ['reapply-rules', ['b-raw1:1']],
      ['reapply-rules', []],
      ['import', ['b-raw1:1', 'b-raw1:2']],
    ]);
    expect((await history('classification')).map((r) => [r.action, r.actor])).toEqual([
      ['import', 'Pia Preparer (pia)'],
      ['reapply-rules', 'Pia Preparer (pia)'],
      ['reapply-rules', 'Pia Preparer (pia)'],
      ['assign', 'Pia Preparer (pia)'],
    ]);
    // The log is append-only in the database itself.
    await expect(h.db.query('DELETE FROM classification_log')).rejects.toThrow();
  });
});

describe('history', () => {
  it('the chain still verifies after every control change', async () => {
    expect((await vera.get('/api/history/verify')).json().ok).toBe(true);
  });
});
