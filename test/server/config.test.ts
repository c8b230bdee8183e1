// @vitest-environment node
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bindingProblem, isLoopback, parseConfig } from '../../server/config';
import { DataFolderError, EMBEDDED_PG_MAJOR, openEmbedded } from '../../server/db/embedded';
import { loadMigrations, migrate, MigrationError, type OwnerConnection } from '../../server/db/migrate';
import type { Queryable } from '../../server/db';
import { type Harness, startHarness } from './harness';

describe('where the server may listen', () => {
  it.each(['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]'])('%s is loopback', (host) => {
    expect(isLoopback(host)).toBe(true);
    expect(bindingProblem(host, false, false)).toBeNull();
  });

  it.each(['0.0.0.0', '::', '192.168.1.20', 'headroom.example.com'])('%s is refused without TLS or a proxy', (host) => {
    expect(bindingProblem(host, false, false)).toMatch(
      /^Refusing to listen on .*--tls-cert FILE --tls-key FILE.*--behind-proxy/,
    );
    expect(bindingProblem(host, true, false)).toBeNull();
    expect(bindingProblem(host, false, true)).toBeNull();
  });
});

describe('options', () => {
  it('defaults: port 4180 on 127.0.0.1, embedded data in ./headroom-data', () => {
    expect(parseConfig([], {})).toMatchObject({
      command: 'serve',
      host: '127.0.0.1',
      port: 4180,
      dataDir: './headroom-data',
      databaseUrl: null,
      behindProxy: false,
    });
  });

  it('--port wins over PORT; DATABASE_URL selects PostgreSQL', () => {
    expect(parseConfig(['--port', '8081'], { PORT: '9000' }).port).toBe(8081);
    expect(parseConfig([], { PORT: '9000' }).port).toBe(9000);
    expect(parseConfig([], { DATABASE_URL: 'postgres://h@db/headroom' }).databaseUrl).toBe('postgres://h@db/headroom');
  });

  it('create-admin takes the name as an argument and never a password option', () => {
    expect(parseConfig(['create-admin', 'alice', '--display-name', 'Alice Chan'], {})).toMatchObject({
      command: 'create-admin',
      arg: 'alice',
      displayName: 'Alice Chan',
    });
    expect(() => parseConfig(['create-admin', 'alice', '--password', 'x'], {})).toThrow(/--password/);
  });

  it('refuses a bad port, half a TLS pair and an unknown command', () => {
    expect(() => parseConfig(['--port', '70000'], {})).toThrow('Not a port: "70000".');
    expect(() => parseConfig(['--tls-cert', 'c.pem'], {})).toThrow('TLS needs both --tls-cert and --tls-key.');
    expect(() => parseConfig(['start'], {})).toThrow(/Unknown command "start"/);
  });
});

describe('embedded data folder', () => {
  const dirs: string[] = [];
  const temp = () => {
    const d = mkdtempSync(join(tmpdir(), 'headroom-data-'));
    dirs.push(d);
    return d;
  };
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('a folder from another PostgreSQL major version is refused with what to do', async () => {
    const dir = temp();
    writeFileSync(join(dir, 'PG_VERSION'), '15\n');
    const err = await openEmbedded(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataFolderError);
    expect((err as Error).message).toContain(
      `was written by PostgreSQL 15; this Headroom embeds PostgreSQL ${EMBEDDED_PG_MAJOR}`,
    );
    expect((err as Error).message).toContain('pg_dump');
  });

  it('a folder held by another running server is refused', async () => {
    const dir = temp();
    writeFileSync(join(dir, 'PG_VERSION'), `${EMBEDDED_PG_MAJOR}\n`);
    // The parent process (the test runner) is alive for sure.
    writeFileSync(join(dir, 'headroom-server.pid'), `${process.ppid}\n`);
    await expect(openEmbedded(dir)).rejects.toThrow(`in use by another Headroom server (process ${process.ppid})`);
  });
});

let h: Harness;
const dist = mkdtempSync(join(tmpdir(), 'headroom-dist-'));
beforeAll(async () => {
  // A stand-in for the built app: an index page with its policy, one fingerprinted asset.
  mkdirSync(join(dist, 'assets'));
  writeFileSync(
    join(dist, 'index.html'),
    `<!doctype html><meta http-equiv="Content-Security-Policy" content="default-src 'self'; connect-src 'self' blob:" /><meta name="headroom-mode" content="local" /><title>Headroom</title>`,
  );
  writeFileSync(
    join(dist, 'assets', 'index-abc123.js'),
    `export const figures = ${JSON.stringify(Array(400).fill('2309.8'))};`,
  );
  h = await startHarness({}, dist);
}, 120_000);
afterAll(async () => {
  await h?.close();
  rmSync(dist, { recursive: true, force: true });
});

describe('the built app on the same port', () => {
  it("serves index.html for the app's routes, with the page's policy and no framing", async () => {
    for (const url of ['/', '/agreements/xiaomi-framework-2024?asOf=2026-06-30', '/report']) {
      const res = await h.app.inject({ url });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('<title>Headroom</title>');
      expect(res.headers['content-security-policy']).toBe(
        "default-src 'self'; connect-src 'self' blob:; frame-ancestors 'none'; form-action 'self'",
      );
    }
  });

  it('its index page says team mode wherever it is served, so the app does not have to ask', async () => {
    // The service worker keeps /index.html (with a revision query) for offline use: that copy says it too.
    for (const url of ['/', '/index.html', '/index.html?__WB_REVISION__=abc', '/report']) {
      const res = await h.app.inject({ url, headers: { 'accept-encoding': 'br, gzip' } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.headers['cache-control']).toBe('no-cache');
      const body =
        res.headers['content-encoding'] === 'br' ? brotliDecompressSync(res.rawPayload).toString() : res.body;
      expect(body).toContain('<meta name="headroom-mode" content="team" />');
      expect(body).not.toContain('content="local"');
    }
  });

  it('compresses what it sends and caches fingerprinted assets for good', async () => {
    const res = await h.app.inject({ url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'br, gzip' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.rawPayload.length).toBeLessThan(400 * 9);
  });

  it('an unknown API route is a JSON 404, not the app', async () => {
    const res = await h.app.inject({ url: '/api/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toBe('not-found');
  });
});

describe('migrations', () => {
  // Statement by statement: PGlite's parameterised query takes one at a time (no file here has ';' inside one).
  const owner = (q: Queryable): OwnerConnection => ({
    query: (sql, params) => q.query(sql, params),
    script: async (sql) => {
      for (const stmt of sql.split(/;\s*\n/).map((x) => x.replace(/^(\s*--.*\n)*/g, '').trim())) {
        if (stmt) await q.query(stmt);
      }
    },
  });

  it('are numbered files, each applied once', async () => {
    expect(loadMigrations().map((m) => `${m.version} ${m.name}`)).toEqual([
      '1 initial',
      '2 ledger',
      '3 controls',
      '4 evidence',
      '5 ledger_partitions',
    ]);
    await h.asOwner(async (q) => {
      expect(await migrate(owner(q))).toEqual([]);
      const { rows } = await q.query('SELECT version, name FROM schema_migrations ORDER BY version');
      expect(rows).toEqual([
        { version: 1, name: 'initial' },
        { version: 2, name: 'ledger' },
        { version: 3, name: 'controls' },
        { version: 4, name: 'evidence' },
        { version: 5, name: 'ledger_partitions' },
      ]);
    });
  });

  it('a failing migration leaves the schema as it was, including the ones before it in the same run', async () => {
    const base = loadMigrations();
    const more = [
      ...base,
      { version: 998, name: 'good', sql: 'CREATE TABLE t998 (a integer)', sha256: 'a'.repeat(64) },
      { version: 999, name: 'bad', sql: 'SELECT * FROM no_such_table', sha256: 'b'.repeat(64) },
    ];
    await h.asOwner(async (q) => {
      await expect(migrate(owner(q), more)).rejects.toThrow(/no_such_table/);
      const { rows } = await q.query(
        "SELECT to_regclass('t998') AS t, (SELECT max(version) FROM schema_migrations) AS v",
      );
      expect(rows[0]).toEqual({ t: null, v: 5 });
    });
  });

  it('an applied migration edited afterwards is refused', async () => {
    const edited = loadMigrations().map((m) => ({ ...m, sha256: '0'.repeat(64) }));
    await h.asOwner(async (q) => {
      await expect(migrate(owner(q), edited)).rejects.toThrow(MigrationError);
    });
  });
});
