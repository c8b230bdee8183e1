import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations, openApp, trackForeignRequests } from './support';

test.describe('overview', () => {
  test('shows the disclosed figures as of the announcement date', async ({ page }) => {
    await openApp(page, '/?asOf=2026-04-23');
    const cloud = page.getByTestId('card-cloud-services');
    await expect(cloud.getByTestId('binding-cap')).toHaveText(/3,138\.3/);
    await expect(cloud.getByTestId('proposed-cap')).toHaveText(/4,000\.0/);
    await expect(cloud.getByTestId('actual')).toHaveText(/749\.1/);
    await expect(cloud.getByTestId('ytd-growth')).toHaveText('+81.4%');
    await expect(cloud).toContainText('23.9%');
    await expect(cloud).toContainText(/awaiting approval/i);

    const idc = page.getByTestId('card-idc-services');
    // The exempt revision binds from its announcement date.
    await expect(idc.getByTestId('binding-cap')).toHaveText(/100\.0/);
    await expect(idc.getByTestId('actual')).toHaveText(/14\.1/);

    const hardware = page.getByTestId('card-hardware-equipment');
    await expect(hardware.getByTestId('binding-cap')).toHaveText(/6\.7/);
    await expect(hardware.getByTestId('proposed-cap')).toHaveText(/1,000\.0/);

    await expect(page.getByTestId('card-api-services').getByTestId('binding-cap')).toHaveText(/20\.0/);
    await expect(page.locator('#main')).toContainText(/April 23, 2026/);
  });

  test('the as-of date control drives the figures and the URL', async ({ page }) => {
    await openApp(page, '/?asOf=2026-04-23');
    await page.getByTestId('as-of-input').fill('2025-12-31');
    await expect(page).toHaveURL(/asOf=2025-12-31/);
    const cloud = page.getByTestId('card-cloud-services');
    await expect(cloud.getByTestId('binding-cap')).toHaveText(/2,309\.8/);
    await expect(cloud.getByTestId('actual')).toHaveText(/2,255\.2/);
    // 2,255.2 / 2,309.8 = 97.6%: past the 80% internal-control threshold.
    await expect(cloud).toContainText('97.6%');
    await expect(cloud).toContainText(/at threshold/i);
    await expect(page.getByTestId('card-hardware-equipment')).toContainText('88.4%');
  });

  test('a deep link reproduces the agreement screen at its as-of date', async ({ page }) => {
    await openApp(page, '/agreements/xiaomi-cooperation-framework-2025?asOf=2025-12-31');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('2025 Xiaomi Cooperation Framework Agreement');
    await expect(page.getByTestId('as-of-input')).toHaveValue('2025-12-31');
    for (const id of ['idc-services', 'hardware-equipment', 'api-services']) {
      await expect(page.locator(`section#${id}`)).toBeVisible();
    }
    // Navigating keeps the as-of date.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Overview' }).click();
    await expect(page).toHaveURL(/\/\?asOf=2025-12-31$/);
  });
});

test.describe('agreement pages', () => {
  test('the projection method is part of the link', async ({ page }) => {
    await openApp(page, '/agreements/xiaomi-framework-2024?asOf=2026-04-23&method=linear');
    const cloud = page.locator('section#cloud-services');
    await expect(page.getByRole('radio', { name: /Linear/ })).toBeChecked();
    await expect(cloud).toContainText('Projected (linear)');
    await page.getByRole('radio', { name: /Seasonal/ }).click();
    await expect(page.getByRole('radio', { name: /Seasonal/ })).toBeChecked();
    await expect(page).not.toHaveURL(/method=/);
    await expect(page).toHaveURL(/asOf=2026-04-23/);
    await expect(cloud).toContainText('Projected (seasonal)');
  });

  for (const [id, categories] of [
    ['xiaomi-framework-2024', ['cloud-services']],
    ['xiaomi-cooperation-framework-2025', ['idc-services', 'hardware-equipment', 'api-services']],
  ] as const) {
    test(`${id} draws its charts per category`, async ({ page }) => {
      await openApp(page, `/agreements/${id}?asOf=2026-04-23`);
      for (const c of categories) {
        const section = page.locator(`section#${c}`);
        // (a) caps per period, (b) cumulative in the current period, (c) YTD vs last year —
        // drawn only for cloud services: the procurement categories began on July 29, 2025
        // (API on April 23, 2026), so nothing is known for January 1 – April 23, 2025.
        const charts = c === 'cloud-services' ? 3 : 2;
        await expect(section.locator('[role="img"]')).toHaveCount(charts);
        for (const chart of await section.locator('[role="img"]').all()) {
          // Charts are drawn as they come near the screen (src/ui/charts/drawQueue.ts).
          await chart.scrollIntoViewIfNeeded();
          await expect(chart.locator('svg.recharts-surface').first()).toBeVisible();
        }
        if (c !== 'cloud-services')
          await expect(section).toContainText(/nothing is known for the same span a year earlier/);
        else
          await expect(section.getByRole('img', { name: /same span a year earlier/ })).toHaveAttribute(
            'aria-label',
            /81\.4%/,
          );
      }
    });
  }

  test('recording the AGM approval makes the revised cloud cap bind from that date', async ({ page }) => {
    await openApp(page, '/agreements/xiaomi-framework-2024?asOf=2026-07-15');
    const panel = page.getByTestId('resolution-agm-2026-cloud-services');
    await panel.getByRole('radio', { name: 'Approved', exact: true }).check();
    await panel.getByRole('button', { name: 'Record outcome' }).click();
    await expect(panel.getByRole('status')).toContainText('Outcome recorded');
    await expect(panel.getByTestId('resolution-status')).toContainText('June 30, 2026');
    await openApp(page, '/?asOf=2026-07-15');
    await expect(page.getByTestId('card-cloud-services').getByTestId('binding-cap')).toHaveText(/4,000\.0/);
    await openApp(page, '/?asOf=2026-06-29');
    await expect(page.getByTestId('card-cloud-services').getByTestId('binding-cap')).toHaveText(/3,138\.3/);
  });
});

test('the sources page lists every disclosed figure with its reference', async ({ page }) => {
  await openApp(page, '/sources');
  const main = page.locator('#main');
  for (const figure of [
    '2,309.8',
    '2,255.2',
    '3,138.3',
    '749.1',
    '4,000.0',
    '4,035.1',
    '6,000.0',
    '41.0',
    '17.2',
    '82.0',
    '100.0',
    '150.0',
    '14.1',
    '33.5',
    '29.6',
    '6.7',
    '1,000.0',
    '1,500.0',
    '20.0',
    '50.0',
    '1,273.8',
    '413.0',
    '90.0',
    '930.0',
  ]) {
    await expect(main).toContainText(figure);
  }
  await expect(main).toContainText('II.A.2(1) Annual caps and historical amounts');
  await expect(main).toContainText('10.29');
});

test('no page requests any other origin', async ({ page, baseURL }) => {
  const foreign = trackForeignRequests(page, baseURL!);
  for (const path of [
    '/',
    '/agreements/xiaomi-framework-2024',
    '/agreements/xiaomi-cooperation-framework-2025',
    '/sources',
  ]) {
    await openApp(page, `${path}?asOf=2026-04-23`);
  }
  expect(foreign).toEqual([]);
});

test.describe('accessibility', () => {
  for (const path of [
    '/',
    '/agreements/xiaomi-framework-2024',
    '/agreements/xiaomi-cooperation-framework-2025',
    '/sources',
  ]) {
    test(`axe finds no serious or critical violation on ${path}`, async ({ page }) => {
      await openApp(page, `${path}?asOf=2026-04-23`);
      await expectNoSeriousA11yViolations(page);
    });
  }
});
