import { expect, test } from '@playwright/test';
import { openApp } from './support';

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
