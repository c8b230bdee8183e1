/**
 * `status --alerts`: the open alerts and open items of the internal controls
 * at the as-of date as one JSON object (domain/evidence/openItems.ts does the
 * judging), with the change history's head when a backup is given. A monthly
 * script fails on exit status 3 or mails the JSON.
 */
import type { AlertSource } from '../../src/domain/alerts/alertLog';
import { evaluateAlerts } from '../../src/domain/alerts/observe';
import { categoryCurrency } from '../../src/domain/currency';
import type { EngineContext } from '../../src/domain/engine';
import { openItems, type OpenItems, type UnclassifiedRow } from '../../src/domain/evidence/openItems';
import type { IsoDate } from '../../src/domain/dates';
import type { BackupContents } from './backupFile';

/** Version of the `--alerts` JSON object. */
export const ALERTS_SCHEMA_VERSION = 1;

/** Exit status when anything is open. */
export const OPEN_ITEMS_EXIT = 3;

/** What was checked: evidence needs the backup's records; without one only the engine and the raw ledger speak. */
export type CheckedSource = 'alerts' | 'unclassified' | 'orders' | 'priceChecks';

export interface AlertsReport extends Omit<OpenItems, 'count'> {
  readonly schemaVersion: number;
  readonly openItems: number;
  readonly checked: readonly CheckedSource[];
  /** The change history of the backup: records and head hash (what reports print), verified. */
  readonly history: { readonly records: number; readonly head: string; readonly verified: boolean } | null;
}

/** Minor units (fen, cents) as a plain decimal string of units: "5500000.00". */
export function unitsOf(minor: string): string {
  const m = BigInt(minor);
  const neg = m < 0n;
  const a = neg ? -m : m;
  return `${neg ? '-' : ''}${a / 100n}.${(a % 100n).toString().padStart(2, '0')}`;
}

export function alertsReport(
  ctx: EngineContext,
  asOf: IsoDate,
  backup: BackupContents | null,
  rawUnclassified: readonly UnclassifiedRow[] | null,
): AlertsReport {
  const logged = backup?.alerts ?? [];
  const source = (kind: AlertSource['kind']): AlertSource => ({ kind, ref: 'status --alerts' });
  // States that hold at the as-of date with no record: reported, never created (the app logs them at today's date).
  const unlogged = evaluateAlerts(
    ctx,
    asOf,
    logged,
    (s) => source(s.actualBasis === 'disclosed' ? 'disclosure' : 'ledger'),
    (id) => categoryCurrency(ctx.dataset, id),
  );
  const items = openItems({
    dataset: ctx.dataset,
    asOf,
    alerts: logged,
    unlogged,
    overdueDays: backup?.overdueDays ?? 0,
    orders: backup?.orders ?? [],
    checks: backup?.checks ?? [],
    references: backup ? backup.references(asOf) : [],
    unclassified: [...(backup?.unclassified ?? []), ...(rawUnclassified ?? [])],
  });
  // Without a backup there are no orders or price checks to judge: those items are not checked (not "none").
  const evidence = backup !== null;
  const { count, ...rest } = items;
  const checked: CheckedSource[] = ['alerts'];
  if (backup || rawUnclassified) checked.push('unclassified');
  if (evidence) checked.push('orders', 'priceChecks');
  const missingQuarters = evidence ? rest.missingQuarters : [];
  const uncounted = evidence ? 0 : items.missingQuarters.length;
  return {
    schemaVersion: ALERTS_SCHEMA_VERSION,
    openItems: count - uncounted,
    checked,
    ...rest,
    missingQuarters,
    history: backup?.history
      ? { records: backup.history.head.count, head: backup.history.head.hash, verified: backup.history.ok }
      : null,
  };
}

/** The report as JSON with amounts also as units of their currency (`…Minor` stays exact in minor units). */
export function alertsJson(r: AlertsReport): string {
  const withUnits = {
    ...r,
    unclassified: r.unclassified.map((u) => ({ ...u, amount: unitsOf(u.amountMinor) })),
    withoutOrder: r.withoutOrder.map((w) => ({ ...w, total: unitsOf(w.totalMinor) })),
    orderExceptions: r.orderExceptions.map((o) => ({ ...o, amount: unitsOf(o.amountMinor) })),
  };
  return `${JSON.stringify(withUnits, null, 2)}\n`;
}
