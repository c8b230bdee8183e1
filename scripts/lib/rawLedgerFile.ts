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
import { LedgerFileError } from './ledgerFile';
import { rulesFileErrorText } from '../../src/ui/messages/connectedIssues';
import { fatalText } from '../../src/ui/messages/importFatal';
import { ambiguityText, rowErrorText } from '../../src/ui/messages/importIssues';

export interface RawLedgerRun {
  readonly totals: LedgerTotals;
  readonly result: RawLedgerResult;
  /** Lines describing the buckets, open items, summary checks and cap basis (for stderr or the table). */
  readonly report: string[];
}

const BUCKET_LABEL: Record<(typeof BUCKETS)[number], string> = {
  classified: 'classified (imported)',
  unclassified: 'connected, not classified (open items)',
  other: 'other counterparties (not imported)',
  settlement: 'settlement and closing (never counted)',
  summary: 'summary rows (excluded)',
  unreadable: 'unreadable (not counted)',
};

/** Fen as yuan with thousands separators ("1,234.56", "-113,000.00"). */
export function yuan(minor: bigint): string {
  const neg = minor < 0n;
  const abs = neg ? -minor : minor;
  const units = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${neg ? '-' : ''}${units}.${(abs % 100n).toString().padStart(2, '0')}`;
}

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new LedgerFileError(`${path}: cannot read the ${what} (${e instanceof Error ? e.message : String(e)})`);
  }
}

/** Reads the connected-persons file; a bad one throws LedgerFileError with every place named. */
export function readRulesFileSync(path: string, dataset: Dataset): ConnectedPersonsConfig {
  try {
    return parseRulesFile(
      readText(path, 'rules file'),
      basename(path),
      dataset.categories.map((c) => c.id),
    );
  } catch (e) {
    if (e instanceof RulesFileError) throw new LedgerFileError(rulesFileErrorText(e, 'en'));
    throw e;
  }
}

export function readRawLedgerSync(
  ledgerPath: string,
  rulesPath: string,
  dataset: Dataset,
  side?: TransactionSide,
): RawLedgerRun {
  const config = readRulesFileSync(rulesPath, dataset);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(ledgerPath));
  } catch (e) {
    throw new LedgerFileError(
      `${ledgerPath}: cannot read the ledger file (${e instanceof Error ? e.message : String(e)})`,
    );
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
    const hint = result.fatal.code === 'missing-side' ? ' (use --side debit or --side credit)' : '';
    throw new LedgerFileError(fatalText(result.fatal, 'en') + hint);
  }
  if (result.ambiguity)
    throw new LedgerFileError(
      `${ambiguityText(result.ambiguity, basename(ledgerPath), 'en')} (write the dates as YYYY-MM-DD)`,
    );
  const raw = result.raw!;
  const report: string[] = [];
  report.push(
    `${name}: ${raw.rows} row(s) under the header (row ${raw.headerRow}), transactions on the ${raw.side} side${raw.sideInferred ? ' (from the counterparty column)' : ''}:`,
  );
  for (const b of BUCKETS) {
    const f = raw.buckets[b];
    report.push(
      `  ${BUCKET_LABEL[b].padEnd(40)} ${String(f.count).padStart(8)}${b === 'summary' ? '' : `  RMB ${yuan(f.totalMinor)}`}`,
    );
  }
  for (const r of raw.perRule.filter((p) => p.count > 0))
    report.push(`  rule "${r.name}" → ${r.categoryId}: ${r.count} row(s), RMB ${yuan(r.totalMinor)}`);
  for (const s of raw.summaries.filter((x) => x.matches === false))
    report.push(
      `  check: row ${s.row} "${s.label}" says ${yuan(s.amountMinor!)} but the rows above add up to ${yuan(s.expectedMinor!)}`,
    );
  for (const u of raw.unclassified.slice(0, 20))
    report.push(
      `  open item: row ${u.row}, ${u.counterparty || u.code} (${u.entityId}), RMB ${yuan(BigInt(u.amountMinor))}: connected but no rule assigns a category`,
    );
  for (const p of raw.possible.slice(0, 20))
    report.push(
      `  possible connected person: "${p.name}" (${p.count} row(s), RMB ${yuan(p.totalMinor)}) looks like ${p.possible!.entityId} — confirm or dismiss on /parties`,
    );
  for (const e of result.errors.slice(0, 20))
    report.push(`  unreadable: ${rowErrorText(e, basename(ledgerPath), 'en')}`);
  if (result.errorCount > 20) report.push(`  … and ${result.errorCount - 20} more unreadable row(s)`);
  for (const b of raw.basis)
    report.push(
      `  cap basis of ${b.categoryId}: tax-${b.basis.tax}, ${b.basis.currency} currency${b.basis.currency === 'functional' ? ' (RMB)' : ''}`,
    );
  if (result.duplicateCount > 0)
    report.push(
      `  ${result.duplicateCount} classified row(s) repeat an earlier voucher and line of the file; counted once`,
    );
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
