// @vitest-environment node
/**
 * Team mode offline (src/storage/server/api.ts, readCache.ts): reads answered
 * from the last copy kept, "as at" its time; writes refused at once; the
 * address remembered as a team server; the copies gone at sign-out.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { detectTeamServer, ServerApi, ServerRequestError } from '../../../src/storage/server/api';
import { forgetReads, keptRead, markReached, offlineAsAt, worthKeeping } from '../../../src/storage/server/readCache';

/** Cache Storage and localStorage as a browser has them, in memory. */
function fakeBrowser() {
  const stores = new Map<string, Map<string, Response>>();
  const caches = {
    open: async (name: string) => {
      const m = stores.get(name) ?? new Map<string, Response>();
      stores.set(name, m);
      return {
        put: async (req: Request, res: Response) =>
          void m.set(new URL(req.url, 'http://x').pathname + new URL(req.url, 'http://x').search, res),
        match: async (req: Request) =>
          m.get(new URL(req.url, 'http://x').pathname + new URL(req.url, 'http://x').search)?.clone(),
      };
    },
    delete: async (name: string) => stores.delete(name),
  };
  const local = new Map<string, string>();
  vi.stubGlobal('caches', caches);
  vi.stubGlobal('localStorage', {
    getItem: (k: string) => local.get(k) ?? null,
    setItem: (k: string, v: string) => void local.set(k, v),
    removeItem: (k: string) => void local.delete(k),
  });
  // Relative URLs as a page resolves them.
  const RealRequest = Request;
  vi.stubGlobal(
    'Request',
    class extends RealRequest {
      constructor(input: string, init?: RequestInit) {
        super(new URL(input, 'http://127.0.0.1:4180').toString(), init);
      }
    },
  );
  return { local };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const settle = () => new Promise((r) => setTimeout(r, 10));

beforeEach(() => {
  markReached();
});
afterEach(async () => {
  await forgetReads();
  vi.unstubAllGlobals();
});

describe('team mode offline', () => {
  it('a read the server answered is kept; offline it is answered from the copy, as at when it was read', async () => {
    fakeBrowser();
    const api = new ServerApi();
    vi.stubGlobal('fetch', async () => json({ thresholdPercent: '75' }));
    const before = new Date().toISOString();
    expect(await api.get('/api/settings')).toEqual({ thresholdPercent: '75' });
    await settle();
    const kept = await keptRead('/api/settings');
    expect(JSON.parse(kept!.text)).toEqual({ thresholdPercent: '75' });
    expect(kept!.at >= before).toBe(true);
    expect(offlineAsAt()).toBeNull();

    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(await api.get('/api/settings')).toEqual({ thresholdPercent: '75' });
    expect(offlineAsAt()).toBe(kept!.at);
    // A read with no copy says why.
    await expect(api.get('/api/register')).rejects.toMatchObject({ code: 'offline', status: 0 });

    // A write is refused at once, with the reason; nothing is queued.
    const refused = (await api
      .write('PUT', '/api/settings/threshold', { thresholdPercent: '70' })
      .catch((e: unknown) => e)) as ServerRequestError;
    expect(refused).toBeInstanceOf(ServerRequestError);
    expect(refused.message).toBe(
      'The team server cannot be reached: nothing can be changed until it can. The data shown is an earlier copy, read-only.',
    );

    // The server answers again: current, no longer "as at".
    vi.stubGlobal('fetch', async () => json({ thresholdPercent: '70' }));
    expect(await api.get('/api/settings')).toEqual({ thresholdPercent: '70' });
    expect(offlineAsAt()).toBeNull();
  });

  it("a proxy's 502/503/504 counts as unreachable; a refusal by the server does not", async () => {
    fakeBrowser();
    const api = new ServerApi();
    vi.stubGlobal('fetch', async () => json({ approvals: [] }));
    await api.get('/api/approvals');
    await settle();
    vi.stubGlobal('fetch', async () => new Response('Bad Gateway', { status: 502 }));
    expect(await api.get('/api/approvals')).toEqual({ approvals: [] });
    expect(offlineAsAt()).not.toBeNull();
    markReached();
    vi.stubGlobal('fetch', async () => json({ error: 'forbidden', message: 'This needs the role reviewer.' }, 403));
    await expect(api.get('/api/approvals')).rejects.toMatchObject({ status: 403, code: 'forbidden' });
    expect(offlineAsAt()).toBeNull();
  });

  it('whole-ledger walks are not kept; signing out removes every copy', async () => {
    expect(worthKeeping('/api/ledger/page?offset=0&limit=100')).toBe(true);
    expect(worthKeeping('/api/ledger/page?offset=0&limit=10000')).toBe(false);
    expect(worthKeeping('/api/events')).toBe(false);
    expect(worthKeeping('/api/overview')).toBe(true);
    fakeBrowser();
    vi.stubGlobal('fetch', async () => json({ ok: true }));
    await new ServerApi().get('/api/overview');
    await settle();
    expect(await keptRead('/api/overview')).not.toBeNull();
    await forgetReads();
    expect(await keptRead('/api/overview')).toBeNull();
  });

  it('the address is remembered as a team server: offline it stays in team mode, a local server clears it', async () => {
    const { local } = fakeBrowser();
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(await detectTeamServer()).toBe(false);
    vi.stubGlobal('fetch', async () => json({ mode: 'team' }));
    expect(await detectTeamServer()).toBe(true);
    expect(local.get('headroom.teamServer')).toBe('1');
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(await detectTeamServer()).toBe(true);
    // `npm start` on the same address: its answer is the app's page, not the API's JSON.
    vi.stubGlobal('fetch', async () => new Response('<!doctype html>', { headers: { 'content-type': 'text/html' } }));
    expect(await detectTeamServer()).toBe(false);
    expect(local.has('headroom.teamServer')).toBe(false);
  });
});
