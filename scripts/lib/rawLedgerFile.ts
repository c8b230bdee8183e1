/**
 * `status --ledger FILE --rules FILE`: a raw ERP ledger classified with the
 * connected persons and rules of a connected-persons file (the same domain
 * code as the import page), giving the engine's ledger totals and a report
 * of every bucket, the open items and the cap basis.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseRulesFile, RulesFileError, type ConnectedPersonsConfig } from '../../src/domain/classify/rulesFile';
import { categoryDailyTotals } from '../../src/domain/import/accepted';
import { headerLayoutKey } from '../../src/domain/import/columns';
import {
  BUCKETS,
  parseRawLedger,
  rawCategoriesOf,
  type RawLedgerResult,
  type TransactionSide,
} from '../../src/domain/import/rawLedger';
import type { LedgerTotals } from '../../src/domain/ledgerTotals';
import type { Dataset } from '../../src/domain/model';
import { cannotRead, LedgerFileError } from './ledgerFile';
import { statusT } from './statusMessages';
import { displayWidth } from './statusReport';
import type { Locale } from '../../src/ui/translate';
import { rulesFileErrorText } from '../../src/ui/messages/connectedIssues';
import { fatalText } from '../../src/ui/messages/importFatal';
import { ambiguityText, rowErrorText } from '../../src/ui/messages/importIssues';

export interface RawLedgerRun {
  readonly totals: LedgerTotals;
  readonly result: RawLedgerResult;
  /** Lines describing the buckets, open items, summary checks and cap basis (for stderr or the table). */
  readonly report: string[];
}

/** Fen as yuan with thousands separators ("1,234.56", "-113,000.00"). */
export function yuan(minor: bigint): string {
  const neg = minor < 0n;
  const abs = neg ? -minor : minor;
  const units = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${neg ? '-' : ''}${units}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/** Reads the connected-persons file; a bad one throws LedgerFileError with every place named. */
export function readRulesFileSync(path: string, dataset: Dataset, locale: Locale = 'en'): ConnectedPersonsConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new LedgerFileError(cannotRead(path, 'rules', e, locale));
  }
  try {
    return parseRulesFile(
      text,
      basename(path),
      dataset.categories.map((c) => c.id),
    );
  } catch (e) {
    if (e instanceof RulesFileError) throw new LedgerFileError(rulesFileErrorText(e, locale));
    throw e;
  }
}

export function readRawLedgerSync(
  ledgerPath: string,
  rulesPath: string,
  dataset: Dataset,
  side?: TransactionSide,
  locale: Locale = 'en',
): RawLedgerRun {
  const t = statusT(locale);
  const config = readRulesFileSync(rulesPath, dataset, locale);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(ledgerPath));
  } catch (e) {
    throw new LedgerFileError(cannotRead(ledgerPath, 'ledger', e, locale));
  }
  const name = basename(ledgerPath);
  const run = (s?: TransactionSide) =>
    parseRawLedger(bytes, name, {
      unit: 'yuan',
      maxRows: 5_000_000,
      functionalCurrency: 'RMB',
      categories: rawCategoriesOf(dataset, config.capBasis),
      entities: config.entities,
      rules: config.rules,
      dismissed: config.dismissed,
      ...(s ? { side: s } : {}),
    });
  let result = run(side);
  // A side remembered for this header layout (set on the import page) applies when none is given.
  if (!side && result.fatal?.code === 'missing-side') {
    const first = run('debit');
    const remembered = config.sides[headerLayoutKey(first.headers)];
    if (remembered) result = run(remembered);
  }
  if (result.fatal) {
    const hint = result.fatal.code === 'missing-side' ? t('hintSide') : '';
    throw new LedgerFileError(fatalText(result.fatal, locale) + hint);
  }
  if (result.ambiguity)
    throw new LedgerFileError(`${ambiguityText(result.ambiguity, basename(ledgerPath), locale)}${t('hintDates')}`);
  const raw = result.raw!;
  const report: string[] = [];
  report.push(
    t('rawHead', {
      file: name,
      rows: raw.rows,
      headerRow: raw.headerRow,
      side: t(`side_${raw.side}`),
      inferred: raw.sideInferred ? t('rawInferred') : '',
    }),
  );
  const labels = BUCKETS.map((b) => t(`bucket_${b}`));
  const labelWidth = Math.max(40, ...labels.map(displayWidth));
  BUCKETS.forEach((b, i) => {
    const f = raw.buckets[b];
    const label = labels[i]!;
    report.push(
      `  ${label}${' '.repeat(labelWidth - displayWidth(label))} ${String(f.count).padStart(8)}${b === 'summary' ? '' : `  RMB ${yuan(f.totalMinor)}`}`,
    );
  });
  for (const r of raw.perRule.filter((p) => p.count > 0))
    report.push(t('rawRule', { name: r.name, category: r.categoryId, count: r.count, amount: yuan(r.totalMinor) }));
  for (const s of raw.summaries.filter((x) => x.matches === false))
    report.push(
      t('rawCheck', { row: s.row, label: s.label, amount: yuan(s.amountMinor!), expected: yuan(s.expectedMinor!) }),
    );
  for (const u of raw.unclassified.slice(0, 20))
    report.push(
      t('rawOpenItem', {
        row: u.row,
        name: u.counterparty || u.code,
        entity: u.entityId,
        amount: yuan(BigInt(u.amountMinor)),
      }),
    );
  for (const p of raw.possible.slice(0, 20))
    report.push(
      t('rawPossible', { name: p.name, count: p.count, amount: yuan(p.totalMinor), entity: p.possible!.entityId }),
    );
  for (const e of result.errors.slice(0, 20))
    report.push(t('rawUnreadable', { text: rowErrorText(e, basename(ledgerPath), locale) }));
  if (result.errorCount > 20) report.push(t('rawMoreUnreadable', { count: result.errorCount - 20 }));
  for (const b of raw.basis)
    report.push(
      t('rawBasis', {
        category: b.categoryId,
        tax: t(`tax_${b.basis.tax}`),
        currency: t(`currency_${b.basis.currency}`),
        functional: b.basis.currency === 'functional' ? t('rawBasisFunctional') : '',
      }),
    );
  if (result.duplicateCount > 0) report.push(t('rawDuplicates', { count: result.duplicateCount }));
  // Duplicates (an overlapping re-export) count once, as the import page skips them by default.
  const skip = new Uint8Array(result.accepted.length);
  for (let i = 0; i < skip.length; i++) if (result.accepted.duplicateOf[i]! >= 0) skip[i] = 1;
  return {
    totals: { byCategory: skippedTotals(result, skip), complete: new Set() },
    result,
    report,
  };
}

function skippedTotals(result: RawLedgerResult, skip: Uint8Array) {
  if (!skip.some((x) => x)) return result.perCategoryDailyTotals;
  return categoryDailyTotals(result.accepted, result.categoryIds, skip);
}
