/**
 * The status command without process I/O, so tests can call it directly:
 * returns the exit code and the text for stdout and stderr.
 * Exit codes: 0 success, 2 bad command line, 1 unexpected failure or a file
 * that cannot be used, 3 (`--alerts`) open alerts or open items.
 *
 * `runStatus` is synchronous; `runStatusWithFiles` first reads a `--backup`
 * file (its change history is hashed with Web Crypto, which is asynchronous).
 */
import { allStatuses, type CategoryStatus } from '../../src/domain/engine';
import type { Dataset } from '../../src/domain/model';
import { LedgerFileError, readLedgerFileSync } from './ledgerFile';
import { readRawLedgerSync } from './rawLedgerFile';
import { currencyOf, loadRegisterDataset, RegisterFileError, registerPathOf } from './registerFile';
import { langOf, parseStatusArgs, usage, UsageError } from './statusArgs';
import { statusT } from './statusMessages';
import { buildEngineContext, DEFAULT_DATASET } from './statusContext';
import { formatStatusTable, toStatusRecord, whatIfRecord, whatIfText } from './statusReport';
import { whatIf } from '../../src/domain/whatIf';
import Decimal from 'decimal.js';
import { fromDayNumber } from '../../src/domain/dates';
import type { UnclassifiedRow } from '../../src/domain/evidence/openItems';
import type { ApprovalRecord } from '../../src/domain/model';
import { alertsJson, alertsReport, OPEN_ITEMS_EXIT } from './alertsReport';
import { type BackupContents, BackupFileError, readBackupFile } from './backupFile';
import { EMPTY_LEDGER } from '../../src/domain/ledgerTotals';
import { rowErrorText } from '../../src/ui/messages/importIssues';
import { apiRefusalMessages } from '../../src/ui/messages/apiRefusals';
import { basename } from 'node:path';
import type { Locale } from '../../src/ui/translate';

export interface StatusRun {
  readonly code: 0 | 1 | 2 | 3;
  readonly stdout: string;
  readonly stderr: string;
}

/** The value of `--backup FILE` / `--backup=FILE` in argv, if given. */
export function backupPathOf(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--backup') return argv[i + 1]?.startsWith('--') ? undefined : argv[i + 1];
    if (a.startsWith('--backup=')) return a.slice('--backup='.length);
  }
  return undefined;
}

/** The status command with its files read: a `--backup` is read (and its history verified) first. */
export async function runStatusWithFiles(argv: readonly string[]): Promise<StatusRun> {
  const path = backupPathOf(argv);
  if (!path) return runStatus(argv);
  const lang = langOf(argv);
  const t = statusT(lang);
  if (registerPathOf(argv)) {
    return { code: 2, stdout: '', stderr: `status: ${t('usage_backupAndRegister')}\n${t('runHelp')}\n` };
  }
  let backup: BackupContents;
  try {
    backup = await readBackupFile(path, DEFAULT_DATASET, lang);
  } catch (e) {
    if (e instanceof BackupFileError) return { code: 1, stdout: '', stderr: `status: ${e.message}\n` };
    throw e;
  }
  if (backup.history && !backup.history.ok && backup.history.failure) {
    const f = backup.history.failure;
    // The reason in the words the team server's refusal of the same history uses.
    const reason = apiRefusalMessages[lang][`reason_${f.reason}`];
    return { code: 1, stdout: '', stderr: `status: ${t('backup_history', { path, seq: f.seq, reason })}\n` };
  }
  return runStatus(argv, backup);
}

export function runStatus(argv: readonly string[], backup: BackupContents | null = null): StatusRun {
  try {
    // The register is read first: its resolutions are valid --approve / --reject targets.
    const registerPath = registerPathOf(argv);
    const lang = langOf(argv);
    const t = statusT(lang);
    const dataset =
      backup?.dataset ?? (registerPath ? loadRegisterDataset(registerPath, DEFAULT_DATASET, lang) : DEFAULT_DATASET);
    const options = parseStatusArgs(argv, dataset);
    if (options.help) return { code: 0, stdout: `${usage(dataset, lang)}\n`, stderr: '' };
    if (options.backup && !backup) throw new UsageError('usage_backupNotRead');
    let stderr = '';
    let ledger = backup?.ledger;
    let rawReport: string[] = [];
    let rawUnclassified: UnclassifiedRow[] | null = null;
    if (options.ledger && options.rules) {
      const run = readRawLedgerSync(options.ledger, options.rules, dataset, options.side, lang);
      ledger = run.totals;
      rawReport = run.report;
      rawUnclassified = run.result.raw!.unclassified.map((u) => ({
        source: options.ledger!,
        row: u.row,
        date: fromDayNumber(u.day),
        amountMinor: String(u.amountMinor),
        entityId: u.entityId,
        counterparty: u.counterparty || u.code,
        reference: u.reference,
      }));
      // Every bucket is stated: on stderr beside JSON, after the table otherwise.
      if (options.json && !options.alerts) stderr += run.report.map((l) => `status: ${l}\n`).join('');
    } else if (options.ledger) {
      const file = readLedgerFileSync(options.ledger, { locale: lang });
      // Rows that cannot be read would understate the actuals: refuse rather than guess.
      if (file.errorCount > 0) {
        const shown = file.errors
          .slice(0, 10)
          .map((e) => `  ${rowErrorText(e, basename(options.ledger!), lang)}`)
          .join('\n');
        const more = file.errorCount > 10 ? `\n${t('andMore', { count: file.errorCount - 10 })}` : '';
        throw new LedgerFileError(
          `${t('rowsUnreadable', { path: options.ledger, count: file.errorCount })}\n${shown}${more}`,
        );
      }
      if (file.result.duplicateCount > 0) {
        stderr += `status: ${t('duplicatesNote', { path: options.ledger, count: file.result.duplicateCount })}\n`;
      }
      ledger = file.totals;
    }
    if (options.completeThrough.size > 0) {
      // A close without a ledger file states an empty ledger for the category through that day.
      ledger = {
        ...(ledger ?? EMPTY_LEDGER),
        completeThrough: new Map([...(ledger?.completeThrough ?? []), ...options.completeThrough]),
      };
    }
    // Outcomes given on the command line replace the backup's for the same resolution.
    const given = new Set(options.approvals.map((a) => a.resolutionId));
    const approvals: ApprovalRecord[] = [
      ...(backup?.approvals ?? []).filter((a) => !given.has(a.resolutionId)),
      ...options.approvals,
    ];
    const threshold =
      options.threshold ?? (backup?.thresholdPercent ? new Decimal(backup.thresholdPercent).div(100) : undefined);
    // Per agreement: the command line's, else the backup's (the app's overrides).
    const thresholdByAgreement = new Map<string, Decimal>([
      ...Object.entries(backup?.thresholdByAgreement ?? {}).map(
        ([id, pct]) => [id, new Decimal(pct).div(100)] as [string, Decimal],
      ),
      ...options.thresholdByAgreement,
    ]);
    const ctx = {
      ...buildEngineContext({ dataset, approvals, threshold, ledger }),
      thresholdByAgreement,
      uncappedResolutions: backup?.uncappedResolutions ?? [],
    };
    if (options.alerts) {
      const report = alertsReport(ctx, options.asOf, backup, rawUnclassified);
      if (rawReport.length) stderr += rawReport.map((l) => `status: ${l}\n`).join('');
      return { code: report.openItems > 0 ? OPEN_ITEMS_EXIT : 0, stdout: alertsJson(report), stderr };
    }
    if (options.whatIf.length > 0) {
      const results = options.whatIf.map((w) => whatIf(ctx, w.categoryId, w.date, w.amount));
      const stdout = options.json
        ? `${JSON.stringify(results.map(whatIfRecord), null, 2)}\n`
        : `${results.map((r) => whatIfText(r, lang)).join('\n')}\n`;
      return { code: 0, stdout, stderr };
    }
    const statuses = allStatuses(ctx, options.asOf);
    const stdout = options.json
      ? `${JSON.stringify(
          statuses.map((s) => ({ ...toStatusRecord(s), currency: currencyOf(dataset, s) })),
          null,
          2,
        )}\n`
      : formatStatusTable(statuses, options.asOf, lang) +
        hkdNote(dataset, statuses, lang) +
        (rawReport.length ? `\n${rawReport.join('\n')}\n` : '');
    return { code: 0, stdout, stderr };
  } catch (e) {
    if (e instanceof RegisterFileError) return { code: 1, stdout: '', stderr: `status: ${e.message}\n` };
    if (e instanceof LedgerFileError) return { code: 1, stdout: '', stderr: `status: ${e.message}\n` };
    if (e instanceof UsageError) {
      const lang = langOf(argv);
      return { code: 2, stdout: '', stderr: `status: ${e.text(lang)}\n${statusT(lang)('runHelp')}\n` };
    }
    return { code: 1, stdout: '', stderr: `status: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n` };
  }
}

/** The table says "RMB million"; register agreements in HK$ are named so no amount is misread. */
function hkdNote(dataset: Dataset, statuses: readonly CategoryStatus[], lang: Locale): string {
  const t = statusT(lang);
  const hkd = statuses.filter((s) => currencyOf(dataset, s) === 'HKD').map((s) => s.category.id);
  return hkd.length ? `\n${t('hkdNote', { ids: hkd.join(t('listSep')) })}\n` : '';
}
