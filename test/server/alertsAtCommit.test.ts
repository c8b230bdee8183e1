// @vitest-environment node
/**
 * The server logs the alert a write brings about at that write's commit
 * (server/controls/alerts.ts), with the committing person as "who" — no
 * browser has to be open.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { alertId } from '../../src/domain/alerts/alertLog';
import { todayIso } from '../../src/domain/dates';
import { kingsoftCloudXiaomi2026 as ds } from '../../src/domain/disclosed/kingsoftCloudXiaomi2026';
import { allStatuses } from '../../src/domain/engine';
import { alertsDue } from '../../server/controls/alerts';
import { type Client, type Harness, signedIn, startHarness } from './harness';

let h: Harness;
let pat: Client; // preparer
let vera: Client; // viewer
beforeAll(async () => {
  h = await startHarness();
  await h.addUser('pat', ['preparer'], { displayName: 'Pat Preparer' });
  await h.addUser('vera', ['viewer'], { displayName: 'Vera Viewer' });
  [pat, vera] = await Promise.all([signedIn(h, 'pat'), signedIn(h, 'vera')]);
}, 120_000);
afterAll(() => h?.close());

const yuan = (minor: bigint) => `${minor / 100n}.${String(minor % 100n).padStart(2, '0')}`;
const upload = (key: string, categoryId: string, minor: bigint) =>
  pat.upload(
    `/api/ledger/imports?fileName=${key}.csv&mapping=date,category,amount,reference,description`,
    `Date,Category,Amount,Reference,Description\n${todayIso()},${categoryId},${yuan(minor)},${key},x\n`,
    { 'idempotency-key': `alerts-${key}` },
  );

it('an import that crosses a threshold logs the alert at its commit, naming the importer; one below it logs nothing', async () => {
  const today = todayIso();
  // A category with a binding cap today, below its threshold (the built-in data: IDC services, RMB 100 million in 2026).
  const s = allStatuses({ dataset: ds, approvals: [] }, today).find((x) => x.binding?.alert === 'ok')!;
  expect(s, `no category below its threshold on ${today}`).toBeDefined();
  const cap = BigInt(s.binding!.cap.amount.toString());
  const threshold = (cap * 8n) / 10n; // 80%, the disclosed internal control
  expect(s.threshold.toString()).toBe('0.8');
  const actual = BigInt(s.actual.toString());
  expect(await alertsDue(h.db, today)).toEqual([]);

  // Two yuan short of the threshold: nothing to log.
  const below = await upload('below', s.category.id, threshold - actual - 200n);
  expect(below.statusCode, below.body).toBe(201);
  expect((await vera.get('/api/alerts')).json().alerts).toEqual([]);

  // Three yuan more: the threshold is crossed by this import, pending review (the conservative reading).
  const over = await upload('over', s.category.id, 300n);
  expect(over.statusCode, over.body).toBe(201);
  const alerts = (await vera.get('/api/alerts')).json().alerts;
  expect(alerts).toEqual([
    expect.objectContaining({
      id: alertId(s.category.id, s.period!.start, 'threshold'),
      categoryId: s.category.id,
      state: 'threshold',
      detectedOn: today,
      acknowledged: null,
      figures: expect.objectContaining({
        actualMinor: String(threshold + 100n),
        capMinor: String(cap),
        thresholdPercent: '80',
      }),
    }),
  ]);
  const history = (await vera.get('/api/history?limit=1000')).json().records as {
    actor: string;
    action: string;
    entity: string;
    entityKey: string;
    detail: { loggedBy?: string };
  }[];
  const logged = history.filter((r) => r.entity === 'alert');
  expect(logged.map((r) => [r.actor, r.action, r.entityKey, r.detail.loggedBy])).toEqual([
    ['Pat Preparer (pat)', 'create', alerts[0].id, 'server'],
  ]);
  // In the same commit as the import: the import's record comes just before.
  const at = history.indexOf(logged[0]!);
  expect(history[at - 1]).toMatchObject({ action: 'import', entity: 'ledger-batch', entityKey: over.json().batch.id });

  // Logged once: a browser evaluating after the server finds nothing new, and the next write logs nothing again.
  expect(await alertsDue(h.db, today)).toEqual([]);
  expect((await upload('more', s.category.id, 100n)).statusCode).toBe(201);
  expect((await vera.get('/api/alerts')).json().alerts).toHaveLength(1);
});
