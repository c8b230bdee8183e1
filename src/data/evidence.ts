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
import { EvidenceValidationError, type NewAttachment } from '../storage/repositories';
import { historyKeys } from './history';
import { queryKeys } from './queries';
import { repositories } from './repositories';

const evidence = () => repositories().evidence;

export const evidenceKeys = {
  orders: ['evidence', 'orders'] as const,
  checks: ['evidence', 'checks'] as const,
};

/** Procurement categories (bought by the Group): the ones purchase orders and quotations are for. */
export function procurementCategories(dataset: Dataset): Set<string> {
  return new Set(dataset.categories.filter((c) => c.direction === 'procured-by-group').map((c) => c.id));
}

export function useOrders() {
  return useQuery({ queryKey: evidenceKeys.orders, queryFn: () => evidence().orders() });
}

export function usePriceChecks() {
  return useQuery({ queryKey: evidenceKeys.checks, queryFn: () => evidence().priceChecks() });
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
    }) => evidence().saveOrder(order, procurement, files),
  );
}

export function useDeleteOrder() {
  return useEvidenceMutation((id: string) => evidence().deleteOrder(id));
}

export function useCloseException() {
  return useEvidenceMutation(({ id, closure }: { id: string; closure: ExceptionClosure }) =>
    evidence().closeException(id, closure),
  );
}

export function useSavePriceCheck() {
  return useEvidenceMutation((c: PriceCheck) => evidence().savePriceCheck(c));
}

export function useDeletePriceCheck() {
  return useEvidenceMutation((id: string) => evidence().deletePriceCheck(id));
}

/** The stored attachment as a Blob with its name (null when it is gone). */
export async function loadAttachment(id: string): Promise<{ blob: Blob; name: string } | null> {
  const a = await evidence().attachment(id);
  return a ? { blob: new Blob([a.bytes], { type: a.type || 'application/octet-stream' }), name: a.name } : null;
}

export type { NewAttachment } from '../storage/repositories';

/** Whether an error is the evidence store's refusal (with its issues). */
export function isEvidenceValidationError(e: unknown): e is EvidenceValidationError {
  return e instanceof EvidenceValidationError;
}
