import { expect, test } from '@playwright/test';
import { registerFile } from '../../src/domain/register';
import { harbour } from '../unit/domain/register/registerFixture';
import { openApp } from './support';

/**
 * A register agreement keeps the precision it was disclosed with: Harbour's 2026
 * cap of HK$26.47 million shows 26.47 (not 26.5) on the overview, the agreement
 * page, the directors' report and the slides; the built-in figures keep one decimal.
 */
const CAT = 'u-harbour-services-framework--warehousing';

test('a cap disclosed as 26.47 shows 26.47 on every screen', async ({ page }) => {
  const a = JSON.parse(JSON.stringify(harbour)) as typeof harbour;
  (a.categories[0]!.capLines[0]!.versions[0] as { amount: string }).amount = '26.47';
  (a.categories[0]!.historicals[0] as { amount: string }).amount = '18.3';
  await openApp(page, '/register');
  await page.getByTestId('register-import').setInputFiles({
    name: 'register.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(registerFile([a], '2026-07-01T00:00:00.000Z'))),
  });
  await expect(page.locator('#main')).toContainText('1 agreement(s) imported');

  await openApp(page, '/?asOf=2026-06-30');
  const card = page.getByTestId(`card-${CAT}`);
  await expect(card.getByTestId('binding-cap')).toHaveText(/26\.47/);
  await expect(card.getByTestId('actual')).toHaveText('18.30');
  await expect(card).toContainText('8.17'); // headroom 26.47 − 18.30
  await expect(page.getByTestId('card-cloud-services').getByTestId('binding-cap')).toHaveText(/3,138\.3/);

  await openApp(page, '/agreements/u-harbour-services-framework?asOf=2026-06-30');
  await expect(page.locator(`section#${CAT} .category-binding`)).toContainText('Binding cap 26.47 · actual 18.30');

  await openApp(page, '/report?asOf=2026-06-30');
  // The attention table: the projection against the cap of 26.47 and its 80% threshold, 21.18.
  await expect(page.locator(`tr[data-category="${CAT}"]`).first()).toContainText(
    'projected to reach the alert threshold (21.18) on July 25, 2026; projected to exceed the binding cap of 26.47',
  );
  // The status table: cap 26.47, actual 18.30.
  const status = page.locator(`tr[data-category="${CAT}"]`).filter({ hasText: '18.30' }).first();
  await expect(status).toContainText('26.47');
});
