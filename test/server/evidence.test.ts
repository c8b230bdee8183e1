// @vitest-environment node
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANGES_CHANNEL } from '../../server/accounts';
import type { PriceCheck, PurchaseOrder, Quote } from '../../src/domain/evidence/pricing';
import { GDS_QUOTE, idcOrder } from '../unit/domain/evidence/orderFixture';
import { type Client, type Harness, signedIn, startHarness } from './harness';

let h: Harness;
let pat: Client; // preparer
let vera: Client; // viewer
let rex: Client; // reviewer
const events: Record<string, unknown>[] = [];
let stopListening: () => Promise<void>;

beforeAll(async () => {
  h = await startHarness();
  await h.addUser('pat', ['preparer'], { displayName: 'Pat Preparer' });
  await h.addUser('vera', ['viewer'], { displayName: 'Vera Viewer' });
  await h.addUser('rex', ['reviewer'], { displayName: 'Rex Reviewer' });
  [pat, vera, rex] = await Promise.all([signedIn(h, 'pat'), signedIn(h, 'vera'), signedIn(h, 'rex')]);
  stopListening = await h.db.listen(CHANGES_CHANNEL, (p) => events.push(JSON.parse(p) as Record<string, unknown>));
}, 120_000);
afterAll(async () => {
  await stopListening?.();
  await h?.close();
});

const INJECTION = 'Robert\'); DROP TABLE evidence_orders; -- 报价单 "x"';

const CHINDATA_QUOTE: Quote = {
  supplier: 'Chindata',
  amountMinor: '7900000',
  currency: 'USD',
  rate: '7.1',
  rateSource: 'PBOC central parity 2026-05-08',
  date: '2026-05-08',
  documentRef: 'CD-88',
  independent: true,
  comparable: true,
};

function order(over: Partial<PurchaseOrder> = {}): PurchaseOrder {
  return idcOrder({ id: 'po-idc-01', thirdPartyQuotes: [GDS_QUOTE, CHINDATA_QUOTE], ...over });
}

const check: PriceCheck = {
  id: 'pc-cloud-2026-q2',
  categoryId: 'cloud-services',
  quarter: '2026-Q2',
  date: '2026-07-03',
  reviewer: 'Internal audit',
  compared: ['published-list-prices', 'third-party-prices'],
  note: 'List prices v2026.2 against three customers',
  result: 'consistent',
};

const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function historyCount(): Promise<number> {
  return (await vera.get('/api/history?limit=1000')).json().records.length;
}

function upload(c: Client, name: string, type: string, body: Buffer) {
  return c.upload(`/api/evidence/attachments?${new URLSearchParams({ name, type })}`, body, {
    'content-type': 'application/octet-stream',
  });
}

describe('pricing evidence on the server', () => {
  it('round trip: an order with an attached quotation is stored with its history and read by every role', async () => {
    const before = await historyCount();
    events.length = 0;
    const up = await upload(pat, 'GDS quote.pdf', 'application/pdf', PDF);
    expect(up.statusCode).toBe(201);
    const att = up.json().attachment as { id: string; bytes: number; sha256: string };
    expect(att).toMatchObject({ name: 'GDS quote.pdf', type: 'application/pdf', bytes: PDF.length, sha256: sha(PDF) });
    // Staged: not part of the evidence until an order takes it in; nobody else can read it.
    expect((await vera.get(`/api/evidence/attachments/${att.id}`)).statusCode).toBe(404);

    const saved = await pat.request('PUT', '/api/evidence/orders/po-idc-01', {
      order: order(),
      attachments: [{ quotePath: 'quotes[0]', attachmentId: att.id }],
    });
    expect(saved.statusCode).toBe(200);
    const stored = { ...order() } as PurchaseOrder;
    const withDoc = {
      ...stored,
      thirdPartyQuotes: [
        { ...stored.thirdPartyQuotes[0]!, attachmentId: att.id, attachmentName: 'GDS quote.pdf', attachmentBytes: 51 },
        stored.thirdPartyQuotes[1]!,
      ],
    };
    expect(PDF.length).toBe(51);
    expect(saved.json().order).toEqual(withDoc);
    expect((await vera.get('/api/evidence/orders')).json().orders).toEqual([withDoc]);
    expect((await rex.get('/api/evidence/orders')).json().orders).toEqual([withDoc]);

    const doc = await vera.get(`/api/evidence/attachments/${att.id}`);
    expect(doc.statusCode).toBe(200);
    expect(doc.headers['content-type']).toBe('application/pdf');
    expect(doc.headers['content-disposition']).toBe("attachment; filename*=UTF-8''GDS%20quote.pdf");
    expect(doc.headers['x-content-sha256']).toBe(sha(PDF));
    expect(doc.rawPayload.equals(PDF)).toBe(true);

    // One history record, by the signed-in preparer, naming the document's hash; one change event.
    const records = (await vera.get('/api/history?limit=1000')).json().records as {
      actor: string;
      action: string;
      entity: string;
      entityKey: string;
      detail: { before: unknown; after: { attachmentSha256: Record<string, string> } };
    }[];
    expect(records.length).toBe(before + 1);
    const last = records.at(-1)!;
    expect(last).toMatchObject({
      actor: 'Pat Preparer (pat)',
      action: 'save',
      entity: 'evidence-order',
      entityKey: 'IDC-PO-2026-01',
    });
    expect(last.detail.before).toBeNull();
    expect(last.detail.after.attachmentSha256).toEqual({ [att.id]: sha(PDF) });
    await expect.poll(() => events).toContainEqual({ entity: 'evidence', key: 'evidence-order:IDC-PO-2026-01' });

    // Edited without sending the document again: it stays, with the size and name the server holds.
    const edited = await pat.request('PUT', '/api/evidence/orders/po-idc-01', {
      order: {
        ...withDoc,
        description: 'Rack space, Beijing, Q2-Q4',
        thirdPartyQuotes: [
          { ...withDoc.thirdPartyQuotes[0]!, attachmentBytes: 1, attachmentName: 'forged.pdf' },
          withDoc.thirdPartyQuotes[1]!,
        ],
      },
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json().order.thirdPartyQuotes[0]).toMatchObject({
      attachmentName: 'GDS quote.pdf',
      attachmentBytes: 51,
    });

    // Closing the exception, then deleting the order: its document stays readable.
    const closed = await pat.request('PUT', '/api/evidence/orders/po-idc-01/closure', {
      closure: { justification: 'Only two suppliers have space in Beijing', approvedBy: 'CFO', date: '2026-05-20' },
    });
    expect(closed.statusCode).toBe(200);
    expect((await vera.get('/api/evidence/orders')).json().orders[0].closure).toEqual({
      justification: 'Only two suppliers have space in Beijing',
      approvedBy: 'CFO',
      date: '2026-05-20',
    });
    expect((await pat.request('DELETE', '/api/evidence/orders/po-idc-01')).statusCode).toBe(200);
    expect((await vera.get('/api/evidence/orders')).json().orders).toEqual([]);
    expect((await vera.get(`/api/evidence/attachments/${att.id}`)).rawPayload.equals(PDF)).toBe(true);
    const actions = ((await vera.get('/api/history?limit=1000')).json().records as { action: string; entity: string }[])
      .slice(before)
      .map((r) => `${r.entity}:${r.action}`);
    expect(actions).toEqual([
      'evidence-order:save',
      'evidence-order:save',
      'evidence-order:close-exception',
      'evidence-order:delete',
    ]);
    expect((await vera.get('/api/history/verify')).json().ok).toBe(true);
  });

  it('price checks: saved, one per category and quarter, deleted, each with its history record', async () => {
    const before = await historyCount();
    const saved = await pat.request('PUT', `/api/evidence/price-checks/${check.id}`, { check });
    expect(saved.statusCode).toBe(200);
    expect((await vera.get('/api/evidence/price-checks')).json().checks).toEqual([check]);
    const twice = await pat.request('PUT', '/api/evidence/price-checks/pc-other', {
      check: { ...check, id: 'pc-other' },
    });
    expect(twice.statusCode).toBe(422);
    expect(twice.json().issues).toEqual([{ code: 'quarter-taken', path: 'check' }]);
    const early = await pat.request('PUT', '/api/evidence/price-checks/pc-early', {
      check: { ...check, id: 'pc-early', quarter: '2026-Q3', date: '2026-06-30' },
    });
    expect(early.json().issues).toEqual([{ code: 'date-before-quarter-start', path: 'check' }]);
    expect((await pat.request('DELETE', `/api/evidence/price-checks/${check.id}`)).statusCode).toBe(200);
    expect((await vera.get('/api/evidence/price-checks')).json().checks).toEqual([]);
    expect((await historyCount()) - before).toBe(2);
  });

  it("the domain's rules refuse an order with its issues, and nothing is stored", async () => {
    const before = await historyCount();
    const res = await pat.request('PUT', '/api/evidence/orders/po-bad', {
      order: order({ id: 'po-bad', categoryId: 'cloud-services', date: '2026-05-01' }),
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toBe('invalid-evidence');
    expect(res.json().issues.map((i: { code: string; path: string }) => `${i.path} ${i.code}`)).toEqual([
      'order.category category-not-procurement',
      'xiaomiQuote.date quote-after-order',
      'quotes[0].date quote-after-order',
      'quotes[1].date quote-after-order',
    ]);
    // A reference another order has.
    expect((await pat.request('PUT', '/api/evidence/orders/po-a', { order: order({ id: 'po-a' }) })).statusCode).toBe(
      200,
    );
    const taken = await pat.request('PUT', '/api/evidence/orders/po-b', {
      order: order({ id: 'po-b', reference: ' IDC-PO-2026-01 ' }),
    });
    expect(taken.json().issues).toEqual([
      { code: 'reference-taken', path: 'order.reference', vars: { reference: 'IDC-PO-2026-01' } },
    ]);
    // Shape errors name the field; a document that is not this order's cannot be claimed.
    const shape = await pat.request('PUT', '/api/evidence/orders/po-c', {
      order: { ...order({ id: 'po-c' }), amountMinor: 5 },
    });
    expect(shape.statusCode).toBe(400);
    expect(shape.json().message).toMatch(/amountMinor/);
    const forged = await pat.request('PUT', '/api/evidence/orders/po-c', {
      order: order({ id: 'po-c', reference: 'C', xiaomiQuote: { ...order().xiaomiQuote!, attachmentId: 'att-0000' } }),
    });
    expect(forged.statusCode).toBe(422);
    expect(forged.json().error).toBe('unknown-attachment');
    expect((await vera.get('/api/evidence/orders')).json().orders.map((o: PurchaseOrder) => o.id)).toEqual(['po-a']);
    expect((await historyCount()) - before).toBe(1);
    expect((await pat.request('DELETE', '/api/evidence/orders/po-a')).statusCode).toBe(200);
  });

  it("a staged upload is its uploader's: another preparer's order cannot take it in", async () => {
    await h.addUser('pia', ['preparer']);
    const pia = await signedIn(h, 'pia');
    const att = (await upload(pia, 'q.pdf', 'application/pdf', PDF)).json().attachment as { id: string };
    const res = await pat.request('PUT', '/api/evidence/orders/po-s', {
      order: order({ id: 'po-s', reference: 'S' }),
      attachments: [{ quotePath: 'xiaomiQuote', attachmentId: att.id }],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toBe('unknown-attachment');
    expect((await vera.get('/api/evidence/orders')).json().orders).toEqual([]);
  });
});

describe('pricing evidence: who may write, and what is refused', () => {
  it("a viewer's or reviewer's write is 403 and stores nothing", async () => {
    const before = await historyCount();
    for (const c of [vera, rex]) {
      expect((await c.request('PUT', '/api/evidence/orders/po-v', { order: order({ id: 'po-v' }) })).statusCode).toBe(
        403,
      );
      expect((await c.request('PUT', `/api/evidence/price-checks/${check.id}`, { check })).statusCode).toBe(403);
      expect((await upload(c, 'q.pdf', 'application/pdf', PDF)).statusCode).toBe(403);
    }
    const res = await vera.request('PUT', '/api/evidence/orders/po-v', { order: order({ id: 'po-v' }) });
    expect(res.json()).toMatchObject({ error: 'forbidden', message: 'This needs the role preparer.' });
    expect((await vera.get('/api/evidence/orders')).json().orders).toEqual([]);
    expect(await historyCount()).toBe(before);
  });

  it('no session: 401 on reads and writes', async () => {
    for (const [method, url] of [
      ['GET', '/api/evidence/orders'],
      ['GET', '/api/evidence/price-checks'],
      ['GET', '/api/evidence/attachments/att-0000'],
      ['PUT', '/api/evidence/orders/po-x'],
      ['POST', '/api/evidence/attachments?name=a.pdf&type=application/pdf'],
    ] as const) {
      const res = await h.app.inject({ method, url, ...(method === 'PUT' ? { payload: { order: order() } } : {}) });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
    }
  });

  it('a write without the CSRF token is refused', async () => {
    const res = await pat.request(
      'PUT',
      '/api/evidence/orders/po-x',
      { order: order({ id: 'po-x' }) },
      { csrf: false },
    );
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toBe('csrf');
    const del = await pat.request('DELETE', `/api/evidence/price-checks/${check.id}`, undefined, { csrf: false });
    expect(del.json().error).toBe('csrf');
    expect((await vera.get('/api/evidence/orders')).json().orders).toEqual([]);
  });

  it('SQL-injection strings are stored and shown verbatim', async () => {
    const att = (await upload(pat, `${INJECTION}.pdf`, 'application/pdf', PDF)).json().attachment as { id: string };
    const o = order({
      id: 'po-inj',
      reference: INJECTION,
      description: INJECTION,
      xiaomiQuote: { ...order().xiaomiQuote!, supplier: INJECTION, documentRef: INJECTION },
    });
    const res = await pat.request('PUT', '/api/evidence/orders/po-inj', {
      order: o,
      attachments: [{ quotePath: 'xiaomiQuote', attachmentId: att.id }],
    });
    expect(res.statusCode).toBe(200);
    const got = (await vera.get('/api/evidence/orders')).json().orders[0] as PurchaseOrder;
    expect([got.reference, got.description, got.xiaomiQuote!.supplier, got.xiaomiQuote!.attachmentName]).toEqual([
      INJECTION,
      INJECTION,
      INJECTION,
      `${INJECTION}.pdf`,
    ]);
    const doc = await vera.get(`/api/evidence/attachments/${att.id}`);
    expect(decodeURIComponent(String(doc.headers['x-file-name']))).toBe(`${INJECTION}.pdf`);
    const pc = { ...check, id: 'pc-inj', note: INJECTION, reviewer: INJECTION };
    expect((await pat.request('PUT', '/api/evidence/price-checks/pc-inj', { check: pc })).statusCode).toBe(200);
    expect((await vera.get('/api/evidence/price-checks')).json().checks).toEqual([pc]);
    const last = ((await vera.get('/api/history?limit=1000')).json().records as { entityKey: string }[]).at(-1)!;
    expect(last.entityKey).toBe(`cloud-services 2026-Q2`);
    await pat.request('DELETE', '/api/evidence/orders/po-inj');
    await pat.request('DELETE', '/api/evidence/price-checks/pc-inj');
  });

  it('an attachment over 5 MiB is refused with a clear message, whether its length is declared or not', async () => {
    const big = Buffer.alloc(5 * 1024 * 1024 + 1, 0x20);
    big.write('%PDF-1.7');
    const res = await upload(pat, 'scan.pdf', 'application/pdf', big);
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({
      error: 'attachment-too-large',
      message: 'The attachment scan.pdf is 5,242,881 bytes; an attachment is at most 5 MiB (5,242,880 bytes).',
    });
    // Sent in chunks without a declared length: read up to the limit, then refused.
    const chunked = await h.app.inject({
      method: 'POST',
      url: '/api/evidence/attachments?name=scan.pdf&type=application%2Fpdf',
      headers: { cookie: pat.cookie!, 'x-csrf-token': pat.csrf!, 'content-type': 'application/octet-stream' },
      payload: Readable.from([big.subarray(0, 3_000_000), big.subarray(3_000_000)]),
    });
    expect(chunked.statusCode).toBe(413);
    expect(chunked.json().message).toBe(
      'The attachment scan.pdf is more than 5,242,880 bytes; an attachment is at most 5 MiB (5,242,880 bytes).',
    );
    // Exactly the limit is kept.
    const exact = await upload(pat, 'exact.pdf', 'application/pdf', big.subarray(0, 5 * 1024 * 1024));
    expect(exact.statusCode).toBe(201);
    expect(exact.json().attachment.bytes).toBe(5_242_880);
    const { rows } = await h.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM evidence_attachments WHERE name = 'scan.pdf'",
    );
    expect(rows[0]!.n).toBe(0);
  });

  it('an attachment whose content is not its declared type, or of a kind not kept, is refused', async () => {
    const png = await upload(pat, 'quote.png', 'image/png', PDF);
    expect(png.statusCode).toBe(415);
    expect(png.json().message).toBe(
      'The attachment quote.png is not a image/png file: its content does not match that type.',
    );
    const html = await upload(pat, 'quote.html', 'text/html', Buffer.from('<script>alert(1)</script>'));
    expect(html.statusCode).toBe(400);
    expect(html.json().message).toMatch(/type: a document type Headroom keeps: application\/pdf/);
    const text = await upload(pat, 'quote.txt', 'text/plain', Buffer.from('Quote GDS-BJ-5532: RMB 5,700,000.00'));
    expect(text.statusCode).toBe(201);
  });
});
