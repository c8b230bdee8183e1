#!/usr/bin/env node
/**
 * Lighthouse 12 (default mobile profile: Moto G Power-class device, slow 4G and a 4× CPU
 * slowdown, simulated) against the production server (scripts/serve.mjs) in Debian's
 * Chromium. Every run starts a fresh browser profile, so the app shows the disclosed data
 * with an empty ledger. Prints, per route, the median of the runs for performance,
 * accessibility and best practices, the load average of the machine (a busy machine
 * lowers performance), and the audits that failed; then one JSON line. Exits 1 when a
 * target is missed: performance ≥ 0.95 on /, an agreement page and /report;
 * accessibility and best practices 1.0 everywhere.
 *
 * Slow (about 20 s a run), so not part of npm test.
 *
 * Each run starts once the machine is quiet: the 1-minute load average at most
 * --settle-load (default 1.0), waiting at most --settle-seconds (default 90). A run's
 * own Chromium leaves the load at 2–3 on a 2-core machine: started back to back, three
 * runs of /report scored 0.93–0.96 where the same first-load code scored 0.97–0.99
 * started on a quiet one. The table gives the load at the start of each run.
 * --no-settle runs them back to back.
 *
 * Usage: npm run lighthouse [-- --runs 3 --routes /,/report --no-build --dir dist --out lighthouse-out
 *                              --settle-load 1.0 --settle-seconds 90 --no-settle]
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import lighthouse from 'lighthouse';
import { freePort } from './lib/freePort.mjs';
import { settle } from './lib/settle.mjs';

const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : def;
};
const RUNS = Number(opt('runs', 3));
const SETTLE = args.includes('--no-settle')
  ? null
  : { maxLoad: Number(opt('settle-load', 1.0)), maxSeconds: Number(opt('settle-seconds', 90)) };
const DIR = opt('dir', 'dist');
const OUT = opt('out', null);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ALL_ROUTES = [
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
  '/parties',
  '/alerts',
  '/evidence',
  '/history',
  '/review',
];
const ROUTES = opt('routes', null)?.split(',') ?? ALL_ROUTES;
/** Routes held to the performance target (the landing screen, an agreement, the board report). */
const PERFORMANCE_TARGETS = new Set(['/', '/agreements/xiaomi-framework-2024', '/report']);
const CATEGORIES = ['performance', 'accessibility', 'best-practices'];

const log = (...a) => console.error('[lighthouse]', ...a);
const loadAverage = () => os.loadavg().map((l) => l.toFixed(2));

async function waitFor(url, child, what) {
  for (let i = 0; i < 150; i++) {
    try {
      const res = await fetch(url);
      if (res.ok) return res;
    } catch {
      // not up yet
    }
    if (child.exitCode !== null) throw new Error(`${what} exited (${child.exitCode})`);
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} did not answer at ${url}`);
}

function stop(child) {
  if (child.exitCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    child.kill('SIGTERM');
  }
}

/** One Lighthouse run in a fresh Chromium profile; returns the report (LHR). */
async function audit(url) {
  const port = await freePort();
  const profile = mkdtempSync(join(os.tmpdir(), 'headroom-lh-'));
  const chrome = spawn(
    CHROMIUM,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--no-first-run',
      '--no-default-browser-check',
      `--remote-debugging-port=${port}`,
      `--user-data-dir=${profile}`,
      'about:blank',
    ],
    { stdio: 'ignore', detached: true },
  );
  try {
    await waitFor(`http://127.0.0.1:${port}/json/version`, chrome, 'Chromium');
    const result = await lighthouse(url, {
      port,
      logLevel: 'error',
      output: 'json',
      onlyCategories: CATEGORIES,
    });
    if (!result?.lhr) throw new Error(`no Lighthouse result for ${url}`);
    if (result.lhr.runtimeError) throw new Error(`${url}: ${result.lhr.runtimeError.message}`);
    return result.lhr;
  } finally {
    stop(chrome);
    await new Promise((r) => setTimeout(r, 300));
    rmSync(profile, { recursive: true, force: true });
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

if (!args.includes('--no-build')) {
  log(`building into ${DIR}`);
  const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', DIR, '--emptyOutDir'], {
    stdio: 'inherit',
  });
  if (r.status !== 0) process.exit(1);
}

const serverPort = await freePort();
const server = spawn(
  process.execPath,
  ['scripts/serve.mjs', '--dir', DIR, '--port', String(serverPort), '--host', '127.0.0.1'],
  {
    stdio: 'ignore',
    detached: true,
  },
);
const base = `http://127.0.0.1:${serverPort}`;
const results = [];
let missed = false;
try {
  await waitFor(`${base}/`, server, 'server');
  if (OUT) mkdirSync(OUT, { recursive: true });
  for (const route of ROUTES) {
    const runs = [];
    const loadsAtStart = [];
    for (let i = 0; i < RUNS; i++) {
      if (SETTLE) await settle({ ...SETTLE, log });
      const before = loadAverage();
      loadsAtStart.push(before[0]);
      // Lighthouse sometimes fails to record a trace (NO_NAVSTART, NO_FCP): one retry, said aloud.
      const lhr = await audit(`${base}${route}`).catch((err) => {
        log(`${route} run ${i + 1}/${RUNS} failed (${err.message}); retrying once`);
        return audit(`${base}${route}`);
      });
      runs.push(lhr);
      log(
        `${route} run ${i + 1}/${RUNS}: ` +
          CATEGORIES.map((c) => `${c} ${lhr.categories[c].score}`).join(', ') +
          ` (load average ${before.join(' ')})`,
      );
      if (OUT) writeFileSync(join(OUT, `${route.replace(/\W+/g, '_') || 'root'}-${i + 1}.json`), JSON.stringify(lhr));
    }
    const scores = Object.fromEntries(CATEGORIES.map((c) => [c, median(runs.map((r) => r.categories[c].score))]));
    const metric = (id) => median(runs.map((r) => r.audits[id]?.numericValue ?? NaN));
    const failed = new Set();
    for (const r of runs)
      for (const c of ['accessibility', 'best-practices'])
        for (const ref of r.categories[c].auditRefs) {
          const a = r.audits[ref.id];
          if (ref.weight > 0 && a.score !== null && a.score < 1) failed.add(`${c}: ${a.id} (${a.title})`);
        }
    const row = {
      route,
      ...scores,
      fcpMs: Math.round(metric('first-contentful-paint')),
      lcpMs: Math.round(metric('largest-contentful-paint')),
      tbtMs: Math.round(metric('total-blocking-time')),
      cls: Number(metric('cumulative-layout-shift').toFixed(3)),
      loadAtRunStarts: loadsAtStart.join('/'),
      failed: [...failed],
    };
    if (
      (PERFORMANCE_TARGETS.has(route) && scores.performance < 0.95) ||
      scores.accessibility < 1 ||
      scores['best-practices'] < 1
    )
      missed = true;
    results.push(row);
  }
} finally {
  stop(server);
}

console.log(`Lighthouse ${RUNS > 1 ? `median of ${RUNS} runs` : '1 run'}, mobile profile, Chromium ${CHROMIUM}`);
console.log(
  'route'.padEnd(48),
  'perf',
  ' a11y',
  ' b.p.',
  '  FCP ms',
  ' LCP ms',
  ' TBT ms',
  '   CLS',
  ' load at run starts',
);
for (const r of results) {
  console.log(
    r.route.padEnd(48),
    r.performance.toFixed(2),
    r.accessibility.toFixed(2).padStart(5),
    r['best-practices'].toFixed(2).padStart(5),
    String(r.fcpMs).padStart(8),
    String(r.lcpMs).padStart(7),
    String(r.tbtMs).padStart(7),
    r.cls.toFixed(3).padStart(6),
    ` ${r.loadAtRunStarts}`,
  );
  for (const f of r.failed) console.log(`    failed ${f}`);
}
console.log(JSON.stringify({ runs: RUNS, routes: results }));
process.exit(missed ? 1 : 0);
