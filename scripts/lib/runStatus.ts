/**
 * The status command without process I/O, so tests can call it directly:
 * returns the exit code and the text for stdout and stderr.
 * Exit codes: 0 success, 2 bad command line, 1 unexpected failure.
 */
import { allStatuses, type CategoryStatus } from '../../src/domain/engine';
import type { Dataset } from '../../src/domain/model';
import { LedgerFileError, readLedgerFileSync } from './ledgerFile';
import { readRawLedgerSync } from './rawLedgerFile';
import { currencyOf, loadRegisterDataset, RegisterFileError, registerPathOf } from './registerFile';
import { parseStatusArgs, usage, UsageError } from './statusArgs';
import { buildEngineContext, DEFAULT_DATASET } from './statusContext';
import { formatStatusTable, toStatusRecord, whatIfRecord, whatIfText } from './statusReport';
import { whatIf } from '../../src/domain/whatIf';

export interface StatusRun {
  readonly code: 0 | 1 | 2;
  readonly stdout: string;
  readonly stderr: string;
}

export function runStatus(argv: readonly string[]): StatusRun {
  try {
    // The register is read first: its resolutions are valid --approve / --reject targets.
    const registerPath = registerPathOf(argv);
    const dataset = registerPath ? loadRegisterDataset(registerPath, DEFAULT_DATASET) : DEFAULT_DATASET;
    const options = parseStatusArgs(argv, dataset);
    if (options.help) return { code: 0, stdout: `${usage(dataset)}\n`, stderr: '' };
    let stderr = '';
    let ledger;
    let rawReport: string[] = [];
    if (options.ledger && options.rules) {
      const run = readRawLedgerSync(options.ledger, options.rules, dataset, options.side);
      ledger = run.totals;
      rawReport = run.report;
      // Every bucket is stated: on stderr beside JSON, after the table otherwise.
      if (options.json) stderr += run.report.map((l) => `status: ${l}\n`).join('');
    } else if (options.ledger) {
      const file = readLedgerFileSync(options.ledger);
      // Rows that cannot be read would understate the actuals: refuse rather than guess.
      if (file.errorCount > 0) {
        const shown = file.errors
          .slice(0, 10)
          .map((e) => `  ${e.message}`)
          .join('\n');
        const more = file.errorCount > 10 ? `\n  … and ${file.errorCount - 10} more` : '';
        throw new LedgerFileError(`${options.ledger}: ${file.errorCount} row(s) could not be read:\n${shown}${more}`);
      }
      if (file.result.duplicateCount > 0) {
        stderr += `status: note: ${options.ledger}: ${file.result.duplicateCount} row(s) repeat an earlier row (same date, category, amount, reference, description); all are counted\n`;
      }
      ledger = file.totals;
    }
    const ctx = buildEngineContext({ dataset, approvals: options.approvals, threshold: options.threshold, ledger });
    if (options.whatIf.length > 0) {
      const results = options.whatIf.map((w) => whatIf(ctx, w.categoryId, w.date, w.amount));
      const stdout = options.json
        ? `${JSON.stringify(results.map(whatIfRecord), null, 2)}\n`
        : `${results.map(whatIfText).join('\n')}\n`;
      return { code: 0, stdout, stderr };
    }
    const statuses = allStatuses(ctx, options.asOf);
    const stdout = options.json
      ? `${JSON.stringify(
          statuses.map((s) => ({ ...toStatusRecord(s), currency: currencyOf(dataset, s) })),
          null,
          2,
        )}\n`
      : formatStatusTable(statuses, options.asOf) +
        hkdNote(dataset, statuses) +
        (rawReport.length ? `\n${rawReport.join('\n')}\n` : '');
    return { code: 0, stdout, stderr };
  } catch (e) {
    if (e instanceof RegisterFileError) return { code: 1, stdout: '', stderr: `status: ${e.message}\n` };
    if (e instanceof LedgerFileError) return { code: 1, stdout: '', stderr: `status: ${e.message}\n` };
    if (e instanceof UsageError) {
      return { code: 2, stdout: '', stderr: `status: ${e.message}\nRun with --help for usage.\n` };
    }
    return { code: 1, stdout: '', stderr: `status: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n` };
  }
}

/** The table says "RMB million"; register agreements in HK$ are named so no amount is misread. */
function hkdNote(dataset: Dataset, statuses: readonly CategoryStatus[]): string {
  const hkd = statuses.filter((s) => currencyOf(dataset, s) === 'HKD').map((s) => s.category.id);
  return hkd.length ? `\nAmounts of ${hkd.join(', ')} are in HK$ million (register agreements in HK$).\n` : '';
}
