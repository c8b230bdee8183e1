/**
 * The change history through the data gateway: queries of the chain, and the
 * writes to persisted data that other modules own (ledger, register,
 * approvals, settings, commentary) as the mutations call them. Every write of
 * the repositories stores the change and its history record (before, after,
 * who) in one transaction, so a failed write leaves neither; here the
 * history queries of this tab are told the chain grew.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { ApprovalRecord } from '../domain/model';
import type { RegisterAgreement } from '../domain/register';
import type { UncappedResolution } from '../domain/uncapped';
import type { ManualEntryInput, SavedManualEntry } from '../storage/repositories';
import type { LedgerBatchRecord } from '../storage/ledgerTypes';
import { repositories } from './repositories';

const history = () => repositories().history;
const ensureGenesis = () => history().ensureGenesis();
const historyHead = () => history().head();
const listHistory = () => history().list();
const loadUserName = () => history().userName();
const saveUserName = (name: string) => history().saveUserName(name);
const sha256 = (bytes: Uint8Array<ArrayBuffer>) => history().sha256(bytes);
const verifyStoredHistory = (expected?: { hash: string; count?: number }) => history().verify(expected);

export const historyKeys = {
  all: ['history'] as const,
  user: ['history', 'user'] as const,
};

/** Listeners told that the chain grew (the history queries of this tab). */
const appended = new Set<() => void>();

// ---------------------------------------------------------------------------
// Logged writes: the repositories store each change with its history record
// in one transaction (storage/logged.ts); here the history queries are told.

async function logged<T>(write: Promise<T>): Promise<T> {
  const out = await write;
  for (const l of [...appended]) l();
  return out;
}

export const recordApprovalLogged = (rec: ApprovalRecord) => logged(repositories().approvals.record(rec));
export const clearApprovalLogged = (resolutionId: string) => logged(repositories().approvals.clear(resolutionId));
export const saveThresholdLogged = (value: string | null) =>
  logged(repositories().settings.saveThresholdPercent(value));
export const saveAgreementThresholdLogged = (agreementId: string, value: string | null) =>
  logged(repositories().settings.saveAgreementThreshold(agreementId, value));
export const saveRegisterAgreementLogged = (a: RegisterAgreement) => logged(repositories().register.save(a));
export const deleteRegisterAgreementLogged = (id: string) => logged(repositories().register.remove(id));
export const importRegisterLogged = (text: string) => logged(repositories().register.importJson(text));
export const setLedgerCompleteLogged = (categoryId: string, complete: boolean) =>
  logged(repositories().ledger.setComplete(categoryId, complete));
export const setLedgerCompleteThroughLogged = (categoryId: string, date: string | null) =>
  logged(repositories().ledger.setCompleteThrough(categoryId, date));
export const saveManualEntryLogged = (input: ManualEntryInput): Promise<SavedManualEntry> =>
  logged(repositories().ledger.saveManualEntry(input));
export const deleteManualEntryLogged = (id: number): Promise<SavedManualEntry | undefined> =>
  logged(repositories().ledger.deleteManualEntry(id));
export const rollbackBatchLogged = (batchId: string): Promise<LedgerBatchRecord> =>
  logged(repositories().ledger.rollbackBatch(batchId));
export const saveCommentaryLogged = (categoryId: string, asOf: string, text: string) =>
  logged(repositories().commentary.save(categoryId, asOf, text));
export const saveUncappedResolutionLogged = (r: UncappedResolution) =>
  logged(repositories().uncappedResolutions.save(r));
export const removeUncappedResolutionLogged = (id: string) => logged(repositories().uncappedResolutions.remove(id));

/** The SHA-256 of a file's bytes, for the import's history record (CommitInfo.fileSha256). */
export async function fileSha256(file: Blob): Promise<string> {
  return sha256(new Uint8Array(await file.arrayBuffer()));
}

/** Tells this tab's history queries that the chain grew (after an import committed in the ledger worker). */
export function historyAppended(): void {
  for (const l of [...appended]) l();
}

// ---------------------------------------------------------------------------
// Queries

async function loadHistory() {
  await ensureGenesis();
  return listHistory();
}

/** The whole chain, oldest first (started with its genesis record when empty). */
export function useHistory() {
  return useQuery({ queryKey: historyKeys.all, queryFn: loadHistory });
}

/** The head printed on reports: record count and last hash. */
export function useHistoryHead() {
  return useQuery({
    queryKey: [...historyKeys.all, 'head'],
    queryFn: async () => {
      await ensureGenesis();
      return historyHead();
    },
  });
}

export function useUserName() {
  return useQuery({ queryKey: historyKeys.user, queryFn: loadUserName });
}

/** Invalidates history queries after every logged write; mount once near the root. */
export function useHistorySync(): void {
  const qc = useQueryClient();
  useEffect(() => {
    // The genesis record hashes what is stored before the first recorded change. Started here,
    // when the app opens, rather than by the first change: an import commits in the ledger
    // worker, and a main-thread check racing it re-hashed every row it had just written.
    const start = () =>
      void ensureGenesis().catch((e: unknown) => console.error('Starting the change history failed', e));
    // After the first paint: the overview needs nothing from the history.
    if (typeof requestIdleCallback === 'function') {
      const id = requestIdleCallback(start, { timeout: 2000 });
      return () => cancelIdleCallback(id);
    }
    const id = setTimeout(start, 0);
    return () => clearTimeout(id);
  }, []);
  useEffect(() => {
    const l = () => void qc.invalidateQueries({ queryKey: historyKeys.all });
    appended.add(l);
    return () => {
      appended.delete(l);
    };
  }, [qc]);
}

export function useSaveUserName() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: saveUserName,
    onSuccess: () => qc.invalidateQueries({ queryKey: historyKeys.all }),
  });
}

export function useVerifyHistory() {
  return useMutation({ mutationFn: (expected?: { hash: string; count?: number }) => verifyStoredHistory(expected) });
}
