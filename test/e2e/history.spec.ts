import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { openApp } from './support';

const GOOD_CSV = join(process.cwd(), 'test/fixtures/good/utf8-bom-chinese.csv');

test('an import is one history record with the file SHA-256; every change is stamped; a backup with an edited history is refused', async ({
  page,
}) => {
  await openApp(page, '/history');
  await page.getByTestId('user-name').fill('Chan Tai Man');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByTestId('history-table').locator('tr[data-kind="user"]')).toHaveCount(1);

  await openApp(page, '/import?asOf=2026-06-30');
  await page.getByTestId('import-file-input').setInputFiles(GOOD_CSV);
  await expect(page.getByTestId('import-plan')).toContainText('To import: 8 rows');
  await page.getByTestId('import-commit').click();
  await expect(page.getByTestId('import-done')).toContainText('Imported 8 rows');

  await openApp(page, '/history');
  const imports = page.getByTestId('history-table').locator('tr[data-kind="import"]');
  await expect(imports).toHaveCount(1);
  const sha = createHash('sha256').update(readFileSync(GOOD_CSV)).digest('hex');
  await expect(imports).toContainText(`"fileSha256":"${sha.slice(0, 20)}`);
  await expect(imports).toContainText('"rowCount": 8');
  await expect(imports).toContainText('Chan Tai Man');
  await page.getByTestId('verify').click();
  await expect(page.getByTestId('verify-result')).toContainText('The chain verifies: 3 records');

  // Head of "an earlier printout" (now), then a backup.
  const printed = await page.getByTestId('history-head').locator('code').innerText();
  await openApp(page, '/transactions?asOf=2026-06-30');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('backup-export').click()]);
  const text = readFileSync(await download.path()).toString('utf8');

  // One byte of a history record changed by hand: refused, nothing changed.
  const dir = mkdtempSync(join(tmpdir(), 'headroom-history-'));
  const tampered = join(dir, 'tampered.json');
  expect(text).toContain('"rowCount":8,');
  writeFileSync(tampered, text.replace('"who":"Chan Tai Man","prevHash"', '"who":"Chan Tai Mao","prevHash"'));
  expect(readFileSync(tampered, 'utf8')).not.toBe(text);
  page.on('dialog', (d) => void d.accept());
  await page.getByTestId('backup-restore-input').setInputFiles(tampered);
  await expect(page.getByTestId('storage-message')).toContainText(
    'was not restored and nothing was changed: The change history in the backup does not verify: record #2',
  );

  // The genuine backup restores; its chain still holds the printed head.
  await page.getByTestId('backup-restore-input').setInputFiles(await download.path());
  await expect(page.getByTestId('storage-message')).toContainText('8 ledger rows');
  await openApp(page, '/history');
  await expect(page.getByTestId('history-table').locator('tr[data-kind="restore"]')).toHaveCount(1);
  await page.getByTestId('paste-head').fill(`3 records · head ${printed}`);
  await page.getByTestId('verify-against').click();
  await expect(page.getByTestId('verify-result')).toContainText('The chain verifies: 4 records');
});
