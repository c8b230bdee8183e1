/** `npm run server`: team mode (see README.md, "Team mode"). */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AccountError, createUser, hasAdmin } from './accounts';
import { bindingProblem, ConfigError, HELP, parseConfig, type ServeConfig } from './config';
import { openDatabase } from './db';
import { openEmbedded } from './db/embedded';
import { buildApp } from './http/app';
import { readPassword } from './readPassword';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function fail(message: string, code = 1): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

async function serve(c: ServeConfig) {
  const problem = bindingProblem(c.host, c.tlsCert !== null, c.behindProxy);
  if (problem) fail(problem, 2);
  const dist = join(ROOT, 'dist');
  if (!existsSync(join(dist, 'index.html'))) {
    process.stderr.write('No built app in dist/: building it first (vite build)…\n');
    const r = spawnSync('npx', ['vite', 'build'], { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) fail('The build failed; see above.');
  }
  const db = await openDatabase(c.databaseUrl ? { url: c.databaseUrl } : { dataDir: c.dataDir });
  const tls = c.tlsCert && c.tlsKey ? { cert: readFileSync(c.tlsCert), key: readFileSync(c.tlsKey) } : undefined;
  const app = await buildApp({
    db,
    distDir: dist,
    trustProxy: c.behindProxy,
    https: tls,
    auth: { secureCookies: Boolean(tls) || c.behindProxy },
    logger: { level: process.env.LOG_LEVEL ?? 'info' },
  });
  await app.listen({ host: c.host, port: c.port });
  const where = c.databaseUrl ? db.version : `${db.version}, embedded in ${resolve(c.dataDir)}`;
  process.stderr.write(
    `Headroom team mode on ${tls ? 'https' : 'http'}://${c.host.includes(':') ? `[${c.host}]` : c.host}:${c.port}/ (${where})\n`,
  );
  if (!(await hasAdmin(db))) {
    process.stderr.write('No account yet: create the first admin with  npm run server -- create-admin NAME\n');
  }
  const stop = async () => {
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function createAdmin(c: ServeConfig) {
  const username = c.arg!;
  const password = await readPassword(`Password for ${username}: `, 'Repeat it: ');
  const db = await openDatabase(c.databaseUrl ? { url: c.databaseUrl } : { dataDir: c.dataDir });
  try {
    await createUser(
      db,
      { username, displayName: c.displayName ?? username, password, roles: ['admin'], expiresOn: null },
      { id: null, name: 'command line (create-admin)' },
    );
    process.stderr.write(`Admin ${username} created.\n`);
  } catch (e) {
    if (e instanceof AccountError) fail(e.message);
    throw e;
  } finally {
    await db.close();
  }
}

async function backup(c: ServeConfig) {
  if (c.databaseUrl) fail('With DATABASE_URL, back up with pg_dump (see README.md, "Team mode").', 2);
  if (!existsSync(join(c.dataDir, 'PG_VERSION'))) fail(`No embedded database in ${resolve(c.dataDir)}.`);
  const { pgDump } = await import('@electric-sql/pglite-tools/pg_dump');
  const db = (await openEmbedded(c.dataDir)) as Awaited<ReturnType<typeof openEmbedded>> & {
    pglite: import('@electric-sql/pglite').PGlite;
  };
  try {
    const file = await pgDump({ pg: db.pglite, args: ['--no-owner', '--no-privileges'] });
    // transaction_timeout is a PostgreSQL 17+ setting: dropped so the dump restores cleanly on 15 and 16.
    const sql = (await file.text()).replace(/^SET transaction_timeout = 0;\n/m, '');
    writeFileSync(c.arg!, sql);
    process.stderr.write(`Wrote ${resolve(c.arg!)}: restore it with psql -f into PostgreSQL 15+.\n`);
  } finally {
    await db.close();
  }
}

async function main() {
  let c: ServeConfig;
  try {
    c = parseConfig(process.argv.slice(2), process.env);
  } catch (e) {
    if (e instanceof ConfigError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      fail(`${(e as Error).message}\n\n${HELP}`, 2);
    }
    throw e;
  }
  if (c.command === 'help') return void process.stdout.write(HELP);
  if (c.command === 'create-admin') return createAdmin(c);
  if (c.command === 'backup') return backup(c);
  return serve(c);
}

main().catch((e: unknown) =>
  fail(e instanceof Error ? (e.name.endsWith('Error') && e.name !== 'Error' ? e.message : String(e.stack)) : String(e)),
);
