import { expect, test } from '@playwright/test';
import { openApp } from './support';

/** Every route of the app; a new screen belongs here too. */
const ROUTES = [
  '/',
  '/agreements/xiaomi-framework-2024',
  '/agreements/xiaomi-cooperation-framework-2025',
  '/sources',
  '/transactions',
  '/import',
  '/parties',
  '/reconciliation',
  '/explore',
  '/ratios',
  '/register',
  '/report',
  '/report/monthly',
  '/history',
  '/evidence',
  '/alerts',
  '/review',
  '/present',
];

const SIZES = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'tablet portrait', width: 768, height: 1024 },
  { name: 'tablet landscape', width: 1024, height: 768 },
] as const;

for (const size of SIZES) {
  test(`no route scrolls sideways on a ${size.name} (${size.width}×${size.height})`, async ({ page }) => {
    await page.setViewportSize({ width: size.width, height: size.height });
    const overflowing: string[] = [];
    for (const route of ROUTES) {
      await page.goto(`${route}?asOf=2026-06-30`);
      await expect(page.locator(route === '/present' ? '.present-stage' : '#main')).toBeVisible();
      await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
      const { scrollWidth, clientWidth } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
      }));
      if (scrollWidth > clientWidth) overflowing.push(`${route}: ${scrollWidth}px in ${clientWidth}px`);
    }
    expect(overflowing).toEqual([]);
  });
}

test('on a phone the navigation is a menu, and the as-of date and language stay in reach', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openApp(page, '/?asOf=2026-06-30');
  const nav = page.getByRole('navigation', { name: 'Main' });
  const menu = page.getByRole('button', { name: 'Menu' });
  await expect(nav).toBeHidden();
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  for (const control of [page.getByTestId('as-of-input'), page.getByRole('combobox', { name: 'Language' })]) {
    await expect(control).toBeInViewport({ ratio: 1 });
  }

  await menu.click();
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  await nav.getByRole('link', { name: 'Board report' }).click();
  await expect(page).toHaveURL(/\/report\?/);
  // Following a link closes the menu and the report shows.
  await expect(nav).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: 'Continuing connected transactions' })).toBeVisible();

  await page.getByTestId('as-of-input').fill('2026-03-31');
  await expect(page).toHaveURL(/asOf=2026-03-31/);
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh');
  await expect(page.getByRole('button', { name: '菜单' })).toBeVisible();
});

test('on a desktop the navigation is always shown and there is no menu button', async ({ page }) => {
  await openApp(page, '/?asOf=2026-06-30');
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Menu' })).toBeHidden();
});

for (const size of [
  { width: 390, height: 844 },
  { width: 844, height: 390 },
  { width: 768, height: 1024 },
  { width: 1024, height: 768 },
]) {
  test(`presentation mode fills a ${size.width}×${size.height} screen`, async ({ page }) => {
    await page.setViewportSize(size);
    await page.goto('/present?asOf=2026-06-30&slide=2');
    const stage = page.locator('.present-stage');
    await expect(stage).toBeVisible();
    await expect(page.locator('.slide-title')).toHaveText('Cloud services');
    const box = (await stage.boundingBox())!;
    // Fits the window and fills it along one side, and at least 70% of the other side.
    expect(box.width).toBeLessThanOrEqual(size.width + 1);
    expect(box.height).toBeLessThanOrEqual(size.height + 1);
    const filled = Math.min(box.width / size.width, box.height / size.height);
    const along = Math.max(box.width / size.width, box.height / size.height);
    expect(along).toBeGreaterThan(0.99);
    expect(filled).toBeGreaterThan(0.7);
    for (const sel of ['.big-numbers', '.slide-chart .chart']) {
      const el = (await page.locator(sel).first().boundingBox())!;
      expect(el.x + el.width, `${sel} inside the stage`).toBeLessThanOrEqual(box.x + box.width + 0.5);
      expect(el.y + el.height, `${sel} inside the stage`).toBeLessThanOrEqual(box.y + box.height + 0.5);
    }
  });
}
