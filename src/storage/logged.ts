/**
 * The writes of the ledger, the register, the AGM outcomes and the settings
 * together with their change-history record, in ONE IndexedDB transaction:
 * the change and its record are stored together or not at all.
 *
 * Each write is the plain storage function (approvals.ts, register.ts,
 * ledgerManual.ts…) run inside commitWithHistory's transaction: Dexie joins
 * the function's own transaction to the enclosing one (its tables are part
 * of it), so the function's checks and its all-or-nothing write are kept
 * and the history record commits or aborts with them. What the record says
 * (before and after) is read before the transaction opens — the record is
 * hashed with Web Crypto, which cannot run inside it — and the transaction
 * re-checks the history's head, so no other logged write slipped in between.
 */
import type { Table } from 'dexie';
import { fromDayNumber } from '../domain/dates';
import type { JsonValue } from '../domain/history/chain';
import type { ApprovalRecord, CategoryId } from '../domain/model';
import type { RegisterAgreement } from '../domain/register';
import { clearApproval, recordApproval } from './approvals';
import { saveCommentary } from './commentary';
import { db } from './db';
import { commitWithHistory, sha256, StalePrepare } from './history';
import { batchTotalsByCategory, rollbackBatch } from './ledgerImports';
import { deleteManualEntry, saveManualEntry } from './ledgerManual';
import {
  loadLedgerComplete,
  loadLedgerCompleteThrough,
  setLedgerComplete,
  setLedgerCompleteThrough,
} from './ledgerSettings';
import { deleteRegisterAgreement, importRegisterJson, listRegister, saveRegisterAgreement } from './register';
import { loadSettings, saveAgreementThreshold, saveThresholdPercent } from './settings';
import { agreementThresholdKey } from '../domain/threshold';
import { removeUncappedResolution, saveUncappedResolution } from './uncappedResolutions';
import type { UncappedResolution } from '../domain/uncapped';
import type { LedgerBatchRecord } from './ledgerTypes';
import type { ManualEntryInput, SavedManualEntry } from './repositories';

/** JSON of a value for a record (bigints as decimal strings, undefined as null). */
export function json(v: unknown): JsonValue {
  return v === undefined
    ? null
    : (JSON.parse(JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x))) as JsonValue);
}

const LEDGER_TABLES = (): Table[] => {
  const d = db();
  return [d.ledgerBatches, d.ledgerChunks, d.ledgerChunkMeta, d.ledgerChunkKeys, d.ledgerAggregates];
};

export function recordApprovalLogged(rec: ApprovalRecord): Promise<void> {
  const d = db();
  return commitWithHistory([d.approvals], async () => {
    const before = await d.approvals.get(rec.resolutionId);
    return {
      input: { kind: 'approval', subject: rec.resolutionId, before: json(before ?? null), after: json(rec) },
      write: () => recordApproval(rec),
    };
  });
}

export function clearApprovalLogged(resolutionId: string): Promise<void> {
  const d = db();
  return commitWithHistory([d.approvals], async () => {
    const before = await d.approvals.get(resolutionId);
    return {
      input: { kind: 'approval-clear', subject: resolutionId, before: json(before ?? null), after: null },
      write: () => clearApproval(resolutionId),
    };
  });
}

export function saveThresholdLogged(value: string | null): Promise<void> {
  const d = db();
  return commitWithHistory([d.settings], async () => ({
    input: {
      kind: 'threshold',
      subject: 'thresholdPercent',
      before: (await loadSettings()).thresholdPercent,
      after: value,
    },
    write: () => saveThresholdPercent(value),
  }));
}

/** One agreement's own threshold (null: removed), recorded as a 'threshold' change of `thresholdPercent@AGREEMENT`. */
export function saveAgreementThresholdLogged(agreementId: string, value: string | null): Promise<void> {
  const d = db();
  return commitWithHistory([d.settings], async () => ({
    input: {
      kind: 'threshold',
      subject: agreementThresholdKey(agreementId),
      before: (await loadSettings()).thresholdByAgreement[agreementId] ?? null,
      after: value,
    },
    write: () => saveAgreementThreshold(agreementId, value),
  }));
}

export function saveRegisterAgreementLogged(a: RegisterAgreement): Promise<void> {
  const d = db();
  return commitWithHistory([d.registerAgreements], async () => {
    const before = (await listRegister()).find((x) => x.id === a.id);
    return {
      input: { kind: 'register-save', subject: a.id, before: json(before ?? null), after: json(a) },
      write: () => saveRegisterAgreement(a),
    };
  });
}

export function deleteRegisterAgreementLogged(id: string): Promise<void> {
  const d = db();
  return commitWithHistory([d.registerAgreements], async () => {
    const before = (await listRegister()).find((x) => x.id === id);
    return {
      input: { kind: 'register-delete', subject: id, before: json(before ?? null), after: null },
      write: () => deleteRegisterAgreement(id),
    };
  });
}

/** Imports a register export; one record with the agreements before and after and the file's SHA-256. */
export function importRegisterLogged(text: string): Promise<number> {
  const d = db();
  return commitWithHistory([d.registerAgreements], async () => {
    const before = (await listRegister()).map((a) => a.id);
    const digest = await sha256(new TextEncoder().encode(text));
    // The file's agreements, read without storing (a bad file is refused by the write itself).
    let incoming: string[];
    try {
      const parsed = JSON.parse(text) as { agreements?: { id?: unknown }[] };
      incoming = (parsed.agreements ?? []).map((a) => String(a.id));
    } catch {
      incoming = [];
    }
    const after = [...before, ...incoming.filter((id) => !before.includes(id))];
    return {
      input: {
        kind: 'register-import',
        subject: `sha256:${digest}`,
        before: json(before),
        after: json({ agreements: after, read: incoming.length, fileSha256: digest }),
      },
      write: () => importRegisterJson(text),
    };
  });
}

export function setLedgerCompleteLogged(categoryId: CategoryId, complete: boolean): Promise<void> {
  const d = db();
  return commitWithHistory([d.settings], async () => ({
    input: {
      kind: 'ledger-complete',
      subject: categoryId,
      before: (await loadLedgerComplete()).has(categoryId),
      after: complete,
    },
    write: () => setLedgerComplete(categoryId, complete),
  }));
}

export function setLedgerCompleteThroughLogged(categoryId: CategoryId, date: string | null): Promise<void> {
  const d = db();
  return commitWithHistory([d.settings], async () => ({
    input: {
      kind: 'ledger-complete-through',
      subject: categoryId,
      before: (await loadLedgerCompleteThrough()).get(categoryId) ?? null,
      after: date,
    },
    write: () => setLedgerCompleteThrough(categoryId, date),
  }));
}

function entryJson(e: (ManualEntryInput & { id: number }) | undefined | null): JsonValue {
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

/**
 * Manual entry ids handed out by logged saves: the record names the entry's
 * id, so a new entry's id is chosen before the transaction (never one in
 * use, nor one a deleted entry had — undo restores a deleted entry with its id).
 */
const NEXT_MANUAL_ID = 'ledger.manualNextId';

async function nextManualId(): Promise<number> {
  const d = db();
  const counter = (await d.settings.get(NEXT_MANUAL_ID))?.value;
  const last = (await d.ledgerManual.orderBy(':id').lastKey()) as number | undefined;
  return Math.max(typeof counter === 'number' ? counter : 1, (last ?? 0) + 1);
}

export function saveManualEntryLogged(input: ManualEntryInput): Promise<SavedManualEntry> {
  const d = db();
  return commitWithHistory([d.ledgerManual, d.ledgerAggregates, d.settings], async () => {
    const old = input.id !== undefined ? await d.ledgerManual.get(input.id) : undefined;
    const id = input.id ?? (await nextManualId());
    const entry = { ...input, id };
    return {
      input: {
        kind: old ? 'entry-edit' : 'entry-add',
        subject: String(id),
        before: old ? entryJson({ ...old, id }) : null,
        after: entryJson(entry),
      },
      write: async () => {
        // The id chosen (or the entry edited) must still be as it was read.
        if ((await d.ledgerManual.get(id)) === undefined ? old !== undefined : old === undefined)
          throw new StalePrepare();
        const saved = await saveManualEntry(entry);
        const counter = (await d.settings.get(NEXT_MANUAL_ID))?.value;
        if (typeof counter !== 'number' || counter <= id) await d.settings.put({ key: NEXT_MANUAL_ID, value: id + 1 });
        return saved;
      },
    };
  });
}

export function deleteManualEntryLogged(id: number): Promise<SavedManualEntry | undefined> {
  const d = db();
  return commitWithHistory([d.ledgerManual, d.ledgerAggregates, d.settings], async () => {
    const old = await d.ledgerManual.get(id);
    return {
      input: { kind: 'entry-delete', subject: String(id), before: entryJson(old ? { ...old, id } : null), after: null },
      write: async () => {
        const removed = await deleteManualEntry(id);
        const counter = (await d.settings.get(NEXT_MANUAL_ID))?.value;
        if (typeof counter !== 'number' || counter <= id) await d.settings.put({ key: NEXT_MANUAL_ID, value: id + 1 });
        return removed;
      },
    };
  });
}

export function rollbackBatchLogged(batchId: string): Promise<LedgerBatchRecord> {
  const d = db();
  return commitWithHistory(LEDGER_TABLES(), async () => {
    const batch = await d.ledgerBatches.get(batchId);
    const totals = (await batchTotalsByCategory()).get(batchId);
    return {
      input: {
        kind: 'rollback',
        subject: batchId,
        before: json({
          fileName: batch?.fileName ?? null,
          rowCount: batch?.rowCount ?? null,
          totalMinor: batch?.totalMinor ?? null,
          status: batch?.status ?? null,
          totalsByCategory: Object.fromEntries(totals ?? []),
        }),
        after: json({ status: 'rolled-back' }),
      },
      write: async () => {
        if ((await d.ledgerBatches.get(batchId))?.status !== batch?.status) throw new StalePrepare();
        return rollbackBatch(batchId);
      },
    };
  });
}

export function saveCommentaryLogged(categoryId: CategoryId, asOf: string, text: string): Promise<void> {
  const d = db();
  return commitWithHistory([d.commentary], async () => ({
    input: { kind: 'commentary', subject: `${categoryId}@${asOf}`, before: null, after: text.trim() ? text : null },
    write: () => saveCommentary(categoryId, asOf, text),
  }));
}

/** Records (or replaces) a resolution of uncapped transactions with its history record. */
export function saveUncappedResolutionLogged(r: UncappedResolution): Promise<void> {
  const d = db();
  return commitWithHistory([d.uncappedResolutions], async () => {
    const before = await d.uncappedResolutions.get(r.id);
    return {
      input: { kind: 'uncapped-resolve', subject: r.id, before: json(before ?? null), after: json(r) },
      write: () => saveUncappedResolution(r),
    };
  });
}

/** Withdraws a resolution (the item is open again) with its history record; nothing when there is none. */
export async function removeUncappedResolutionLogged(id: string): Promise<UncappedResolution | undefined> {
  const d = db();
  const before = await d.uncappedResolutions.get(id);
  if (!before) return undefined;
  await commitWithHistory([d.uncappedResolutions], async () => {
    const now = await d.uncappedResolutions.get(id);
    return {
      input: { kind: 'uncapped-reopen', subject: id, before: json(now ?? null), after: null },
      write: () => removeUncappedResolution(id),
    };
  });
  return before;
}
