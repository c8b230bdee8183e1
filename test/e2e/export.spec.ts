/**
 * Exports from the directors' and monthly reports: CSV and .xlsx of the status
 * tables (read back and checked), and a chart PNG at 2× on white.
 */
import { readFileSync } from 'node:fs';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { openApp } from './support';

async function download(page: Page, button: Locator) {
  const [dl] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const path = await dl.path();
  return { name: dl.suggestedFilename(), bytes: readFileSync(path!) };
}

function csvRows(bytes: Buffer): string[][] {
  const text = bytes.toString('utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff); // BOM, for Excel
  // The exported tables hold no quoted commas or newlines in these rows except the last column.
  return text
    .slice(1)
    .trimEnd()
    .split('\r\n')
    .map((line) => {
      const out: string[] = [];
      let cur = '';
      let quoted = false;
      for (let i = 0; i < line.length; i++) {
        const ch = line[i]!;
        if (quoted) {
          if (ch === '"' && line[i + 1] === '"') {
            cur += '"';
            i++;
          } else if (ch === '"') quoted = false;
          else cur += ch;
        } else if (ch === '"') quoted = true;
        else if (ch === ',') {
          out.push(cur);
          cur = '';
        } else cur += ch;
      }
      out.push(cur);
      return out;
    });
}

test('the status table downloads as CSV with the figures of December 31, 2025', async ({ page }) => {
  await openApp(page, '/report?asOf=2025-12-31');
  const { name, bytes } = await download(page, page.getByRole('button', { name: 'Download “status table” as CSV' }));
  expect(name).toBe('headroom-status-2025-12-31.csv');
  const rows = csvRows(bytes);
  const header = rows[0]!;
  const col = (h: string) => header.indexOf(h);
  expect(col('Binding cap (RMB m)')).toBeGreaterThan(0);
  const cloud = rows.find((r) => r[col('Category id')] === 'cloud-services')!;
  expect(cloud[col('Period start')]).toBe('2025-01-01');
  expect(cloud[col('Period end')]).toBe('2025-12-31');
  expect(cloud[col('Binding cap (RMB m)')]).toBe('2309.8');
  expect(cloud[col('Actual (RMB m)')]).toBe('2255.2');
  expect(cloud[col('Utilisation of binding cap')]).toBe('97.6');
  expect(cloud[col('Headroom (RMB m)')]).toBe('54.6');
  expect(cloud[col('Alert')]).toBe('threshold');
  expect(cloud[col('Growth, latest full period')]).toBe('77.0');
  const hardware = rows.find((r) => r[col('Category id')] === 'hardware-equipment')!;
  expect(hardware[col('Utilisation of binding cap')]).toBe('88.4');
  expect(rows).toHaveLength(5); // header + 4 categories
});

test('the status table downloads as an .xlsx workbook with numbers, formats and an About sheet', async ({ page }) => {
  await openApp(page, '/report?asOf=2025-12-31');
  const { name, bytes } = await download(
    page,
    page.getByRole('button', { name: 'Download “status table” as an Excel workbook (.xlsx)' }),
  );
  expect(name).toBe('headroom-status-2025-12-31.xlsx');
  const XLSX = await import('@e965/xlsx');
  const wb = XLSX.read(bytes, { type: 'buffer', cellNF: true });
  expect(wb.SheetNames).toEqual(['Status', 'About']);
  const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(wb.Sheets.Status!, { raw: true });
  const cloud = rows.find((r) => r['Category id'] === 'cloud-services')!;
  expect(cloud['Binding cap (RMB m)']).toBe(2309.8);
  expect(cloud['Actual (RMB m)']).toBe(2255.2);
  expect(cloud['Utilisation of binding cap']).toBe(0.976);
  const ws = wb.Sheets.Status!;
  const headerRow = XLSX.utils.sheet_to_json<string[]>(ws, { header: 1 })[0]!;
  const c = headerRow.indexOf('Binding cap (RMB m)');
  expect(ws[XLSX.utils.encode_cell({ r: 1, c })]).toMatchObject({ t: 'n', z: '#,##0.0' });
  const about = XLSX.utils.sheet_to_json<string[]>(wb.Sheets.About!, { header: 1 });
  expect(about.flat().join(' ')).toContain('December 31, 2025');
});

test('the monthly report downloads as CSV with the known months and the crossing', async ({ page }) => {
  await openApp(page, '/report/monthly?asOf=2025-12-31');
  const { name, bytes } = await download(page, page.getByRole('button', { name: 'Download “monthly report” as CSV' }));
  expect(name).toBe('headroom-monthly-2025-12-31.csv');
  const rows = csvRows(bytes);
  const h = rows[0]!;
  const col = (x: string) => h.indexOf(x);
  const cloudDec = rows.find((r) => r[col('Category id')] === 'cloud-services' && r[col('Month')] === '2025-12')!;
  expect(cloudDec[col('Amount (RMB m)')]).toBe('1842.2');
  expect(cloudDec[col('Amount covers from')]).toBe('2025-04-24');
  expect(cloudDec[col('Cumulative (RMB m)')]).toBe('2255.2');
  expect(cloudDec[col('Utilisation')]).toBe('97.6');
  expect(cloudDec[col('Threshold crossed')]).toBe('first seen (month not known)');
  const cloudMay = rows.find((r) => r[col('Category id')] === 'cloud-services' && r[col('Month')] === '2025-05')!;
  expect(cloudMay[col('Amount (RMB m)')]).toBe('');
  expect(cloudMay[col('Amount basis')]).toBe('no data');
  // 12 months of cloud services, 6 (July 29 – December) each for IDC and hardware; API had not started.
  expect(rows.length - 1).toBe(12 + 6 + 6);
});

test('a chart downloads as a PNG at twice its size, on white, with header and footer', async ({ page }) => {
  await openApp(page, '/report?asOf=2026-06-30');
  const frame = page.locator('section[data-category="cloud-services"] .chart-export').nth(1);
  // Charts are drawn as they come near the screen (src/ui/charts/drawQueue.ts).
  await frame.scrollIntoViewIfNeeded();
  const svg = frame.locator('.recharts-wrapper > svg');
  const svgW = Number(await svg.getAttribute('width'));
  const svgH = Number(await svg.getAttribute('height'));
  const { name, bytes } = await download(page, frame.getByRole('button', { name: /as a PNG image/ }));
  expect(name).toBe('cloud-services-2026-06-30-cumulative.png');
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  const png = await page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.naturalWidth;
    c.height = img.naturalHeight;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const data = ctx.getImageData(0, 0, c.width, c.height).data;
    const px = (x: number, y: number) => Array.from(data.slice((y * c.width + x) * 4, (y * c.width + x) * 4 + 4));
    const inkRows = (from: number, to: number) => {
      let n = 0;
      for (let y = from; y < to; y++) for (let x = 0; x < c.width; x += 2) if (data[(y * c.width + x) * 4]! < 128) n++;
      return n;
    };
    return {
      width: img.naturalWidth,
      height: img.naturalHeight,
      corners: [px(0, 0), px(c.width - 1, 0), px(0, c.height - 1), px(c.width - 1, c.height - 1)],
      titleInk: inkRows(0, 110),
      chartInk: inkRows(Math.round(c.height * 0.35), Math.round(c.height * 0.75)),
      footerInk: inkRows(c.height - 70, c.height),
    };
  }, bytes.toString('base64'));
  // 2×: the chart plus 24 px margins each side, times two.
  expect(png.width).toBe((svgW + 48) * 2);
  expect(png.height).toBeGreaterThan((svgH + 100) * 2);
  for (const corner of png.corners) expect(corner).toEqual([255, 255, 255, 255]);
  expect(png.titleInk).toBeGreaterThan(200); // title and legend drawn
  expect(png.chartInk).toBeGreaterThan(200); // the chart itself (axes, lines, labels)
  expect(png.footerInk).toBeGreaterThan(100); // as-of and source lines
});
