// @vitest-environment node
/**
 * A local workspace's pricing evidence moves in with it
 * (server/ledger/localEvidence.ts): orders, their documents (bytes and
 * SHA-256 kept), documents of deleted orders, price checks.
 */
import { createHash, webcrypto } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { PriceCheck, PurchaseOrder } from '../../src/domain/evidence/pricing';
import { GDS_QUOTE, idcOrder } from '../unit/domain/evidence/orderFixture';
import { GENESIS_PREV, nextRecord, sha256With } from '../../src/domain/history/chain';
import { type Client, type Harness, signedIn, startHarness } from './harness';

const sha256 = sha256With(webcrypto.subtle as never);
let h: Harness;
let admin: Client;
let vera: Client;
beforeAll(async () => {
  h = await startHarness();
  await h.addUser('root', ['admin'], { displayName: 'Ada Admin' });
  await h.addUser('vera', ['viewer'], { displayName: 'Vera Viewer' });
  [admin, vera] = await Promise.all([signedIn(h, 'root'), signedIn(h, 'vera')]);
}, 120_000);
afterAll(() => h?.close());

const PDF = Buffer.from('%PDF-1.7 GDS quotation GDS-BJ-5532');
const OLD = Buffer.from('%PDF-1.7 a quotation of an order deleted since');
const hex = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const typed = (b: Buffer) => ({ $typed: 'Uint8Array', base64: b.toString('base64') });

const order: PurchaseOrder = idcOrder({
  id: 'po-local-1',
  description: 'Rack space',
  thirdPartyQuotes: [
    { ...GDS_QUOTE, attachmentId: 'att-l1-abc123', attachmentName: 'gds.pdf', attachmentBytes: PDF.length },
  ],
});
const check: PriceCheck = {
  id: 'pc-local-1',
  categoryId: 'cloud-services',
  quarter: '2026-Q1',
  date: '2026-04-03',
  reviewer: 'Internal audit',
  compared: ['published-list-prices'],
  note: '',
  result: 'consistent',
};

async function backup(attachmentSha = hex(PDF)): Promise<string> {
  const genesis = await nextRecord(
    { count: 0, hash: GENESIS_PREV },
    { kind: 'genesis', subject: '', before: null, after: { tables: {} } },
    '',
    '2026-05-01T08:00:00.000Z',
    sha256,
  );
  return JSON.stringify({
    format: 'headroom-backup',
    version: 1,
    schemaVersion: 6,
    tables: {
      history: [genesis],
      evidenceOrders: [order],
      evidenceAttachments: [
        { id: 'att-l1-abc123', name: 'gds.pdf', type: 'application/pdf', bytes: typed(PDF), sha256: attachmentSha },
        { id: 'att-l0-old999', name: 'old.pdf', type: '', bytes: typed(OLD), sha256: hex(OLD) },
      ],
      priceChecks: [check],
    },
  });
}

const upload = (text: string) =>
  admin.upload('/api/admin/local-backup', text, { 'content-type': 'application/octet-stream' });

it('a document whose bytes no longer match its SHA-256 stops the move: nothing is moved', async () => {
  const res = await upload(await backup('0'.repeat(64)));
  expect(res.statusCode).toBe(422);
  expect(res.json().message).toBe(
    "The backup's pricing evidence: attachment gds.pdf does not match its SHA-256; nothing was moved.",
  );
  expect((await vera.get('/api/evidence/orders')).json().orders).toEqual([]);
});

it('orders, their documents, documents of deleted orders and price checks move in as they were', async () => {
  const res = await upload(await backup());
  expect(res.statusCode, res.body).toBe(200);
  expect(res.json()).toMatchObject({ evidenceOrders: 1, evidenceAttachments: 2, priceChecks: 1 });
  expect((await vera.get('/api/evidence/orders')).json().orders).toEqual([order]);
  expect((await vera.get('/api/evidence/price-checks')).json().checks).toEqual([check]);
  const doc = await vera.get('/api/evidence/attachments/att-l1-abc123');
  expect(doc.rawPayload.equals(PDF)).toBe(true);
  expect(doc.headers['x-content-sha256']).toBe(hex(PDF));
  const old = await vera.get('/api/evidence/attachments/att-l0-old999');
  expect(old.rawPayload.equals(OLD)).toBe(true);
  expect(old.headers['content-type']).toBe('application/octet-stream');
});

it('a second workspace with evidence does not move into one that holds evidence', async () => {
  // The ledger is still empty (the first move brought none), so the evidence check is what refuses.
  const res = await upload(await backup());
  expect(res.statusCode).toBe(409);
  expect(res.json().error).toBe('evidence-not-empty');
});
