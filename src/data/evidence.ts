/**
 * Pricing evidence through the data gateway: purchase orders with their
 * quotations and attachments, quarterly price checks, and the ledger
 * references of procurement categories that orders link to.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { fromDayNumber } from '../domain/dates';
import {
  type ExceptionClosure,
  type PriceCheck,
  type PurchaseOrder,
  referenceTotals,
} from '../domain/evidence/pricing';
import type { Dataset } from '../domain/model';
import { stringAt } from '../domain/import/accepted';
import type { NewAttachment } from '../storage/evidence';
import { historyKeys } from './history';
import { queryKeys } from './queries';
import { repositories } from './repositories';

// Loaded on first use, like the other storage modules.
const evidenceModule = () => import('../storage/evidence');
const listOrders = async () => (await evidenceModule()).listOrders();
const listPriceChecks = async () => (await evidenceModule()).listPriceChecks();
const getAttachment = async (id: string) => (await evidenceModule()).getAttachment(id);
const saveOrder = async (o: PurchaseOrder, p: ReadonlySet<string>, f: NewAttachment[]) =>
  (await evidenceModule()).saveOrder(o, p, f);
const deleteOrder = async (id: string) => (await evidenceModule()).deleteOrder(id);
const closeException = async (id: string, c: ExceptionClosure) => (await evidenceModule()).closeException(id, c);
const savePriceCheck = async (c: PriceCheck) => (await evidenceModule()).savePriceCheck(c);
const deletePriceCheck = async (id: string) => (await evidenceModule()).deletePriceCheck(id);

export const evidenceKeys = {
  orders: ['evidence', 'orders'] as const,
  checks: ['evidence', 'checks'] as const,
};

/** Procurement categories (bought by the Group): the ones purchase orders and quotations are for. */
export function procurementCategories(dataset: Dataset): Set<string> {
  return new Set(dataset.categories.filter((c) => c.direction === 'procured-by-group').map((c) => c.id));
}

export function useOrders() {
  return useQuery({ queryKey: evidenceKeys.orders, queryFn: listOrders });
}

export function usePriceChecks() {
  return useQuery({ queryKey: evidenceKeys.checks, queryFn: listPriceChecks });
}

/** Ledger rows of the procurement categories summed per reference (read block by block). */
export async function loadReferenceTotals(procurement: ReadonlySet<string>) {
  const blocks: Parameters<typeof referenceTotals>[0] extends Iterable<infer B> ? B[] : never = [];
  await repositories().ledger.forEachBlock((b) => {
    blocks.push({
      length: b.length,
      categoryIds: b.categoryIds,
      category: b.category,
      day: b.day,
      amountMinor: b.amountMinor,
      referenceAt: (i) => stringAt(b.reference, i),
    });
  });
  return referenceTotals(blocks, procurement, fromDayNumber);
}

export function useReferenceTotals(procurement: ReadonlySet<string>) {
  return useQuery({
    queryKey: [...queryKeys.ledger, 'references', [...procurement].sort()],
    queryFn: () => loadReferenceTotals(procurement),
  });
}

function useEvidenceMutation<A, R>(fn: (a: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await Promise.all([
        qc.invalidateQueries({ queryKey: ['evidence'] }),
        qc.invalidateQueries({ queryKey: historyKeys.all }),
      ]);
    },
  });
}

export function useSaveOrder() {
  return useEvidenceMutation(
    ({
      order,
      procurement,
      files,
    }: {
      order: PurchaseOrder;
      procurement: ReadonlySet<string>;
      files: NewAttachment[];
    }) => saveOrder(order, procurement, files),
  );
}

export function useDeleteOrder() {
  return useEvidenceMutation((id: string) => deleteOrder(id));
}

export function useCloseException() {
  return useEvidenceMutation(({ id, closure }: { id: string; closure: ExceptionClosure }) =>
    closeException(id, closure),
  );
}

export function useSavePriceCheck() {
  return useEvidenceMutation((c: PriceCheck) => savePriceCheck(c));
}

export function useDeletePriceCheck() {
  return useEvidenceMutation((id: string) => deletePriceCheck(id));
}

/** The stored attachment as a Blob with its name (null when it is gone). */
export async function loadAttachment(id: string): Promise<{ blob: Blob; name: string } | null> {
  const a = await getAttachment(id);
  return a ? { blob: new Blob([a.bytes], { type: a.type || 'application/octet-stream' }), name: a.name } : null;
}

export type { NewAttachment } from '../storage/evidence';

/** Whether an error is the evidence store's refusal (with its issues), without loading the store to check. */
export function isEvidenceValidationError(e: unknown): e is Error & {
  issues: readonly { code: string; path: string; vars?: Readonly<Record<string, string | number>> }[];
} {
  return e instanceof Error && e.name === 'EvidenceValidationError';
}
