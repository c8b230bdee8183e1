import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { openApp } from './support';

/**
 * Cloud services 2026 (no AGM outcome recorded, so the original RMB 3,138.3 million cap binds):
 * disclosed 749.1 through April 23; the file adds 1,761.6 on December 1 → 2,510.7, at or above
 * the 80% threshold of 2,510.64 and below the cap. Neither projection reaches the cap by
 * December 31 (2,510.7 × 365 / 335 = 2,735.5 on the linear one), so exactly one alert.
 */
const FILE = join(process.cwd(), 'test/fixtures/evidence/cloud-crossing-80.csv');

test('an import crossing 80% raises one alert, which is acknowledged and reported; browsing another date raises none', async ({
  page,
}) => {
  await page.clock.setFixedTime(new Date('2026-12-10T10:00:00+08:00'));
  await openApp(page, '/alerts');
  await expect(page.getByTestId('alerts-open')).toHaveText('Open: 0');

  await openApp(page, '/import');
  await page.getByTestId('import-file-input').setInputFiles(FILE);
  await expect(page.getByTestId('import-plan')).toContainText('To import: 1 row,');
  await page.getByTestId('import-commit').click();
  await expect(page.getByTestId('import-done')).toContainText(/Imported 1 rows?/);

  await page.getByRole('link', { name: 'Alert log' }).click();
  const items = page.locator('li[data-testid^="alert-"]');
  await expect(items).toHaveCount(1);
  const alert = page.getByTestId('alert-cloud-services|2026-01-01|threshold');
  await expect(alert).toContainText('Alert threshold reached — Cloud services');
  await expect(alert).toContainText('crossed December 1, 2026');
  await expect(alert).toContainText('detected December 10, 2026');
  await expect(alert).toContainText('actual RMB 2,510,700,000.00 of cap RMB 3,138,300,000.00 (80.0%)');
  await expect(alert).toHaveAttribute('data-stage', 'new');

  // The overview lists it first.
  await openApp(page, '/');
  await expect(page.getByTestId('open-alerts')).toContainText('Open alerts (1)');

  await openApp(page, '/alerts');
  await alert.getByTestId('step-by').fill('Wong Mei Ling');
  await alert.getByTestId('step-note').fill('Seen on import of the November ledger.');
  await alert.getByTestId('step-save').click();
  await expect(alert).toHaveAttribute('data-stage', 'acknowledged');
  await alert.getByTestId('step-by').fill('Wong Mei Ling');
  await alert.getByTestId('step-note').fill('Reported to the CFO.');
  await alert.getByTestId('step-save').click();
  await expect(alert).toHaveAttribute('data-stage', 'closed');
  await expect(alert).toContainText('Reported to senior management December 10, 2026 by Wong Mei Ling');
  await expect(page.getByTestId('alerts-open')).toHaveText('Open: 0');

  // Browsing a later as-of date evaluates nothing: still the one alert.
  await openApp(page, '/?asOf=2027-06-30');
  await openApp(page, '/report?asOf=2026-12-31');
  await expect(page.getByTestId('report-alerts')).toContainText('Alert threshold reached');
  await openApp(page, '/alerts?asOf=2027-06-30');
  await expect(items).toHaveCount(1);

  await openApp(page, '/history');
  const table = page.getByTestId('history-table');
  await expect(table.locator('tr[data-kind="alert-created"]')).toHaveCount(1);
  await expect(table.locator('tr[data-kind="alert-acknowledged"]')).toHaveCount(1);
  await expect(table.locator('tr[data-kind="alert-reported"]')).toHaveCount(1);
});
