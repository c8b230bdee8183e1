/**
 * The amount that counts towards an agreement's cap, chosen per agreement
 * and stated on every report: tax-inclusive (价税合计) or tax-exclusive
 * (不含税), in the functional currency (本位币) or the original one (原币).
 *
 * Its own module so the screens that only state the basis (the reports, the parties
 * screen) do not load the ledger importer and the spreadsheet library with it.
 */
export interface CapBasis {
  readonly tax: 'inclusive' | 'exclusive';
  readonly currency: 'functional' | 'original';
}

export const DEFAULT_CAP_BASIS: CapBasis = { tax: 'inclusive', currency: 'functional' };
