/**
 * `--backup FILE` of the status command: a Headroom backup (the JSON written
 * on /transactions → Backup) read in Node without a database — the ledger's
 * per-day sums, the AGM outcomes, the threshold, the cap register, and for
 * `--alerts` the alert log, the purchase orders, the price checks, the open
 * items of raw imports and the change history, whose chain is verified
 * (node:crypto's Web Crypto) and whose head is reported.
 */
import { readThresholdSettings } from '../../src/domain/threshold';
import { thresholdProblemText } from '../../src/ui/messages/thresholdText';
import { readFileSync } from 'node:fs';
import { webcrypto } from 'node:crypto';
import * as v from 'valibot';
import type { AlertRecord } from '../../src/domain/alerts/alertLog';
import { DEFAULT_OVERDUE_DAYS } from '../../src/domain/alerts/alertLog';
import { fromDayNumber, isIsoDate } from '../../src/domain/dates';
import type { UnclassifiedRow } from '../../src/domain/evidence/openItems';
import {
  type LedgerReferenceTotal,
  type PriceCheck,
  type PurchaseOrder,
  type ReferenceBlock,
  referenceTotals,
} from '../../src/domain/evidence/pricing';
import {
  backupHeaderSchema,
  BACKUP_VERSION,
  dayAggregateSchema,
  ledgerChunkSchema,
  manualEntrySchema,
  readRecord,
} from '../../src/domain/formats/backup';
import { registerAgreementSchema } from '../../src/domain/formats/register';
import { uncappedResolutionSchema } from '../../src/domain/formats/uncappedResolution';
import type { UncappedResolution } from '../../src/domain/uncapped';
import { type DigestProvider, sha256With, verifyChain, type VerifyResult } from '../../src/domain/history/chain';
import { stringAt } from '../../src/domain/import/accepted';
import { dailyTotalsOf } from '../../src/domain/ledger/aggregates';
import type { DailyTotals, LedgerTotals } from '../../src/domain/ledgerTotals';
import type { ApprovalRecord, CategoryId, Dataset } from '../../src/domain/model';
import { mergeDatasets, validateRegister } from '../../src/domain/register';
import { backupReviver } from '../../src/domain/formats/backupJson';
import { issueMessage } from '../../src/ui/messages/registerIssues';
import { schemaProblemText } from '../../src/ui/messages/schemaIssues';
import type { Locale } from '../../src/ui/translate';
import { statusT } from './statusMessages';

/** The backup cannot be used: printed on stderr (in the language asked for), exit code 1. */
export class BackupFileError extends Error {
  override readonly name = 'BackupFileError';
}

/** A column cut short, found while the JSON is read (worded where the file's path is known). */
class PartialElement extends Error {
  constructor(readonly type: string) {
    super(type);
  }
}

/**
 * The backup's encoding of bigints and typed arrays (src/domain/formats/backupJson.ts). A column
 * cut short refuses the file; other malformed values stay plain objects, and the shape check
 * that follows names where they are.
 */
const reviver = backupReviver((p) => {
  if (p.code === 'partial-element') throw new PartialElement(p.type);
});

export interface BackupContents {
  readonly dataset: Dataset;
  readonly approvals: readonly ApprovalRecord[];
  /** Percent as a decimal string ("80"), when the backup's settings set one. */
  readonly thresholdPercent: string | null;
  /** Each agreement's own threshold (percent strings); a backup holding an invalid one is refused. */
  readonly thresholdByAgreement: Readonly<Record<string, string>>;
  readonly ledger: LedgerTotals;
  readonly alerts: readonly AlertRecord[];
  readonly overdueDays: number;
  readonly orders: readonly PurchaseOrder[];
  readonly checks: readonly PriceCheck[];
  /** Every stored ledger row of the procurement categories, summed per reference, rows dated on or before `through`. */
  references(through: string): LedgerReferenceTotal[];
  readonly unclassified: readonly UnclassifiedRow[];
  /** Recorded resolutions of transactions with no cap in force. */
  readonly uncappedResolutions: readonly UncappedResolution[];
  /** The change history's chain, verified; null when the backup has no history table. */
  readonly history: VerifyResult | null;
}

const rowsOf = (tables: Record<string, unknown[]>, name: string): unknown[] => tables[name] ?? [];

/**
 * Reads and checks a backup file; a bad one throws BackupFileError naming the file and what is
 * wrong, in `lang` (a record's problem through the schema catalogue, a threshold's through the
 * threshold catalogue, as the browser words them).
 */
export async function readBackupFile(path: string, builtIn: Dataset, lang: Locale = 'en'): Promise<BackupContents> {
  const t = statusT(lang);
  const need = <S extends v.GenericSchema>(schema: S, input: unknown, at: string): v.InferOutput<S> => {
    const r = readRecord(schema, input, at);
    if (!r.ok)
      throw new BackupFileError(t('backup_record', { path, problem: schemaProblemText(r.issue, lang), at: r.path }));
    return r.value;
  };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new BackupFileError(t('backup_unreadable', { path, reason: e instanceof Error ? e.message : String(e) }));
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''), reviver);
  } catch (e) {
    if (e instanceof PartialElement) throw new BackupFileError(t('backup_partial', { path, type: e.type }));
    throw new BackupFileError(t('backup_notJson', { path }));
  }
  if ((parsed as { version?: unknown } | null)?.version !== BACKUP_VERSION && typeof parsed === 'object')
    throw new BackupFileError(t('backup_version', { path, version: BACKUP_VERSION }));
  const { tables } = need(backupHeaderSchema, parsed, '');

  const agreements = rowsOf(tables, 'registerAgreements')
    .map((row, i) => ({
      position: Number((row as { position?: unknown }).position),
      agreement: need(registerAgreementSchema, row, `tables.registerAgreements[${i}]`),
    }))
    .sort((a, b) => a.position - b.position)
    .map((r) => r.agreement);
  const issues = validateRegister(agreements, builtIn);
  if (issues.length)
    throw new BackupFileError(
      t('backup_register', {
        path,
        count: issues.length,
        at: issues[0]!.path,
        // English names the problem by its code, as it always has; Chinese by the register catalogue.
        code: lang === 'en' ? issues[0]!.code : issueMessage(issues[0]!, lang),
      }),
    );
  const dataset = agreements.length ? mergeDatasets(builtIn, agreements) : builtIn;

  const settings = new Map(
    rowsOf(tables, 'settings').map((r) => [(r as { key: string }).key, (r as { value: unknown }).value]),
  );
  const complete = settings.get('ledger.complete');
  const overdue = settings.get('alerts.overdueDays');
  const thresholds = readThresholdSettings(settings);
  if (!thresholds.ok)
    throw new BackupFileError(t('backup_threshold', { path, problem: thresholdProblemText(thresholds.problem, lang) }));

  const byCategory = new Map<CategoryId, DailyTotals>();
  rowsOf(tables, 'ledgerAggregates').forEach((a, i) => {
    const agg = need(dayAggregateSchema, a, `tables.ledgerAggregates[${i}]`);
    if (agg.days.length > 0) byCategory.set(agg.categoryId, dailyTotalsOf(agg));
  });
  const closes = settings.get('ledger.completeThrough');
  const ledger: LedgerTotals = {
    byCategory,
    complete: new Set(Array.isArray(complete) ? complete.filter((x): x is string => typeof x === 'string') : []),
    // The "ledger complete through" dates the app keeps per category (month-end closes).
    completeThrough: new Map(
      closes && typeof closes === 'object' && !Array.isArray(closes)
        ? Object.entries(closes as Record<string, unknown>).filter(
            (e): e is [string, string] => typeof e[1] === 'string' && isIsoDate(e[1]),
          )
        : [],
    ),
  };
  const uncappedResolutions = rowsOf(tables, 'uncappedResolutions').map(
    (r, i) => need(uncappedResolutionSchema, r, `tables.uncappedResolutions[${i}]`) as UncappedResolution,
  );

  const chunks = rowsOf(tables, 'ledgerChunks').map((c, i) => need(ledgerChunkSchema, c, `tables.ledgerChunks[${i}]`));
  const manual = rowsOf(tables, 'ledgerManual').map((m, i) => need(manualEntrySchema, m, `tables.ledgerManual[${i}]`));
  const procurement = new Set(dataset.categories.filter((c) => c.direction === 'procured-by-group').map((c) => c.id));
  const references = (through: string): LedgerReferenceTotal[] => {
    const blocks: ReferenceBlock[] = chunks.map((c) => ({
      length: c.length,
      categoryIds: c.categoryIds,
      category: c.category,
      day: c.day,
      amountMinor: c.amountMinor,
      referenceAt: (i) => stringAt(c.reference, i),
    }));
    blocks.push({
      length: manual.length,
      categoryIds: manual.map((m) => m.categoryId),
      category: manual.map((_, i) => i),
      day: manual.map((m) => m.day),
      amountMinor: manual.map((m) => m.amountMinor),
      referenceAt: (i) => manual[i]!.reference,
    });
    // Rows after `through` are not known at that date.
    const dated = blocks.map((b) => filterBlock(b, (day) => fromDayNumber(day) <= through));
    return referenceTotals(dated, procurement, fromDayNumber);
  };

  const unclassified: UnclassifiedRow[] = rowsOf(tables, 'openItems')
    .map((o) => o as Record<string, unknown>)
    .filter((o) => o.status === 'open')
    .map((o) => ({
      source: String(o.fileName ?? o.importId ?? ''),
      row: Number(o.row),
      date: fromDayNumber(Number(o.day)),
      amountMinor: String(o.amountMinor),
      entityId: String(o.entityId ?? ''),
      counterparty: String(o.counterparty ?? ''),
      reference: String(o.reference ?? ''),
    }));

  const history = tables.history
    ? await verifyChain(tables.history, sha256With(webcrypto.subtle as unknown as DigestProvider))
    : null;

  return {
    dataset,
    approvals: rowsOf(tables, 'approvals') as ApprovalRecord[],
    thresholdPercent: thresholds.settings.thresholdPercent,
    thresholdByAgreement: thresholds.settings.thresholdByAgreement,
    ledger,
    alerts: rowsOf(tables, 'alerts') as AlertRecord[],
    overdueDays: typeof overdue === 'number' && Number.isInteger(overdue) ? overdue : DEFAULT_OVERDUE_DAYS,
    orders: rowsOf(tables, 'evidenceOrders') as PurchaseOrder[],
    checks: rowsOf(tables, 'priceChecks') as PriceCheck[],
    references,
    unclassified,
    uncappedResolutions,
    history,
  };
}

/** The rows of a block whose day passes `keep`, as a block. */
function filterBlock(b: ReferenceBlock, keep: (day: number) => boolean): ReferenceBlock {
  const idx: number[] = [];
  for (let i = 0; i < b.length; i++) if (keep(b.day[i]!)) idx.push(i);
  return {
    length: idx.length,
    categoryIds: b.categoryIds,
    category: idx.map((i) => b.category[i]!),
    day: idx.map((i) => b.day[i]!),
    amountMinor: idx.map((i) => b.amountMinor[i]!),
    referenceAt: (j) => b.referenceAt(idx[j]!),
  };
}
