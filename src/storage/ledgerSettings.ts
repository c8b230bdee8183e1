/**
 * Ledger settings kept in the `settings` table: which categories' ledgers are
 * complete, and the column mapping remembered per header layout of an import.
 */
import type { AmountUnit, ColumnRole, DateOrder } from '../domain/import/types';
import type { CategoryId } from '../domain/model';
import { type IsoDate, isIsoDate } from '../domain/dates';
import { db } from './db';
import { notifyLedgerChanged } from './ledgerEvents';
import type { RememberedMapping } from './repositories';

export type { RememberedMapping } from './repositories';

const COMPLETE_KEY = 'ledger.complete';
const MAPPING_PREFIX = 'ledger.mapping:';
const COMPLETE_THROUGH_KEY = 'ledger.completeThrough';

/** Categories whose ledger the user marked complete (the ledger replaces the disclosures). */
export async function loadLedgerComplete(): Promise<Set<CategoryId>> {
  const row = await db().settings.get(COMPLETE_KEY);
  const value = row?.value;
  return new Set(Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
}

export async function setLedgerComplete(categoryId: CategoryId, complete: boolean): Promise<void> {
  await db().transaction('rw', db().settings, async () => {
    const current = await loadLedgerComplete();
    if (complete) current.add(categoryId);
    else current.delete(categoryId);
    await db().settings.put({ key: COMPLETE_KEY, value: [...current].sort() });
  });
  notifyLedgerChanged('settings');
}

/** Per category, the "ledger complete through" date (a month-end close) the user set. */
export async function loadLedgerCompleteThrough(): Promise<Map<CategoryId, IsoDate>> {
  const row = await db().settings.get(COMPLETE_THROUGH_KEY);
  const value = row?.value;
  const out = new Map<CategoryId, IsoDate>();
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, d] of Object.entries(value as Record<string, unknown>))
      if (typeof d === 'string' && isIsoDate(d)) out.set(k, d);
  }
  return out;
}

/** Sets (or, with null, clears) a category's "ledger complete through" date; RangeError for a bad date. */
export async function setLedgerCompleteThrough(categoryId: CategoryId, date: IsoDate | null): Promise<void> {
  if (!categoryId) throw new RangeError('No category given.');
  if (date !== null && !isIsoDate(date)) throw new RangeError(`Not a valid date: "${date}"`);
  await db().transaction('rw', db().settings, async () => {
    const current = await loadLedgerCompleteThrough();
    if (date === null) current.delete(categoryId);
    else current.set(categoryId, date);
    const value = Object.fromEntries([...current].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    await db().settings.put({ key: COMPLETE_THROUGH_KEY, value });
  });
  notifyLedgerChanged('settings');
}

const ROLES: readonly ColumnRole[] = ['date', 'category', 'amount', 'reference', 'description', 'ignore'];
const UNITS: readonly AmountUnit[] = ['yuan', 'thousand', 'million'];
const ORDERS: readonly DateOrder[] = ['ymd', 'dmy', 'mdy'];

function asRemembered(value: unknown): RememberedMapping | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  if (!Array.isArray(v.mapping) || !v.mapping.every((r) => ROLES.includes(r as ColumnRole))) return null;
  if (!UNITS.includes(v.unit as AmountUnit)) return null;
  return {
    mapping: v.mapping as ColumnRole[],
    unit: v.unit as AmountUnit,
    ...(ORDERS.includes(v.dateOrder as DateOrder) ? { dateOrder: v.dateOrder as DateOrder } : {}),
    ...(typeof v.defaultCategoryId === 'string' ? { defaultCategoryId: v.defaultCategoryId } : {}),
  };
}

export async function loadRememberedMapping(headerLayoutKey: string): Promise<RememberedMapping | null> {
  if (!headerLayoutKey) return null;
  const row = await db().settings.get(MAPPING_PREFIX + headerLayoutKey);
  return asRemembered(row?.value);
}

export async function rememberMapping(headerLayoutKey: string, remembered: RememberedMapping): Promise<void> {
  if (!headerLayoutKey) return;
  await db().settings.put({
    key: MAPPING_PREFIX + headerLayoutKey,
    value: { ...remembered, mapping: [...remembered.mapping] },
  });
}
