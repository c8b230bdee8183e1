// @vitest-environment node
import { webcrypto } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toDayNumber } from '../../src/domain/dates';
import {
  GENESIS_PREV,
  type HistoryRecord,
  headOf,
  nextRecord,
  sha256With,
  verifyChain,
} from '../../src/domain/history/chain';
import type { AlertRecord } from '../../src/domain/alerts/alertLog';
import { type ConnectedPersonsConfig, EMPTY_CONFIG } from '../../src/domain/classify/rulesFile';
import { BUILT_IN_ENTITIES } from '../../src/domain/parties/entities';
import type { UncappedResolution } from '../../src/domain/uncapped';
import type { OpenItemRecord } from '../../src/storage/partiesTypes';
import { type Client, type Harness, signedIn, startHarness } from './harness';

const sha256 = sha256With(webcrypto.subtle as never);
let h: Harness;
let admin: Client;
let rex: Client;
beforeAll(async () => {
  h = await startHarness();

  await h.addUser('root', ['admin'], { displayName: 'Ada Admin' });
  await h.addUser('alice', ['preparer'], { displayName: 'Alice Chan' });
  await h.addUser('bob', ['reviewer'], { displayName: 'Bob Lee' });
  await h.addUser('rex', ['reviewer'], { displayName: 'Rex Reviewer' });
  [admin, rex] = await Promise.all([signedIn(h, 'root'), signedIn(h, 'rex')]);
}, 120_000);
afterAll(() => h?.close());

const typed = (a: ArrayBufferView) => ({
  $typed: a.constructor.name,
  base64: Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64'),
});
const packed = (values: string[]) => {
  const offsets = new Uint32Array(values.length + 1);
  values.forEach((v, i) => (offsets[i + 1] = offsets[i]! + v.length));
  return { text: values.join(''), offsets: typed(offsets) };
};

async function localHistory(): Promise<HistoryRecord[]> {
  const out: HistoryRecord[] = [];
  const add = async (input: Parameters<typeof nextRecord>[1], who: string) =>
    out.push(
      await nextRecord(
        out.length ? headOf(out) : { count: 0, hash: GENESIS_PREV },
        input,
        who,
        '2026-05-01T08:00:00.000Z',
        sha256,
      ),
    );
  await add({ kind: 'genesis', subject: '', before: null, after: { tables: {} } }, '');
  await add({ kind: 'import', subject: 'b-local-1', before: null, after: { rowCount: 2 } }, 'Alice Chan');
  await add(
    { kind: 'approval', subject: 'agm-2026-cloud-services', before: null, after: { outcome: 'approved' } },
    'Bob Lee',
  );
  return out;
}

const RESOLUTION: UncappedResolution = {
  id: 'cloud-services:2028-01-01:2028-03-31',
  categoryId: 'cloud-services',
  start: '2028-01-01',
  end: '2028-03-31',
  amountMinor: '5000',
  count: 1,
  outcome: 'misclassified',
  movedTo: 'none',
  note: "not connected'; --",
  recordedAt: '2028-04-02T09:00:00.000Z',
};
const ALERT: AlertRecord = {
  id: 'cloud-services|2026-01-01|threshold',
  categoryId: 'cloud-services',
  periodStart: '2026-01-01',
  periodEnd: '2026-12-31',
  state: 'threshold',
  crossedOn: '2026-04-14',
  detectedOn: '2026-04-20',
  figures: {
    actualMinor: '1',
    capMinor: '2',
    thresholdPercent: '80',
    utilisationPercent: '82.0',
    currency: 'RMB',
    through: '2026-04-19',
  },
  source: { kind: 'ledger', ref: 'b-local-1' },
  boardRequired: false,
  acknowledged: { on: '2026-04-21', by: 'Bob Lee', note: 'seen' },
  reportedToManagement: null,
  reportedToBoard: null,
};
const CONFIG: ConnectedPersonsConfig = {
  ...EMPTY_CONFIG,
  entities: BUILT_IN_ENTITIES,
  rules: [
    {
      id: 'rule-1',
      name: 'cloud',
      categoryId: 'cloud-services',
      conditions: [{ column: '科目编码', op: 'startsWith', value: '6001' }],
    },
  ],
};
const OPEN_ITEM: OpenItemRecord = {
  id: 'raw-1:4',
  importId: 'raw-1',
  fileName: 'raw.csv',
  row: 4,
  day: 20_500,
  amountMinor: 700,
  entityId: 'xiaomi-corporation',
  counterparty: '小米',
  code: '',
  reference: 'R-4',
  description: '',
  headers: ['科目编码'],
  cells: ['6602'],
  status: 'open',
  createdAt: '2026-05-01T08:00:00.000Z',
};

function backup(history: HistoryRecord[]): string {
  const day = toDayNumber('2026-03-02');
  return JSON.stringify({
    format: 'headroom-backup',
    version: 1,
    schemaVersion: 6,
    tables: {
      history,
      ledgerBatches: [
        { id: 'b-local-1', fileName: 'march.csv', status: 'committed', createdAt: '2026-05-01T08:00:00.000Z' },
      ],
      ledgerChunks: [
        {
          id: 'b-local-1:000000',
          batchId: 'b-local-1',
          seq: 0,
          length: 2,
          categoryIds: ['cloud-services'],
          day: typed(Int32Array.from([day, day + 1])),
          category: typed(Uint8Array.from([0, 0])),
          amountMinor: typed(Float64Array.from([150000, -2500])),
          reference: packed(['INV-9', "x'; --"]),
          description: packed(['tab\there', '']),
          rowNumber: typed(Int32Array.from([2, 3])),
        },
      ],
      ledgerManual: [
        {
          id: 7,
          day,
          categoryId: 'idc-services',
          amountMinor: 500,
          reference: 'M-7',
          description: '',
          createdAt: '2026-04-01T00:00:00.000Z',
        },
      ],
      commentary: [
        { key: 'cloud-services@2026-06-30', text: 'Moved from the local app.', updatedAt: '2026-05-01T08:00:00.000Z' },
      ],
      approvals: [{ resolutionId: 'agm-2026-cloud-services', outcome: 'approved', date: '2026-06-30' }],
      settings: [
        { key: 'thresholdPercent', value: '75' },
        { key: 'thresholdPercent@xiaomi-framework-2024', value: '85' },
        { key: 'alerts.overdueDays', value: 4 },
      ],
      uncappedResolutions: [RESOLUTION],
      alerts: [ALERT],
      connectedConfig: [{ key: 'current', config: CONFIG, updatedAt: '2026-05-01T08:00:00.000Z' }],
      openItems: [OPEN_ITEM],
      classificationLog: [
        { id: 1, at: '2026-05-01T08:00:00.000Z', action: 'import', items: [OPEN_ITEM.id], detail: '1 open item' },
      ],
    },
  });
}

const upload = (c: Client, text: string, names?: Record<string, string>) =>
  c.upload(`/api/admin/local-backup${names ? `?names=${encodeURIComponent(JSON.stringify(names))}` : ''}`, text, {
    'content-type': 'application/octet-stream',
  });

describe('a local workspace moves into the team workspace', () => {
  it('only an admin may, and every free-text name must map to an account', async () => {
    const text = backup(await localHistory());
    expect((await upload(rex, text)).statusCode).toBe(403);
    const res = await upload(admin, text);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ error: 'unmapped-names', names: ['Alice Chan', 'Bob Lee'] });
  });

  it('a local history edited by hand is refused and nothing moves', async () => {
    const history = await localHistory();
    history[1] = { ...history[1]!, after: { rowCount: 3 } };
    const res = await upload(admin, backup(history), { 'Alice Chan': 'alice', 'Bob Lee': 'bob' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toBe('history-does-not-verify');
    expect((await admin.get('/api/ledger/batches')).json().batches).toEqual([]);
  });

  it('a threshold that is not a percentage is refused, naming it, and nothing moves', async () => {
    const doc = JSON.parse(backup(await localHistory())) as { tables: { settings: { key: string; value: unknown }[] } };
    doc.tables.settings[1]!.value = '85.25';
    const res = await upload(admin, JSON.stringify(doc), { 'Alice Chan': 'alice', 'Bob Lee': 'bob' });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      error: 'bad-backup',
      message:
        'The backup\'s settings: The alert threshold of agreement xiaomi-framework-2024 is "85.25": it must be a percentage above 0 and at most 100, with at most one decimal (such as 80 or 82.5).',
    });
    expect((await admin.get('/api/ledger/batches')).json().batches).toEqual([]);
    expect((await admin.get('/api/changes?status=pending')).json().changes).toEqual([]);
  });

  it('moves ledger, entries and commentary, proposes the cap data, and continues the history chain', async () => {
    const history = await localHistory();
    const res = await upload(admin, backup(history), { 'Alice Chan': 'alice', 'Bob Lee': 'bob' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      historyRecords: 3,
      localHead: { count: 3, hash: history[2]!.hash },
      batches: 1,
      ledgerRows: 2,
      manualEntries: 1,
      commentary: 1,
      proposals: 4,
      uncappedResolutions: 1,
      alerts: 1,
      openItems: 1,
      evidenceOrders: 0,
      evidenceAttachments: 0,
      priceChecks: 0,
    });
    const totals = (await rex.get('/api/ledger/totals')).json();
    const day = toDayNumber('2026-03-02');
    expect(totals.categories).toEqual([
      { categoryId: 'cloud-services', days: [day, day + 1], sums: ['150000', '-2500'], counts: [1, 1] },
      { categoryId: 'idc-services', days: [day], sums: ['500'], counts: [1] },
    ]);
    expect(totals.pending).toMatchObject({ batches: 1, rows: 2 });
    const page = (await rex.get('/api/ledger/page?categoryId=cloud-services')).json();
    expect(page.rows.map((r: { reference: string; description: string }) => [r.reference, r.description])).toEqual([
      ['INV-9', 'tab\there'],
      ["x'; --", ''],
    ]);
    expect((await rex.get('/api/commentary?asOf=2026-06-30')).json().commentary['cloud-services'].text).toBe(
      'Moved from the local app.',
    );
    // The AGM outcome and the threshold wait for a reviewer; nothing binds yet.
    const changes = (await rex.get('/api/changes?status=pending')).json().changes as { kind: string; target: string }[];
    expect(changes.map((c) => `${c.kind}:${c.target}`).sort()).toEqual([
      'approval:agm-2026-cloud-services',
      'rules:connected-persons',
      'threshold:thresholdPercent',
      'threshold:thresholdPercent@xiaomi-framework-2024',
    ]);
    expect((await rex.get('/api/parties/config')).json().config.rules).toEqual([]);
    // The controls arrive as they were: resolutions, the alert log with its handling, the overdue period, open items.
    expect((await rex.get('/api/uncapped-resolutions')).json().resolutions).toEqual([RESOLUTION]);
    expect((await rex.get('/api/alerts')).json().alerts).toEqual([ALERT]);
    expect((await rex.get('/api/alerts/overdue-days')).json()).toEqual({ days: 4 });
    expect((await rex.get('/api/parties/open-items')).json().items).toEqual([OPEN_ITEM]);
    expect(
      ((await rex.get('/api/parties/log')).json().log as { action: string; items: string[] }[]).map((l) => [
        l.action,
        l.items,
      ]),
    ).toEqual([['import', [OPEN_ITEM.id]]]);
    expect((await rex.get('/api/approvals')).json().approvals).toEqual([]);

    // The chain: every local record, under the account its name maps to, then the move naming the local head.
    const records = (await rex.get('/api/history?limit=1000')).json().records as {
      action: string;
      entity: string;
      actor: string;
      detail: { local?: HistoryRecord; localHead?: { hash: string } };
    }[];
    const local = records.filter((r) => r.entity === 'local-history');
    expect(local.map((r) => r.actor)).toEqual(['Ada Admin (root)', 'Alice Chan (alice)', 'Bob Lee (bob)']);
    expect(
      (
        await verifyChain(
          local.map((r) => r.detail.local!),
          sha256,
        )
      ).ok,
    ).toBe(true);
    const move = records.at(-1)!;
    expect(move).toMatchObject({ action: 'migrate', entity: 'local-backup', actor: 'Ada Admin (root)' });
    expect(move.detail.localHead!.hash).toBe(history[2]!.hash);
    expect((await rex.get('/api/history/verify')).json().ok).toBe(true);
  });

  it('refuses a second move into a ledger that is no longer empty', async () => {
    const res = await upload(admin, backup(await localHistory()), { 'Alice Chan': 'alice', 'Bob Lee': 'bob' });
    expect(res.statusCode).toBe(409);
  });
});
