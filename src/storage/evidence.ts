/**
 * Pricing evidence in IndexedDB (schema version 6): purchase orders with
 * their quotations, the documents attached to quotations, and the quarterly
 * price checks. Every write validates first (domain/evidence/pricing.ts),
 * then stores the change, its attachments and its change-history record in
 * ONE transaction: a refused or failed save stores nothing at all.
 */
import type { CategoryId } from '../domain/model';
import {
  type ExceptionClosure,
  MAX_ATTACHMENT_BYTES,
  type PriceCheck,
  type PurchaseOrder,
  validateOrder,
  validatePriceCheck,
} from '../domain/evidence/pricing';
import type { JsonValue } from '../domain/history/chain';
import { db } from './db';
import { commitWithHistory, sha256 } from './history';
import { type AttachmentRecord, EvidenceValidationError, type NewAttachment } from './repositories';

export { EvidenceValidationError, type NewAttachment } from './repositories';

function randomId(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

export async function listOrders(): Promise<PurchaseOrder[]> {
  return (await db().evidenceOrders.toArray()).sort(
    (a, b) => a.date.localeCompare(b.date) || a.reference.localeCompare(b.reference),
  );
}

export async function listPriceChecks(): Promise<PriceCheck[]> {
  return (await db().priceChecks.toArray()).sort((a, b) => a.quarter.localeCompare(b.quarter));
}

export async function getAttachment(id: string): Promise<AttachmentRecord | undefined> {
  return db().evidenceAttachments.get(id);
}

function asJson(v: unknown): JsonValue {
  return v === undefined ? null : (JSON.parse(JSON.stringify(v)) as JsonValue);
}

/**
 * Adds or replaces (same id) an order, attaching `files` to its quotations.
 * Refused with EvidenceValidationError (nothing stored) when the order is
 * invalid: see validateOrder; `procurement` is the set of procurement categories.
 */
export async function saveOrder(
  order: PurchaseOrder,
  procurement: ReadonlySet<CategoryId>,
  files: readonly NewAttachment[] = [],
): Promise<PurchaseOrder> {
  const d = db();
  // Attachment sizes are checked before anything is hashed or stored.
  const withSizes: PurchaseOrder = {
    ...order,
    id: order.id || randomId('po'),
    reference: order.reference.trim(),
    xiaomiQuote: order.xiaomiQuote,
    thirdPartyQuotes: [...order.thirdPartyQuotes],
  };
  const prepared: AttachmentRecord[] = [];
  let next = withSizes;
  for (const f of files) {
    const id = randomId('att');
    const patch = { attachmentId: id, attachmentName: f.name, attachmentBytes: f.bytes.byteLength };
    if (f.quotePath === 'xiaomiQuote' && next.xiaomiQuote)
      next = { ...next, xiaomiQuote: { ...next.xiaomiQuote, ...patch } };
    else {
      const i = Number(/^quotes\[(\d+)\]$/.exec(f.quotePath)?.[1] ?? NaN);
      const q = next.thirdPartyQuotes[i];
      if (!q) throw new EvidenceValidationError([{ code: 'supplier-missing', path: f.quotePath }]);
      next = { ...next, thirdPartyQuotes: next.thirdPartyQuotes.map((x, j) => (j === i ? { ...x, ...patch } : x)) };
    }
    if (f.bytes.byteLength <= MAX_ATTACHMENT_BYTES)
      prepared.push({ id, name: f.name, type: f.type, bytes: f.bytes, sha256: await sha256(f.bytes) });
  }
  const others = await d.evidenceOrders.toArray();
  const issues = validateOrder(
    next,
    procurement,
    new Set(others.filter((o) => o.id !== next.id).map((o) => o.reference.trim())),
  );
  if (issues.length) throw new EvidenceValidationError(issues);
  const hashes = Object.fromEntries(prepared.map((a) => [a.id, a.sha256]));
  await commitWithHistory([d.evidenceOrders, d.evidenceAttachments], async () => {
    const before = await d.evidenceOrders.get(next.id);
    return {
      input: {
        kind: 'order-save',
        subject: next.reference,
        before: asJson(before ?? null),
        after: asJson({ ...next, attachmentSha256: hashes }),
      },
      write: async () => {
        for (const a of prepared) await d.evidenceAttachments.add(a);
        await d.evidenceOrders.put(next);
      },
    };
  });
  return next;
}

export async function deleteOrder(id: string): Promise<void> {
  const d = db();
  await commitWithHistory([d.evidenceOrders, d.evidenceAttachments], async () => {
    const before = await d.evidenceOrders.get(id);
    return {
      input: { kind: 'order-delete', subject: before?.reference ?? id, before: asJson(before ?? null), after: null },
      write: async () => {
        // Attachments stay: the history still refers to them by id and hash.
        await d.evidenceOrders.delete(id);
      },
    };
  });
}

/** Closes an order's exception with a justification and who approved it. */
export async function closeException(id: string, closure: ExceptionClosure): Promise<void> {
  if (!closure.justification.trim() || !closure.approvedBy.trim())
    throw new EvidenceValidationError([{ code: 'closure-incomplete', path: 'order.closure' }]);
  const d = db();
  await commitWithHistory([d.evidenceOrders], async () => {
    const before = await d.evidenceOrders.get(id);
    if (!before) throw new RangeError(`No order ${id}.`);
    return {
      input: {
        kind: 'exception-close',
        subject: before.reference,
        before: asJson(before.closure),
        after: asJson(closure),
      },
      write: async () => {
        await d.evidenceOrders.put({ ...before, closure });
      },
    };
  });
}

export async function savePriceCheck(check: PriceCheck): Promise<PriceCheck> {
  const d = db();
  const next = { ...check, id: check.id || randomId('pc') };
  const issues = validatePriceCheck(next, await d.priceChecks.toArray());
  if (issues.length) throw new EvidenceValidationError(issues.map((code) => ({ code, path: 'check' })));
  await commitWithHistory([d.priceChecks], async () => {
    const before = await d.priceChecks.get(next.id);
    return {
      input: {
        kind: 'price-check-save',
        subject: `${next.categoryId} ${next.quarter}`,
        before: asJson(before ?? null),
        after: asJson(next),
      },
      write: async () => {
        await d.priceChecks.put(next);
      },
    };
  });
  return next;
}

export async function deletePriceCheck(id: string): Promise<void> {
  const d = db();
  await commitWithHistory([d.priceChecks], async () => {
    const before = await d.priceChecks.get(id);
    return {
      input: {
        kind: 'price-check-delete',
        subject: before ? `${before.categoryId} ${before.quarter}` : id,
        before: asJson(before ?? null),
        after: null,
      },
      write: async () => {
        await d.priceChecks.delete(id);
      },
    };
  });
}
