/**
 * The open items of the internal controls at one date, in one place for the
 * `status --alerts` command (and any screen that lists them): alerts not yet
 * handled (and alert states that hold with no record yet), connected
 * persons' ledger rows no rule classified, procurement ledger rows with no
 * purchase order, orders whose pricing evidence is an open exception, and
 * quarterly price checks of the Group's services that are missing or found
 * inconsistent. Pure: the caller reads the records.
 */
import { alertStage, type AlertRecord, type AlertStage, isOverdue, sortAlerts } from '../alerts/alertLog';
import type { IsoDate } from '../dates';
import type { CategoryId, Dataset } from '../model';
import {
  checkOrder,
  type ExceptionReason,
  ledgerWithoutOrder,
  type LedgerReferenceTotal,
  missingQuarters,
  type PriceCheck,
  type PurchaseOrder,
} from './pricing';

/** A connected person's ledger row that no rule assigns to a category. */
export interface UnclassifiedRow {
  /** The file (or import) it came from. */
  readonly source: string;
  readonly row: number;
  readonly date: IsoDate;
  /** Minor units (fen), decimal string. */
  readonly amountMinor: string;
  readonly entityId: string;
  readonly counterparty: string;
  readonly reference: string;
}

export interface OpenItemsInput {
  readonly dataset: Dataset;
  /** The date the items are judged at (overdue alerts, quarters ended). */
  readonly asOf: IsoDate;
  /** The alert log. */
  readonly alerts: readonly AlertRecord[];
  /** Alert states that hold at `asOf` with no record in the log (reported, never created here). */
  readonly unlogged: readonly AlertRecord[];
  readonly overdueDays: number;
  readonly orders: readonly PurchaseOrder[];
  readonly checks: readonly PriceCheck[];
  /** Ledger rows of the procurement categories summed per reference. */
  readonly references: readonly LedgerReferenceTotal[];
  readonly unclassified: readonly UnclassifiedRow[];
}

export interface OpenAlert {
  readonly id: string;
  readonly categoryId: CategoryId;
  readonly state: AlertRecord['state'];
  readonly periodStart: IsoDate;
  readonly periodEnd: IsoDate;
  readonly crossedOn: IsoDate | null;
  /** Null for a state not yet logged. */
  readonly detectedOn: IsoDate | null;
  /** 'unlogged' when the state holds but the log has no record of it. */
  readonly stage: AlertStage | 'unlogged';
  readonly overdue: boolean;
  readonly boardRequired: boolean;
  readonly utilisationPercent: string | null;
}

export interface OpenItems {
  readonly asOf: IsoDate;
  readonly alerts: readonly OpenAlert[];
  readonly unclassified: readonly UnclassifiedRow[];
  readonly withoutOrder: readonly LedgerReferenceTotal[];
  readonly orderExceptions: readonly {
    readonly reference: string;
    readonly categoryId: CategoryId;
    readonly date: IsoDate;
    readonly amountMinor: string;
    readonly currency: string;
    readonly reasons: readonly ExceptionReason[];
  }[];
  readonly missingQuarters: readonly { readonly categoryId: CategoryId; readonly quarter: string }[];
  readonly inconsistentChecks: readonly {
    readonly categoryId: CategoryId;
    readonly quarter: string;
    readonly date: IsoDate;
    readonly reviewer: string;
  }[];
  /** Every item above. */
  readonly count: number;
}

const openAlert = (a: AlertRecord, stage: OpenAlert['stage'], overdue: boolean): OpenAlert => ({
  id: a.id,
  categoryId: a.categoryId,
  state: a.state,
  periodStart: a.periodStart,
  periodEnd: a.periodEnd,
  crossedOn: a.crossedOn,
  detectedOn: stage === 'unlogged' ? null : a.detectedOn,
  stage,
  overdue,
  boardRequired: a.boardRequired,
  utilisationPercent: a.figures.utilisationPercent,
});

/** The alert as it stood at `asOf`: handling steps dated later had not happened yet. */
function alertAt(a: AlertRecord, asOf: IsoDate): AlertRecord {
  const at = <S extends { readonly on: IsoDate } | null>(s: S): S | null => (s && s.on > asOf ? null : s);
  return {
    ...a,
    acknowledged: at(a.acknowledged),
    reportedToManagement: at(a.reportedToManagement),
    reportedToBoard: at(a.reportedToBoard),
  };
}

/** Everything still open at `asOf` (see the module comment). */
export function openItems(inp: OpenItemsInput): OpenItems {
  const { dataset, asOf } = inp;
  const procurement = new Set(dataset.categories.filter((c) => c.direction === 'procured-by-group').map((c) => c.id));
  const logged = new Set(inp.alerts.map((a) => a.id));
  const alerts = [
    // Detected after the as-of date: not known yet at that date.
    ...sortAlerts(inp.alerts.filter((a) => a.detectedOn <= asOf).map((a) => alertAt(a, asOf)))
      .filter((a) => alertStage(a) !== 'closed')
      .map((a) => openAlert(a, alertStage(a), isOverdue(a, asOf, inp.overdueDays))),
    ...inp.unlogged.filter((a) => !logged.has(a.id)).map((a) => openAlert(a, 'unlogged', false)),
  ];
  const withoutOrder = ledgerWithoutOrder(
    inp.references.filter((r) => r.firstDate <= asOf),
    inp.orders,
    procurement,
  );
  const orderExceptions = inp.orders
    .filter((o) => o.date <= asOf)
    .map((o) => ({ o, check: checkOrder(o) }))
    .filter((x) => x.check.status === 'exception')
    .map(({ o, check }) => ({
      reference: o.reference,
      categoryId: o.categoryId,
      date: o.date,
      amountMinor: o.amountMinor,
      currency: o.currency,
      reasons: check.reasons,
    }));
  const missing = dataset.categories
    .filter((c) => c.direction === 'provided-by-group')
    .flatMap((c) => missingQuarters(c.id, c.term, asOf, inp.checks).map((quarter) => ({ categoryId: c.id, quarter })));
  const inconsistentChecks = inp.checks
    .filter((c) => c.result === 'inconsistent' && c.date <= asOf)
    .map((c) => ({ categoryId: c.categoryId, quarter: c.quarter, date: c.date, reviewer: c.reviewer }));
  const unclassified = inp.unclassified.filter((u) => u.date <= asOf);
  return {
    asOf,
    alerts,
    unclassified,
    withoutOrder,
    orderExceptions,
    missingQuarters: missing,
    inconsistentChecks,
    count:
      alerts.length +
      unclassified.length +
      withoutOrder.length +
      orderExceptions.length +
      missing.length +
      inconsistentChecks.length,
  };
}
