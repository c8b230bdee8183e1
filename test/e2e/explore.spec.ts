/** The headroom explorer and the Chapter 14A ratio check, in English and Chinese. */
import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations, openApp } from './support';

test.describe('headroom explorer', () => {
  test('a scenario set through the inputs survives a reload and opens from a shared link', async ({
    page,
    browser,
  }) => {
    await openApp(page, '/explore?asOf=2026-04-23');
    // Defaults: cloud services, the 2026 period containing the as-of date, seasonal, 10% buffer.
    await expect(page.getByTestId('explore-category')).toHaveValue('cloud-services');
    await expect(page.getByTestId('explore-period-end')).toHaveText('4,090.5');
    await expect(page.getByTestId('explore-cap-needed')).toHaveText('4,499.6');
    await expect(page.locator('.explore-buffer')).toContainText('Against the proposed cap of 4,000.0: short by 499.6');

    // Growth method, +50% on 2025's 2,255.2 and a 15% buffer: 3,382.8 → 3,890.3, within 4,000.0.
    // click, not check(): the radio follows the URL, which updates a moment after the click.
    await page.getByRole('radio', { name: 'Growth on last year' }).click();
    await expect(page.getByRole('radio', { name: 'Growth on last year' })).toBeChecked();
    await page.getByTestId('explore-growth').fill('50');
    await page.getByTestId('explore-buffer').fill('15');
    await expect(page.getByTestId('explore-period-end')).toHaveText('3,382.8');
    await expect(page.getByTestId('explore-cap-needed')).toHaveText('3,890.3');
    await expect(page.locator('.explore-buffer')).toContainText('sufficient, 109.7 to spare');
    await expect(page).toHaveURL(/category=cloud-services/);
    await expect(page).toHaveURL(/method=growth/);
    await expect(page).toHaveURL(/growth=50/);
    await expect(page).toHaveURL(/buffer=15/);
    await expect(page).toHaveURL(/period=2026-01-01\.\.2026-12-31/);
    const monthsBefore = await page.getByTestId('explore-months').innerText();

    await page.reload();
    await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
    await expect(page.getByRole('radio', { name: 'Growth on last year' })).toBeChecked();
    await expect(page.getByTestId('explore-growth')).toHaveValue('50');
    await expect(page.getByTestId('explore-buffer')).toHaveValue('15');
    await expect(page.getByTestId('explore-period-end')).toHaveText('3,382.8');
    await expect(page.getByTestId('explore-cap-needed')).toHaveText('3,890.3');
    expect(await page.getByTestId('explore-months').innerText()).toBe(monthsBefore);

    // The same link in a fresh browser context (nothing stored) shows the same scenario.
    const url = page.url();
    const other = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const shared = await other.newPage();
    await openApp(shared, url.replace(/^https?:\/\/[^/]+/, ''));
    await expect(shared.getByTestId('explore-cap-needed')).toHaveText('3,890.3');
    await expect(shared.getByTestId('explore-proposed')).toHaveText('4,000.0');
    await other.close();
  });

  test('another category and period: hardware 2026, the original 6.7 binds to July 28, 1,000.0 proposed', async ({
    page,
  }) => {
    await openApp(
      page,
      '/explore?asOf=2026-04-23&category=hardware-equipment&period=2026-01-01..2026-12-31&method=linear&buffer=10',
    );
    await expect(page.getByTestId('explore-binding')).toHaveText('6.7');
    await expect(page.getByTestId('explore-proposed')).toHaveText('1,000.0');
    await expect(page.getByTestId('explore-actual')).toHaveText('0.0');
    await expect(page.getByTestId('explore-months').locator('tbody tr')).toHaveCount(12);
  });

  test('bad settings in a link are named and replaced by defaults', async ({ page }) => {
    await openApp(page, '/explore?asOf=2026-04-23&method=magic&buffer=-3');
    await expect(page.locator('#main')).toContainText(
      'could not be used and were replaced by defaults: method, buffer',
    );
    await expect(page.getByTestId('explore-cap-needed')).toHaveText('4,499.6');
    await expect(page).toHaveURL(/method=seasonal/);
  });
});

test.describe('Chapter 14A ratio check', () => {
  test('entered denominators give each ratio and the band, compared with the announcement', async ({ page }) => {
    await openApp(page, '/ratios?asOf=2026-04-23');
    await page.getByTestId('denominator-assets').fill('30,000');
    await page.getByTestId('denominator-revenue').fill('9000');
    await page.getByTestId('denominator-consideration').fill('25000');
    await expect(page.getByTestId('currency-consideration')).toHaveValue('HKD');
    // The HK$ market capitalisation needs a rate for the RMB caps.
    const cloud = page.getByTestId('ratio-row-cloud-services');
    await expect(cloud.getByTestId('ratio-consideration')).toContainText('needs the exchange rate');
    await page.getByTestId('fx-rate').fill('1.08');

    // Cloud services: largest cap over the term 6,000.0 (2027).
    await expect(cloud).toContainText('6,000.0');
    await expect(cloud.getByTestId('ratio-assets')).toHaveText('20.00%');
    await expect(cloud.getByTestId('ratio-revenue')).toHaveText('66.66%');
    await expect(cloud.getByTestId('ratio-consideration')).toHaveText('25.92%');
    await expect(cloud.getByTestId('band')).toContainText('5% or more');
    await expect(cloud.getByTestId('band-agreement')).toContainText('agrees');

    const idc = page.getByTestId('ratio-row-idc-services');
    await expect(idc.getByTestId('ratio-revenue')).toHaveText('1.66%');
    await expect(idc.getByTestId('band')).toContainText('0.1% to below 5%');
    await expect(idc.getByTestId('band-agreement')).toContainText('agrees');

    // Hardware: 1,500.0 on 30,000.0 is exactly 5% → the shareholders band.
    const hw = page.getByTestId('ratio-row-hardware-equipment');
    await expect(hw.getByTestId('ratio-assets')).toHaveText('5.00%');
    await expect(hw.getByTestId('band')).toContainText('5% or more');

    await expect(page.locator('#main')).toContainText('HK$3,000,000');
    await expect(page.locator('#main')).toContainText('HK$10,000,000');

    // The check lives in the URL too.
    await page.reload();
    await expect(page.getByTestId('ratio-row-cloud-services').getByTestId('ratio-revenue')).toHaveText('66.66%');
    await expectNoSeriousA11yViolations(page);
  });
});

test.describe('languages', () => {
  test('switching to Chinese changes the explorer, ratio check and register screens and is remembered after a reload', async ({
    page,
  }) => {
    await openApp(page, '/explore?asOf=2026-04-23');
    await expect(page.locator('h1')).toHaveText('Headroom explorer');
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh');
    await expect(page.locator('h1')).toHaveText('剩余额度分析');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hans');
    await expect(page.locator('#main')).toContainText('2026年12月31日');
    await expect(page.getByTestId('explore-period-end')).toHaveText('4,090.5');

    await page.reload();
    await expect(page.locator('h1')).toHaveText('剩余额度分析');
    await expect(page.getByRole('link', { name: '比率测试' })).toBeVisible();
    await expect(page.locator('.explore-buffer')).toContainText('不足499.6');

    await page.getByRole('link', { name: '比率测试' }).click();
    await expect(page.locator('h1')).toHaveText('第14A章比率测试');
    await expectNoSeriousA11yViolations(page);
    await page.getByRole('link', { name: '上限登记册' }).click();
    await expect(page.locator('h1')).toHaveText('上限登记册');
    await expect(page.locator('.reg-builtin').first()).toContainText('金山云控股有限公司');
    await expect(page.locator('.reg-builtin').first()).toContainText('小米集团');
    await page.getByRole('link', { name: '总览' }).click();
    await expect(page.locator('#main')).toContainText('云服务');

    await page.getByRole('combobox', { name: '语言' }).selectOption('en');
    await expect(page.locator('#main')).toContainText('Cloud services');
  });

  test('the explorer and the register pass axe in English', async ({ page }) => {
    await openApp(page, '/explore?asOf=2026-04-23');
    await expectNoSeriousA11yViolations(page);
    await openApp(page, '/register');
    await page.getByTestId('register-add').click();
    await expectNoSeriousA11yViolations(page);
  });
});
