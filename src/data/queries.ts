import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { kingsoftCloudXiaomi2026 } from '../domain/disclosed/kingsoftCloudXiaomi2026';
import type { EngineContext } from '../domain/engine';
import { EMPTY_LEDGER } from '../domain/ledgerTotals';
import type { ApprovalRecord, Dataset } from '../domain/model';
import { mergeDatasets } from '../domain/register/merge';
import type { RegisterAgreement } from '../domain/register';
import {
  type CommitInfo,
  type ImportSessionProgress,
  type LedgerFilter,
  type LedgerImportSession,
  type ManualEntryInput,
  type RememberedMapping,
} from '../storage/repositories';
import { repositories } from './repositories';
import {
  clearApprovalLogged,
  historyAppended,
  deleteManualEntryLogged,
  deleteRegisterAgreementLogged,
  importRegisterLogged,
  recordApprovalLogged,
  rollbackBatchLogged,
  saveCommentaryLogged,
  saveManualEntryLogged,
  saveRegisterAgreementLogged,
  saveAgreementThresholdLogged,
  saveThresholdLogged,
  setLedgerCompleteLogged,
  setLedgerCompleteThroughLogged,
  saveUncappedResolutionLogged,
  removeUncappedResolutionLogged,
} from './history';
import type { UncappedResolution } from '../domain/uncapped';
import { thresholdFraction } from '../domain/threshold';
import type { AppSettings } from './types';

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
  uncappedResolutions: ['uncappedResolutions'] as const,
};

/** Recorded resolutions of transactions with no cap in force. */
export function useUncappedResolutions() {
  return useQuery({
    queryKey: queryKeys.uncappedResolutions,
    queryFn: () => repositories().uncappedResolutions.list(),
  });
}

/** Records (or replaces) a resolution, in the change history. */
export function useSaveUncappedResolution() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (r: UncappedResolution) => saveUncappedResolutionLogged(r),
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.uncappedResolutions }),
  });
}

/** Withdraws a resolution (the item is open again), in the change history. */
export function useRemoveUncappedResolution() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => removeUncappedResolutionLogged(id),
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.uncappedResolutions }),
  });
}

export function useApprovals() {
  return useQuery({ queryKey: queryKeys.approvals, queryFn: () => repositories().approvals.list() });
}

export function useRecordApproval() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (rec: ApprovalRecord) => recordApprovalLogged(rec),
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.approvals }),
  });
}

export function useClearApproval() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (resolutionId: string) => clearApprovalLogged(resolutionId),
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.approvals }),
  });
}

export function useSettings() {
  return useQuery({ queryKey: queryKeys.settings, queryFn: () => repositories().settings.load() });
}

/** Saves the threshold for every agreement; null removes it (each agreement's own or the default applies). */
export function useSaveThreshold() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (value: string | null) => saveThresholdLogged(value),
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.settings }),
  });
}

/** Saves one agreement's own threshold (null: removes it); recorded in the change history. */
export function useSaveAgreementThreshold() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ agreementId, value }: { agreementId: string; value: string | null }) =>
      saveAgreementThresholdLogged(agreementId, value),
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.settings }),
  });
}

/** The engine's threshold inputs from the stored settings: the setting for all only when the user made one. */
export function thresholdInputs(
  settings: AppSettings | undefined,
): Pick<EngineContext, 'threshold' | 'thresholdByAgreement'> {
  if (!settings) return {};
  return {
    threshold: settings.thresholdSet ? thresholdFraction(settings.thresholdPercent) : undefined,
    thresholdByAgreement: new Map(
      Object.entries(settings.thresholdByAgreement).map(([id, pct]) => [id, thresholdFraction(pct)]),
    ),
  };
}

export function useLedgerTotals() {
  return useQuery({ queryKey: queryKeys.ledgerTotals, queryFn: () => repositories().ledger.totals() });
}

/** The user's cap register: agreements added beside the built-in disclosure. */
export function useRegister() {
  return useQuery({ queryKey: queryKeys.register, queryFn: () => repositories().register.list() });
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
    mutationFn: (a: RegisterAgreement) => saveRegisterAgreementLogged(a),
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.register }),
  });
}

export function useDeleteRegisterAgreement() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => deleteRegisterAgreementLogged(id),
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.register }),
  });
}

/** Imports a register export (JSON text); rejects with RegisterValidationError and stores nothing when invalid. */
export function useImportRegister() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (text: string) => importRegisterLogged(text),
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
  const resolutions = useUncappedResolutions();
  const ctx = useMemo<EngineContext>(
    () => ({
      dataset,
      approvals: approvals.data ?? [],
      ledger: ledger.data ?? EMPTY_LEDGER,
      ...thresholdInputs(settings.data),
      uncappedResolutions: resolutions.data ?? [],
    }),
    [dataset, approvals.data, ledger.data, settings.data, resolutions.data],
  );
  // A storage failure of the resolutions leaves the items open (never hides an uncapped row).
  const resolutionsDone = resolutions.isSuccess || resolutions.isError;
  return {
    ctx,
    ready: datasetReady && approvals.isSuccess && ledger.isSuccess && settings.isSuccess && resolutionsDone,
  };
}

/** Directors' report commentary of every category for one as-of date. */
export function useCommentary(asOf: string) {
  return useQuery({ queryKey: queryKeys.commentary(asOf), queryFn: () => repositories().commentary.list(asOf) });
}

export function useSaveCommentary(asOf: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ categoryId, text }: { categoryId: string; text: string }) =>
      saveCommentaryLogged(categoryId, asOf, text),
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
      repositories().ledger.subscribe(() => {
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
    queryFn: () => repositories().ledger.page(filter, offset, limit),
    placeholderData: (prev) => prev,
  });
}

export function useLedgerSummary(filter: LedgerFilter) {
  return useQuery({
    queryKey: [...queryKeys.ledger, 'summary', filter],
    queryFn: () => repositories().ledger.summary(filter),
  });
}

export function useImportBatches() {
  return useQuery({ queryKey: [...queryKeys.ledger, 'batches'], queryFn: () => repositories().ledger.batches() });
}

/** Per batch, its total per category (for totals by currency); rolled-back batches are absent. */
export function useBatchTotalsByCategory() {
  return useQuery({
    queryKey: [...queryKeys.ledger, 'batch-totals'],
    queryFn: () => repositories().ledger.batchTotalsByCategory(),
  });
}

export function useLedgerComplete() {
  return useQuery({ queryKey: [...queryKeys.ledger, 'complete'], queryFn: () => repositories().ledger.complete() });
}

export function useSetLedgerComplete() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ categoryId, complete }: { categoryId: string; complete: boolean }) =>
      setLedgerCompleteLogged(categoryId, complete),
    onSuccess: () => invalidateLedger(qc),
  });
}

/** Sets (date null: clears) a category's "ledger complete through" date, recorded in the history. */
export function useSetLedgerCompleteThrough() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (changes: readonly { categoryId: string; date: string | null }[]) => {
      for (const c of changes) await setLedgerCompleteThroughLogged(c.categoryId, c.date);
    },
    onSuccess: () => invalidateLedger(qc),
  });
}

export function useSaveManualEntry() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (e: ManualEntryInput) => saveManualEntryLogged(e),
    onSuccess: () => invalidateLedger(qc),
  });
}

export function useDeleteManualEntry() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => deleteManualEntryLogged(id),
    onSuccess: () => invalidateLedger(qc),
  });
}

export function useRollbackBatch() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (batchId: string) => rollbackBatchLogged(batchId),
    onSuccess: () => invalidateLedger(qc),
  });
}

/** Whether the browser keeps this origin's data under storage pressure (and usage / quota). */
export function usePersistence() {
  return useQuery({ queryKey: [...queryKeys.ledger, 'persistence'], queryFn: () => repositories().persistence.load() });
}

export function useRequestPersistence() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => repositories().persistence.request(),
    onSettled: () => qc.invalidateQueries({ queryKey: [...queryKeys.ledger, 'persistence'] }),
  });
}

/** A manual entry as stored (for editing it, or for undo to put it back), read when asked for. */
export function useLoadManualEntry() {
  const qc = useQueryClient();
  return (id: number) =>
    qc.fetchQuery({
      queryKey: [...queryKeys.ledger, 'manual', id],
      queryFn: async () => (await repositories().ledger.manualEntry(id)) ?? null,
    });
}

/** Readies the import session's worker while the user picks a file (called as the import page opens). */
export function prepareImportSession(): void {
  repositories().ledger.prepareImportSession();
}

/**
 * Opens an import session (append the accepted rows, check, then commit or
 * abort). A commit invalidates every ledger query; it does not wait for the
 * refetch, so the page shows the result at once and the screens that show the
 * ledger refetch when they mount.
 */
export function useOpenImportSession(): (categoryIds: readonly string[]) => LedgerImportSession {
  const qc = useQueryClient();
  return (categoryIds) => {
    const session = repositories().ledger.openImportSession(categoryIds);
    return {
      append: (chunk) => session.append(chunk),
      check: (options) => session.check(options),
      commit: async (
        info: CommitInfo,
        options: { skipDuplicates: boolean; onProgress?: (p: ImportSessionProgress) => void },
      ) => {
        const batch = await session.commit(info, options);
        void invalidateLedger(qc);
        // The import's history record was written with its rows (in the ledger worker).
        historyAppended();
        return batch;
      },
      abort: () => session.abort(),
    };
  };
}

/** The column mapping remembered for an import's header layout (null when none), read when asked for. */
export function useLoadRememberedMapping() {
  const qc = useQueryClient();
  return (headerLayoutKey: string) =>
    qc.fetchQuery({
      queryKey: [...queryKeys.settings, 'mapping', headerLayoutKey],
      queryFn: () => repositories().settings.rememberedMapping(headerLayoutKey),
    });
}

export function useRememberMapping() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ headerLayoutKey, remembered }: { headerLayoutKey: string; remembered: RememberedMapping }) =>
      repositories().settings.rememberMapping(headerLayoutKey, remembered),
    onSuccess: (_, { headerLayoutKey }) =>
      qc.invalidateQueries({ queryKey: [...queryKeys.settings, 'mapping', headerLayoutKey] }),
  });
}

/** The cap register as export-file JSON text. */
export function useExportRegister() {
  return useMutation({ mutationFn: () => repositories().register.exportJson() });
}

/** Everything stored, as one backup file. */
export function useExportBackup() {
  return useMutation({ mutationFn: () => repositories().backup.export() });
}

/** Replaces everything stored with a backup file's content; every query is refetched. */
export function useRestoreBackup() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (text: string) => repositories().backup.restore(text),
    onSuccess: () => qc.invalidateQueries(),
  });
}
