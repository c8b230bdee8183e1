/**
 * The pricing evidence of a local workspace moved in (server/ledger/localBackup.ts):
 * purchase orders, the documents attached to quotations, and the quarterly
 * price checks, checked with the domain's own rules before anything is
 * written, then written in the move's transaction as they were (evidence
 * takes effect at once in team mode too). A document keeps its id, and its
 * SHA-256 must still match its bytes (the history names it by both).
 */
import { createHash } from 'node:crypto';
import {
  MAX_ATTACHMENT_BYTES,
  type PriceCheck,
  type PurchaseOrder,
  validateOrder,
  validatePriceCheck,
} from '../../src/domain/evidence/pricing';
import type { Dataset } from '../../src/domain/model';
import type { Queryable } from '../db';
import { type Refusal, refuseWith } from '../http/errors';

interface LocalAttachment {
  id: string;
  name: string;
  type: string;
  bytes: Uint8Array;
  sha256: string;
}

export interface LocalEvidence {
  orders: PurchaseOrder[];
  attachments: LocalAttachment[];
  priceChecks: PriceCheck[];
}

/** Holds documents no order refers to any more (their order was deleted; the history still names them). */
export const NO_ORDER = 'local-backup';

/** A 422 bad-backup naming the evidence record at fault (src/ui/messages/apiRefusals.ts, backup-…). */
const bad = (r: Refusal) => refuseWith(422, 'bad-backup', r);

/** Reads and checks the evidence tables of a backup; throws a 422 naming the record at the first problem. */
export function readLocalEvidence(tables: Record<string, unknown[]>, dataset: Dataset): LocalEvidence {
  const orders = (tables.evidenceOrders ?? []) as PurchaseOrder[];
  const attachments = (tables.evidenceAttachments ?? []) as LocalAttachment[];
  const priceChecks = (tables.priceChecks ?? []) as PriceCheck[];
  const procurement = new Set(dataset.categories.filter((c) => c.direction === 'procured-by-group').map((c) => c.id));
  for (const o of orders) {
    if (typeof o?.id !== 'string' || !/^[A-Za-z0-9._-]{1,100}$/.test(o.id))
      throw bad({ key: 'backup-order-id', params: {} });
    const others = new Set(orders.filter((x) => x.id !== o.id).map((x) => x.reference.trim()));
    const issues = validateOrder(o, procurement, others);
    if (issues.length) {
      throw bad({
        key: 'backup-order-invalid',
        params: { reference: o.reference, issues: issues.map((i) => ({ path: i.path, code: i.code })) },
      });
    }
  }
  for (const a of attachments) {
    if (typeof a?.id !== 'string' || !/^att-[a-z0-9-]{1,80}$/.test(a.id))
      throw bad({ key: 'backup-attachment-id', params: {} });
    if (!(a.bytes instanceof Uint8Array)) throw bad({ key: 'backup-attachment-no-bytes', params: { name: a.name } });
    if (a.bytes.byteLength > MAX_ATTACHMENT_BYTES)
      throw bad({ key: 'backup-attachment-too-large', params: { name: a.name } });
    if (createHash('sha256').update(a.bytes).digest('hex') !== a.sha256) {
      throw bad({ key: 'backup-attachment-hash', params: { name: a.name } });
    }
  }
  const ids = new Set(attachments.map((a) => a.id));
  for (const o of orders) {
    for (const q of [o.xiaomiQuote, ...o.thirdPartyQuotes]) {
      if (q?.attachmentId && !ids.has(q.attachmentId)) {
        throw bad({ key: 'backup-order-attachment-missing', params: { reference: o.reference, id: q.attachmentId } });
      }
    }
  }
  for (const c of priceChecks) {
    if (typeof c?.id !== 'string' || !/^[A-Za-z0-9._-]{1,100}$/.test(c.id))
      throw bad({ key: 'backup-price-check-id', params: {} });
    const issues = validatePriceCheck(c, priceChecks);
    if (issues.length) {
      throw bad({
        key: 'backup-price-check-invalid',
        params: { category: c.categoryId, quarter: c.quarter, codes: issues.join(', ') },
      });
    }
  }
  return { orders, attachments, priceChecks };
}

/** Writes the evidence in the caller's transaction (the move's). */
export async function writeLocalEvidence(q: Queryable, e: LocalEvidence, adminId: number): Promise<void> {
  const orderOf = new Map<string, string>();
  for (const o of e.orders) {
    for (const qt of [o.xiaomiQuote, ...o.thirdPartyQuotes]) if (qt?.attachmentId) orderOf.set(qt.attachmentId, o.id);
    await q.query('INSERT INTO evidence_orders (id, reference, document, updated_by) VALUES ($1, $2, $3, $4)', [
      o.id,
      o.reference.trim(),
      JSON.stringify({ ...o, reference: o.reference.trim() }),
      adminId,
    ]);
  }
  for (const a of e.attachments) {
    await q.query(
      `INSERT INTO evidence_attachments (id, name, content_type, byte_size, sha256, bytes, uploaded_by, order_id, linked_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())`,
      [
        a.id,
        a.name.slice(0, 300) || a.id,
        a.type || 'application/octet-stream',
        a.bytes.byteLength,
        a.sha256,
        Buffer.from(a.bytes.buffer, a.bytes.byteOffset, a.bytes.byteLength),
        adminId,
        orderOf.get(a.id) ?? NO_ORDER,
      ],
    );
  }
  for (const c of e.priceChecks) {
    await q.query(
      'INSERT INTO price_checks (id, category_id, quarter, document, updated_by) VALUES ($1, $2, $3, $4, $5)',
      [c.id, c.categoryId, c.quarter, JSON.stringify(c), adminId],
    );
  }
}
