import { webcrypto } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, expect, type Page, request, test } from '@playwright/test';
import { PASSWORD, signIn as signInAs, startTeamServer, type TeamServer } from './teamServer';
import { GENESIS_PREV, nextRecord, sha256With } from '../../src/domain/history/chain';

/**
 * Team mode in a real browser: `npm run server` on the embedded PostgreSQL
 * (PGlite) in a temporary data folder, on a free port, started and stopped by
 * this spec. Two people in two browser contexts (and a third for the second
 * check of maker-checker): a preparer's import reaches the viewer's open
 * overview without a reload, the viewer's write is refused with the server's
 * reason, and an AGM outcome recorded by a reviewer and checked by another
 * moves the binding cap on every open screen.
 */
const GOOD_CSV = join(process.cwd(), 'test/fixtures/good/utf8-bom-chinese.csv');

test.describe.configure({ mode: 'serial' });

let team: TeamServer | null = null;
let base = '';

test.beforeAll(async () => {
  test.setTimeout(180_000);
  team = await startTeamServer('headroom-team-e2e-', [
    ['pat', 'Pat Preparer', ['preparer', 'reviewer']],
    ['vera', 'Vera Viewer', ['viewer']],
    ['rex', 'Rex Reviewer', ['reviewer']],
  ]);
  base = team.base;
});

test.afterAll(async () => {
  await team?.stop();
});

const signIn = (browser: Browser, username: string): Promise<Page> => signInAs(browser, base, username);

async function open(page: Page, path: string) {
  await page.goto(path);
  await expect(page.locator('#main')).toBeVisible();
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
}

test('two people, two browsers: an import, a refused write and a checked AGM outcome reach every open screen live', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const pat = await signIn(browser, 'pat');
  const vera = await signIn(browser, 'vera');
  await expect(vera.getByTestId('team-user')).toHaveText('Signed in as Vera Viewer (viewer)');

  // The viewer's overview, before the import.
  await open(vera, '/?asOf=2026-06-30');
  const idcActual = vera.getByTestId('card-idc-services').getByTestId('actual');
  await expect(idcActual).toHaveText(/14\.1/);

  // The preparer imports a file through the import page (stored on the server, pending review).
  await open(pat, '/import?asOf=2026-06-30');
  await pat.getByTestId('import-file-input').setInputFiles(GOOD_CSV);
  await expect(pat.getByTestId('import-plan')).toContainText('To import: 8 rows, total RMB 4,767,946.15.');
  await pat.getByTestId('import-commit').click();
  await expect(pat.getByTestId('import-done')).toContainText('Imported 8 rows from utf8-bom-chinese.csv', {
    timeout: 60_000,
  });
  const committedAt = Date.now();
  await expect(pat.getByTestId('batch-pending-review')).toHaveText('In the ledger, pending review');

  // The viewer's open overview follows without a reload, and marks the rows pending review.
  await expect(idcActual).toHaveText(/15\.1/);
  const liveMs = Date.now() - committedAt;
  await expect(vera.getByTestId('pending-review')).toHaveText(
    'The figures include 8 row(s) of 1 import(s) pending review.',
  );
  test.info().annotations.push({ type: 'live update', description: `${liveMs} ms after the import finished` });

  // The viewer tries to record an AGM outcome: the server refuses, and says why.
  await open(vera, '/agreements/xiaomi-framework-2024?asOf=2026-07-15');
  const veraPanel = vera.getByTestId('resolution-agm-2026-cloud-services');
  await veraPanel.getByRole('radio', { name: 'Approved', exact: true }).check();
  await veraPanel.getByRole('button', { name: 'Record outcome' }).click();
  await expect(veraPanel.getByRole('alert')).toContainText('This needs the role reviewer.');
  await expect(vera.getByTestId('write-refused')).toContainText('Not saved: This needs the role reviewer.');

  // Both watch the cloud card on July 15, 2026: the original 3,138.3 binds.
  await open(vera, '/?asOf=2026-07-15');
  const rex = await signIn(browser, 'rex');
  await open(pat, '/?asOf=2026-07-15');
  const veraCap = vera.getByTestId('card-cloud-services').getByTestId('binding-cap');
  const patCap = pat.getByTestId('card-cloud-services').getByTestId('binding-cap');
  await expect(veraCap).toHaveText(/3,138\.3/);
  await expect(patCap).toHaveText(/3,138\.3/);

  // A reviewer records the outcome; it waits for a second person's check (and binds nothing yet).
  await open(rex, '/agreements/xiaomi-framework-2024?asOf=2026-07-15');
  const rexPanel = rex.getByTestId('resolution-agm-2026-cloud-services');
  await rexPanel.getByRole('radio', { name: 'Approved', exact: true }).check();
  await rexPanel.getByRole('button', { name: 'Record outcome' }).click();
  await expect(pat.getByTestId('team-checks-link')).toHaveText('Waiting for a check: 2');
  await expect(veraCap).toHaveText(/3,138\.3/);

  // Rex cannot check his own; Pat (reviewer too) checks it on the checks page.
  await open(rex, '/checks');
  await expect(rex.getByTestId('check-approval-agm-2026-cloud-services')).toContainText(
    'Your own: a second person checks it',
  );
  const patPage = await pat.context().newPage();
  await open(patPage, '/checks');
  await patPage
    .getByTestId('check-approval-agm-2026-cloud-services')
    .getByRole('button', { name: 'Check and apply' })
    .click();

  // Both open overviews show the revised cap binding, without a reload.
  await expect(veraCap).toHaveText(/4,000\.0/);
  await expect(patCap).toHaveText(/4,000\.0/);
});

test('an admin moves a local workspace in: each name of its history is mapped to an account first', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const sha256 = sha256With(webcrypto.subtle as never);
  const first = await nextRecord(
    { count: 0, hash: GENESIS_PREV },
    { kind: 'genesis', subject: '', before: null, after: null },
    '',
    '2026-05-01T08:00:00.000Z',
    sha256,
  );
  const second = await nextRecord(
    { count: 1, hash: first.hash },
    { kind: 'threshold', subject: 'thresholdPercent', before: '80', after: '75' },
    'Alice Chan',
    '2026-05-02T08:00:00.000Z',
    sha256,
  );
  const file = join(tmpdir(), `local-backup-${Date.now()}.json`);
  writeFileSync(
    file,
    JSON.stringify({ format: 'headroom-backup', version: 1, schemaVersion: 6, tables: { history: [first, second] } }),
  );
  try {
    const admin = await signIn(browser, 'admin');
    await admin.getByRole('link', { name: 'Move a local workspace in' }).click();
    await admin.getByTestId('move-file').setInputFiles(file);
    await admin.getByRole('button', { name: 'Move it in' }).click();
    const names = admin.getByTestId('move-names');
    await expect(names).toContainText('Alice Chan');
    await names.getByRole('combobox').selectOption('pat');
    await admin.getByRole('button', { name: 'Move it in' }).click();
    // The first test filled the team ledger: a local workspace moves only into an empty one.
    await expect(admin.getByTestId('write-refused')).toContainText(
      'Not saved: The team ledger is not empty: a local workspace moves only into an empty one.',
    );
  } finally {
    rmSync(file, { force: true });
  }
});

test('a preparer proposes a classification rule, a reviewer checks it, the viewer sees it in force live', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const pat = await signIn(browser, 'pat');
  const rex = await signIn(browser, 'rex');
  const vera = await signIn(browser, 'vera');
  await open(vera, '/parties');
  await expect(vera.getByText('No rules yet.', { exact: false })).toBeVisible();

  // The preparer adds a rule: a proposal, not yet in force anywhere (not even on the preparer's screen).
  await open(pat, '/parties');
  const form = pat.getByRole('form', { name: 'Add rule' });
  await form.getByLabel('Name').fill('Cloud revenue 6001.01');
  await form.getByLabel('Column (header)').fill('科目编码');
  await form.getByLabel('Value').fill('6001.01');
  await form.getByRole('button', { name: 'Add rule' }).click();
  await expect(pat.getByTestId('parties-note')).toHaveText(
    'Proposed: it takes effect once a reviewer other than you checks it (Waiting for a check).',
  );
  await expect(pat.getByTestId('rule-list')).toHaveCount(0);
  await expect(vera.getByTestId('rule-list')).toHaveCount(0);

  // The preparer cannot check it; the reviewer can.
  await open(pat, '/checks');
  await expect(pat.getByTestId('check-rules-connected-persons')).toContainText('Your own: a second person checks it');
  await open(rex, '/checks');
  const row = rex.getByTestId('check-rules-connected-persons');
  await expect(row).toContainText('Connected persons and rules');
  await expect(row).toContainText('changed on screen');
  await expect(row).toContainText('1 connected entities, 1 rules');
  await row.getByRole('button', { name: 'Check and apply' }).click();

  // The viewer's open page shows the rule in force without a reload.
  await expect(vera.getByTestId('rule-list')).toContainText('Cloud revenue 6001.01');
  await expect(vera.getByTestId('rule-list')).toContainText('科目编码');
});

test('an alert two browsers evaluate is logged once; a reviewer acknowledges it and the viewer sees it live', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const today = new Date().toISOString().slice(0, 10);
  const alert = {
    id: 'api-services|2026-01-01|exceeded',
    categoryId: 'api-services',
    periodStart: '2026-01-01',
    periodEnd: '2026-12-31',
    state: 'exceeded',
    crossedOn: null,
    detectedOn: today,
    figures: {
      actualMinor: '1000',
      capMinor: '900',
      thresholdPercent: '80',
      utilisationPercent: '111.1',
      currency: 'RMB',
      through: null,
    },
    source: { kind: 'manual', ref: 'manual entries' },
    boardRequired: true,
    acknowledged: null,
    reportedToManagement: null,
    reportedToBoard: null,
  };
  // Two sessions post the same evaluated alert at the same moment, as two open browsers would.
  const session = async (username: string) => {
    const api = await request.newContext({ baseURL: base });
    const login = await api.post('/api/login', { data: { username, password: PASSWORD } });
    return { api, csrf: (await login.json()).csrfToken as string };
  };
  const [p, r] = await Promise.all([session('pat'), session('rex')]);
  const posted = await Promise.all(
    [p, r].map((s) => s.api.post('/api/alerts', { data: { alerts: [alert] }, headers: { 'x-csrf-token': s.csrf } })),
  );
  expect(posted.map((x) => x.status())).toEqual([200, 200]);
  const created = await Promise.all(posted.map(async (x) => ((await x.json()).created as unknown[]).length));
  expect(created.sort()).toEqual([0, 1]);
  const logged = ((await (await p.api.get('/api/alerts')).json()).alerts as { id: string }[]).filter(
    (a) => a.id === alert.id,
  );
  expect(logged).toHaveLength(1);
  await Promise.all([p.api.dispose(), r.api.dispose()]);

  const vera = await signIn(browser, 'vera');
  await open(vera, '/alerts');
  const veraItem = vera.getByTestId(`alert-${alert.id}`);
  await expect(veraItem).toHaveAttribute('data-stage', 'new');

  const rex = await signIn(browser, 'rex');
  await open(rex, '/alerts');
  const form = rex.getByTestId(`acknowledged-${alert.id}`);
  await form.getByTestId('step-note').fill('CFO informed by phone');
  await form.getByTestId('step-save').click();

  await expect(veraItem).toHaveAttribute('data-stage', 'acknowledged');
  await expect(veraItem).toContainText('Rex Reviewer (rex)');
  await expect(veraItem).toContainText('CFO informed by phone');
});
