// @vitest-environment node
/**
 * A server import checked against the STORED ledger (server/ledger/storedDuplicates.ts):
 * rows of other batches and manual entries with the same date, category,
 * amount and reference, reported per bucket like the local import, and left
 * out — rows, aggregates, the batch's count and total — when skipping.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { toDayNumber } from '../../src/domain/dates';
import { packStrings } from '../../src/domain/import/accepted';
import type { ServerApi } from '../../src/storage/server/api';
import { storedDuplicatesOnServer } from '../../src/storage/server/serverDuplicates';
import { IMPORT_CHECK_LOCK } from '../../server/ledger/imports';
import { type Client, type Harness, signedIn, startHarness } from './harness';

let h: Harness;
let pat: Client;
let janId = '';
let manualId = 0;
beforeAll(async () => {
  h = await startHarness();
  await h.addUser('pat', ['preparer'], { displayName: 'Pat Preparer' });
  pat = await signedIn(h, 'pat');
  const jan = await pat.upload(
    url('jan.csv', false),
    csv(
      '2026-01-15,cloud-services,"1,000.50",INV-1,January',
      '2026-01-15,cloud-services,200,INV-2,January',
      '2026-02-01,idc-services,30.25,REF-9,February',
    ),
  );
  expect(jan.statusCode, jan.body).toBe(201);
  janId = jan.json().batch.id;
  const m = await pat.request('POST', '/api/ledger/manual', {
    day: toDayNumber('2026-03-03'),
    categoryId: 'api-services',
    amountMinor: 7700,
    reference: 'M-1',
    description: 'entered by hand',
  });
  manualId = m.json().entry.id;
}, 120_000);
afterAll(() => h?.close());

const url = (fileName: string, skip: boolean) =>
  `/api/ledger/imports?fileName=${fileName}&mapping=date,category,amount,reference,description&skipDuplicates=${skip}`;
const csv = (...rows: string[]) => ['Date,Category,Amount,Reference,Description', ...rows].join('\n');

// Rows 2–7 of the file: two repeat January's import, one the manual entry, one an identical earlier row of the file (description too, as the local import).
const FEB = csv(
  '2026-01-15,cloud-services,"1,000.50",INV-1,again',
  '2026-03-03,api-services,77,M-1,the manual entry again',
  '2026-03-04,api-services,10,N-1,new',
  '2026-03-04,api-services,10,N-1,new',
  '2026-01-15,cloud-services,200,INV-2-X,same day and amount but another reference',
  '2026-02-01,idc-services,30.25,REF-9,again',
);

const daily = async (batchId: string) =>
  (
    await h.db.query<{ category_id: string; day: number; sum_minor: string; row_count: number }>(
      'SELECT category_id, day, sum_minor::text AS sum_minor, row_count FROM ledger_daily WHERE source = $1 ORDER BY category_id, day',
      [batchId],
    )
  ).rows.map((r) => [r.category_id, Number(r.day), r.sum_minor, Number(r.row_count)]);

it('imported with its duplicates: every bucket reported, every row stored', async () => {
  const res = await pat.upload(url('feb.csv', false), FEB);
  expect(res.statusCode, res.body).toBe(201);
  const out = res.json();
  expect(out.batch).toMatchObject({ rowCount: 6, totalMinor: '132775', skippedDuplicates: 0 });
  expect(out.duplicates).toEqual({
    withinFile: { count: 1, totalMinor: '1000', skipped: false },
    stored: {
      count: 3,
      totalMinor: '110775',
      byCategory: {
        'api-services': { count: 1, totalMinor: '7700' },
        'cloud-services': { count: 1, totalMinor: '100050' },
        'idc-services': { count: 1, totalMinor: '3025' },
      },
      listed: [
        { row: 2, stored: { source: 'import', batchId: janId, fileName: 'jan.csv', rowNumber: 2 } },
        { row: 3, stored: { source: 'manual', manualId } },
        { row: 7, stored: { source: 'import', batchId: janId, fileName: 'jan.csv', rowNumber: 4 } },
      ],
      skipped: false,
    },
  });
  const rolledBack = await pat.request('POST', `/api/ledger/batches/${out.batch.id}/rollback`);
  expect(rolledBack.statusCode).toBe(200);
});

it('skipping duplicates leaves out both buckets: rows, aggregates, count and total, in the history too', async () => {
  // The rolled-back February batch has no rows left: its rows are not duplicates any more.
  const res = await pat.upload(url('feb.csv', true), FEB);
  expect(res.statusCode, res.body).toBe(201);
  const out = res.json();
  expect(out.duplicates.withinFile).toEqual({ count: 1, totalMinor: '1000', skipped: true });
  expect(out.duplicates.stored).toMatchObject({ count: 3, totalMinor: '110775', skipped: true });
  expect(out.batch).toMatchObject({
    rowCount: 2,
    totalMinor: '21000',
    skippedDuplicates: 4,
    minDay: toDayNumber('2026-01-15'),
    maxDay: toDayNumber('2026-03-04'),
  });
  expect(await daily(out.batch.id)).toEqual([
    ['api-services', toDayNumber('2026-03-04'), '1000', 1],
    ['cloud-services', toDayNumber('2026-01-15'), '20000', 1],
  ]);
  const { rows } = await h.db.query<{ row_number: number }>(
    'SELECT row_number FROM ledger_rows WHERE batch_id = $1 ORDER BY row_number',
    [out.batch.id],
  );
  expect(rows.map((r) => Number(r.row_number))).toEqual([4, 6]);
  // The overview's figure: January's 1,200.50 plus the new 200.00 on January 15.
  const totals = (await pat.get('/api/ledger/totals')).json();
  const cloud = totals.categories.find((c: { categoryId: string }) => c.categoryId === 'cloud-services');
  expect(cloud).toEqual({
    categoryId: 'cloud-services',
    days: [toDayNumber('2026-01-15')],
    sums: ['140050'],
    counts: [3],
  });
  const history = (await pat.get('/api/history?limit=1000')).json().records.at(-1);
  expect(history.detail).toMatchObject({
    rowCount: 2,
    totalMinor: '21000',
    totalsByCategory: { 'api-services': '1000', 'cloud-services': '20000' },
    skippedDuplicates: 4,
    duplicates: {
      withinFile: { count: 1, totalMinor: '1000' },
      stored: { count: 3, totalMinor: '110775' },
      skipped: true,
    },
  });
});

it('a file whose every row is already stored imports nothing when skipping', async () => {
  const before = (await h.db.query<{ n: number }>('SELECT count(*)::int AS n FROM ledger_batches')).rows[0]!.n;
  const res = await pat.upload(url('again.csv', true), csv('2026-01-15,cloud-services,200,INV-2,January'));
  expect(res.statusCode).toBe(422);
  expect(res.json()).toMatchObject({
    error: 'no-rows',
    message: 'again.csv: every row is already stored (1 duplicates of stored rows); nothing was imported.',
  });
  expect((await h.db.query<{ n: number }>('SELECT count(*)::int AS n FROM ledger_batches')).rows[0]!.n).toBe(before);
});

it('a new month shares no day with the stored ledger: nothing to compare', async () => {
  const res = await pat.upload(url('may.csv', true), csv('2026-05-02,cloud-services,200,INV-2,January'));
  expect(res.statusCode).toBe(201);
  expect(res.json().duplicates.stored).toEqual({
    count: 0,
    totalMinor: '0',
    byCategory: {},
    listed: [],
    skipped: true,
  });
  expect(res.json().batch.rowCount).toBe(1);
});

it("the import page's preview finds the same stored duplicates before anything is sent", async () => {
  // The browser's adapter against this server: only the file's (category, day) pairs go up.
  const api = {
    write: async (method: 'POST', path: string, body: unknown) => {
      const res = await pat.request(method, path, body);
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    },
  } as unknown as ServerApi;
  const ids = ['cloud-services', 'api-services', 'idc-services'];
  const d = (s: string) => toDayNumber(s);
  const chunk = {
    length: 4,
    day: Int32Array.from([d('2026-01-15'), d('2026-03-03'), d('2026-03-04'), d('2026-01-15')]),
    category: Uint8Array.from([0, 1, 1, 0]),
    amountMinor: Float64Array.from([100050, 7700, 999, 20000]),
    reference: packStrings(['INV-1', 'M-1', 'N-9', 'INV-2-Y']),
    description: packStrings(['', '', '', '']),
    rowNumber: Int32Array.from([2, 3, 4, 5]),
  };
  const stored = await storedDuplicatesOnServer(api, [chunk], ids);
  expect(stored.count).toBe(2);
  expect(Array.from(stored.mask)).toEqual([1, 1, 0, 0]);
  expect(stored.listed).toEqual([
    { index: 0, row: 2, stored: { source: 'import', batchId: janId, fileName: 'jan.csv', rowNumber: 2 } },
    { index: 1, row: 3, stored: { source: 'manual', manualId } },
  ]);
  // A new month: the server has nothing on those days and sends nothing.
  const may = { ...chunk, length: 1, day: Int32Array.from([d('2027-05-02')]), category: Uint8Array.from([0]) };
  expect((await storedDuplicatesOnServer(api, [may], ids)).count).toBe(0);
  // Only a preparer asks (they alone import).
  await h.addUser('vic', ['viewer']);
  const vic = await signedIn(h, 'vic');
  expect((await vic.request('POST', '/api/ledger/duplicates/preview', { days: [] })).statusCode).toBe(403);
});

it("two uploads of the same file at once (different keys): the second reports the first one's rows as stored duplicates", async () => {
  const file = csv('2026-06-01,cloud-services,11.00,RACE-1,x', '2026-06-02,cloud-services,22.00,RACE-2,y');
  let settled = 0;
  const upload = (name: string, key: string) =>
    pat.upload(url(name, false), file, { 'idempotency-key': key }).finally(() => settled++);
  const both = () => Promise.all([upload('race-a.csv', 'race-key-aaaa'), upload('race-b.csv', 'race-key-bbbb')]);
  let results: Awaited<ReturnType<typeof both>>;
  if (h.db.kind === 'postgres') {
    // Another session holds the import lock: an import that reaches its duplicate check waits
    // for it (and so does the other, behind it), and neither is answered until it is released.
    results = await h.asOwner(async (q) => {
      await q.query('SELECT pg_advisory_lock($1)', [IMPORT_CHECK_LOCK]);
      const running = both();
      let waiting = 0;
      try {
        for (const t0 = Date.now(); settled < 2 && Date.now() - t0 < 30_000;) {
          const { rows } = await q.query<{ n: number }>(
            "SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND objid = $1",
            [IMPORT_CHECK_LOCK],
          );
          waiting = rows[0]!.n;
          if (waiting > 0) break;
          await new Promise((r) => setTimeout(r, 20));
        }
        await new Promise((r) => setTimeout(r, 200));
        expect(waiting).toBe(1);
        expect(settled).toBe(0);
      } finally {
        await q.query('SELECT pg_advisory_unlock($1)', [IMPORT_CHECK_LOCK]);
      }
      return running;
    });
  } else {
    // PGlite has one connection: its transactions run one at a time.
    results = await both();
  }
  for (const r of results) expect(r.statusCode, r.body).toBe(201);
  const [first, second] = results
    .map((r) => r.json())
    .sort((a, b) => a.duplicates.stored.count - b.duplicates.stored.count);
  expect(first.duplicates.stored).toMatchObject({ count: 0, totalMinor: '0' });
  expect(second.duplicates.stored).toMatchObject({
    count: 2,
    totalMinor: '3300',
    byCategory: { 'cloud-services': { count: 2, totalMinor: '3300' } },
    skipped: false,
  });
  expect(second.duplicates.stored.listed).toEqual([
    { row: 2, stored: { source: 'import', batchId: first.batch.id, fileName: first.batch.fileName, rowNumber: 2 } },
    { row: 3, stored: { source: 'import', batchId: first.batch.id, fileName: first.batch.fileName, rowNumber: 3 } },
  ]);
});
