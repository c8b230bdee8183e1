// @vitest-environment node
/**
 * The cache of aggregate responses (server/http/readCache.ts): a read that
 * follows an acknowledged write answers the new figure, in the same server at
 * once and in another server on the same database within 2 s; a repeated read
 * with no write between is answered from the cache.
 */
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toDayNumber } from '../../src/domain/dates';
import { notify } from '../../server/accounts';
import { chooseEncoding, type ReadCache } from '../../server/http/readCache';
import { Client, type Harness } from './harness';
import { PAT_REX_VERA, startTeam } from './support/team';

let h: Harness, pat: Client, rex: Client, vera: Client; // pat prepares and reviews, rex reviews, vera views
beforeAll(async () => ({ h, pat, rex, vera } = await startTeam(PAT_REX_VERA)), 120_000);
afterAll(() => h?.close());

interface Overview {
  ledger: {
    categories: { categoryId: string; days: number[]; sums: string[]; counts: number[] }[];
    complete: string[];
    pending: { batches: number; rows: number; byCategory: Record<string, { count: number; sumMinor: string }> };
  };
  approvals: { resolutionId: string; outcome: string; date: string }[];
  thresholdPercent: string;
}
const cacheOf = (app: unknown) => (app as { readCache: ReadCache }).readCache;
const overviewOf = async (c: Client) => {
  const res = await c.get('/api/overview');
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Overview;
};
/** The sum stored for a category on one day, or null when the overview has none. */
const sumOn = (o: Overview, categoryId: string, iso: string) => {
  const c = o.ledger.categories.find((x) => x.categoryId === categoryId);
  const i = c ? c.days.indexOf(toDayNumber(iso)) : -1;
  return i < 0 ? null : c!.sums[i]!;
};
const IMPORT_URL = '/api/ledger/imports?fileName=march.csv&mapping=date,category,amount,reference,description';
const csv = (ref: string) =>
  [
    'Date,Category,Amount,Reference,Description',
    `2026-03-10,idc-services,40.10,${ref}-1,a`,
    `2026-03-11,idc-services,2.00,${ref}-2,b`,
  ].join('\n');

describe('one server: a write followed at once by a read', () => {
  it('a repeated read with no write between is served from the cache, the same answer', async () => {
    const first = await vera.get('/api/overview');
    const hits = cacheOf(h.app).hits;
    const again = await rex.get('/api/overview');
    expect(cacheOf(h.app).hits).toBe(hits + 1);
    expect(again.body).toBe(first.body);
    expect(again.headers['content-type']).toBe('application/json; charset=utf-8');
  });

  it('a manual entry, added and deleted, is in the next overview and totals, and then gone', async () => {
    expect(sumOn(await overviewOf(vera), 'cloud-services', '2026-03-02')).toBeNull();
    await vera.get('/api/ledger/totals');
    const added = await pat.request('POST', '/api/ledger/manual', {
      day: toDayNumber('2026-03-02'),
      categoryId: 'cloud-services',
      amountMinor: 1234567,
      reference: 'M-1',
      description: 'manual',
    });
    expect(added.statusCode, added.body).toBe(200);
    expect(sumOn(await overviewOf(vera), 'cloud-services', '2026-03-02')).toBe('1234567');
    expect(
      sumOn({ ledger: (await vera.get('/api/ledger/totals')).json() } as Overview, 'cloud-services', '2026-03-02'),
    ).toBe('1234567');
    const summary = `/api/ledger/summary?categoryId=cloud-services&startDay=${toDayNumber('2026-03-01')}`;
    expect((await vera.get(summary)).json().byCategory).toEqual([
      { categoryId: 'cloud-services', count: 1, sumMinor: '1234567' },
    ]);

    const removed = await pat.request('DELETE', `/api/ledger/manual/${added.json().entry.id}`);
    expect(removed.statusCode).toBe(200);
    expect(sumOn(await overviewOf(vera), 'cloud-services', '2026-03-02')).toBeNull();
    expect((await vera.get(summary)).json().byCategory).toEqual([]);
  });

  it('an import counts "pending review" at once; its check, rejection and rollback show at once', async () => {
    await overviewOf(vera);
    await vera.get('/api/ledger/batches');
    const up = await pat.upload(IMPORT_URL, csv('IMP-A'), { 'idempotency-key': 'cache-import-a' });
    expect(up.statusCode, up.body).toBe(201);
    const a = up.json().batch.id as string;
    let o = await overviewOf(vera);
    expect(o.ledger.pending).toEqual({
      batches: 1,
      rows: 2,
      byCategory: { 'idc-services': { count: 2, sumMinor: '4210' } },
    });
    expect(sumOn(o, 'idc-services', '2026-03-10')).toBe('4010');
    expect((await vera.get('/api/ledger/batches')).json().batches.map((b: { id: string }) => b.id)).toEqual([a]);

    expect((await rex.request('POST', `/api/ledger/batches/${a}/check`, { decision: 'apply' })).statusCode).toBe(200);
    o = await overviewOf(vera);
    expect(o.ledger.pending.batches).toBe(0);
    expect(sumOn(o, 'idc-services', '2026-03-10')).toBe('4010');
    expect((await vera.get('/api/ledger/batches')).json().batches[0]).toMatchObject({ id: a, status: 'committed' });

    expect((await pat.request('POST', `/api/ledger/batches/${a}/rollback`)).statusCode).toBe(200);
    o = await overviewOf(vera);
    expect(sumOn(o, 'idc-services', '2026-03-10')).toBeNull();

    const second = await pat.upload(IMPORT_URL, csv('IMP-B'), { 'idempotency-key': 'cache-import-b' });
    expect(second.statusCode, second.body).toBe(201);
    expect((await overviewOf(vera)).ledger.pending.rows).toBe(2);
    const b = second.json().batch.id as string;
    expect((await rex.request('POST', `/api/ledger/batches/${b}/check`, { decision: 'reject' })).statusCode).toBe(200);
    o = await overviewOf(vera);
    expect(o.ledger.pending).toEqual({ batches: 0, rows: 0, byCategory: {} });
    expect(sumOn(o, 'idc-services', '2026-03-11')).toBeNull();
  });

  it('a checked threshold, AGM outcome and ledger-complete flag are in the next overview', async () => {
    expect((await overviewOf(vera)).thresholdPercent).toBe('80');
    const proposed = await pat.request('PUT', '/api/settings/threshold', { thresholdPercent: '75' });
    expect(proposed.statusCode).toBe(202);
    // Proposed is not in force.
    expect((await overviewOf(vera)).thresholdPercent).toBe('80');
    const checked = await rex.request('POST', `/api/changes/${proposed.json().changeId}/check`, { decision: 'apply' });
    expect(checked.statusCode, checked.body).toBe(200);
    expect((await overviewOf(vera)).thresholdPercent).toBe('75');

    const outcome = await rex.request('POST', '/api/approvals', {
      resolutionId: 'agm-2026-cloud-services',
      outcome: 'approved',
      date: '2026-06-30',
    });
    expect(outcome.statusCode).toBe(202);
    expect((await overviewOf(vera)).approvals).toEqual([]);
    await pat.request('POST', `/api/changes/${outcome.json().changeId}/check`, { decision: 'apply' });
    expect((await overviewOf(vera)).approvals).toEqual([
      { resolutionId: 'agm-2026-cloud-services', outcome: 'approved', date: '2026-06-30' },
    ]);

    expect((await pat.request('PUT', '/api/ledger/complete/idc-services', { complete: true })).statusCode).toBe(200);
    expect((await overviewOf(vera)).ledger.complete).toEqual(['idc-services']);
  });

  it('compressed answers (brotli, gzip) carry the same JSON as the plain one', async () => {
    // Enough rows for the overview to pass the compression threshold (1 KiB).
    const lines = ['Date,Category,Amount,Reference,Description'];
    for (let d = 1; d <= 28; d++) {
      for (const m of ['07', '08', '09', '10'])
        lines.push(`2026-${m}-${String(d).padStart(2, '0')},cloud-services,${d}.00,Z-${m}-${d},x`);
    }
    expect((await pat.upload(IMPORT_URL, lines.join('\n'), { 'idempotency-key': 'cache-import-z' })).statusCode).toBe(
      201,
    );
    const plain = await h.app.inject({ url: '/api/overview', headers: { cookie: vera.cookie! } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(1024);
    for (const [accept, encoding, unzip] of [
      ['gzip, deflate, br', 'br', brotliDecompressSync],
      ['gzip, br;q=0', 'gzip', gunzipSync],
    ] as const) {
      const res = await h.app.inject({
        url: '/api/overview',
        headers: { cookie: vera.cookie!, 'accept-encoding': accept },
      });
      expect(res.headers['content-encoding']).toBe(encoding);
      expect(res.headers.vary).toContain('accept-encoding');
      expect(unzip(res.rawPayload).toString('utf8')).toBe(plain.body);
    }
    expect(sumOn(plain.json(), 'cloud-services', '2026-10-28')).toBe('2800');
  });

  it('nothing is reused while the notices of other servers cannot be heard', async () => {
    await vera.get('/api/overview');
    const { hits, misses } = cacheOf(h.app);
    h.db.generation.listening = false;
    try {
      await vera.get('/api/overview');
      await vera.get('/api/overview');
    } finally {
      h.db.generation.listening = true;
    }
    expect(cacheOf(h.app).hits).toBe(hits);
    expect(cacheOf(h.app).misses).toBe(misses + 2);
  });

  it('needs a session before anything is answered from the cache', async () => {
    await vera.get('/api/overview');
    expect((await h.app.inject({ url: '/api/overview' })).statusCode).toBe(401);
  });
});

describe('the data generation', () => {
  it('moves when a transaction that announced a change commits, before tx() answers; not otherwise', async () => {
    // A handle nothing listens on: only its own commits move its generation.
    const d = await h.secondDb();
    try {
      const g = d.generation.value;
      await d.tx(async (q) => q.query('SELECT count(*) FROM ledger_daily'));
      expect(d.generation.value).toBe(g);
      await expect(
        d.tx(async (q) => {
          await notify(q, { entity: 'test', key: 'rolled-back' });
          throw new Error('changed my mind');
        }),
      ).rejects.toThrow('changed my mind');
      expect(d.generation.value).toBe(g);
      await d.tx(async (q) => notify(q, { entity: 'test', key: 'committed' }));
      expect(d.generation.value).toBe(g + 1);
    } finally {
      await d.close();
    }
  });
});

describe('two servers on one database', () => {
  it("each sees the other's writes within 2 s, with its own cache warm", async () => {
    const other = await h.secondServer();
    try {
      const veraB = new Client(other.app);
      expect((await veraB.login('vera')).statusCode).toBe(200);
      const patB = new Client(other.app);
      expect((await patB.login('pat')).statusCode).toBe(200);

      /** Polls `c`'s overview until `ok` holds; returns the milliseconds it took. */
      const until = async (c: Client, ok: (o: Overview) => boolean) => {
        const t0 = Date.now();
        while (!ok(await overviewOf(c))) {
          if (Date.now() - t0 > 2000) throw new Error('not seen within 2 s');
          await new Promise((r) => setTimeout(r, 20));
        }
        return Date.now() - t0;
      };
      // Both caches warm, without the entry of May 5.
      expect(sumOn(await overviewOf(veraB), 'hardware-equipment', '2026-05-05')).toBeNull();
      expect(sumOn(await overviewOf(vera), 'hardware-equipment', '2026-05-05')).toBeNull();
      const entry = (amountMinor: number, reference: string) => ({
        day: toDayNumber('2026-05-05'),
        categoryId: 'hardware-equipment',
        amountMinor,
        reference,
        description: '',
      });

      // Written through the first server, read through the second.
      expect((await pat.request('POST', '/api/ledger/manual', entry(500, 'A-1'))).statusCode).toBe(200);
      expect(await until(veraB, (o) => sumOn(o, 'hardware-equipment', '2026-05-05') === '500')).toBeLessThan(2000);

      // And the other way: the second server's own read at once, the first's within 2 s.
      expect((await patB.request('POST', '/api/ledger/manual', entry(700, 'B-1'))).statusCode).toBe(200);
      expect(sumOn(await overviewOf(veraB), 'hardware-equipment', '2026-05-05')).toBe('1200');
      expect(await until(vera, (o) => sumOn(o, 'hardware-equipment', '2026-05-05') === '1200')).toBeLessThan(2000);
    } finally {
      await other.close();
    }
  });
});

describe('chooseEncoding', () => {
  it.each([
    [undefined, null],
    ['', null],
    ['gzip, deflate, br', 'br'],
    ['gzip', 'gzip'],
    ['br;q=0, gzip;q=0.5', 'gzip'],
    ['deflate', null],
    ['*', 'br'],
    ['*;q=0', null],
    ['identity', null],
    ['GZIP', 'gzip'],
  ] as const)('%s → %s', (header, expected) => {
    expect(chooseEncoding(header)).toBe(expected);
  });
});
