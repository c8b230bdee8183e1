// @vitest-environment node
/**
 * The team server's refusals carry a stable code, the catalogue key of their
 * wording and its values; the English message is the catalogue's English
 * text (word for word what it was), and the browser words the same key in
 * Chinese (src/ui/messages/apiErrors.ts, errorText as the screens use it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorText } from '../../src/ui/messages/apiErrors';
import { ServerRequestError } from '../../src/storage/server/api';
import { Client, type Harness, signedIn } from './harness';
import { startTeam } from './support/team';

let h: Harness;
let pat: Client;
let vera: Client;
beforeAll(async () => {
  ({ h, pat, vera } = await startTeam(
    {
      pat: { roles: ['preparer', 'reviewer'] },
      vera: { roles: ['viewer'] },
      tom: { roles: ['viewer'], signIn: false },
    },
    { accountFailures: 2, baseDelaySeconds: 30 },
  ));
}, 120_000);
afterAll(() => h?.close());

/** The refusal as the browser's API client turns the response into an error. */
function asClientError(res: { statusCode: number; json(): Record<string, unknown> }): ServerRequestError {
  const { error, message, key, params, ...extra } = res.json();
  return new ServerRequestError(
    res.statusCode,
    String(error),
    String(message),
    extra,
    key as string,
    params as Record<string, unknown>,
  );
}

describe('a refusal in both languages', () => {
  it("a viewer's write: 403 forbidden, the role named in English and in Chinese", async () => {
    const res = await vera.request('POST', '/api/approvals', {
      resolutionId: 'agm-2026-cloud-services',
      outcome: 'approved',
      date: '2026-06-30',
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({
      error: 'forbidden',
      message: 'This needs the role reviewer.',
      key: 'forbidden',
      params: { roles: ['reviewer'] },
    });
    const err = asClientError(res);
    expect(errorText(err, 'en')).toBe('This needs the role reviewer.');
    expect(errorText(err, 'zh')).toBe('此操作需要复核人角色。');
  });

  it('a preparer who is also a reviewer checking their own proposal: refused in Chinese', async () => {
    const proposed = await pat.request('POST', '/api/approvals', {
      resolutionId: 'agm-2026-cloud-services',
      outcome: 'approved',
      date: '2026-06-30',
    });
    expect(proposed.statusCode).toBe(202);
    const own = await pat.request('POST', `/api/changes/${proposed.json().changeId}/check`, { decision: 'apply' });
    expect(own.statusCode).toBe(403);
    expect(own.json()).toMatchObject({
      error: 'own-change',
      message: 'Nobody checks their own change: a second person must check it.',
    });
    expect(errorText(asClientError(own), 'zh')).toBe('任何人都不能复核自己提出的变更：须由另一人复核。');
  });

  it('a write without the CSRF token', async () => {
    const res = await vera.request('PUT', '/api/commentary/cloud-services/2026-06-30', { text: 'x' }, { csrf: false });
    expect(res.statusCode).toBe(403);
    const err = asClientError(res);
    expect(err.message).toBe('Missing or wrong X-CSRF-Token header; reload the page.');
    expect(errorText(err, 'zh')).toBe('X-CSRF-Token请求头缺失或不正确；请重新载入页面。');
  });

  it('an input that fails its schema names the field in both languages', async () => {
    const res = await new Client(h.app).request('POST', '/api/login', { username: '', password: 'x' });
    expect(res.statusCode).toBe(400);
    const err = asClientError(res);
    expect(err.code).toBe('invalid-input');
    expect(err.message).toMatch(/^Invalid sign-in: username: /);
    expect(err.extra.issues).toEqual([{ path: 'username', message: expect.any(String) }]);
    expect(errorText(err, 'zh')).toBe('登录的输入无效：username：太短或为空');
  });

  it('repeated failed sign-ins are slowed, the wait named in seconds', async () => {
    const c = new Client(h.app);
    for (let i = 0; i < 2; i++) expect((await c.login('tom', 'wrong')).statusCode).toBe(401);
    const bad = asClientError(await c.login('tom', 'wrong'));
    expect(bad.status).toBe(429);
    const wait = (bad.params as { wait: number }).wait;
    expect(wait).toBeGreaterThan(0);
    expect(bad.message).toBe(`Too many failed sign-ins; try again in ${wait} s.`);
    expect(errorText(bad, 'zh')).toBe(`登录失败次数过多；请在${wait}秒后重试。`);
  });

  it('a wrong password: one message for every failure, in Chinese too', async () => {
    const err = asClientError(await new Client(h.app).login('nobody', 'wrong'));
    expect(err.message).toBe('Wrong user name or password, or the account is closed.');
    expect(errorText(err, 'zh')).toBe('用户名或密码错误，或账户已停用。');
  });

  it('a change that does not exist: 404 not-found, the id named in English and Chinese', async () => {
    const res = await pat.request('POST', '/api/changes/999999/check', { decision: 'apply' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({
      error: 'not-found',
      message: 'No change 999999.',
      key: 'no-change',
      params: { id: 999999 },
    });
    expect(errorText(asClientError(res), 'zh')).toBe('没有变更 999999。');
  });

  it('a backup that is not JSON: 422 bad-backup, worded in both languages', async () => {
    await h.addUser('ada', ['admin']);
    const ada = await signedIn(h, 'ada');
    const res = await ada.upload('/api/admin/local-backup', 'not json', { 'content-type': 'application/octet-stream' });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      error: 'bad-backup',
      message: 'The file is not a Headroom backup (not valid JSON).',
      key: 'backup-not-json',
    });
    expect(errorText(asClientError(res), 'zh')).toBe('该文件不是 Headroom 备份（不是有效的 JSON）。');
  });

  it('an error without a key keeps its message in every language', () => {
    expect(errorText(new Error('disk full'), 'zh')).toBe('disk full');
    expect(errorText(new ServerRequestError(422, 'bad-backup', 'A binary column is cut.'), 'zh')).toBe(
      'A binary column is cut.',
    );
  });
});
