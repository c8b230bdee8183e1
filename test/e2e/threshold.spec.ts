import { expect, test } from '@playwright/test';
import { openApp } from './support';

/**
 * Each agreement's alert threshold (issue 8): read from its disclosed internal
 * controls, overridden per agreement on its page, and used by every screen.
 * December 31, 2025: hardware 29.6 of 33.5 = 88.4% (2025 framework), cloud
 * 2,255.2 of 2,309.8 = 97.6% (2024 framework).
 */
test('an agreement’s own threshold moves its alerts only, and is removed again', async ({ page }) => {
  await openApp(page, '/agreements/xiaomi-cooperation-framework-2025?asOf=2025-12-31');
  const block = page.getByTestId('agreement-threshold');
  await expect(block.locator('[data-source]')).toHaveAttribute('data-source', 'disclosed');
  await expect(block).toContainText('80% — the announcement’s internal controls: “approximately 80%”');

  const input = block.getByLabel('Threshold for this agreement (% of the cap)');
  await input.fill('120');
  await block.getByRole('button', { name: 'Set for this agreement' }).click();
  await expect(block.getByRole('alert')).toContainText('Enter a percentage above 0 and at most 100');

  await input.fill('90');
  await block.getByRole('button', { name: 'Set for this agreement' }).click();
  await expect(block.getByRole('status')).toContainText('Saved.');
  await expect(block.locator('[data-source]')).toHaveAttribute('data-source', 'override');
  await expect(block).toContainText('90% — your threshold for this agreement');
  await expect(page.locator('section#hardware-equipment .status')).toHaveAttribute('data-status', 'ok');

  // Overview: 88.4% is below its agreement's 90%; cloud keeps the disclosed 80%.
  await openApp(page, '/?asOf=2025-12-31');
  const hw = page.getByTestId('card-hardware-equipment');
  await expect(hw).toContainText('88.4%');
  await expect(hw.locator('.status')).toHaveAttribute('data-status', 'ok');
  await expect(page.getByTestId('card-cloud-services').locator('.status')).toHaveAttribute('data-status', 'threshold');

  // The directors' report names each agreement's threshold and where it comes from.
  await openApp(page, '/report?asOf=2025-12-31');
  const thr = page.getByTestId('report-threshold');
  await expect(thr).toContainText('90% of the binding cap (the user’s threshold for this agreement)');
  await expect(thr).toContainText('80% of the binding cap (internal controls: “approximately 80%”)');

  // Removed: the disclosed 80% applies again and hardware is at threshold.
  await openApp(page, '/agreements/xiaomi-cooperation-framework-2025?asOf=2025-12-31');
  await block.getByRole('button', { name: 'Remove this agreement’s threshold' }).click();
  await expect(block.locator('[data-source]')).toHaveAttribute('data-source', 'disclosed');
  await expect(page.locator('section#hardware-equipment .status')).toHaveAttribute('data-status', 'threshold');
  await openApp(page, '/history');
  await expect(page.locator('#main')).toContainText('thresholdPercent@xiaomi-cooperation-framework-2025');
});
