/**
 * Open items in a report: the connected-person rows a raw ledger import found
 * and no rule (nor the user) has yet put under a category. A report as of a
 * date lists those still open that are dated on or before it — never fewer,
 * since each one is a compliance gap until it is assigned.
 */
import { type IsoDate, toDayNumber } from '../dates';

/** What a report needs of an open item (the stored record has more). */
export interface OpenItemLike {
  readonly day: number;
  readonly row: number;
  readonly fileName: string;
  readonly amountMinor: number;
  readonly status: 'open' | 'assigned';
}

export interface OpenItemsAsOf<T extends OpenItemLike> {
  /** Open items dated on or before the as-of date, by date, then file, then row. */
  readonly items: readonly T[];
  /** Their transaction-side amounts added exactly, in fen. */
  readonly totalMinor: bigint;
}

export function openItemsAsOf<T extends OpenItemLike>(all: readonly T[], asOf: IsoDate): OpenItemsAsOf<T> {
  const last = toDayNumber(asOf);
  const items = all
    .filter((i) => i.status === 'open' && i.day <= last)
    .sort((a, b) => a.day - b.day || (a.fileName < b.fileName ? -1 : a.fileName > b.fileName ? 1 : 0) || a.row - b.row);
  return { items, totalMinor: items.reduce((sum, i) => sum + BigInt(i.amountMinor), 0n) };
}
