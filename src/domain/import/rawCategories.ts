/**
 * What the raw-ledger screen needs on the main thread without the parser: the
 * buckets every row of a raw ledger ends in, and the categories it classifies
 * into. Kept apart from rawLedger.ts, which reads files (and so brings the
 * spreadsheet reader with it), so the import page does not load that reader.
 */
import type { AgreementId, CurrencyCode, Dataset } from '../model';
import { type CapBasis, DEFAULT_CAP_BASIS } from './capBasis';
import { importCategoriesFrom } from './categories';
import type { ImportCategory } from './types';

/** A category a raw ledger's rows can be classified under, with what its agreement needs. */
export interface RawCategory extends ImportCategory {
  /** Counterparty group (party id) of the category's agreement. */
  readonly groupId: string;
  readonly currency: CurrencyCode;
  readonly basis: CapBasis;
}

export type BucketName = 'classified' | 'unclassified' | 'other' | 'settlement' | 'summary' | 'unreadable';
export const BUCKETS: readonly BucketName[] = [
  'classified',
  'unclassified',
  'other',
  'settlement',
  'summary',
  'unreadable',
];

/**
 * The categories of a dataset as a raw ledger classifies into them: names
 * and terms (as for any import), plus the counterparty group and currency of
 * each category's agreement and that agreement's cap basis (default
 * tax-inclusive, functional currency).
 */
export function rawCategoriesOf(dataset: Dataset, capBasis: Readonly<Record<AgreementId, CapBasis>>): RawCategory[] {
  return importCategoriesFrom(dataset.categories).map((c, i) => {
    const category = dataset.categories[i]!;
    const agreement = dataset.agreements.find((a) => a.id === category.agreementId);
    return {
      ...c,
      groupId: agreement?.counterpartyId ?? '',
      currency: agreement?.currency ?? 'RMB',
      basis: (agreement && capBasis[agreement.id]) ?? DEFAULT_CAP_BASIS,
    };
  });
}
