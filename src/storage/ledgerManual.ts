/**
 * Manual ledger entries in IndexedDB: few and edited one by one, so one
 * record each; every save or delete updates the per-day aggregates in the
 * same transaction.
 */
import { aggregateOfRow, mergeAggregate } from '../domain/ledger/aggregates';
import type { DayAggregate } from '../domain/ledger/types';
import type { CategoryId } from '../domain/model';
import { db } from './db';
import { notifyLedgerChanged } from './ledgerEvents';
import type { ManualEntryRecord } from './ledgerTypes';
import type { ManualEntryInput, SavedManualEntry } from './repositories';

function checkManual(e: ManualEntryInput): void {
  if (!Number.isInteger(e.day)) throw new RangeError('A manual entry needs a day number');
  if (!e.categoryId) throw new RangeError('A manual entry needs a category');
  if (!Number.isSafeInteger(e.amountMinor))
    throw new RangeError(`Amount ${e.amountMinor} is not a safe integer of fen`);
}

/**
 * Saves a manual entry (new, edited or restored by undo) and updates the
 * aggregates in the same transaction. Returns the stored record with its id.
 */
export async function saveManualEntry(input: ManualEntryInput): Promise<SavedManualEntry> {
  checkManual(input);
  const d = db();
  const now = new Date().toISOString();
  const saved = await d.transaction('rw', [d.ledgerManual, d.ledgerAggregates], async () => {
    const old = input.id !== undefined ? await d.ledgerManual.get(input.id) : undefined;
    const record: ManualEntryRecord = {
      ...(input.id !== undefined ? { id: input.id } : {}),
      day: input.day,
      categoryId: input.categoryId,
      amountMinor: input.amountMinor,
      reference: input.reference,
      description: input.description,
      createdAt: old?.createdAt ?? input.createdAt ?? now,
      updatedAt: now,
    };
    const touched = new Map<CategoryId, DayAggregate | undefined>();
    const get = async (id: CategoryId) => {
      if (!touched.has(id)) touched.set(id, await d.ledgerAggregates.get(id));
      return touched.get(id);
    };
    if (old)
      touched.set(
        old.categoryId,
        mergeAggregate(await get(old.categoryId), aggregateOfRow(old.categoryId, old.day, old.amountMinor), -1),
      );
    touched.set(
      record.categoryId,
      mergeAggregate(
        await get(record.categoryId),
        aggregateOfRow(record.categoryId, record.day, record.amountMinor),
        1,
      ),
    );
    const id = await d.ledgerManual.put(record);
    for (const [catId, agg] of touched) {
      if (agg && agg.days.length > 0) await d.ledgerAggregates.put(agg);
      else await d.ledgerAggregates.delete(catId);
    }
    return { ...record, id };
  });
  notifyLedgerChanged('rows');
  return saved;
}

/** Deletes a manual entry and takes it out of the aggregates; returns what was deleted. */
export async function deleteManualEntry(id: number): Promise<SavedManualEntry | undefined> {
  const d = db();
  const removed = await d.transaction('rw', [d.ledgerManual, d.ledgerAggregates], async () => {
    const old = await d.ledgerManual.get(id);
    if (!old) return undefined;
    const agg = mergeAggregate(
      await d.ledgerAggregates.get(old.categoryId),
      aggregateOfRow(old.categoryId, old.day, old.amountMinor),
      -1,
    );
    if (agg.days.length > 0) await d.ledgerAggregates.put(agg);
    else await d.ledgerAggregates.delete(old.categoryId);
    await d.ledgerManual.delete(id);
    return { ...old, id };
  });
  if (removed) notifyLedgerChanged('rows');
  return removed;
}

export async function getManualEntry(id: number): Promise<ManualEntryRecord | undefined> {
  return db().ledgerManual.get(id);
}
