/**
 * Validation of a manual ledger entry as typed in the form. Pure: returns
 * either the entry to store (amount exact in fen) or one message key per
 * field, so the form can show each message next to its field.
 */
import { isIsoDate, toDayNumber } from '../../domain/dates';
import type { ApprovalRecord, Category, CategoryId, Dataset } from '../../domain/model';
import type { CapState } from '../../domain/state';
import { capStateOn } from '../../domain/uncapped';
import { fromUnits, readDecimal } from '../../domain/money';

export interface EntryDraft {
  date: string;
  categoryId: CategoryId;
  /** RMB yuan as typed: "1,234.56", "-500", "¥ 1 000.5". */
  amount: string;
  reference: string;
  description: string;
}

export const EMPTY_DRAFT: EntryDraft = { date: '', categoryId: '', amount: '', reference: '', description: '' };

export type EntryField = keyof EntryDraft;

export type EntryErrorKey =
  | 'errCategoryRequired'
  | 'errCategoryUnknown'
  | 'errDateRequired'
  | 'errDateInvalid'
  | 'errAmountRequired'
  | 'errAmountFormat'
  | 'errAmountDecimals'
  | 'errAmountZero'
  | 'errAmountTooLarge'
  | 'errReferenceLong'
  | 'errDescriptionLong';

export interface EntryError {
  readonly key: EntryErrorKey;
  readonly vars?: Record<string, string>;
}

export interface ValidEntry {
  readonly day: number;
  readonly categoryId: CategoryId;
  /** Exact amount in fen (a safe integer). */
  readonly amountMinor: number;
  readonly reference: string;
  readonly description: string;
}

export type EntryValidation =
  | { readonly ok: true; readonly value: ValidEntry }
  | { readonly ok: false; readonly errors: Partial<Record<EntryField, EntryError>> };

export const MAX_REFERENCE = 100;
export const MAX_DESCRIPTION = 500;

/**
 * Normalises typed yuan text: drops a leading ¥ / RMB / CNY mark and spaces
 * used as thousands separators, and reads any minus sign (−, －, ‐) as "-".
 */
export function normaliseAmountText(text: string): string {
  return text
    .normalize('NFKC')
    .trim()
    .replace(/^([-−‐‑–])\s*/, '-')
    .replace(/^(-?)\s*(?:¥|￥|RMB|CNY)\s*/i, '$1')
    .replace(/(\d)[ \u00a0\u202f](?=\d{3}\b)/g, '$1')
    .replace(/[−‐‑–]/g, '-');
}

/** Amount in fen from typed yuan, or the reason it is not one. */
export function parseYuan(text: string): { fen: number } | { error: EntryErrorKey } {
  const t = normaliseAmountText(text);
  if (t === '' || t === '-') return { error: 'errAmountRequired' };
  const read = readDecimal(t);
  if (!read.ok) return { error: 'errAmountFormat' };
  if (read.frac.replace(/0+$/, '').length > 2) return { error: 'errAmountDecimals' };
  const minor = fromUnits(t);
  if (minor === 0n) return { error: 'errAmountZero' };
  if (minor > BigInt(Number.MAX_SAFE_INTEGER) || minor < -BigInt(Number.MAX_SAFE_INTEGER))
    return { error: 'errAmountTooLarge' };
  return { fen: Number(minor) };
}

/**
 * The warning a valid entry's date gets when no cap is in force for its
 * category that day (before the category's first cap, after its term, after a
 * rejection, or where no cap is recorded): it is saved all the same and
 * reported as uncapped — a transaction conducted without a cap is a finding,
 * not bad input. Null when a cap binds.
 */
export function entryWarning(
  dataset: Dataset,
  approvals: readonly ApprovalRecord[],
  categoryId: CategoryId,
  date: string,
): { readonly capState: Exclude<CapState, 'in-force'> } | null {
  if (!isIsoDate(date) || !dataset.categories.some((c) => c.id === categoryId)) return null;
  const capState = capStateOn(dataset, categoryId, date, approvals);
  return capState === 'in-force' ? null : { capState };
}

/**
 * Checks a draft against the dataset's categories: category required and
 * known, date a real date (a date with no cap in force is allowed: see entryWarning),
 * amount in yuan with at most two decimals (negative for a credit note,
 * not zero), reference and description not overlong.
 */
export function validateEntry(draft: EntryDraft, categories: readonly Category[]): EntryValidation {
  const errors: Partial<Record<EntryField, EntryError>> = {};
  const category = categories.find((c) => c.id === draft.categoryId);
  if (!draft.categoryId) errors.categoryId = { key: 'errCategoryRequired' };
  else if (!category) errors.categoryId = { key: 'errCategoryUnknown' };

  const date = draft.date.trim();
  if (!date) errors.date = { key: 'errDateRequired' };
  else if (!isIsoDate(date)) errors.date = { key: 'errDateInvalid' };
  // A date when no cap is in force is not refused: it is stored and reported as uncapped (entryWarning).

  const amount = parseYuan(draft.amount);
  if ('error' in amount) errors.amount = { key: amount.error };

  const reference = draft.reference.trim();
  const description = draft.description.trim();
  if (reference.length > MAX_REFERENCE)
    errors.reference = { key: 'errReferenceLong', vars: { max: String(MAX_REFERENCE) } };
  if (description.length > MAX_DESCRIPTION)
    errors.description = { key: 'errDescriptionLong', vars: { max: String(MAX_DESCRIPTION) } };

  if (Object.keys(errors).length > 0 || 'error' in amount) return { ok: false, errors };
  return {
    ok: true,
    value: { day: toDayNumber(date), categoryId: draft.categoryId, amountMinor: amount.fen, reference, description },
  };
}
