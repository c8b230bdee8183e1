// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, type Harness, PASSWORD, signedIn, startHarness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await h.addUser('ada', ['admin']);
  await h.addUser('vera', ['viewer']);
  await h.addUser('rex', ['reviewer']);
  await h.addUser('pat', ['preparer', 'reviewer']);
}, 120_000);
afterAll(() => h?.close());

describe('no session', () => {
  it.each([
    ['GET', '/api/session'],
    ['GET', '/api/approvals'],
    ['GET', '/api/register'],
    ['GET', '/api/history'],
    ['GET', '/api/events'],
    ['GET', '/api/users'],
    ['POST', '/api/approvals'],
    ['PUT', '/api/settings/threshold'],
    ['PUT', '/api/commentary/cloud-services/2026-06-30'],
  ] as const)('%s %s answers 401', async (method, url) => {
    const res = await new Client(h.app).request(method, url, method === 'GET' ? undefined : {});
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toBe('no-session');
  });

  it('a made-up session cookie is no session', async () => {
    const c = new Client(h.app);
    c.cookie = `headroom_session=${'A'.repeat(43)}`;
    expect((await c.get('/api/approvals')).statusCode).toBe(401);
  });
});

describe('sign-in', () => {
  it('sets an httpOnly SameSite=Strict session cookie with an expiry and returns the CSRF token', async () => {
    const res = await new Client(h.app).login('vera');
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^headroom_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Max-Age=43200'); // 12 hours
    expect(res.json().csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(res.json().user).toMatchObject({ username: 'vera', roles: ['viewer'] });
  });

  it('stores a scrypt hash, never the password, and only the hash of the session token', async () => {
    const c = await signedIn(h, 'rex');
    const rows = await h.asOwner(async (q) => (await q.query('SELECT password_hash FROM users')).rows);
    for (const r of rows) {
      expect(r.password_hash).toMatch(/^scrypt\$\d+\$8\$1\$/);
      expect(r.password_hash).not.toContain(PASSWORD);
    }
    const token = c.cookie!.split('=')[1]!;
    const sessions = await h.asOwner(async (q) => (await q.query('SELECT token_hash FROM sessions')).rows);
    expect(sessions.some((s) => s.token_hash === token)).toBe(false);
    expect(sessions.every((s) => /^[0-9a-f]{64}$/.test(String(s.token_hash)))).toBe(true);
  });

  it('a wrong password is 401 with one message for every failure, and both outcomes are logged', async () => {
    const c = new Client(h.app, '10.0.0.7');
    const bad = await c.login('rex', 'not the password');
    const unknown = await c.login('nobody-here', 'not the password');
    expect(bad.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(bad.json().message).toBe(unknown.json().message);
    await c.login('rex');
    const admin = await signedIn(h, 'ada');
    const events = (await admin.get('/api/login-events')).json().events as {
      username: string;
      ip: string;
      outcome: string;
    }[];
    const fromIp = events.filter((e) => e.ip === '10.0.0.7').map((e) => `${e.username}:${e.outcome}`);
    expect(fromIp.reverse()).toEqual(['rex:bad-password', 'nobody-here:unknown-user', 'rex:success']);
  });

  it('logout ends the session', async () => {
    const c = await signedIn(h, 'vera');
    expect((await c.request('POST', '/api/logout', {})).statusCode).toBe(200);
    expect((await c.get('/api/session')).statusCode).toBe(401);
  });
});

describe('repeated failed sign-ins are slowed', () => {
  it('after 5 failures for an account, even the right password waits (429, Retry-After)', async () => {
    await h.addUser('mallory-target', ['viewer']);
    // Each attempt from another address: the account's own count must trigger this.
    for (let i = 1; i <= 5; i++) {
      const res = await new Client(h.app, `10.1.0.${i}`).login('mallory-target', `guess ${i}`);
      expect(res.statusCode).toBe(401);
    }
    const res = await new Client(h.app, '10.1.0.99').login('mallory-target', PASSWORD);
    expect(res.statusCode).toBe(429);
    expect(res.json().error).toBe('too-many-attempts');
    // 30 s base delay after the 5th failure, less the moments since.
    const wait = Number(res.headers['retry-after']);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(30);
    const admin = await signedIn(h, 'ada');
    const events = (await admin.get('/api/login-events')).json().events as { username: string; outcome: string }[];
    expect(events.filter((e) => e.username === 'mallory-target').map((e) => e.outcome)).toEqual([
      'throttled',
      'bad-password',
      'bad-password',
      'bad-password',
      'bad-password',
      'bad-password',
    ]);
  });

  it('after 20 failures from one address, every account from it waits', async () => {
    const ip = '10.2.0.1';
    for (let i = 0; i < 20; i++) {
      expect((await new Client(h.app, ip).login(`someone-${i}`, 'guess')).statusCode).toBe(401);
    }
    expect((await new Client(h.app, ip).login('rex')).statusCode).toBe(429);
    // The same account from another address is not held up by this address.
    expect((await new Client(h.app, '10.2.0.2').login('rex')).statusCode).toBe(200);
  });
});

describe('CSRF', () => {
  it('a write without the X-CSRF-Token header is refused and changes nothing', async () => {
    const c = await signedIn(h, 'vera');
    const res = await c.request('PUT', '/api/commentary/cloud-services/2026-06-30', { text: 'x' }, { csrf: false });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toBe('csrf');
    const list = await c.get('/api/commentary?asOf=2026-06-30');
    expect(list.json().commentary).toEqual({});
  });

  it('a token of another session is refused', async () => {
    const a = await signedIn(h, 'vera');
    const b = await signedIn(h, 'rex');
    a.csrf = b.csrf;
    const res = await a.request('PUT', '/api/commentary/cloud-services/2026-06-30', { text: 'x' });
    expect(res.statusCode).toBe(403);
  });

  it('a form-encoded or text body (what a cross-site form can send) is refused', async () => {
    const c = await signedIn(h, 'vera');
    const res = await h.app.inject({
      method: 'PUT',
      url: '/api/commentary/cloud-services/2026-06-30',
      headers: { cookie: c.cookie!, 'x-csrf-token': c.csrf!, 'content-type': 'text/plain' },
      payload: '{"text":"x"}',
    });
    expect(res.statusCode).toBe(415);
  });
});

describe('roles', () => {
  it("a viewer's write of an approval, the threshold or the register is 403", async () => {
    const c = await signedIn(h, 'vera');
    const approval = await c.request('POST', '/api/approvals', {
      resolutionId: 'x',
      outcome: 'approved',
      date: '2026-06-30',
    });
    expect(approval.statusCode).toBe(403);
    expect((await c.request('PUT', '/api/settings/threshold', { thresholdPercent: '75' })).statusCode).toBe(403);
    expect((await c.request('DELETE', '/api/register/u-anything')).statusCode).toBe(403);
    expect((await c.request('POST', '/api/users', {})).statusCode).toBe(403);
  });

  it('only an admin lists and creates accounts; a person may hold several roles', async () => {
    const admin = await signedIn(h, 'ada');
    const created = await admin.request('POST', '/api/users', {
      username: 'fiona',
      displayName: 'Fiona Finance',
      password: 'a long enough password',
      roles: ['preparer', 'reviewer'],
    });
    expect(created.statusCode).toBe(201);
    const fiona = await signedIn(h, 'fiona').catch(() => null);
    expect(fiona).toBeNull(); // her password is not the test default
    const f = new Client(h.app);
    expect((await f.login('fiona', 'a long enough password')).json().user.roles).toEqual(['preparer', 'reviewer']);
    expect((await f.get('/api/users')).statusCode).toBe(403);
  });

  it('refuses a short password and a taken user name', async () => {
    const admin = await signedIn(h, 'ada');
    const weak = await admin.request('POST', '/api/users', {
      username: 'walt',
      displayName: 'Walt',
      password: 'short',
      roles: ['viewer'],
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error).toBe('weak-password');
    const taken = await admin.request('POST', '/api/users', {
      username: 'VERA',
      displayName: 'Another Vera',
      password: 'a long enough password',
      roles: ['viewer'],
    });
    expect(taken.statusCode).toBe(409);
  });

  it('rejects input outside the schema, naming the field', async () => {
    const admin = await signedIn(h, 'ada');
    const res = await admin.request('POST', '/api/users', {
      username: 'zed',
      displayName: 'Zed',
      password: 'a long enough password',
      roles: ['superuser'],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues[0].path).toBe('roles.0');
  });

  it("an auditor's account that has expired cannot sign in, and its open session stops working", async () => {
    await h.addUser('audrey', ['viewer'], { expiresOn: '2099-12-31' });
    const c = await signedIn(h, 'audrey');
    const admin = await signedIn(h, 'ada');
    const users = (await admin.get('/api/users')).json().users as { id: number; username: string }[];
    const id = users.find((u) => u.username === 'audrey')!.id;
    // Yesterday's date or any earlier one: the last day has passed.
    expect((await admin.request('PATCH', `/api/users/${id}`, { expiresOn: '2020-01-31' })).statusCode).toBe(200);
    expect((await c.get('/api/approvals')).statusCode).toBe(401);
    expect((await new Client(h.app).login('audrey')).statusCode).toBe(401);
  });
});

describe('password reset by an admin', () => {
  it("ends the person's sessions; the old password stops working and the history never holds it", async () => {
    await h.addUser('rita', ['reviewer']);
    const rita = await signedIn(h, 'rita');
    const admin = await signedIn(h, 'ada');
    const users = (await admin.get('/api/users')).json().users as { id: number; username: string }[];
    const id = users.find((u) => u.username === 'rita')!.id;
    expect((await admin.request('PATCH', `/api/users/${id}`, { password: 'short' })).statusCode).toBe(400);
    expect((await admin.request('PATCH', `/api/users/${id}`, { password: 'a brand new passphrase' })).statusCode).toBe(
      200,
    );
    expect((await rita.get('/api/session')).statusCode).toBe(401);
    expect((await new Client(h.app).login('rita')).statusCode).toBe(401);
    expect((await new Client(h.app).login('rita', 'a brand new passphrase')).statusCode).toBe(200);
    const history = JSON.stringify((await admin.get('/api/history?limit=1000')).json());
    expect(history).not.toContain('a brand new passphrase');
    expect(history).toContain('"password":"changed"');
  });
});
