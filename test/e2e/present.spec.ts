/**
 * Presentation mode: keyboard flow, slide in the URL, no app chrome, and the
 * 16:9 stage laid out inside the window at 1920×1080 and 1280×720.
 */
import { expect, type Page, test } from '@playwright/test';
import { expectNoSeriousA11yViolations, trackForeignRequests } from './support';

async function openDeck(page: Page, path: string) {
  await page.goto(path);
  await expect(page.getByTestId('present')).toBeVisible();
}

const counter = (page: Page) => page.getByTestId('slide-counter');

test('keyboard: arrows, Space, PageUp/PageDown, End, Home; Esc returns to the overview', async ({ page }) => {
  await openDeck(page, '/present?asOf=2026-06-30');
  // No app chrome.
  await expect(page.locator('.app-header')).toHaveCount(0);
  await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
  await expect(counter(page)).toHaveText('1 / 5');
  await expect(page.locator('.slide-summary')).toContainText('Continuing connected transactions');

  await page.keyboard.press('ArrowRight');
  await expect(counter(page)).toHaveText('2 / 5');
  await expect(page).toHaveURL(/slide=2/);
  await expect(page.locator('.slide-title')).toHaveText('Cloud services');
  await expect(page.getByTestId('slide-utilisation')).toContainText('23.9%');
  await expect(page.locator('.slide-category')).toContainText('3,138.3');
  await expect(page.locator('.slide-category')).toContainText('4,000.0');

  await page.keyboard.press('Space');
  await expect(counter(page)).toHaveText('3 / 5');
  await page.keyboard.press('ArrowLeft');
  await expect(counter(page)).toHaveText('2 / 5');
  await page.keyboard.press('PageDown');
  await expect(counter(page)).toHaveText('3 / 5');
  await page.keyboard.press('PageUp');
  await expect(counter(page)).toHaveText('2 / 5');

  await page.keyboard.press('End');
  await expect(counter(page)).toHaveText('5 / 5');
  await expect(page.locator('.slide-title')).toHaveText('API services');
  // Past the last slide stays on it.
  await page.keyboard.press('ArrowRight');
  await expect(counter(page)).toHaveText('5 / 5');

  await page.keyboard.press('Home');
  await expect(counter(page)).toHaveText('1 / 5');
  await expect(page).toHaveURL(/slide=1/);

  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(/\/\?asOf=2026-06-30$/);
  await expect(page.locator('#main')).toBeVisible();
});

test('a link with ?slide=N opens that slide', async ({ page }) => {
  await openDeck(page, '/present?asOf=2025-12-31&slide=4');
  await expect(counter(page)).toHaveText('4 / 5');
  await expect(page.locator('.slide-title')).toHaveText('Hardware equipment');
  await expect(page.getByTestId('slide-utilisation')).toContainText('88.4%');
});

for (const [width, height] of [
  [1920, 1080],
  [1280, 720],
] as const) {
  test(`every slide fits the ${width}×${height} window`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await openDeck(page, '/present?asOf=2026-06-30');
    const total = Number(await page.getByTestId('present').getAttribute('data-total'));
    for (let i = 1; i <= total; i++) {
      await expect(counter(page)).toHaveText(`${i} / ${total}`);
      const stage = (await page.locator('.present-stage').boundingBox())!;
      // The 16:9 stage fills the 16:9 window exactly.
      expect(Math.abs(stage.width - width)).toBeLessThan(1.5);
      expect(Math.abs(stage.height - height)).toBeLessThan(1.5);
      // Nothing on the slide spills outside the stage or under the footer.
      const footer = (await page.locator('.stage-footer').boundingBox())!;
      for (const sel of ['.slide-title', '.big-numbers', '.slide-chart .chart', '.slide-reasons', '.summary-tiles']) {
        const el = page.locator(sel);
        if ((await el.count()) === 0) continue;
        const box = (await el.first().boundingBox())!;
        expect(box.x, `${sel} left on slide ${i}`).toBeGreaterThanOrEqual(stage.x - 0.5);
        expect(box.x + box.width, `${sel} right on slide ${i}`).toBeLessThanOrEqual(stage.x + stage.width + 0.5);
        expect(box.y + box.height, `${sel} bottom on slide ${i}`).toBeLessThanOrEqual(footer.y + 0.5);
      }
      // The chart does not run into the attention box below it.
      const chart = page.locator('.slide-chart .chart');
      const reasons = page.locator('.slide-reasons');
      if ((await chart.count()) && (await reasons.count())) {
        const c = (await chart.boundingBox())!;
        const r = (await reasons.boundingBox())!;
        expect(c.y + c.height, `chart above the attention box on slide ${i}`).toBeLessThanOrEqual(r.y + 0.5);
      }
      await page.keyboard.press('ArrowRight');
    }
  });
}

test('the deck makes no foreign request and passes axe on the summary and a category slide', async ({
  page,
  baseURL,
}) => {
  const foreign = trackForeignRequests(page, baseURL!);
  await openDeck(page, '/present?asOf=2026-06-30');
  await expectNoSeriousA11yViolations(page);
  await page.keyboard.press('ArrowRight');
  await expect(counter(page)).toHaveText('2 / 5');
  await expectNoSeriousA11yViolations(page);
  expect(foreign).toEqual([]);
});

test('F toggles full screen and the deck keeps working in it', async ({ page }) => {
  await openDeck(page, '/present?asOf=2026-06-30');
  await page.keyboard.press('f');
  await expect
    .poll(() => page.evaluate(() => document.fullscreenElement?.getAttribute('data-testid') ?? null))
    .toBe('present');
  await page.keyboard.press('ArrowRight');
  await expect(counter(page)).toHaveText('2 / 5');
  await page.keyboard.press('f');
  await expect.poll(() => page.evaluate(() => document.fullscreenElement === null)).toBe(true);
  await expect(page).toHaveURL(/\/present\?/);
});
