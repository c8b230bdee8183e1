/** The cap register: another company's HK$ agreement, the read-only built-in disclosure, export and import, and HK$ amounts in the board papers. */
import { expect, type Page, test } from '@playwright/test';
import { expectNoSeriousA11yViolations, openApp } from './support';

async function fillHarbourAgreement(page: Page) {
  await page.getByTestId('register-add').click();
  await page.getByTestId('name.en').fill('Harbour Services Framework Agreement');
  await page.getByTestId('name.zh').fill('港湾服务框架协议');
  await page.getByTestId('issuer.en').fill('Harbour Logistics Holdings Limited');
  await page.getByTestId('issuer.zh').fill('港湾物流控股有限公司');
  await page.getByTestId('counterparty.en').fill('Harbour Parent Group');
  await page.getByTestId('currency').selectOption('HKD');
  await page.getByTestId('signedOn').fill('2025-12-15');
  await page.getByTestId('term.start').fill('2026-01-01');
  await page.getByTestId('term.end').fill('2027-12-31');
  await page.getByRole('button', { name: 'Add a category' }).click();
  await page.getByTestId('categories[0].name.en').fill('Warehousing services');
  await page.getByTestId('categories[0].name.zh').fill('仓储服务');
  await page.getByRole('button', { name: 'Add a cap period' }).click();
  // The new cap period defaults to the first calendar year of the category term.
  await expect(page.getByTestId('categories[0].capLines[0].versions[0].period.start')).toHaveValue('2026-01-01');
  await expect(page.getByTestId('categories[0].capLines[0].versions[0].period.end')).toHaveValue('2026-12-31');
  await page.getByTestId('categories[0].capLines[0].versions[0].amount').fill('120.0');
  await page.getByRole('button', { name: 'Add a cap period' }).click();
  await page.getByTestId('categories[0].capLines[1].versions[0].amount').fill('150.0');
  await page.getByRole('button', { name: 'Add an amount' }).click();
  await page.getByTestId('categories[0].historicals[0].range.end').fill('2026-06-30');
  await page.getByTestId('categories[0].historicals[0].amount').fill('58.3');
}

test.describe('cap register', () => {
  test('a second company’s agreement with HK$ caps is validated, kept, and shown on the overview', async ({ page }) => {
    await openApp(page, '/register?asOf=2026-06-30');
    await fillHarbourAgreement(page);
    // A mistake is named with its place and nothing is stored.
    await page.getByTestId('categories[0].capLines[1].versions[0].amount').fill('150.05');
    await page.getByRole('button', { name: 'Save agreement' }).click();
    const problems = page.getByTestId('register-problems');
    await expect(problems).toContainText(
      'Category 1 “Warehousing services” › cap line 2 › cap › amount: has more than 1 decimal(s)',
    );
    await expect(page.locator('#reg-categories-0-capLines-1-versions-0-amount')).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    await expectNoSeriousA11yViolations(page);
    await page.getByTestId('categories[0].capLines[1].versions[0].amount').fill('150.0');
    await page.getByRole('button', { name: 'Save agreement' }).click();
    await expect(page.locator('#main')).toContainText('“Harbour Services Framework Agreement” saved.');
    const item = page.getByTestId('register-item-u-harbour-services-framework-agreement');
    await expect(item).toContainText('Amounts in HK$ million');

    // Kept in IndexedDB: still there after a reload.
    await page.reload();
    await expect(page.getByTestId('register-item-u-harbour-services-framework-agreement')).toBeVisible();

    // The overview lists it beside the disclosed agreements, in HK$.
    await page.getByRole('link', { name: 'Overview' }).click();
    await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
    const card = page.getByTestId('card-u-harbour-services-framework-agreement--warehousing-services');
    await expect(card.getByTestId('binding-cap')).toHaveText(/120\.0/);
    await expect(card.getByTestId('actual')).toHaveText(/58\.3/);
    await expect(card).toContainText('48.6%');
    await expect(page.locator('#agreement-u-harbour-services-framework-agreement')).toHaveText(
      'Harbour Services Framework Agreement',
    );
    await expect(page.locator('#main')).toContainText('HK$ million');
    await expect(page.getByTestId('card-cloud-services').getByTestId('binding-cap')).toHaveText(/3,138\.3/);

    // Its agreement page opens by id, and the explorer offers it.
    await openApp(page, '/agreements/u-harbour-services-framework-agreement?asOf=2026-06-30');
    await expect(page.locator('h1')).toContainText('Harbour Services Framework Agreement');
    await openApp(
      page,
      '/explore?asOf=2026-06-30&category=u-harbour-services-framework-agreement--warehousing-services',
    );
    await expect(page.getByTestId('explore-binding')).toHaveText('120.0');
    await expect(page.getByTestId('explore-actual')).toHaveText('58.3');
  });

  test('the built-in disclosure is listed read-only; export and import round-trip the register', async ({ page }) => {
    await openApp(page, '/register');
    await expect(page.locator('.reg-builtin')).toHaveCount(2);
    await expect(page.locator('.reg-builtin').getByRole('button')).toHaveCount(0);
    await fillHarbourAgreement(page);
    await page.getByRole('button', { name: 'Save agreement' }).click();
    const item = page.getByTestId('register-item-u-harbour-services-framework-agreement');
    await expect(item).toBeVisible();

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export register (JSON)' }).click();
    const file = await (await download).path();

    page.once('dialog', (d) => void d.accept());
    await item.getByRole('button', { name: 'Delete' }).click();
    await expect(item).toHaveCount(0);

    await page.getByTestId('register-import').setInputFiles(file);
    await expect(page.locator('#main')).toContainText('1 agreement(s) imported');
    await expect(page.getByTestId('register-item-u-harbour-services-framework-agreement')).toBeVisible();

    // A file that is not a register export is refused with its name.
    await page
      .getByTestId('register-import')
      .setInputFiles({ name: 'wrong.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"x"}') });
    await expect(page.getByTestId('register-import-problems')).toContainText(
      'wrong.json was not imported — nothing was changed',
    );
    await expectNoSeriousA11yViolations(page);
  });
});

test.describe('an HK$ register agreement in the board papers', () => {
  test('the report, its status CSV and the slides label the harbour amounts HK$ and the built-in ones RMB', async ({
    page,
  }) => {
    await openApp(page, '/register?asOf=2026-06-30');
    await fillHarbourAgreement(page);
    await page.getByRole('button', { name: 'Save agreement' }).click();
    await expect(page.getByTestId('register-item-u-harbour-services-framework-agreement')).toBeVisible();
    const HARBOUR = 'u-harbour-services-framework-agreement--warehousing-services';

    // Two pairs of companies: the overview title no longer names Kingsoft Cloud and Xiaomi alone.
    await openApp(page, '/?asOf=2026-06-30');
    await expect(page.locator('h1')).toHaveText('Connected-transaction caps');
    await expect(page.getByTestId('agreement-parties')).toHaveCount(3);

    await openApp(page, '/report?asOf=2026-06-30');
    const harbourSection = page.locator(`section.report-category[data-category="${HARBOUR}"]`);
    await expect(harbourSection.getByTestId('category-unit')).toHaveText('Amounts in HK$ million');
    await expect(harbourSection.locator('figure').first()).toContainText('HK$ million');
    await expect(
      page.locator('section.report-category[data-category="cloud-services"]').getByTestId('category-unit'),
    ).toHaveText('Amounts in RMB million');
    await expect(page.getByTestId('report')).toContainText(
      'Amounts in millions of each agreement’s currency (RMB or HK$)',
    );

    const wait = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download “status table” as CSV' }).click();
    const csv = (await import('node:fs')).readFileSync((await (await wait).path())!, 'utf8').replace(/^\uFEFF/, '');
    const [header, ...rows] = csv
      .trim()
      .split('\r\n')
      .map((l) => l.split(','));
    expect(header).toContain('Currency');
    expect(header!.join(',')).not.toContain('RMB');
    const row = (id: string) => rows.find((r) => r[header!.indexOf('Category id')] === id)!;
    expect(row(HARBOUR)[header!.indexOf('Currency')]).toBe('HK$');
    expect(row(HARBOUR)[header!.indexOf('Binding cap (millions)')]).toBe('120.0');
    expect(row('cloud-services')[header!.indexOf('Currency')]).toBe('RMB');

    // The deck has no app chrome (#main): wait for its slides instead.
    await page.goto('/present?asOf=2026-06-30');
    await expect(page.locator(`.tile[data-category="${HARBOUR}"]`)).toContainText('120.0 HK$ m');
    const tiles = await page.locator('.tile').evaluateAll((els) => els.map((e) => e.getAttribute('data-category')));
    await page.goto(`/present?asOf=2026-06-30&slide=${tiles.indexOf(HARBOUR) + 2}`);
    await expect(page.getByTestId('slide-unit')).toHaveText('HK$ million');
    await page.goto(`/present?asOf=2026-06-30&slide=${tiles.indexOf('cloud-services') + 2}`);
    await expect(page.getByTestId('slide-unit')).toHaveText('RMB million');
  });
});
