/**
 * `npm run loadtest [-- --rows N --viewers N]`: a bounded load test of team
 * mode on loopback. A team server (server/main.ts, its own process) runs on a
 * free port; VIEWERS signed-in viewers read GET /api/overview in a loop while
 * a preparer uploads an N-row CSV (default 1,000,000) to the streaming import.
 * Prints p50/p95/max latency of the overview reads during the import, errors,
 * rows stored (read back from the server), the import's COPY seconds and the
 * whole upload's seconds.
 *
 * Storage: with DATABASE_URL (a PostgreSQL user with CREATEDB and CREATEROLE,
 * as for .ci/server-postgres) a throw-away database is created on it and
 * dropped afterwards, and the issue's targets are checked (p95 < 200 ms,
 * 0 errors, every row stored, COPY ≤ 3 s); without it, the embedded PGlite in
 * a temporary folder, whose figures are reported without targets (one
 * connection: the import blocks the readers).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createUser } from '../server/accounts';
import { openDatabase } from '../server/db';
import { freePort } from './lib/freePort.mjs';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    viewers: { type: 'string', default: '50' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  process.stdout.write('npm run loadtest [-- --rows N (default 1000000) --viewers N (default 50)]\n');
  process.exit(0);
}
const ROWS = Number(values.rows);
const VIEWERS = Number(values.viewers);
if (!Number.isInteger(ROWS) || ROWS < 1 || !Number.isInteger(VIEWERS) || VIEWERS < 1) {
  process.stderr.write('--rows and --viewers take positive whole numbers.\n');
  process.exit(2);
}
const PASSWORD = `loadtest-${randomBytes(12).toString('hex')}`;
const TSX = join(process.cwd(), 'node_modules/tsx/dist/cli.mjs');
const CATEGORIES = ['cloud-services', 'idc-services', 'hardware-equipment'];

/** N ledger rows across 2026 in three categories, written as a stream; returns the exact total in fen. */
async function writeCsv(path: string, rows: number): Promise<bigint> {
  const out = createWriteStream(path);
  out.write('date,category,amount,reference,description\n');
  let total = 0n;
  const start = Date.UTC(2026, 0, 1);
  for (let i = 0; i < rows; i += 10_000) {
    const lines: string[] = [];
    for (let k = i; k < Math.min(rows, i + 10_000); k++) {
      const day = new Date(start + (k % 181) * 86_400_000).toISOString().slice(0, 10);
      const fen = 100 + ((k * 7919) % 1_000_000);
      total += BigInt(fen);
      lines.push(
        `${day},${CATEGORIES[k % 3]},${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')},LT-${k},load test\n`,
      );
    }
    if (!out.write(lines.join(''))) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return total;
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function main() {
  const work = mkdtempSync(join(tmpdir(), 'headroom-loadtest-'));
  const adminUrl = process.env.DATABASE_URL;
  let dbUrl: string | undefined;
  let dropDb = async () => {};
  let server: ChildProcess | null = null;
  try {
    if (adminUrl) {
      const name = `headroom_loadtest_${randomBytes(5).toString('hex')}`;
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`CREATE DATABASE ${name}`); // our own hex name, never input
      await c.end();
      const u = new URL(adminUrl);
      u.pathname = `/${name}`;
      dbUrl = u.toString();
      dropDb = async () => {
        const d = new pg.Client({ connectionString: adminUrl });
        await d.connect();
        await d.query(`DROP DATABASE ${name} WITH (FORCE)`);
        await d.end();
      };
    }
    const dataDir = join(work, 'data');
    // Accounts first (the embedded folder admits one process at a time); a cheap scrypt for 50+ sign-ins.
    const db = await openDatabase(dbUrl ? { url: dbUrl, poolSize: 2 } : { dataDir });
    const by = { id: null, name: 'load test' };
    await createUser(
      db,
      {
        username: 'lt-preparer',
        displayName: 'Load Preparer',
        password: PASSWORD,
        roles: ['preparer'],
        expiresOn: null,
      },
      by,
      10,
    );
    await createUser(
      db,
      { username: 'lt-viewer', displayName: 'Load Viewer', password: PASSWORD, roles: ['viewer'], expiresOn: null },
      by,
      10,
    );
    const engine = db.version;
    await db.close();

    const file = join(work, 'ledger.csv');
    process.stderr.write(`Writing ${ROWS.toLocaleString('en')} rows…\n`);
    const expectedTotal = await writeCsv(file, ROWS);

    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    let log = '';
    server = spawn(process.execPath, [TSX, 'server/main.ts', '--port', String(port), '--data', dataDir], {
      env: { ...process.env, LOG_LEVEL: 'warn', ...(dbUrl ? { DATABASE_URL: dbUrl } : {}) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout!.on('data', (d: Buffer) => (log += d.toString()));
    server.stderr!.on('data', (d: Buffer) => (log += d.toString()));
    for (let t = 0; ; t++) {
      try {
        if ((await fetch(`${base}/api/health`)).ok) break;
      } catch {
        // not up yet
      }
      if (t > 600 || server.exitCode !== null) throw new Error(`The server did not start:\n${log}`);
      await new Promise((r) => setTimeout(r, 200));
    }

    const signIn = async (username: string) => {
      const res = await fetch(`${base}/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: PASSWORD }),
      });
      if (!res.ok) throw new Error(`Sign-in of ${username}: ${res.status} ${await res.text()}`);
      const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
      return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
    };
    const viewers = [];
    for (let i = 0; i < VIEWERS; i++) viewers.push(await signIn('lt-viewer'));
    const preparer = await signIn('lt-preparer');

    // Viewers read the overview in a loop until the import answers.
    let importing = true;
    const latencies: number[] = [];
    let errors = 0;
    const loops = viewers.map(async (v) => {
      while (importing) {
        const t0 = performance.now();
        try {
          const res = await fetch(`${base}/api/overview`, { headers: { cookie: v.cookie } });
          await res.arrayBuffer();
          if (!res.ok) errors++;
        } catch {
          errors++;
        }
        latencies.push(performance.now() - t0);
      }
    });

    process.stderr.write(`Importing with ${VIEWERS} viewers reading the overview (${engine})…\n`);
    const t0 = performance.now();
    const res = await fetch(
      `${base}/api/ledger/imports?fileName=loadtest.csv&mapping=date,category,amount,reference,description&dateOrder=ymd`,
      {
        method: 'POST',
        headers: {
          cookie: preparer.cookie,
          'x-csrf-token': preparer.csrf,
          'content-type': 'text/csv',
          'idempotency-key': `loadtest-${randomBytes(8).toString('hex')}`,
        },
        body: Readable.toWeb(createReadStream(file)) as ReadableStream,
        duplex: 'half',
      } as RequestInit,
    );
    const importSeconds = (performance.now() - t0) / 1000;
    const out = (await res.json()) as {
      batch?: { rowCount: number; totalMinor: string };
      copySeconds?: number;
      message?: string;
    };
    importing = false;
    await Promise.all(loops);
    if (res.status !== 201) throw new Error(`The import failed: ${res.status} ${out.message ?? ''}`);

    // Read back what the server holds.
    const totals = (await (
      await fetch(`${base}/api/ledger/totals`, { headers: { cookie: viewers[0]!.cookie } })
    ).json()) as {
      categories: { counts: number[]; sums: string[] }[];
    };
    let stored = 0;
    let storedTotal = 0n;
    for (const c of totals.categories) {
      stored += c.counts.reduce((a, n) => a + n, 0);
      storedTotal += c.sums.reduce((a, s) => a + BigInt(s), 0n);
    }
    // One more read with the import done: the overview on a quiet server with every row stored.
    const q0 = performance.now();
    await (await fetch(`${base}/api/overview`, { headers: { cookie: viewers[0]!.cookie } })).arrayBuffer();
    const quietMs = performance.now() - q0;

    latencies.sort((a, b) => a - b);
    const p50 = percentile(latencies, 50);
    const p95 = percentile(latencies, 95);
    const copy = out.copySeconds ?? NaN;
    const lines = [
      `Database:          ${engine}${dbUrl ? '' : ' (embedded, temporary folder)'}`,
      `Rows uploaded:     ${ROWS.toLocaleString('en')} (${VIEWERS} viewers reading GET /api/overview meanwhile)`,
      `Overview reads:    ${latencies.length.toLocaleString('en')}; p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, max ${(latencies.at(-1) ?? NaN).toFixed(1)} ms`,
      `Errors:            ${errors}`,
      `Rows stored:       ${stored.toLocaleString('en')} of ${ROWS.toLocaleString('en')}; total ${storedTotal === expectedTotal ? 'exact' : `WRONG (${storedTotal} ≠ ${expectedTotal})`}`,
      `COPY:              ${copy.toFixed(2)} s; whole upload (stream, parse, COPY, aggregates, commit) ${importSeconds.toFixed(2)} s`,
      `Overview after:    ${quietMs.toFixed(1)} ms (one read, import done)`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    if (dbUrl) {
      const checks: [string, boolean][] = [
        ['p95 < 200 ms', p95 < 200],
        ['0 errors', errors === 0],
        ['every row stored', stored === ROWS && storedTotal === expectedTotal],
        ['COPY ≤ 3 s', copy <= 3],
      ];
      process.stdout.write(
        `Targets (PostgreSQL): ${checks.map(([n, ok]) => `${n} ${ok ? 'met' : 'MISSED'}`).join('; ')}\n`,
      );
      if (checks.some(([, ok]) => !ok)) process.exitCode = 1;
    } else if (errors || stored !== ROWS || storedTotal !== expectedTotal) {
      process.exitCode = 1;
    }
  } finally {
    if (server && server.exitCode === null) {
      const exited = once(server, 'exit');
      server.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
      if (server.exitCode === null) server.kill('SIGKILL');
    }
    await dropDb().catch((e: unknown) =>
      process.stderr.write(`Dropping the load-test database failed: ${String(e)}\n`),
    );
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
