/**
 * The change history through the data gateway: queries of the chain, and the
 * logged form of every write to persisted data that other modules own (ledger,
 * register, approvals, settings, commentary). Each logged write stores the
 * change, then appends one history record with what it was before and after
 * and who made it. Writes of the evidence and alert tables record their
 * history in their own transaction (storage/evidence.ts, storage/alerts.ts).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { ApprovalRecord } from '../domain/model';
import type { RegisterAgreement } from '../domain/register';
import type { JsonValue, HistoryInput } from '../domain/history/chain';
import type { ManualEntryInput, SavedManualEntry } from '../storage/repositories';
import type { LedgerBatchRecord } from '../storage/ledgerTypes';
import { repositories } from './repositories';
import { fromDayNumber } from '../domain/dates';

const history = () => repositories().history;
const appendHistory = (input: HistoryInput) => history().append(input);
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

function json(v: unknown): JsonValue {
  return v === undefined
    ? null
    : (JSON.parse(JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x))) as JsonValue);
}

/** Listeners told that the chain grew (the history queries of this tab). */
const appended = new Set<() => void>();

async function log(input: HistoryInput): Promise<void> {
  await appendHistory(input);
  for (const l of [...appended]) l();
}

function entryJson(e: SavedManualEntry | undefined | null): JsonValue {
  if (!e) return null;
  return json({
    id: e.id,
    date: fromDayNumber(e.day),
    categoryId: e.categoryId,
    amountMinor: String(e.amountMinor),
    reference: e.reference,
    description: e.description,
  });
}

// ---------------------------------------------------------------------------
// Logged writes

export async function recordApprovalLogged(rec: ApprovalRecord): Promise<void> {
  const before = (await repositories().approvals.list()).find((a) => a.resolutionId === rec.resolutionId);
  await repositories().approvals.record(rec);
  await log({ kind: 'approval', subject: rec.resolutionId, before: json(before ?? null), after: json(rec) });
}

export async function clearApprovalLogged(resolutionId: string): Promise<void> {
  const before = (await repositories().approvals.list()).find((a) => a.resolutionId === resolutionId);
  await repositories().approvals.clear(resolutionId);
  await log({ kind: 'approval-clear', subject: resolutionId, before: json(before ?? null), after: null });
}

export async function saveThresholdLogged(value: string): Promise<void> {
  const before = (await repositories().settings.load()).thresholdPercent;
  await repositories().settings.saveThresholdPercent(value);
  await log({ kind: 'threshold', subject: 'thresholdPercent', before, after: value });
}

export async function saveRegisterAgreementLogged(a: RegisterAgreement): Promise<void> {
  const before = (await repositories().register.list()).find((x) => x.id === a.id);
  await repositories().register.save(a);
  await log({ kind: 'register-save', subject: a.id, before: json(before ?? null), after: json(a) });
}

export async function deleteRegisterAgreementLogged(id: string): Promise<void> {
  const before = (await repositories().register.list()).find((x) => x.id === id);
  await repositories().register.remove(id);
  await log({ kind: 'register-delete', subject: id, before: json(before ?? null), after: null });
}

export async function importRegisterLogged(text: string): Promise<number> {
  const before = await repositories().register.list();
  const n = await repositories().register.importJson(text);
  const digest = await sha256(new TextEncoder().encode(text));
  await log({
    kind: 'register-import',
    subject: `sha256:${digest}`,
    before: json(before.map((a) => a.id)),
    after: json({ agreements: (await repositories().register.list()).map((a) => a.id), read: n, fileSha256: digest }),
  });
  return n;
}

export async function setLedgerCompleteLogged(categoryId: string, complete: boolean): Promise<void> {
  const before = (await repositories().ledger.complete()).has(categoryId);
  await repositories().ledger.setComplete(categoryId, complete);
  await log({ kind: 'ledger-complete', subject: categoryId, before, after: complete });
}

export async function setLedgerCompleteThroughLogged(categoryId: string, date: string | null): Promise<void> {
  const before = (await repositories().ledger.completeThrough()).get(categoryId) ?? null;
  await repositories().ledger.setCompleteThrough(categoryId, date);
  await log({ kind: 'ledger-complete-through', subject: categoryId, before, after: date });
}

export async function saveManualEntryLogged(input: ManualEntryInput): Promise<SavedManualEntry> {
  const old = input.id !== undefined ? await repositories().ledger.manualEntry(input.id) : undefined;
  const saved = await repositories().ledger.saveManualEntry(input);
  await log({
    kind: old ? 'entry-edit' : 'entry-add',
    subject: String(saved.id),
    before: old ? entryJson({ ...old, id: saved.id }) : null,
    after: entryJson(saved),
  });
  return saved;
}

export async function deleteManualEntryLogged(id: number): Promise<SavedManualEntry | undefined> {
  const removed = await repositories().ledger.deleteManualEntry(id);
  if (removed) await log({ kind: 'entry-delete', subject: String(id), before: entryJson(removed), after: null });
  return removed;
}

export async function rollbackBatchLogged(batchId: string): Promise<LedgerBatchRecord> {
  const totals = (await repositories().ledger.batchTotalsByCategory()).get(batchId);
  const out = await repositories().ledger.rollbackBatch(batchId);
  await log({
    kind: 'rollback',
    subject: batchId,
    before: json({
      fileName: out.fileName,
      rowCount: out.rowCount,
      totalMinor: out.totalMinor,
      status: 'committed',
      totalsByCategory: Object.fromEntries(totals ?? []),
    }),
    after: json({ status: out.status, rolledBackAt: out.rolledBackAt }),
  });
  return out;
}

export async function saveCommentaryLogged(categoryId: string, asOf: string, text: string): Promise<void> {
  await repositories().commentary.save(categoryId, asOf, text);
  await log({ kind: 'commentary', subject: `${categoryId}@${asOf}`, before: null, after: text.trim() ? text : null });
}

/**
 * One record for a whole import: its batch, row count, totals per category
 * and the SHA-256 of the file's bytes (not a record per row).
 */
export async function logImport(batch: LedgerBatchRecord, file: Blob): Promise<void> {
  const fileSha256 = await sha256(new Uint8Array(await file.arrayBuffer()));
  const totals = (await repositories().ledger.batchTotalsByCategory()).get(batch.id);
  await log({
    kind: 'import',
    subject: batch.id,
    before: null,
    after: json({
      batchId: batch.id,
      fileName: batch.fileName,
      fileSha256,
      rowCount: batch.rowCount,
      totalMinor: batch.totalMinor,
      totalsByCategory: Object.fromEntries(totals ?? []),
      skippedDuplicates: batch.skippedDuplicates,
      rejectedRows: batch.rejectedRows,
      firstDate: batch.minDay === null ? null : fromDayNumber(batch.minDay),
      lastDate: batch.maxDay === null ? null : fromDayNumber(batch.maxDay),
    }),
  });
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

/** The logged import record, as a mutation (the import page calls it after its commit). */
export function useLogImport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ batch, file }: { batch: LedgerBatchRecord; file: Blob }) => logImport(batch, file),
    onSettled: () => qc.invalidateQueries({ queryKey: historyKeys.all }),
  });
}
