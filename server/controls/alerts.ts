/**
 * The server logs the alerts a write brings about, at its commit: after each
 * write that changes the figures (an import, a batch's check, a manual entry,
 * a checked AGM outcome, register, threshold or rules change, a resolution of
 * uncapped transactions, a ledger-complete date), the alert log is evaluated
 * at today's date with the domain's own evaluation (src/domain/alerts/observe.ts,
 * as a preparer's or reviewer's browser does) in the write's transaction, and
 * each new alert is logged with the committing person as "who". So a category
 * crossing its threshold is in the log — and reported through the change
 * notice — the moment the write commits, with no browser open. The alert's id
 * (category, period, state) keeps it logged once, whoever evaluates first.
 *
 * A failure of the evaluation never refuses the write (a breach is reported,
 * never a reason to lose data): it is undone alone (a savepoint) and logged.
 */
import { alertSourceFor, evaluateAlerts } from '../../src/domain/alerts/observe';
import type { AlertRecord } from '../../src/domain/alerts/alertLog';
import { categoryCurrency } from '../../src/domain/currency';
import { todayIso } from '../../src/domain/dates';
import type { EngineContext } from '../../src/domain/engine';
import { totalsFromJson } from '../../src/domain/ledgerTotalsJson';
import type { ApprovalRecord } from '../../src/domain/model';
import { readThresholdSettings, ThresholdError, thresholdFraction } from '../../src/domain/threshold';
import type { UncappedResolution } from '../../src/domain/uncapped';
import { notify } from '../accounts';
import type { Queryable, TxQueryable } from '../db';
import { appendHistory } from '../history/chain';
import { dataset } from '../http/data';
import { ledgerTotals } from '../http/ledger';

/** Who logs the alerts: the person whose write committed them. */
export interface AlertActor {
  id: number;
  /** "Display Name (username)", as the change history names people. */
  actor: string;
}

/** The engine's inputs as stored now (in the caller's transaction: the write's own changes included). */
async function engineContext(q: Queryable): Promise<EngineContext> {
  const [ds, totals, approvals, settings, resolutions] = await Promise.all([
    dataset(q),
    ledgerTotals(q),
    q.query<ApprovalRecord & Record<string, unknown>>(
      'SELECT resolution_id AS "resolutionId", outcome, date FROM approvals ORDER BY resolution_id',
    ),
    q.query<{ key: string; value: unknown }>(
      "SELECT key, value FROM settings WHERE key = 'thresholdPercent' OR key LIKE 'thresholdPercent@%' ORDER BY key",
    ),
    q.query<{ document: UncappedResolution }>('SELECT document FROM uncapped_resolutions ORDER BY id'),
  ]);
  const thresholds = readThresholdSettings(settings.rows.map((r) => [r.key, r.value] as const));
  if (!thresholds.ok) throw new ThresholdError(thresholds.problem);
  const { thresholdPercent, thresholdByAgreement } = thresholds.settings;
  return {
    dataset: ds,
    approvals: approvals.rows,
    ledger: totalsFromJson(totals),
    threshold: thresholdPercent === null ? undefined : thresholdFraction(thresholdPercent),
    thresholdByAgreement: new Map(Object.entries(thresholdByAgreement).map(([id, p]) => [id, thresholdFraction(p)])),
    uncappedResolutions: resolutions.rows.map((r) => r.document),
  };
}

/** The alerts the data now brings about and the log does not hold yet, at `today`. */
export async function alertsDue(q: Queryable, today = todayIso()): Promise<AlertRecord[]> {
  const [ctx, existing, newest] = await Promise.all([
    engineContext(q),
    q.query<{ id: string }>('SELECT id FROM alerts'),
    q.query<{ id: string }>(
      "SELECT id FROM ledger_batches WHERE status = 'committed' ORDER BY created_at DESC, id DESC LIMIT 1",
    ),
  ]);
  const newestBatch = newest.rows[0]?.id ?? null;
  return evaluateAlerts(
    ctx,
    today,
    existing.rows,
    (s) => alertSourceFor(s, newestBatch),
    (id) => categoryCurrency(ctx.dataset, id),
  );
}

/**
 * Stores the alerts not logged yet (idempotent by id: one logged by a browser or at
 * another commit is skipped), each with a history record naming `by` (plus `detail`),
 * and one change notice for them all; returns those stored.
 */
export async function insertAlerts(
  q: TxQueryable,
  alerts: readonly AlertRecord[],
  by: AlertActor,
  detail: Readonly<Record<string, unknown>> = {},
): Promise<AlertRecord[]> {
  const created: AlertRecord[] = [];
  for (const a of alerts) {
    const { rows } = await q.query(
      'INSERT INTO alerts (id, document, created_by) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING RETURNING id',
      [a.id, JSON.stringify(a), by.id],
    );
    if (!rows.length) continue;
    created.push(a);
    await appendHistory(q, {
      actorId: by.id,
      actor: by.actor,
      action: 'create',
      entity: 'alert',
      entityKey: a.id,
      detail: { before: null, after: a, ...detail },
    });
  }
  if (created.length) {
    await notify(q, {
      entity: 'alert',
      key: created
        .map((a) => a.id)
        .join(',')
        .slice(0, 500),
    });
  }
  return created;
}

/**
 * Logs, in the caller's transaction, the alerts its write brought about
 * (each with a history record naming `by`, and one change notice); returns them.
 */
export async function logAlertsAtCommit(
  q: TxQueryable,
  by: AlertActor,
  today = todayIso(),
  log: (e: unknown) => void = (e) => console.error('Alert evaluation failed', e),
): Promise<AlertRecord[]> {
  await q.query('SAVEPOINT alerts_at_commit');
  try {
    const created = await insertAlerts(q, await alertsDue(q, today), by, { loggedBy: 'server' });
    await q.query('RELEASE SAVEPOINT alerts_at_commit');
    return created;
  } catch (e) {
    await q.query('ROLLBACK TO SAVEPOINT alerts_at_commit');
    log(e);
    return [];
  }
}
