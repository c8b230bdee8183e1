#!/usr/bin/env node
/**
 * Size budget of the entry: everything the browser loads before the overview can
 * paint — the entry script, every chunk it imports statically (transitively) and
 * their CSS — read from the Vite manifest of a build, gzip level 9 sizes. Fails (exit
 * status 1) when the entry is over the budget. Also lists the largest chunks loaded on
 * demand, so a library moving into the entry is seen at once.
 *
 * Usage: node scripts/size.mjs [--dir dist] [--budget-kb 150] [--json]
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : def;
};
const dir = opt('dir', process.env.E2E_DIST ?? 'dist');
const budgetKb = Number(opt('budget-kb', 150));
const manifestPath = join(dir, '.vite', 'manifest.json');
if (!existsSync(manifestPath)) {
  console.error(`size: ${manifestPath} not found; build first (vite build writes it)`);
  process.exit(2);
}
/** @type {Record<string, {file: string, isEntry?: boolean, imports?: string[], dynamicImports?: string[], css?: string[]}>} */
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));

const gzipBytes = (file) => gzipSync(readFileSync(join(dir, file)), { level: 9 }).length;
const kb = (bytes) => (bytes / 1024).toFixed(1);

const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry && k.endsWith('index.html'));
if (!entryKey) {
  console.error('size: no index.html entry in the manifest');
  process.exit(2);
}
/** Files loaded with the entry: itself, its static imports (transitively) and their CSS. */
const entryFiles = new Set();
const seen = new Set();
(function visit(key) {
  if (seen.has(key)) return;
  seen.add(key);
  const chunk = manifest[key];
  entryFiles.add(chunk.file);
  for (const css of chunk.css ?? []) entryFiles.add(css);
  for (const dep of chunk.imports ?? []) visit(dep);
})(entryKey);

const rows = [...entryFiles].map((file) => ({ file, gzip: gzipBytes(file) })).sort((a, b) => b.gzip - a.gzip);
const total = rows.reduce((sum, r) => sum + r.gzip, 0);
const onDemand = [...new Set(Object.values(manifest).map((c) => c.file))]
  .filter((f) => !entryFiles.has(f) && f.endsWith('.js'))
  .map((file) => ({ file, gzip: gzipBytes(file) }))
  .sort((a, b) => b.gzip - a.gzip);

const ok = total <= budgetKb * 1024;
if (args.includes('--json')) {
  console.log(JSON.stringify({ entryGzipKb: Number(kb(total)), budgetKb, ok, entry: rows, onDemand }));
} else {
  console.log(`Entry (loaded before the overview paints), gzip -9:`);
  for (const r of rows) console.log(`  ${kb(r.gzip).padStart(7)} KB  ${r.file}`);
  console.log(`  ${kb(total).padStart(7)} KB  total — budget ${budgetKb} KB: ${ok ? 'OK' : 'OVER BUDGET'}`);
  console.log(`Largest chunks loaded on demand:`);
  for (const r of onDemand.slice(0, 8)) console.log(`  ${kb(r.gzip).padStart(7)} KB  ${r.file}`);
}
process.exit(ok ? 0 : 1);
