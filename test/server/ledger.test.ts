// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toDayNumber } from '../../src/domain/dates';
import { ServerRequestError } from '../../src/storage/server/api';
import { errorText } from '../../src/ui/messages/errorText';
import type { Client, Harness } from './harness';
import { PAT_REX_VERA, startTeam } from './support/team';

let h: Harness, pat: Client, rex: Client, vera: Client; // pat prepares and reviews, rex reviews, vera views
beforeAll(async () => ({ h, pat, rex, vera } = await startTeam(PAT_REX_VERA)), 120_000);
afterAll(() => h?.close());

const CSV = [
  'Date,Category,Amount,Reference,Description',
  '2026-01-15,cloud-services,"1,000.50",INV-1,January',
  '2026-01-15,cloud-services,200,INV-2,"Tab\tand ""quotes"""',
  "2026-02-01,idc-services,30.25,'; DROP TABLE ledger_rows; --,back\\slash",
].join('\n');
const URL_ = '/api/ledger/imports?fileName=jan.csv&mapping=date,category,amount,reference,description';

type Totals = {
  categories: { categoryId: string; days: number[]; sums: string[]; counts: number[] }[];
  pending: { batches: number; rows: number; byCategory: Record<string, { count: number; sumMinor: string }> };
};
const totals = async (c: Client) => (await c.get('/api/ledger/totals')).json() as Totals;
const storedRows = async () =>
  Number((await h.db.query<{ n: number }>('SELECT count(*)::int AS n FROM ledger_rows')).rows[0]!.n);

describe('streaming import', () => {
  let batchId = '';
  it('stores every row with COPY in one transaction, pending review, and counts it in the figures', async () => {
    const res = await pat.upload(URL_, CSV, { 'idempotency-key': 'upload-0001' });
    expect(res.statusCode, res.body).toBe(201);
    const out = res.json();
    expect(out.replayed).toBe(false);
    expect(out.batch).toMatchObject({ fileName: 'jan.csv', rowCount: 3, totalMinor: '123075', status: 'pending' });
    batchId = out.batch.id;
    const t = await totals(vera);
    const cloud = t.categories.find((c) => c.categoryId === 'cloud-services')!;
    expect(cloud).toEqual({
      categoryId: 'cloud-services',
      days: [toDayNumber('2026-01-15')],
      sums: ['120050'],
      counts: [2],
    });
    expect(t.categories.find((c) => c.categoryId === 'idc-services')!.sums).toEqual(['3025']);
    expect(t.pending).toEqual({
      batches: 1,
      rows: 3,
      byCategory: {
        'cloud-services': { count: 2, sumMinor: '120050' },
        'idc-services': { count: 1, sumMinor: '3025' },
      },
    });
    expect(await storedRows()).toBe(3);
  });

  it('a retried upload with the same idempotency key imports nothing twice', async () => {
    const again = await pat.upload(URL_, CSV, { 'idempotency-key': 'upload-0001' });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ replayed: true, batch: { id: batchId, rowCount: 3 } });
    expect(await storedRows()).toBe(3);
    expect((await totals(vera)).pending.rows).toBe(3);
  });

  it('texts are stored verbatim (tabs, quotes, backslashes, SQL) and a hostile filter finds nothing', async () => {
    const page = (await vera.get(`/api/ledger/page?categoryId=${encodeURIComponent('idc-services')}`)).json();
    expect(page.total).toBe(1);
    expect(page.rows[0]).toMatchObject({
      source: 'import',
      batchId,
      fileName: 'jan.csv',
      rowNumber: 4,
      reference: "'; DROP TABLE ledger_rows; --",
      description: 'back\\slash',
      amountMinor: 3025,
    });
    const all = (await vera.get('/api/ledger/page?limit=10')).json();
    expect(all.rows.map((r: { description: string }) => r.description)).toContain('Tab\tand "quotes"');
    const hostile = await vera.get(`/api/ledger/page?categoryId=${encodeURIComponent("x' OR '1'='1")}`);
    expect(hostile.json()).toEqual({ total: 0, offset: 0, rows: [] });
  });

  it('a file the import code refuses stores nothing', async () => {
    const bad = await pat.upload('/api/ledger/imports?fileName=bad.csv', 'just,a,header\n', {
      'idempotency-key': 'upload-0002',
    });
    expect(bad.statusCode).toBe(422);
    // The reader's refusal as codes and values (key import-refused); the English sentence for curl and the log.
    const body = bad.json();
    expect(body).toMatchObject({
      error: 'missing-column',
      message: 'bad.csv: no column for the date was found (columns: A "just", B "a", C "header"); map a column to date',
      key: 'import-refused',
      params: {
        fatal: { code: 'missing-column', detail: 'column-missing', fileName: 'bad.csv', params: { role: 'date' } },
      },
    });
    // The browser words the same refusal in Chinese, in full.
    const err = new ServerRequestError(422, body.error, body.message, {}, body.key, body.params);
    expect(errorText(err, 'en')).toBe(body.message);
    expect(errorText(err, 'zh')).toBe('bad.csv：找不到日期列（现有列：A“just”、B“a”、C“header”）；请将一列对应为日期');
    const empty = await pat.upload('/api/ledger/imports?fileName=empty.csv', '', { 'idempotency-key': 'upload-0003' });
    expect(empty.statusCode).toBe(422);
    expect(empty.json()).toMatchObject({ error: 'empty-file', message: 'empty.csv: the file is empty.' });
    // Dates only the user can order: the same sentence as the import screen's question, in both languages.
    const amb = await pat.upload(
      '/api/ledger/imports?fileName=amb.csv&mapping=date,category,amount,reference,description',
      'Date,Category,Amount,Reference,Description\n04/05/2026,cloud-services,1,A,B\n',
      { 'idempotency-key': 'upload-0004' },
    );
    expect(amb.statusCode).toBe(422);
    const ambBody = amb.json();
    expect(ambBody).toMatchObject({
      error: 'ambiguous-date-order',
      message:
        'amb.csv: every date (e.g. row 2: "04/05/2026") could be DD/MM/YYYY or MM/DD/YYYY. Choose the order. Give the date order (dateOrder=ymd, dmy or mdy).',
      key: 'import-date-order',
    });
    expect(
      errorText(new ServerRequestError(422, ambBody.error, ambBody.message, {}, ambBody.key, ambBody.params), 'zh'),
    ).toBe(
      'amb.csv：所有日期（例如第2行：“04/05/2026”）既可读作日/月/年，也可读作月/日/年。请选择顺序。请给出日期顺序（dateOrder=ymd、dmy 或 mdy）。',
    );
    expect(await storedRows()).toBe(3);
    expect((await vera.get('/api/ledger/batches')).json().batches).toHaveLength(1);
  });

  it('a viewer may not import; the importer may not check their own batch; a second reviewer can', async () => {
    expect((await vera.upload(URL_, CSV)).statusCode).toBe(403);
    const own = await pat.request('POST', `/api/ledger/batches/${batchId}/check`, { decision: 'apply' });
    expect(own.statusCode).toBe(403);
    expect(own.json().error).toBe('own-change');
    const ok = await rex.request('POST', `/api/ledger/batches/${batchId}/check`, { decision: 'apply' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().batch).toMatchObject({
      status: 'committed',
      checkedBy: 'Rex Reviewer',
      importedBy: 'Pat Preparer',
    });
    expect((await totals(vera)).pending).toEqual({ batches: 0, rows: 0, byCategory: {} });
    const verify = (await vera.get('/api/history/verify')).json();
    expect(verify.ok).toBe(true);
  });

  it('a rejected batch leaves neither rows nor aggregates', async () => {
    const res = await pat.upload(URL_.replace('jan.csv', 'feb.csv'), CSV.replace(/2026-01-15/g, '2026-03-02'));
    const id = res.json().batch.id as string;
    expect(await storedRows()).toBe(6);
    await rex.request('POST', `/api/ledger/batches/${id}/check`, { decision: 'reject' });
    expect(await storedRows()).toBe(3);
    const cloud = (await totals(vera)).categories.find((c) => c.categoryId === 'cloud-services')!;
    expect(cloud.sums).toEqual(['120050']);
  });
});

describe('manual entries and rollback', () => {
  it('add, edit and delete keep the aggregates exact', async () => {
    const day = toDayNumber('2026-01-15');
    const add = await pat.request('POST', '/api/ledger/manual', {
      day,
      categoryId: 'cloud-services',
      amountMinor: 50,
      reference: 'M-1',
      description: 'by hand',
    });
    expect(add.statusCode, add.body).toBe(200);
    const id = add.json().entry.id as number;
    let cloud = (await totals(vera)).categories.find((c) => c.categoryId === 'cloud-services')!;
    expect(cloud).toMatchObject({ sums: ['120100'], counts: [3] });
    await pat.request('POST', '/api/ledger/manual', {
      id,
      day: day + 1,
      categoryId: 'cloud-services',
      amountMinor: '-70',
      reference: 'M-1',
      description: 'by hand',
    });
    cloud = (await totals(vera)).categories.find((c) => c.categoryId === 'cloud-services')!;
    expect(cloud).toMatchObject({ days: [day, day + 1], sums: ['120050', '-70'], counts: [2, 1] });
    expect((await vera.request('DELETE', `/api/ledger/manual/${id}`)).statusCode).toBe(403);
    const del = await pat.request('DELETE', `/api/ledger/manual/${id}`);
    expect(del.json().entry).toMatchObject({ id, amountMinor: -70 });
    cloud = (await totals(vera)).categories.find((c) => c.categoryId === 'cloud-services')!;
    expect(cloud).toMatchObject({ days: [day], sums: ['120050'] });
  });

  it('a rollback removes exactly one batch; the overview then reads an empty ledger', async () => {
    const batches = (await vera.get('/api/ledger/batches')).json().batches as { id: string; status: string }[];
    const committed = batches.find((b) => b.status === 'committed')!;
    const res = await pat.request('POST', `/api/ledger/batches/${committed.id}/rollback`);
    expect(res.json().batch.status).toBe('rolled-back');
    expect(await storedRows()).toBe(0);
    const overview = (await vera.get('/api/overview')).json();
    expect(overview.ledger.categories).toEqual([]);
    expect(overview.thresholdPercent).toBe('80');
  });
});
