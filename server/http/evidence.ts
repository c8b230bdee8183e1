/**
 * Pricing evidence over the API (section IV(i)): purchase orders with their
 * quotations, the documents attached to quotations (bytea, at most 5 MiB,
 * of the kinds a quotation comes as), and the quarterly price checks.
 * Preparers write; every signed-in role reads.
 *
 * Every write is validated twice: its shape by valibot (400 naming the
 * field), then by the domain's own rules (validateOrder, validatePriceCheck:
 * 422 with the same issue codes the local app shows). The change, its
 * change-history record (the signed-in user as who) and its NOTIFY are one
 * transaction: a refused or failed write stores nothing.
 *
 * An attachment is uploaded first (POST /api/evidence/attachments, the file
 * as the body, read with a bound and never more than the limit held), staged
 * until the order saved with it takes it in — in the order's transaction, so
 * an order is never stored with half its documents. A staged upload no order
 * took in is removed, once a day old, by the next upload.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Readable } from 'node:stream';
import * as v from 'valibot';
import {
  type ExceptionClosure,
  MAX_ATTACHMENT_BYTES,
  type PriceCheck,
  type PurchaseOrder,
  validateOrder,
  validatePriceCheck,
} from '../../src/domain/evidence/pricing';
import { notify } from '../accounts';
import type { Db, Queryable, TxQueryable } from '../db';
import { appendHistory } from '../history/chain';
import { requireRole, requireUser, type SessionUser, who } from './auth';
import { dataset } from './data';
import { type HttpError, isoDate, parse, refuse } from './errors';

/** Serialises evidence writes (the reference and quarter checks read, then write). Any constant. */
const EVIDENCE_LOCK = 4180_0021;

/**
 * The kinds of document a quotation arrives as, each with how its bytes must
 * begin (null: text, checked for NUL bytes instead; undefined: not checked).
 */
export const ATTACHMENT_TYPES: Readonly<Record<string, readonly number[][] | null | undefined>> = {
  'application/pdf': [[0x25, 0x50, 0x44, 0x46, 0x2d]], // %PDF-
  'image/png': [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  'image/jpeg': [[0xff, 0xd8, 0xff]],
  'image/gif': [[0x47, 0x49, 0x46, 0x38]], // GIF8
  'image/webp': [[0x52, 0x49, 0x46, 0x46]], // RIFF
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': [[0x50, 0x4b, 0x03, 0x04]],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': [[0x50, 0x4b, 0x03, 0x04]],
  'application/zip': [[0x50, 0x4b, 0x03, 0x04]],
  // The old Office and Outlook formats are compound files (D0 CF 11 E0).
  'application/vnd.ms-excel': [[0xd0, 0xcf, 0x11, 0xe0]],
  'application/msword': [[0xd0, 0xcf, 0x11, 0xe0]],
  'application/vnd.ms-outlook': [[0xd0, 0xcf, 0x11, 0xe0]],
  'message/rfc822': null,
  'text/plain': null,
  'text/csv': null,
};

const id = v.pipe(v.string(), v.regex(/^[A-Za-z0-9._-]{1,100}$/, 'an id of letters, digits or ._-'));
const attachmentId = v.pipe(v.string(), v.regex(/^att-[a-z0-9-]{1,80}$/, 'an attachment id (att-…)'));
const text = (max: number) => v.pipe(v.string(), v.maxLength(max));

const quote = v.strictObject({
  supplier: text(300),
  amountMinor: text(40),
  currency: text(10),
  rate: v.optional(text(40)),
  rateSource: v.optional(text(500)),
  date: text(10),
  documentRef: text(300),
  independent: v.boolean(),
  comparable: v.boolean(),
  attachmentId: v.optional(attachmentId),
  attachmentName: v.optional(text(300)),
  attachmentBytes: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
});
const closure = v.strictObject({ justification: text(4000), approvedBy: text(200), date: text(10) });
const order = v.strictObject({
  id,
  reference: text(300),
  date: text(10),
  categoryId: text(300),
  amountMinor: text(40),
  currency: text(10),
  description: text(4000),
  xiaomiQuote: v.nullable(quote),
  thirdPartyQuotes: v.pipe(v.array(quote), v.maxLength(50)),
  closure: v.nullable(closure),
});
const quotePath = v.pipe(v.string(), v.regex(/^(xiaomiQuote|quotes\[\d{1,2}\])$/, 'xiaomiQuote or quotes[i]'));
const orderBody = v.strictObject({
  order,
  /** Staged uploads this save takes in, each for one quotation. */
  attachments: v.optional(v.pipe(v.array(v.strictObject({ quotePath, attachmentId })), v.maxLength(51)), []),
});
const closureBody = v.strictObject({
  closure: v.strictObject({ justification: text(4000), approvedBy: text(200), date: isoDate }),
});
const priceCheckBody = v.strictObject({
  check: v.strictObject({
    id,
    categoryId: text(300),
    quarter: text(10),
    date: text(10),
    reviewer: text(200),
    compared: v.pipe(
      v.array(v.picklist(['published-list-prices', 'third-party-prices', 'market-rates'])),
      v.maxLength(3),
    ),
    note: text(4000),
    result: v.picklist(['consistent', 'inconsistent']),
  }),
});
const attachmentQuery = v.strictObject({
  name: v.pipe(v.string(), v.minLength(1), v.maxLength(300)),
  type: v.picklist(
    Object.keys(ATTACHMENT_TYPES) as [string, ...string[]],
    `a document type Headroom keeps: ${Object.keys(ATTACHMENT_TYPES).join(', ')}`,
  ),
});

const sizeText = (n: number) => n.toLocaleString('en');
const tooLarge = (name: string, bytes: number | null) =>
  bytes === null
    ? refuse(
        413,
        'attachment-too-large',
        'attachment-too-large-stream',
        { name, max: sizeText(MAX_ATTACHMENT_BYTES) },
        { bytes, max: MAX_ATTACHMENT_BYTES },
      )
    : refuse(
        413,
        'attachment-too-large',
        'attachment-too-large',
        { name, size: sizeText(bytes), max: sizeText(MAX_ATTACHMENT_BYTES) },
        { bytes, max: MAX_ATTACHMENT_BYTES },
      );

/** Reads the request body, refusing it as soon as it passes the limit (never more than the limit held). */
async function readBounded(body: Readable, name: string, declared: number | null): Promise<Buffer> {
  if (declared !== null && declared > MAX_ATTACHMENT_BYTES) throw tooLarge(name, declared);
  const parts: Buffer[] = [];
  let n = 0;
  for await (const chunk of body) {
    n += (chunk as Buffer).length;
    if (n > MAX_ATTACHMENT_BYTES) {
      body.destroy();
      throw tooLarge(name, null);
    }
    parts.push(chunk as Buffer);
  }
  return Buffer.concat(parts, n);
}

/** Whether the bytes are what the declared type says (the signature, or text without NUL bytes). */
function looksLike(type: string, bytes: Buffer): boolean {
  const sigs = ATTACHMENT_TYPES[type];
  if (sigs === undefined) return true;
  if (sigs === null) return !bytes.includes(0);
  return sigs.some((s) => s.every((b, i) => bytes[i] === b));
}

async function procurement(q: Queryable): Promise<Set<string>> {
  return new Set((await dataset(q)).categories.filter((c) => c.direction === 'procured-by-group').map((c) => c.id));
}

async function loadOrders(q: Queryable): Promise<PurchaseOrder[]> {
  const { rows } = await q.query<{ document: PurchaseOrder }>('SELECT document FROM evidence_orders');
  return rows
    .map((r) => r.document)
    .sort((a, b) => a.date.localeCompare(b.date) || a.reference.localeCompare(b.reference));
}

async function loadChecks(q: Queryable): Promise<PriceCheck[]> {
  const { rows } = await q.query<{ document: PriceCheck }>('SELECT document FROM price_checks');
  return rows.map((r) => r.document).sort((a, b) => a.quarter.localeCompare(b.quarter));
}

function refused(issues: readonly { code: string; path: string; vars?: unknown }[]): HttpError {
  return refuse(
    422,
    'invalid-evidence',
    'invalid-evidence',
    { issues: issues.map((i) => ({ path: i.path, code: i.code })) },
    { issues },
  );
}

async function record(q: TxQueryable, u: SessionUser, action: string, entity: string, key: string, detail: object) {
  await appendHistory(q, { actorId: u.id, actor: who(u), action, entity, entityKey: key, detail: { ...detail } });
  await notify(q, { entity: 'evidence', key: `${entity}:${key}` });
}

/** The quotation at "xiaomiQuote" or "quotes[i]" replaced by `f(quote)`; null when there is none. */
function withQuote(
  o: PurchaseOrder,
  path: string,
  f: (q: NonNullable<PurchaseOrder['xiaomiQuote']>) => NonNullable<PurchaseOrder['xiaomiQuote']>,
): PurchaseOrder | null {
  if (path === 'xiaomiQuote') return o.xiaomiQuote ? { ...o, xiaomiQuote: f(o.xiaomiQuote) } : null;
  const i = Number(/^quotes\[(\d+)\]$/.exec(path)?.[1] ?? NaN);
  const q = o.thirdPartyQuotes[i];
  return q ? { ...o, thirdPartyQuotes: o.thirdPartyQuotes.map((x, j) => (j === i ? f(q) : x)) } : null;
}

export function registerEvidence(app: FastifyInstance, db: Db): void {
  app.get('/api/evidence/orders', async (req) => {
    requireUser(req);
    return { orders: await loadOrders(db) };
  });
  app.get('/api/evidence/price-checks', async (req) => {
    requireUser(req);
    return { checks: await loadChecks(db) };
  });

  // --- attachments ---------------------------------------------------------------
  app.post('/api/evidence/attachments', async (req, reply) => {
    const u = requireRole(req, 'preparer');
    const { name, type } = parse(attachmentQuery, req.query, 'query');
    const body = req.body as Readable | undefined;
    if (!body || typeof body.pipe !== 'function') {
      throw refuse(415, 'not-a-file', 'not-a-file-document', {});
    }
    const declared = Number(req.headers['content-length']);
    const bytes = await readBounded(body, name, Number.isFinite(declared) ? declared : null);
    if (!looksLike(type, bytes)) {
      throw refuse(415, 'attachment-type-mismatch', 'attachment-type-mismatch', { name, type });
    }
    const att = {
      id: `att-${randomUUID()}`,
      name,
      type,
      bytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    };
    await db.query(
      `DELETE FROM evidence_attachments WHERE order_id IS NULL AND uploaded_at < now() - interval '1 day'`,
    );
    await db.query(
      `INSERT INTO evidence_attachments (id, name, content_type, byte_size, sha256, bytes, uploaded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [att.id, name, type, att.bytes, att.sha256, bytes, u.id],
    );
    reply.code(201);
    return { attachment: att };
  });

  app.get('/api/evidence/attachments/:id', async (req, reply) => {
    const u = requireUser(req);
    const aid = parse(attachmentId, (req.params as { id: string }).id, 'attachment id');
    const { rows } = await db.query<{ name: string; content_type: string; sha256: string; bytes: Uint8Array }>(
      `SELECT name, content_type, sha256, bytes FROM evidence_attachments
       WHERE id = $1 AND (order_id IS NOT NULL OR uploaded_by = $2)`,
      [aid, u.id],
    );
    const a = rows[0];
    if (!a) throw refuse(404, 'not-found', 'no-attachment', { id: aid });
    // A download, never shown in the app's origin: the stored type is one of the accepted kinds.
    return reply
      .header('content-type', a.content_type)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(a.name)}`)
      .header('x-file-name', encodeURIComponent(a.name))
      .header('x-content-sha256', a.sha256)
      .send(Buffer.from(a.bytes.buffer, a.bytes.byteOffset, a.bytes.byteLength));
  });

  // --- orders --------------------------------------------------------------------
  app.put('/api/evidence/orders/:id', async (req) => {
    const u = requireRole(req, 'preparer');
    const oid = parse(id, (req.params as { id: string }).id, 'order id');
    const body = parse(orderBody, req.body, 'order');
    if (body.order.id !== oid) throw refuse(400, 'id-mismatch', 'order-id-mismatch', {});
    return db.tx(async (q) => {
      await q.query('SELECT pg_advisory_xact_lock($1)', [EVIDENCE_LOCK]);
      const before = (
        await q.query<{ document: PurchaseOrder }>('SELECT document FROM evidence_orders WHERE id = $1', [oid])
      ).rows[0]?.document;
      let next: PurchaseOrder = { ...(body.order as PurchaseOrder), reference: body.order.reference.trim() };
      // Documents already with the order keep their stored name and size; nothing else may be named.
      const { rows: kept } = await q.query<{ id: string; name: string; byte_size: number }>(
        'SELECT id, name, byte_size FROM evidence_attachments WHERE order_id = $1',
        [oid],
      );
      const keptById = new Map(kept.map((k) => [k.id, k]));
      const fix = (qt: NonNullable<PurchaseOrder['xiaomiQuote']>) => {
        if (!qt.attachmentId) {
          const { attachmentId: _i, attachmentName: _n, attachmentBytes: _b, ...rest } = qt;
          return rest;
        }
        const k = keptById.get(qt.attachmentId);
        if (!k) throw refuse(422, 'unknown-attachment', 'unknown-order-attachment', { id: qt.attachmentId });
        return { ...qt, attachmentName: k.name, attachmentBytes: Number(k.byte_size) };
      };
      next = {
        ...next,
        xiaomiQuote: next.xiaomiQuote ? fix(next.xiaomiQuote) : null,
        thirdPartyQuotes: next.thirdPartyQuotes.map(fix),
      };
      const hashes: Record<string, string> = {};
      for (const a of body.attachments) {
        const { rows } = await q.query<{ name: string; byte_size: number; sha256: string }>(
          `SELECT name, byte_size, sha256 FROM evidence_attachments
           WHERE id = $1 AND order_id IS NULL AND uploaded_by = $2 FOR UPDATE`,
          [a.attachmentId, u.id],
        );
        const s = rows[0];
        if (!s) {
          throw refuse(422, 'unknown-attachment', 'unknown-upload', { id: a.attachmentId });
        }
        const patched = withQuote(next, a.quotePath, (qt) => ({
          ...qt,
          attachmentId: a.attachmentId,
          attachmentName: s.name,
          attachmentBytes: Number(s.byte_size),
        }));
        if (!patched) throw refused([{ code: 'supplier-missing', path: a.quotePath }]);
        next = patched;
        hashes[a.attachmentId] = s.sha256;
      }
      const others = (await loadOrders(q)).filter((o) => o.id !== oid).map((o) => o.reference.trim());
      const issues = validateOrder(next, await procurement(q), new Set(others));
      if (issues.length) throw refused(issues);
      await q.query(
        `INSERT INTO evidence_orders (id, reference, document, updated_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT (id) DO UPDATE SET reference = $2, document = $3, updated_by = $4, updated_at = now()`,
        [oid, next.reference, JSON.stringify(next), u.id],
      );
      for (const a of Object.keys(hashes)) {
        await q.query('UPDATE evidence_attachments SET order_id = $2, linked_at = now() WHERE id = $1', [a, oid]);
      }
      await record(q, u, 'save', 'evidence-order', next.reference, {
        id: oid,
        before: before ?? null,
        after: { ...next, attachmentSha256: hashes },
      });
      return { order: next };
    });
  });

  app.delete('/api/evidence/orders/:id', async (req) => {
    const u = requireRole(req, 'preparer');
    const oid = parse(id, (req.params as { id: string }).id, 'order id');
    return db.tx(async (q) => {
      const { rows } = await q.query<{ document: PurchaseOrder }>(
        'DELETE FROM evidence_orders WHERE id = $1 RETURNING document',
        [oid],
      );
      const before = rows[0]?.document;
      if (!before) throw refuse(404, 'not-found', 'no-order', { id: oid });
      // Its attachments stay: the history names them by id and hash.
      await record(q, u, 'delete', 'evidence-order', before.reference, { id: oid, before, after: null });
      return { ok: true };
    });
  });

  app.put('/api/evidence/orders/:id/closure', async (req) => {
    const u = requireRole(req, 'preparer');
    const oid = parse(id, (req.params as { id: string }).id, 'order id');
    const { closure: c } = parse(closureBody, req.body, 'closure');
    if (!c.justification.trim() || !c.approvedBy.trim())
      throw refused([{ code: 'closure-incomplete', path: 'order.closure' }]);
    return db.tx(async (q) => {
      await q.query('SELECT pg_advisory_xact_lock($1)', [EVIDENCE_LOCK]);
      const { rows } = await q.query<{ document: PurchaseOrder }>(
        'SELECT document FROM evidence_orders WHERE id = $1',
        [oid],
      );
      const before = rows[0]?.document;
      if (!before) throw refuse(404, 'not-found', 'no-order', { id: oid });
      const closure: ExceptionClosure = c;
      await q.query('UPDATE evidence_orders SET document = $2, updated_by = $3, updated_at = now() WHERE id = $1', [
        oid,
        JSON.stringify({ ...before, closure }),
        u.id,
      ]);
      await record(q, u, 'close-exception', 'evidence-order', before.reference, {
        id: oid,
        before: before.closure,
        after: closure,
      });
      return { ok: true };
    });
  });

  // --- price checks ----------------------------------------------------------------
  app.put('/api/evidence/price-checks/:id', async (req) => {
    const u = requireRole(req, 'preparer');
    const cid = parse(id, (req.params as { id: string }).id, 'price check id');
    const { check } = parse(priceCheckBody, req.body, 'price check');
    if (check.id !== cid) throw refuse(400, 'id-mismatch', 'price-check-id-mismatch', {});
    return db.tx(async (q) => {
      await q.query('SELECT pg_advisory_xact_lock($1)', [EVIDENCE_LOCK]);
      if (!(await dataset(q)).categories.some((c) => c.id === check.categoryId)) {
        throw refuse(422, 'unknown-category', 'unknown-category', { id: check.categoryId });
      }
      const all = await loadChecks(q);
      const issues = validatePriceCheck(check, all);
      if (issues.length) throw refused(issues.map((code) => ({ code, path: 'check' })));
      const before = all.find((x) => x.id === cid) ?? null;
      await q.query(
        `INSERT INTO price_checks (id, category_id, quarter, document, updated_by) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (id) DO UPDATE SET category_id = $2, quarter = $3, document = $4, updated_by = $5,
           updated_at = now()`,
        [cid, check.categoryId, check.quarter, JSON.stringify(check), u.id],
      );
      await record(q, u, 'save', 'price-check', `${check.categoryId} ${check.quarter}`, {
        id: cid,
        before,
        after: check,
      });
      return { check };
    });
  });

  app.delete('/api/evidence/price-checks/:id', async (req) => {
    const u = requireRole(req, 'preparer');
    const cid = parse(id, (req.params as { id: string }).id, 'price check id');
    return db.tx(async (q) => {
      const { rows } = await q.query<{ document: PriceCheck }>(
        'DELETE FROM price_checks WHERE id = $1 RETURNING document',
        [cid],
      );
      const before = rows[0]?.document;
      if (!before) throw refuse(404, 'not-found', 'no-price-check', { id: cid });
      await record(q, u, 'delete', 'price-check', `${before.categoryId} ${before.quarter}`, {
        id: cid,
        before,
        after: null,
      });
      return { ok: true };
    });
  });
}
