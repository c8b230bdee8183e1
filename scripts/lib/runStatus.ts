/**
 * The status command without process I/O, so tests can call it directly:
 * returns the exit code and the text for stdout and stderr.
 * Exit codes: 0 success, 2 bad command line, 1 unexpected failure.
 */
import { allStatuses } from '../../src/domain/engine';
import { parseStatusArgs, usage, UsageError } from './statusArgs';
import { buildEngineContext, DEFAULT_DATASET } from './statusContext';
import { formatStatusTable, toStatusRecord } from './statusReport';

export interface StatusRun {
  readonly code: 0 | 1 | 2;
  readonly stdout: string;
  readonly stderr: string;
}

export function runStatus(argv: readonly string[]): StatusRun {
  try {
    const options = parseStatusArgs(argv, DEFAULT_DATASET);
    if (options.help) return { code: 0, stdout: `${usage(DEFAULT_DATASET)}\n`, stderr: '' };
    // A future --ledger option would load LedgerTotals here and pass them as `ledger`.
    const ctx = buildEngineContext({ approvals: options.approvals, threshold: options.threshold });
    const statuses = allStatuses(ctx, options.asOf);
    const stdout = options.json
      ? `${JSON.stringify(statuses.map(toStatusRecord), null, 2)}\n`
      : formatStatusTable(statuses, options.asOf);
    return { code: 0, stdout, stderr: '' };
  } catch (e) {
    if (e instanceof UsageError) {
      return { code: 2, stdout: '', stderr: `status: ${e.message}\nRun with --help for usage.\n` };
    }
    return { code: 1, stdout: '', stderr: `status: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n` };
  }
}
