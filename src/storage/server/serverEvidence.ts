/**
 * Pricing evidence in team mode (server/http/evidence.ts): the same
 * EvidenceRepository as the local store. A save uploads each new document
 * first (staged on the server), then saves the order naming them; the
 * server takes the uploads in with the order, its history record and its
 * change event in one transaction. The server's refusals with issue codes
 * come back as EvidenceValidationError, as the local store throws them.
 */
import { MAX_ATTACHMENT_BYTES, type PurchaseOrder, validateOrder } from '../../domain/evidence/pricing';
import { type EvidenceRepository, EvidenceValidationError, type NewAttachment } from '../repositories';
import { qs, type ServerApi, ServerRequestError } from './api';

/** Types by file extension, for files the browser gives no type (the server accepts these kinds). */
const BY_EXTENSION: Readonly<Record<string, string>> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  zip: 'application/zip',
  xls: 'application/vnd.ms-excel',
  doc: 'application/msword',
  msg: 'application/vnd.ms-outlook',
  eml: 'message/rfc822',
  txt: 'text/plain',
  csv: 'text/csv',
};

export function attachmentType(f: Pick<NewAttachment, 'name' | 'type'>): string {
  if (f.type) return f.type;
  return BY_EXTENSION[/\.([A-Za-z0-9]+)$/.exec(f.name)?.[1]?.toLowerCase() ?? ''] ?? 'application/octet-stream';
}

const newId = (prefix: string) => `${prefix}-${globalThis.crypto.randomUUID()}`;

/** The server's 422 with issues as the store's own error; anything else as it came. */
async function refusalsAsIssues<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof ServerRequestError && e.code === 'invalid-evidence' && Array.isArray(e.extra.issues)) {
      throw new EvidenceValidationError(e.extra.issues as EvidenceValidationError['issues']);
    }
    throw e;
  }
}

export function serverEvidence(api: ServerApi): EvidenceRepository {
  return {
    orders: async () => (await api.get<{ orders: PurchaseOrder[] }>('/api/evidence/orders')).orders,
    saveOrder: async (order, procurement, files = []) => {
      const next: PurchaseOrder = { ...order, id: order.id || newId('po') };
      // Too large: refused here with every other issue, before anything is sent (as the local store does).
      const big = files.filter((f) => f.bytes.byteLength > MAX_ATTACHMENT_BYTES);
      if (big.length) {
        let sized = next;
        for (const f of big) {
          const patch = { attachmentBytes: f.bytes.byteLength, attachmentName: f.name };
          if (f.quotePath === 'xiaomiQuote' && sized.xiaomiQuote)
            sized = { ...sized, xiaomiQuote: { ...sized.xiaomiQuote, ...patch } };
          const i = Number(/^quotes\[(\d+)\]$/.exec(f.quotePath)?.[1] ?? NaN);
          if (sized.thirdPartyQuotes[i])
            sized = {
              ...sized,
              thirdPartyQuotes: sized.thirdPartyQuotes.map((q, j) => (j === i ? { ...q, ...patch } : q)),
            };
        }
        throw new EvidenceValidationError(validateOrder(sized, procurement));
      }
      const attachments: { quotePath: string; attachmentId: string }[] = [];
      for (const f of files) {
        const { attachment } = await api.upload<{ attachment: { id: string } }>(
          `/api/evidence/attachments${qs({ name: f.name, type: attachmentType(f) })}`,
          new Blob([f.bytes]),
          { 'content-type': 'application/octet-stream' },
        );
        attachments.push({ quotePath: f.quotePath, attachmentId: attachment.id });
      }
      return (
        await refusalsAsIssues(
          api.write<{ order: PurchaseOrder }>('PUT', `/api/evidence/orders/${encodeURIComponent(next.id)}`, {
            order: next,
            attachments,
          }),
        )
      ).order;
    },
    deleteOrder: async (id) => {
      await api.write('DELETE', `/api/evidence/orders/${encodeURIComponent(id)}`);
    },
    closeException: async (id, closure) => {
      if (!closure.justification.trim() || !closure.approvedBy.trim())
        throw new EvidenceValidationError([{ code: 'closure-incomplete', path: 'order.closure' }]);
      await refusalsAsIssues(api.write('PUT', `/api/evidence/orders/${encodeURIComponent(id)}/closure`, { closure }));
    },
    attachment: async (id) => {
      const got = await api.bytes(`/api/evidence/attachments/${encodeURIComponent(id)}`);
      if (!got) return undefined;
      return {
        id,
        name: decodeURIComponent(got.headers.get('x-file-name') ?? id),
        type: (got.headers.get('content-type') ?? '').split(';')[0]!.trim(),
        bytes: got.bytes,
        sha256: got.headers.get('x-content-sha256') ?? '',
      };
    },
    priceChecks: async () =>
      (await api.get<{ checks: Awaited<ReturnType<EvidenceRepository['priceChecks']>> }>('/api/evidence/price-checks'))
        .checks,
    savePriceCheck: async (check) => {
      const next = { ...check, id: check.id || newId('pc') };
      return (
        await refusalsAsIssues(
          api.write<{ check: typeof next }>('PUT', `/api/evidence/price-checks/${encodeURIComponent(next.id)}`, {
            check: next,
          }),
        )
      ).check;
    },
    deletePriceCheck: async (id) => {
      await api.write('DELETE', `/api/evidence/price-checks/${encodeURIComponent(id)}`);
    },
  };
}
