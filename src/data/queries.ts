import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { kingsoftCloudXiaomi2026 } from '../domain/disclosed/kingsoftCloudXiaomi2026';
import type { EngineContext } from '../domain/engine';
import { EMPTY_LEDGER } from '../domain/ledgerTotals';
import type { ApprovalRecord, Dataset } from '../domain/model';
import { mergeDatasets, type RegisterAgreement } from '../domain/register';
import { subscribeLedgerChanged } from '../storage/ledgerEvents';
import type { LedgerFilter, ManualEntryInput } from '../storage/ledgerStore';
import {
  batchTotalsByCategory,
  clearApproval,
  deleteManualEntry,
  deleteRegisterAgreement,
  importRegisterJson,
  ledgerSummary,
  listApprovals,
  listBatches,
  listCommentary,
  listRegister,
  loadLedgerComplete,
  loadLedgerPage,
  loadLedgerTotals,
  loadPersistence,
  loadSettings,
  recordApproval,
  requestPersistence,
  rollbackBatch,
  saveCommentary,
  saveManualEntry,
  saveRegisterAgreement,
  saveThresholdPercent,
  setLedgerComplete,
} from './storage';
import { DEFAULT_THRESHOLD_PERCENT, thresholdFraction } from '../domain/threshold';

/** Query keys of persisted data; mutations invalidate by these. */
export const queryKeys = {
  approvals: ['approvals'] as const,
  settings: ['settings'] as const,
  ledgerTotals: ['ledgerTotals'] as const,
  /** Prefix of every ledger query (pages, summaries, batches, persistence). */
  ledger: ['ledger'] as const,
  dataset: ['dataset'] as const,
  register: ['register'] as const,
  commentary: (asOf: string) => ['commentary', asOf] as const,
};

export function useApprovals() {
  return useQuery({ queryKey: queryKeys.approvals, queryFn: listApprovals });
}

export function useRecordApproval() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (rec: ApprovalRecord) => recordApproval(rec),
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.approvals }),
  });
}

export function useClearApproval() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (resolutionId: string) => clearApproval(resolutionId),
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.approvals }),
  });
}

export function useSettings() {
  return useQuery({ queryKey: queryKeys.settings, queryFn: loadSettings });
}

export function useSaveThreshold() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (value: string) => saveThresholdPercent(value),
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.settings }),
  });
}

export function useLedgerTotals() {
  return useQuery({ queryKey: queryKeys.ledgerTotals, queryFn: loadLedgerTotals });
}

/** The user's cap register: agreements added beside the built-in disclosure. */
export function useRegister() {
  return useQuery({ queryKey: queryKeys.register, queryFn: listRegister });
}

function merged(register: readonly RegisterAgreement[] | undefined): Dataset {
  if (!register?.length) return kingsoftCloudXiaomi2026;
  try {
    return mergeDatasets(kingsoftCloudXiaomi2026, register);
  } catch (e) {
    // Stored agreements are validated, so this is a bug; show the built-in data rather than nothing.
    console.error(e);
    return kingsoftCloudXiaomi2026;
  }
}

/**
 * The dataset every screen shows — the built-in disclosure merged with the
 * user's register — and whether the register has loaded (until then the
 * built-in data alone is returned, so a screen looking up a register
 * agreement should wait for `ready` before saying it does not exist).
 */
export function useDatasetState(): { dataset: Dataset; ready: boolean } {
  const register = useRegister();
  const dataset = useMemo(() => merged(register.data), [register.data]);
  // A storage failure leaves the built-in data on screen rather than a page that never loads.
  return { dataset, ready: register.isSuccess || register.isError };
}

/** The dataset the screens show: the built-in disclosure merged with the user's cap register. */
export function useDataset(): Dataset {
  return useDatasetState().dataset;
}

export function useSaveRegisterAgreement() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (a: RegisterAgreement) => saveRegisterAgreement(a),
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.register }),
  });
}

export function useDeleteRegisterAgreement() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => deleteRegisterAgreement(id),
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.register }),
  });
}

/** Imports a register export (JSON text); rejects with RegisterValidationError and stores nothing when invalid. */
export function useImportRegister() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (text: string) => importRegisterJson(text),
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.register }),
  });
}

/**
 * Everything the engine needs, from persisted data. `ready` is false until
 * the register, approvals and the ledger are loaded, so no screen flashes figures that
 * would change a moment later.
 */
export function useEngineContext(): { ctx: EngineContext; ready: boolean } {
  const { dataset, ready: datasetReady } = useDatasetState();
  const approvals = useApprovals();
  const settings = useSettings();
  const ledger = useLedgerTotals();
  const ctx = useMemo<EngineContext>(
    () => ({
      dataset,
      approvals: approvals.data ?? [],
      ledger: ledger.data ?? EMPTY_LEDGER,
      threshold: thresholdFraction(settings.data?.thresholdPercent ?? DEFAULT_THRESHOLD_PERCENT),
    }),
    [dataset, approvals.data, ledger.data, settings.data],
  );
  return { ctx, ready: datasetReady && approvals.isSuccess && ledger.isSuccess && settings.isSuccess };
}

/** Directors' report commentary of every category for one as-of date. */
export function useCommentary(asOf: string) {
  return useQuery({ queryKey: queryKeys.commentary(asOf), queryFn: () => listCommentary(asOf) });
}

export function useSaveCommentary(asOf: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ categoryId, text }: { categoryId: string; text: string }) => saveCommentary(categoryId, asOf, text),
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.commentary(asOf) }),
  });
}

// ---------------------------------------------------------------------------
// Ledger

/**
 * Keeps every ledger query fresh: any ledger write in this tab or another
 * open tab (BroadcastChannel) invalidates the totals the engine reads and the
 * ledger pages. Mount once, near the root.
 */
export function useLedgerSync(): void {
  const qc = useQueryClient();
  useEffect(
    () =>
      subscribeLedgerChanged(() => {
        void qc.invalidateQueries({ queryKey: queryKeys.ledgerTotals });
        void qc.invalidateQueries({ queryKey: queryKeys.ledger });
      }),
    [qc],
  );
}

async function invalidateLedger(qc: ReturnType<typeof useQueryClient>): Promise<void> {
  await Promise.all([
    qc.invalidateQueries({ queryKey: queryKeys.ledgerTotals }),
    qc.invalidateQueries({ queryKey: queryKeys.ledger }),
  ]);
}

export function useLedgerPage(filter: LedgerFilter, offset: number, limit: number) {
  return useQuery({
    queryKey: [...queryKeys.ledger, 'page', filter, offset, limit],
    queryFn: () => loadLedgerPage(filter, offset, limit),
    placeholderData: (prev) => prev,
  });
}

export function useLedgerSummary(filter: LedgerFilter) {
  return useQuery({ queryKey: [...queryKeys.ledger, 'summary', filter], queryFn: () => ledgerSummary(filter) });
}

export function useImportBatches() {
  return useQuery({ queryKey: [...queryKeys.ledger, 'batches'], queryFn: listBatches });
}

/** Per batch, its total per category (for totals by currency); rolled-back batches are absent. */
export function useBatchTotalsByCategory() {
  return useQuery({ queryKey: [...queryKeys.ledger, 'batch-totals'], queryFn: batchTotalsByCategory });
}

export function useLedgerComplete() {
  return useQuery({ queryKey: [...queryKeys.ledger, 'complete'], queryFn: loadLedgerComplete });
}

export function useSetLedgerComplete() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ categoryId, complete }: { categoryId: string; complete: boolean }) =>
      setLedgerComplete(categoryId, complete),
    onSuccess: () => invalidateLedger(qc),
  });
}

export function useSaveManualEntry() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (e: ManualEntryInput) => saveManualEntry(e),
    onSuccess: () => invalidateLedger(qc),
  });
}

export function useDeleteManualEntry() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (id: number) => deleteManualEntry(id), onSuccess: () => invalidateLedger(qc) });
}

export function useRollbackBatch() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (batchId: string) => rollbackBatch(batchId),
    onSuccess: () => invalidateLedger(qc),
  });
}

/** Whether the browser keeps this origin's data under storage pressure (and usage / quota). */
export function usePersistence() {
  return useQuery({ queryKey: [...queryKeys.ledger, 'persistence'], queryFn: loadPersistence });
}

export function useRequestPersistence() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: requestPersistence,
    onSettled: () => qc.invalidateQueries({ queryKey: [...queryKeys.ledger, 'persistence'] }),
  });
}

/** Invalidates every ledger query (after an import, restore or anything written outside a hook). */
export function useInvalidateLedger(): () => Promise<void> {
  const qc = useQueryClient();
  return () => invalidateLedger(qc);
}
