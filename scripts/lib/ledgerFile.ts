/**
 * Node-side reader of a ledger file (.csv or .xlsx) for the status command's
 * `--ledger FILE` option: the same parsing core as the browser import
 * (src/domain/import/parseFile.ts), reading with fs instead of a worker, and
 * returning the per-category daily totals the engine takes (LedgerTotals).
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { kingsoftCloudXiaomi2026 } from '../../src/domain/disclosed/kingsoftCloudXiaomi2026';
import { importCategoriesFrom } from '../../src/domain/import/categories';
import { parseFile } from '../../src/domain/import/parseFile';
import type { AmountUnit, DateOrder, ImportResult, RowError } from '../../src/domain/import/types';
import type { LedgerTotals } from '../../src/domain/ledgerTotals';
import type { Dataset } from '../../src/domain/model';
import { fatalText } from '../../src/ui/messages/importFatal';
import { ambiguityText } from '../../src/ui/messages/importIssues';
import type { Locale } from '../../src/ui/translate';
import { statusT } from './statusMessages';

/** The file cannot be used: missing required column, unreadable, ambiguous dates… The message names the file. */
export class LedgerFileError extends Error {
  override readonly name = 'LedgerFileError';
}

export interface LedgerFileOptions {
  /** Categories (ids, names, terms) to match; default the built-in disclosure. */
  readonly dataset?: Dataset;
  /** Unit of the amounts; default yuan. */
  readonly unit?: AmountUnit;
  /** Order of dd/mm vs mm/dd dates when the file does not settle it. */
  readonly dateOrder?: DateOrder;
  /** Default 5,000,000 rows. */
  readonly maxRows?: number;
  /** Language of the errors thrown (default English). */
  readonly locale?: Locale;
}

export interface LedgerFile {
  /** Per-category daily totals of the accepted rows (duplicates included: they are rows of the file). */
  readonly totals: LedgerTotals;
  /** Rows that were not accepted, with row, column and message. */
  readonly errors: readonly RowError[];
  readonly errorCount: number;
  /** The full parse result (accepted rows, duplicates, notices). */
  readonly result: ImportResult;
}

/**
 * Parses ledger bytes already read. Throws LedgerFileError naming the file
 * when the file is refused as a whole (e.g. "no column for the amount was
 * found") or when its dates could be dd/mm or mm/dd and no order was given.
 */
export function ledgerFromBytes(bytes: Uint8Array, path: string, options: LedgerFileOptions = {}): LedgerFile {
  const dataset = options.dataset ?? kingsoftCloudXiaomi2026;
  const result = parseFile(bytes, basename(path), {
    unit: options.unit ?? 'yuan',
    maxRows: options.maxRows ?? 5_000_000,
    categories: importCategoriesFrom(dataset.categories),
    ...(options.dateOrder ? { dateOrder: options.dateOrder } : {}),
  });
  const locale = options.locale ?? 'en';
  const t = statusT(locale);
  if (result.fatal) {
    // The headers the command recognises stand in for the screen's "map a column to …".
    const text = fatalText(result.fatal, locale);
    throw new LedgerFileError(
      result.fatal.code === 'missing-column' ? text.replace(/[;；][^;；]*$/, '') + t('hintHeaders') : text,
    );
  }
  if (result.ambiguity)
    throw new LedgerFileError(`${ambiguityText(result.ambiguity, basename(path), locale)}${t('hintDates')}`);
  return {
    totals: { byCategory: result.perCategoryDailyTotals, complete: new Set() },
    errors: result.errors,
    errorCount: result.errorCount,
    result,
  };
}

/** A file the command cannot open at all (the system's own reason in brackets). */
export function cannotRead(
  path: string,
  what: 'ledger' | 'rules' | 'register',
  e: unknown,
  locale: Locale = 'en',
): string {
  const t = statusT(locale);
  return t('cannotRead', { path, what: t(`what_${what}`), reason: e instanceof Error ? e.message : String(e) });
}

/** Reads and parses a ledger file synchronously (for the synchronous status command). */
export function readLedgerFileSync(path: string, options: LedgerFileOptions = {}): LedgerFile {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(path));
  } catch (e) {
    throw new LedgerFileError(cannotRead(path, 'ledger', e, options.locale));
  }
  return ledgerFromBytes(bytes, path, options);
}

/** Reads and parses a ledger file; see ledgerFromBytes for the errors thrown. */
export async function readLedgerFile(path: string, options: LedgerFileOptions = {}): Promise<LedgerFile> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (e) {
    throw new LedgerFileError(cannotRead(path, 'ledger', e, options.locale));
  }
  return ledgerFromBytes(bytes, path, options);
}
