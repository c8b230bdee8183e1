// @vitest-environment node
/**
 * The browser's adapter (src/storage/server/serverEvidence.ts) against the
 * real server: the same EvidenceRepository calls the evidence screen makes,
 * with the same errors as the local store.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MAX_ATTACHMENT_BYTES, type PurchaseOrder } from '../../src/domain/evidence/pricing';
import { EvidenceValidationError } from '../../src/storage/repositories';
import { ServerApi } from '../../src/storage/server/api';
import { serverEvidence } from '../../src/storage/server/serverEvidence';
import { type Harness, signedIn, startHarness } from './harness';

let h: Harness;
let base: string;
const realFetch = globalThis.fetch;
const PROCUREMENT = new Set(['idc-services', 'hardware-equipment', 'api-services']);

beforeAll(async () => {
  h = await startHarness();
  await h.addUser('pat', ['preparer'], { displayName: 'Pat Preparer' });
  base = await h.app.listen({ host: '127.0.0.1', port: 0 });
}, 120_000);
afterAll(async () => {
  globalThis.fetch = realFetch;
  await h?.close();
});

/** A browser tab signed in as `username`: same-origin paths, the session cookie sent along. */
async function tab(username: string) {
  const c = await signedIn(h, username);
  globalThis.fetch = (input, init = {}) => {
    const { cache: _cache, ...rest } = init;
    return realFetch(`${base}${String(input)}`, {
      ...rest,
      headers: { ...(rest.headers as Record<string, string>), cookie: c.cookie! },
    });
  };
  const api = new ServerApi();
  api.setCsrf(c.csrf);
  return serverEvidence(api);
}

const order: PurchaseOrder = {
  id: '',
  reference: 'HW-PO-2026-09',
  date: '2026-06-02',
  categoryId: 'hardware-equipment',
  amountMinor: '12800000',
  currency: 'RMB',
  description: 'Servers, 20 units',
  xiaomiQuote: {
    supplier: 'Xiaomi',
    amountMinor: '12800000',
    currency: 'RMB',
    date: '2026-05-20',
    documentRef: 'XM-HW-311',
    independent: false,
    comparable: true,
  },
  thirdPartyQuotes: [],
  closure: null,
};

it('saves an order with its document, reads both back, and refuses as the local store does', async () => {
  const evidence = await tab('pat');
  const bytes = new TextEncoder().encode('%PDF-1.4 quotation XM-HW-311');
  const saved = await evidence.saveOrder(order, PROCUREMENT, [
    { quotePath: 'xiaomiQuote', name: 'xm-hw-311.pdf', type: '', bytes },
  ]);
  expect(saved.id).toMatch(/^po-[0-9a-f-]{36}$/);
  expect(saved.xiaomiQuote).toMatchObject({ attachmentName: 'xm-hw-311.pdf', attachmentBytes: bytes.length });
  expect(await evidence.orders()).toEqual([saved]);
  const doc = await evidence.attachment(saved.xiaomiQuote!.attachmentId!);
  expect(doc).toMatchObject({ name: 'xm-hw-311.pdf', type: 'application/pdf' });
  expect(new TextDecoder().decode(doc!.bytes)).toBe('%PDF-1.4 quotation XM-HW-311');
  expect(doc!.sha256).toMatch(/^[0-9a-f]{64}$/);
  expect(await evidence.attachment('att-unknown')).toBeUndefined();

  // The server's rule refusals arrive as EvidenceValidationError with their issues.
  const taken = await evidence.saveOrder({ ...order, id: '' }, PROCUREMENT).catch((e: unknown) => e);
  expect(taken).toBeInstanceOf(EvidenceValidationError);
  expect((taken as EvidenceValidationError).issues.map((i) => i.code)).toEqual(['reference-taken']);

  // Too large: refused before anything is sent, with the order's other issues.
  const big = new Uint8Array(MAX_ATTACHMENT_BYTES + 1);
  const tooBig = await evidence
    .saveOrder({ ...order, reference: 'HW-2', date: 'not a date' }, PROCUREMENT, [
      { quotePath: 'xiaomiQuote', name: 'scan.pdf', type: 'application/pdf', bytes: big },
    ])
    .catch((e: unknown) => e);
  expect((tooBig as EvidenceValidationError).issues.map((i) => `${i.path} ${i.code}`)).toEqual([
    'order.date date-invalid',
    'xiaomiQuote.attachment attachment-too-large',
  ]);
  const { rows } = await h.db.query<{ n: number }>('SELECT count(*)::int AS n FROM evidence_attachments');
  expect(rows[0]!.n).toBe(1);

  await evidence.closeException(saved.id, { justification: 'Sole supplier', approvedBy: 'CFO', date: '2026-06-03' });
  expect((await evidence.orders())[0]!.closure).toEqual({
    justification: 'Sole supplier',
    approvedBy: 'CFO',
    date: '2026-06-03',
  });
  const check = await evidence.savePriceCheck({
    id: '',
    categoryId: 'cloud-services',
    quarter: '2026-Q2',
    date: '2026-07-02',
    reviewer: 'Internal audit',
    compared: ['market-rates'],
    note: '',
    result: 'consistent',
  });
  expect(await evidence.priceChecks()).toEqual([check]);
  await evidence.deletePriceCheck(check.id);
  await evidence.deleteOrder(saved.id);
  expect(await evidence.orders()).toEqual([]);
  expect(await evidence.priceChecks()).toEqual([]);
});
