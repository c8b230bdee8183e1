#!/usr/bin/env node
/**
 * Screenshots of every route at phone, tablet and desktop sizes, in English and
 * Chinese, from a running server, in Debian's Chromium; prints the routes whose page
 * scrolls sideways (document wider than the viewport). For looking at layout changes.
 *
 * Usage: node scripts/screenshots.mjs --base http://127.0.0.1:4173 [--out shots]
 *        [--sizes 390x844,768x1024,1024x768,1280x800] [--locales en,zh] [--routes /,/report]
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : def;
};
const base = opt('base', 'http://127.0.0.1:4173');
const out = opt('out', 'shots');
const sizes = opt('sizes', '390x844,768x1024,1024x768,1280x800')
  .split(',')
  .map((s) => s.split('x').map(Number));
const locales = opt('locales', 'en,zh').split(',');
const ROUTES = [
  '/',
  '/agreements/xiaomi-framework-2024',
  '/agreements/xiaomi-cooperation-framework-2025',
  '/sources',
  '/transactions',
  '/import',
  '/reconciliation',
  '/explore',
  '/ratios',
  '/register',
  '/report',
  '/report/monthly',
  '/present',
];
const routes = opt('routes', null)?.split(',') ?? ROUTES;
const asOf = opt('as-of', '2026-06-30');

mkdirSync(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const overflowing = [];
for (const locale of locales) {
  for (const [width, height] of sizes) {
    const context = await browser.newContext({ viewport: { width, height }, locale: 'en-GB' });
    await context.addInitScript((l) => localStorage.setItem('headroom.locale', l), locale);
    const page = await context.newPage();
    for (const route of routes) {
      const sep = route.includes('?') ? '&' : '?';
      await page.goto(`${base}${route}${sep}asOf=${asOf}`);
      await page.waitForSelector('[aria-busy="true"]', { state: 'detached', timeout: 15_000 }).catch(() => {});
      await page.waitForTimeout(400);
      const { scrollWidth, clientWidth } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
      }));
      if (scrollWidth > clientWidth)
        overflowing.push(`${locale} ${width}x${height} ${route}: ${scrollWidth} > ${clientWidth}`);
      const name = `${locale}-${width}x${height}-${route.replace(/\W+/g, '_').replace(/^_|_$/g, '') || 'overview'}.png`;
      await page.screenshot({ path: join(out, name), fullPage: false });
    }
    await context.close();
  }
}
await browser.close();
console.log(
  overflowing.length ? `Page overflows sideways:\n${overflowing.join('\n')}` : 'No route overflows sideways.',
);
