import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { openApp } from './support';
import { freePort } from '../../scripts/lib/freePort.mjs';

// The other specs block service workers to stay independent of caching; this one is about them.
test.use({ serviceWorkers: 'allow' });

const AS_OF = '?asOf=2026-06-30';

test('after one visit the overview, the reports and the stored ledger open with the network off', async ({
  page,
  context,
}) => {
  await openApp(page, `/transactions${AS_OF}`);
  await page.getByLabel('Date', { exact: true }).fill('2026-06-01');
  await page.getByLabel('Category', { exact: true }).selectOption('idc-services');
  await page.getByLabel('Amount (RMB yuan)').fill('1,000,000.00');
  await page.getByLabel('Reference').fill('PO-OFFLINE-1');
  await page.getByLabel('Amount (RMB yuan)').press('Enter');
  await expect(page.getByTestId('ledger-summary')).toHaveText('1 transactions, total RMB 1,000,000.00');
  // The service worker is active once it has stored the whole build.
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('ledger-summary')).toHaveText('1 transactions, total RMB 1,000,000.00');
  await expect(page.getByTestId('ledger-table')).toContainText('PO-OFFLINE-1');
  // Really offline: what the service worker does not hold cannot be fetched.
  expect(
    await page.evaluate(() =>
      fetch(`/assets/not-cached-${Date.now()}.js`).then(
        () => 'reached the server',
        () => 'offline',
      ),
    ),
  ).toBe('offline');

  // The overview with its figures: IDC services 14.1 disclosed + 1.0 from the stored entry.
  await page.goto(`/${AS_OF}`);
  await expect(page.getByTestId('card-idc-services').getByTestId('actual')).toHaveText(/15\.1/);
  await expect(page.getByTestId('card-cloud-services').getByTestId('actual')).toHaveText(/749\.1/);

  // Screens never opened before come from the cache too (every chunk is precached).
  await page.goto(`/report${AS_OF}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Continuing connected transactions' })).toBeVisible();
  await expect(page.getByTestId('status-table')).toContainText('IDC services');
  await page.goto(`/report/monthly${AS_OF}`);
  await expect(page.locator('#main h1')).toBeVisible();
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
});

test('the app is installable: a manifest with name, start URL and icons, served from the app', async ({
  page,
  request,
}) => {
  await page.goto('/');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBe('/manifest.webmanifest');
  const manifest = await (await request.get(href!)).json();
  expect(manifest).toMatchObject({ short_name: 'Headroom', start_url: '/', display: 'standalone' });
  const sizes = manifest.icons.map((i: { sizes: string }) => i.sizes);
  expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
  for (const icon of manifest.icons as { src: string }[]) {
    const res = await request.get(icon.src);
    expect(res.headers()['content-type']).toBe('image/png');
  }
});

/** Serves a build directory with the production server on a given port until stopped. */
async function serveBuild(dir: string, port: number): Promise<ChildProcess> {
  const server = spawn(
    process.execPath,
    ['scripts/serve.mjs', '--port', String(port), '--host', '127.0.0.1', '--dir', dir],
    {
      stdio: 'ignore',
    },
  );
  for (let i = 0; i < 100; i++) {
    const up = await fetch(`http://127.0.0.1:${port}/`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return server;
    await new Promise((r) => setTimeout(r, 100));
  }
  server.kill();
  throw new Error(`the server for ${dir} did not start on port ${port}`);
}

async function stop(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null) return;
  const exited = new Promise((r) => server.once('exit', r));
  server.kill('SIGTERM');
  await exited;
}

test('a new version is offered, never forced: "Later" keeps the page as it is, "Reload to update" applies it', async ({
  browser,
}) => {
  // The next release: the same build with a changed service worker, served on the same origin.
  const current = resolve(process.env.E2E_DIST ?? 'dist');
  const next = mkdtempSync(join(tmpdir(), 'headroom-next-'));
  cpSync(current, next, { recursive: true });
  appendFileSync(join(next, 'sw.js'), '\n// next release\n');
  // The precompressed copies would otherwise be served in its place.
  rmSync(join(next, 'sw.js.br'), { force: true });
  rmSync(join(next, 'sw.js.gz'), { force: true });
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const context = await browser.newContext({ serviceWorkers: 'allow', locale: 'en-GB' });
  let server = await serveBuild(current, port);
  try {
    const page = await context.newPage();
    await page.goto(`${origin}/?asOf=2026-06-30`);
    await expect(page.getByTestId('card-cloud-services').getByTestId('actual')).toHaveText(/749\.1/);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    // Opened again, the page is controlled by the worker (a first visit is not, and a new
    // worker with no page to wait for activates at once).
    await page.reload();
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    await expect(page.getByText('A new version of Headroom is ready.')).toHaveCount(0);

    await stop(server);
    server = await serveBuild(next, port);
    // Something the page holds that a reload would lose (an import in progress, say).
    await page.evaluate(() => {
      (window as { __sameDocument?: boolean }).__sameDocument = true;
      return navigator.serviceWorker.getRegistration().then((r) => r?.update());
    });
    const prompt = page.getByRole('status').filter({ hasText: 'A new version of Headroom is ready.' });
    await expect(prompt).toBeVisible({ timeout: 30_000 });
    await prompt.getByRole('button', { name: 'Later' }).click();
    await expect(prompt).toHaveCount(0);
    expect(await page.evaluate(() => (window as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    // Still the old worker in control: the new one waits for the user.
    expect(await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => !!r?.waiting))).toBe(true);

    // Opened again, the app offers the waiting version once more; accepting it reloads into it.
    await page.reload();
    await expect(prompt).toBeVisible({ timeout: 30_000 });
    await prompt.getByRole('button', { name: 'Reload to update' }).click();
    await expect(prompt).toHaveCount(0, { timeout: 30_000 });
    await expect
      .poll(() => page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => !!r?.waiting)))
      .toBe(false);
    await expect(page.getByTestId('card-cloud-services').getByTestId('actual')).toHaveText(/749\.1/);
  } finally {
    await context.close();
    await stop(server);
    rmSync(next, { recursive: true, force: true });
  }
});
