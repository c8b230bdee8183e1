import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, expect, type Page, request } from '@playwright/test';
import { freePort } from '../../scripts/lib/freePort.mjs';

/** Every account's password in the team specs. */
export const PASSWORD = 'correct horse battery staple';
const TSX = join(process.cwd(), 'node_modules/tsx/dist/cli.mjs');

export type Role = 'admin' | 'preparer' | 'reviewer' | 'viewer';

/** A `npm run server` on the embedded PostgreSQL in a temporary data folder, on a free port. */
export interface TeamServer {
  readonly base: string;
  /** What the server printed so far (for failure messages). */
  log(): string;
  /** Stops the server (SIGTERM, then SIGKILL after 10 s) and removes its data folder. */
  stop(): Promise<void>;
}

/**
 * Creates the first admin from the command line (its password on standard input, never an
 * argument), starts the server, waits for /api/health, and has the admin create `users`.
 */
export async function startTeamServer(
  folderPrefix: string,
  users: ReadonlyArray<readonly [username: string, displayName: string, roles: readonly Role[]]>,
): Promise<TeamServer> {
  const dataDir = mkdtempSync(join(tmpdir(), folderPrefix));
  const admin = spawnSync(process.execPath, [TSX, 'server/main.ts', 'create-admin', 'admin', '--data', dataDir], {
    input: `${PASSWORD}\n${PASSWORD}\n`,
    encoding: 'utf8',
  });
  expect(admin.status, admin.stderr).toBe(0);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let log = '';
  const server: ChildProcess = spawn(
    process.execPath,
    [TSX, 'server/main.ts', '--port', String(port), '--data', dataDir],
    { env: { ...process.env, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  server.stdout!.on('data', (d: Buffer) => (log += d.toString()));
  server.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  await expect
    .poll(
      async () => {
        try {
          return (await fetch(`${base}/api/health`)).status;
        } catch {
          return 0;
        }
      },
      { timeout: 120_000, message: `team server did not start:\n${log}` },
    )
    .toBe(200);
  const api = await request.newContext({ baseURL: base });
  const login = await api.post('/api/login', { data: { username: 'admin', password: PASSWORD } });
  expect(login.status()).toBe(200);
  const csrf = (await login.json()).csrfToken as string;
  for (const [username, displayName, roles] of users) {
    const res = await api.post('/api/users', {
      data: { username, displayName, password: PASSWORD, roles },
      headers: { 'x-csrf-token': csrf },
    });
    expect(res.status(), await res.text()).toBe(201);
  }
  await api.dispose();
  return {
    base,
    log: () => log,
    async stop() {
      if (server.exitCode === null) {
        const exited = new Promise((resolve) => server.once('exit', resolve));
        server.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
        if (server.exitCode === null) server.kill('SIGKILL');
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A new browser context signed in as `username` through the sign-in page. */
export async function signIn(browser: Browser, base: string, username: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: base });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Sign in to the team workspace' })).toBeVisible();
  await page.getByLabel('User name').fill(username);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('team-user')).toBeVisible();
  return page;
}
