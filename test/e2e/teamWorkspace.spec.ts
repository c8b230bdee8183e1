import { webcrypto } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type APIRequestContext, type Browser, expect, type Page, request, test } from '@playwright/test';
import { PASSWORD, signIn as signInAs, startTeamServer, type TeamServer } from './teamServer';
import { toDayNumber } from '../../src/domain/dates';
import { GENESIS_PREV, type HistoryRecord, headOf, nextRecord, sha256With } from '../../src/domain/history/chain';

/**
 * The team workspace from an empty start, in a real browser against
 * `npm run server` (embedded PostgreSQL in a temporary folder, on a free port):
 * an admin moves a local workspace in (names mapped to accounts, the history
 * chain continued), a preparer records pricing evidence with its document that
 * a viewer sees live and downloads, then a viewer loses the network — the app shows the last
 * synced figures read-only, "as at" that sync, refuses a write, and is current
 * again once the server answers.
 */

// This spec is about the service worker too: the app must open with the network off.
test.use({ serviceWorkers: 'allow' });
test.describe.configure({ mode: 'serial' });

let team: TeamServer | null = null;
let base = '';
let pat: APIRequestContext;
let patCsrf = '';

test.beforeAll(async () => {
  test.setTimeout(180_000);
  team = await startTeamServer('headroom-team-ws-e2e-', [
    ['pat', 'Pat Preparer', ['preparer']],
    ['vera', 'Vera Viewer', ['viewer']],
  ]);
  base = team.base;
  pat = await request.newContext({ baseURL: base });
  patCsrf = (await (await pat.post('/api/login', { data: { username: 'pat', password: PASSWORD } })).json()).csrfToken;
});

test.afterAll(async () => {
  await pat?.dispose();
  await team?.stop();
});

const signIn = (browser: Browser, username: string): Promise<Page> => signInAs(browser, base, username);

/** A local workspace's backup: a March import of two rows, a manual entry, and its history by "Alice Chan". */
async function localBackup(): Promise<{ text: string; head: string }> {
  const sha256 = sha256With(webcrypto.subtle as never);
  const history: HistoryRecord[] = [];
  const add = async (input: Parameters<typeof nextRecord>[1], who: string) =>
    history.push(
      await nextRecord(
        history.length ? headOf(history) : { count: 0, hash: GENESIS_PREV },
        input,
        who,
        '2026-05-01T08:00:00.000Z',
        sha256,
      ),
    );
  await add({ kind: 'genesis', subject: '', before: null, after: { tables: {} } }, '');
  await add({ kind: 'import', subject: 'b-local-1', before: null, after: { rowCount: 2 } }, 'Alice Chan');
  await add({ kind: 'entry-add', subject: '7', before: null, after: { amountMinor: '50000000' } }, 'Alice Chan');
  const typed = (a: ArrayBufferView) => ({
    $typed: a.constructor.name,
    base64: Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64'),
  });
  const packed = (values: string[]) => {
    const offsets = new Uint32Array(values.length + 1);
    values.forEach((v, i) => (offsets[i + 1] = offsets[i]! + v.length));
    return { text: values.join(''), offsets: typed(offsets) };
  };
  const day = toDayNumber('2026-06-02');
  const text = JSON.stringify({
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
          categoryIds: ['idc-services'],
          day: typed(Int32Array.from([day, day + 1])),
          category: typed(Uint8Array.from([0, 0])),
          amountMinor: typed(Float64Array.from([100_000_000, 50_000_000])),
          reference: packed(['IDC-6-1', 'IDC-6-2']),
          description: packed(['June rack space', 'June bandwidth']),
          rowNumber: typed(Int32Array.from([2, 3])),
        },
      ],
      ledgerManual: [
        {
          id: 7,
          day,
          categoryId: 'idc-services',
          amountMinor: 50_000_000,
          reference: 'M-7',
          description: 'entered by hand',
          createdAt: '2026-04-01T00:00:00.000Z',
        },
      ],
    },
  });
  return { text, head: history.at(-1)!.hash };
}

test('an admin moves a local workspace in: names mapped to accounts, its history chain continued', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const { text, head } = await localBackup();
  const file = join(tmpdir(), `local-backup-${Date.now()}.json`);
  writeFileSync(file, text);
  try {
    const admin = await signIn(browser, 'admin');
    await admin.getByRole('link', { name: 'Move a local workspace in' }).click();
    await admin.getByTestId('move-file').setInputFiles(file);
    await admin.getByRole('button', { name: 'Move it in' }).click();
    const names = admin.getByTestId('move-names');
    await expect(names).toContainText('Alice Chan');
    await names.getByRole('combobox').selectOption('pat');
    await admin.getByRole('button', { name: 'Move it in' }).click();
    await expect(admin.getByTestId('move-done')).toHaveText(
      `Moved: 3 history records (local head ${head.slice(0, 16)}), 2 ledger rows in 1 batch(es) pending review, 1 manual entries, 0 commentaries; 0 proposal(s) wait for a check.`,
    );
    // The figures: IDC services 14.1 disclosed + RMB 2.0 million moved in (1.0 + 0.5 imported, 0.5 by hand).
    await admin.goto('/?asOf=2026-06-30');
    await expect(admin.getByTestId('card-idc-services').getByTestId('actual')).toHaveText(/16\.1/);
    await expect(admin.getByTestId('pending-review')).toHaveText(
      'The figures include 2 row(s) of 1 import(s) pending review.',
    );
    // The chain goes on from the local one: Alice's records under Pat's account, then the move naming the local head.
    const records = (await (await admin.request.get('/api/history?limit=1000')).json()).records as {
      actor: string;
      entity: string;
      action: string;
      detail: { localHead?: { hash: string; count: number } };
    }[];
    expect(records.filter((r) => r.entity === 'local-history').map((r) => r.actor)).toEqual([
      'admin (admin)',
      'Pat Preparer (pat)',
      'Pat Preparer (pat)',
    ]);
    expect(records.at(-1)).toMatchObject({ entity: 'local-backup', action: 'migrate' });
    expect(records.at(-1)!.detail.localHead).toEqual({ count: 3, hash: head });
    expect((await (await admin.request.get('/api/history/verify')).json()).ok).toBe(true);
    await admin.context().close();
  } finally {
    rmSync(file, { force: true });
  }
});

test('pricing evidence in team mode: a preparer records an order with its quotation document, the viewer sees it live and downloads it', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const preparer = await signIn(browser, 'pat');
  const vera = await signIn(browser, 'vera');
  await vera.goto('/evidence');
  await expect(vera.getByTestId('evidence-page')).toBeVisible();

  await preparer.goto('/evidence');
  await preparer.getByTestId('order-new').click();
  await preparer.getByTestId('order-reference').fill('API-PO-2026-09');
  await preparer.getByTestId('order-date').fill('2026-09-01');
  await preparer.getByTestId('order-category').selectOption('api-services');
  await preparer.getByTestId('order-amount').fill('800000');
  await preparer.getByTestId('xq-amount').fill('800000');
  await preparer.getByTestId('xq-date').fill('2026-08-25');
  await preparer.getByTestId('xq-doc').fill('XM-API-0901');
  await preparer.getByTestId('q0-supplier').fill('Zhipu AI');
  await preparer.getByTestId('q0-amount').fill('850000');
  await preparer.getByTestId('q0-date').fill('2026-08-26');
  await preparer.getByTestId('q0-doc').fill('ZP-API-912');
  const pdf = Buffer.from('%PDF-1.7\nZhipu AI quotation ZP-API-912\n%%EOF\n');
  await preparer
    .getByTestId('q0-file')
    .setInputFiles({ name: 'zp-api-912.pdf', mimeType: 'application/pdf', buffer: pdf });
  await preparer.getByTestId('order-save').click();
  await expect(preparer.getByTestId('order-API-PO-2026-09')).toHaveAttribute('data-status', 'exception');

  // The viewer's open page shows it without a reload, with the document to download.
  const row = vera.getByTestId('order-API-PO-2026-09');
  await expect(row).toHaveAttribute('data-status', 'exception');
  const download = vera.waitForEvent('download');
  await row.getByRole('button', { name: 'Download zp-api-912.pdf' }).click();
  const file = await (await download).path();
  expect(readFileSync(file).equals(pdf)).toBe(true);

  // The viewer may read, not write: the server refuses, and says why.
  await vera.getByTestId('order-new').click();
  await vera.getByTestId('order-reference').fill('API-PO-2026-10');
  await vera.getByTestId('order-date').fill('2026-09-02');
  await vera.getByTestId('order-category').selectOption('api-services');
  await vera.getByTestId('order-amount').fill('1000');
  await vera.getByTestId('order-save').click();
  await expect(vera.getByTestId('write-refused')).toContainText('Not saved: This needs the role preparer.');
  await expect(vera.getByTestId('order-API-PO-2026-10')).toHaveCount(0);
  await preparer.context().close();
  await vera.context().close();
});

test('an import that repeats stored rows: the preview names them, the commit leaves them out', async ({ browser }) => {
  test.setTimeout(120_000);
  const file = join(tmpdir(), `june-again-${Date.now()}.csv`);
  // Row 2 repeats the moved-in IDC-6-1; row 3 is new.
  writeFileSync(
    file,
    'Date,Category,Amount,Reference,Description\n2026-06-02,idc-services,"1,000,000.00",IDC-6-1,again\n2026-06-03,cloud-services,5.00,NEW-1,new\n',
  );
  try {
    const preparer = await signIn(browser, 'pat');
    await preparer.goto('/import?asOf=2026-06-30');
    await preparer.getByTestId('import-file-input').setInputFiles(file);
    await expect(
      preparer.getByText('Rows already in the ledger (same date, category, amount and reference): 1'),
    ).toBeVisible();
    await expect(preparer.getByTestId('import-plan')).toContainText('To import: 1 row, total RMB 5.00.');
    await preparer.getByTestId('import-commit').click();
    await expect(preparer.getByTestId('import-done')).toContainText('Imported 1 row from');
    await expect(preparer.getByTestId('import-done')).toContainText('Skipped duplicates: 1.');
    await preparer.context().close();
  } finally {
    rmSync(file, { force: true });
  }
});

test('offline, the team data is shown read-only as at the last sync, a write is refused, and it is current again online', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const vera = await signIn(browser, 'vera');
  await vera.goto('/?asOf=2026-06-30');
  const idc = vera.getByTestId('card-idc-services').getByTestId('actual');
  await expect(idc).toHaveText(/16\.1/);
  await expect(vera.getByTestId('team-offline')).toHaveCount(0);
  await vera.goto('/report?asOf=2026-06-30');
  await expect(vera.getByTestId('commentary-cloud-services')).toBeVisible();
  // The service worker holds the app itself once it is active.
  await vera.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  const syncedBefore = new Date();

  await vera.context().setOffline(true);
  // Meanwhile on the server: another RMB 1.0 million of IDC services, which this browser cannot know.
  const entry = await pat.post('/api/ledger/manual', {
    data: {
      day: toDayNumber('2026-06-01'),
      categoryId: 'idc-services',
      amountMinor: 100_000_000,
      reference: 'PO-WHILE-OFFLINE',
      description: '',
    },
    headers: { 'x-csrf-token': patCsrf },
  });
  expect(entry.status(), await entry.text()).toBe(200);

  await vera.goto('/?asOf=2026-06-30');
  await expect(idc).toHaveText(/16\.1/);
  const banner = vera.getByTestId('team-offline');
  await expect(banner).toContainText('Offline: the team server cannot be reached. Shown as at');
  await expect(banner).toContainText('(the last sync), not current; nothing can be changed until the server answers.');
  const asAt = /as at (\d{4}-\d{2}-\d{2} \d{2}:\d{2})/.exec((await banner.textContent()) ?? '')![1]!;
  // The time of the last successful read, in this browser's time zone (Hong Kong), to the minute.
  const hk = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
  expect(asAt <= hk(syncedBefore)).toBe(true);
  expect(asAt >= hk(new Date(syncedBefore.getTime() - 5 * 60_000))).toBe(true);
  await expect(vera.getByTestId('team-user')).toHaveText('Signed in as Vera Viewer (viewer)');
  await vera.screenshot({ path: test.info().outputPath('team-offline-en-1280.png') });
  // In Chinese, on a phone: the same banner, in Chinese, the same date-time.
  await vera.evaluate(() => localStorage.setItem('headroom.locale', 'zh'));
  await vera.setViewportSize({ width: 390, height: 844 });
  await vera.reload();
  await expect(banner).toHaveText(
    `离线：无法连接团队服务器。所示数据截至 ${asAt}（上次同步），并非最新；在服务器恢复响应前不能作任何更改。`,
  );
  await vera.screenshot({ path: test.info().outputPath('team-offline-zh-390.png') });
  await vera.evaluate(() => localStorage.setItem('headroom.locale', 'en'));
  await vera.setViewportSize({ width: 1280, height: 800 });

  // A write (commentary, which a viewer may write) is refused with the reason.
  await vera.goto('/report?asOf=2026-06-30');
  const box = vera.getByTestId('commentary-cloud-services');
  await box.fill('Written offline.');
  await box.blur();
  await expect(vera.getByTestId('write-refused')).toHaveText(
    'Not saved: the team server cannot be reached (offline). Try again once it answers. Dismiss',
  );
  await vera.screenshot({ path: test.info().outputPath('team-offline-report.png') });

  // Online again: re-read from the server, current, the banner gone.
  await vera.context().setOffline(false);
  await vera.goto('/?asOf=2026-06-30');
  await expect(idc).toHaveText(/17\.1/);
  await expect(vera.getByTestId('team-offline')).toHaveCount(0);
  const kept = await (await vera.request.get('/api/commentary?asOf=2026-06-30')).json();
  expect(kept.commentary).toEqual({});
});
