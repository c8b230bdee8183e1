/**
 * The controls in team mode, on the domain's own types: resolutions of
 * uncapped transactions, the alert log, the connected persons and
 * classification rules (through maker-checker), and the open items of
 * raw-ledger imports.
 *
 * Roles: preparers and reviewers record uncapped resolutions; the alert log
 * is written by the evaluation in a preparer's or reviewer's browser (a
 * viewer's browser shows the alerts, never writes them) and handled by a
 * reviewer; a preparer proposes rules and connected persons, a second person
 * with the reviewer role checks them (data.ts /api/changes/:id/check);
 * preparers store and assign open items. Every effective change is appended
 * to the change history with the signed-in user and announced on the changes
 * channel, in the same transaction.
 */
import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';
import { ALERT_STATES, type AlertRecord, alertId } from '../../src/domain/alerts/alertLog';
import {
  categoryGroups,
  matchOpenItems,
  reapplyDetail,
  reapplyLogText,
  settledItems,
} from '../../src/domain/classify/reapply';
import { uncappedResolutionSchema } from '../../src/domain/formats/uncappedResolution';
import type { OpenItemRecord } from '../../src/storage/partiesTypes';
import { insertAlerts, logAlertsAtCommit } from '../controls/alerts';
import { checkRulesText, loadConnectedConfig, RULES_TARGET, type RulesPayload } from '../controls/connected';
import type { Db, Queryable } from '../db';
import { requireRole, requireUser, who } from './auth';
import { dataset, propose } from './data';
import { isoDate, parse, refuse } from './errors';
import { addManualAggregate } from './ledger';
import { recordChange, upsert, upsertSetting } from './record';
import { createHash } from 'node:crypto';

/** Key of the alert log's overdue period in the settings table. */
export const OVERDUE_KEY = 'alerts.overdueDays';
const DEFAULT_OVERDUE_DAYS = 3;

const key = v.pipe(v.string(), v.minLength(1), v.maxLength(400));
const shortText = (max: number) => v.pipe(v.string(), v.maxLength(max));
const minorText = v.pipe(v.string(), v.regex(/^-?\d{1,30}(\.\d{1,12})?$/, 'minor units as a decimal string'));
const percentText = v.pipe(v.string(), v.regex(/^-?\d{1,12}(\.\d{1,6})?$/, 'a decimal percentage'));

// --- uncapped resolutions --------------------------------------------------------
const resolutionBody = v.strictObject({
  resolution: v.pipe(
    uncappedResolutionSchema,
    v.check((r) => JSON.stringify(r).length <= 20_000, 'a resolution of at most 20,000 characters'),
  ),
});

// --- alert log ------------------------------------------------------------------
const handlingStep = v.strictObject({
  on: isoDate,
  by: v.pipe(v.string(), v.trim(), v.minLength(1, 'say who did it'), v.maxLength(200)),
  note: v.pipe(v.string(), v.trim(), v.maxLength(2000)),
});

const alertSchema = v.pipe(
  v.strictObject({
    id: key,
    categoryId: v.pipe(v.string(), v.minLength(1), v.maxLength(300)),
    periodStart: isoDate,
    periodEnd: isoDate,
    state: v.picklist(ALERT_STATES),
    crossedOn: v.nullable(isoDate),
    detectedOn: isoDate,
    figures: v.strictObject({
      actualMinor: minorText,
      capMinor: v.nullable(minorText),
      thresholdPercent: percentText,
      utilisationPercent: v.nullable(percentText),
      uncappedMinor: v.optional(minorText),
      projectedOn: v.optional(v.record(shortText(100), isoDate)),
      currency: shortText(10),
      through: v.nullable(isoDate),
    }),
    source: v.strictObject({ kind: v.picklist(['disclosure', 'ledger', 'manual']), ref: shortText(500) }),
    boardRequired: v.boolean(),
    // An alert is logged unhandled: handling is recorded afterwards, step by step, by a reviewer.
    acknowledged: v.null(),
    reportedToManagement: v.null(),
    reportedToBoard: v.null(),
  }),
  v.check(
    (a) => a.id === alertId(a.categoryId, a.periodStart, a.state),
    'id does not match category, period and state',
  ),
  v.check((a) => a.periodStart <= a.periodEnd, 'period start after its end'),
);
const alertsBody = v.strictObject({ alerts: v.pipe(v.array(alertSchema), v.maxLength(1000)) });

const HANDLING_FIELDS = ['acknowledged', 'reportedToManagement', 'reportedToBoard'] as const;
const handlingBody = v.strictObject({ field: v.picklist(HANDLING_FIELDS), step: handlingStep });
const overdueBody = v.strictObject({
  days: v.pipe(v.number(), v.integer('a whole number of days'), v.minValue(0), v.maxValue(365)),
});

// --- connected persons and rules ---------------------------------------------------
const rulesBody = v.strictObject({
  /** The rules file's text (the browser serialises an on-screen change the same way). */
  text: v.pipe(v.string(), v.minLength(1), v.maxLength(4 * 1024 * 1024)),
  fileName: v.optional(v.pipe(v.string(), v.maxLength(500)), ''),
});

// --- open items of raw-ledger imports ------------------------------------------------
const cell = shortText(10_000);
const openItemSchema = v.strictObject({
  id: key,
  importId: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  fileName: v.pipe(v.string(), v.minLength(1), v.maxLength(500)),
  row: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100_000_000)),
  day: v.pipe(v.number(), v.integer(), v.minValue(-1_000_000), v.maxValue(1_000_000)),
  amountMinor: v.pipe(
    v.number(),
    v.check((n: number) => Number.isSafeInteger(n), 'a safe integer of minor units'),
  ),
  entityId: v.pipe(v.string(), v.maxLength(100)),
  counterparty: shortText(500),
  code: shortText(200),
  reference: shortText(500),
  description: shortText(2000),
  headers: v.pipe(v.array(shortText(500)), v.maxLength(500)),
  cells: v.pipe(v.array(cell), v.maxLength(500)),
  // Stored open: assigning is its own recorded action (by a rule or by hand).
  status: v.literal('open'),
  createdAt: v.pipe(v.string(), v.isoTimestamp()),
});
const openItemsBody = v.strictObject({
  items: v.pipe(v.array(openItemSchema), v.maxLength(200_000)),
  fileName: v.pipe(v.string(), v.minLength(1), v.maxLength(500)),
});
const assignBody = v.strictObject({
  ids: v.pipe(v.array(key), v.minLength(1), v.maxLength(100_000)),
  categoryId: v.pipe(v.string(), v.minLength(1), v.maxLength(300)),
});

/** Makes an open item a manual ledger entry of `categoryId` and marks it assigned, in the caller's transaction. */
async function assignItem(
  q: Queryable,
  item: OpenItemRecord,
  categoryId: string,
  by: string,
  at: string,
  userId: number,
) {
  const description = `${item.counterparty || item.code}: ${item.description}`.slice(0, 500);
  const { rows } = await q.query<{ id: number }>(
    `INSERT INTO ledger_manual (day, category_id, amount_minor, reference, description, created_by)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [item.day, categoryId, item.amountMinor, item.reference.slice(0, 500), description, userId],
  );
  await addManualAggregate(q, categoryId, item.day, item.amountMinor, 1);
  const assigned: OpenItemRecord = {
    ...item,
    status: 'assigned',
    categoryId,
    assignedBy: by,
    assignedAt: at,
    manualEntryId: Number(rows[0]!.id),
  };
  await q.query("UPDATE open_items SET document = $2, status = 'assigned', updated_at = now() WHERE id = $1", [
    item.id,
    JSON.stringify(assigned),
  ]);
}

async function logClassification(
  q: Queryable,
  action: string,
  items: readonly string[],
  detail: string,
  userId: number,
) {
  await q.query('INSERT INTO classification_log (action, items, detail, actor_id) VALUES ($1, $2, $3, $4)', [
    action,
    JSON.stringify(items),
    detail,
    userId,
  ]);
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Open items are part of the ledger's screens: their changes are announced as the ledger's. */
const OPEN_ITEMS_NOTICE = { entity: 'ledger', key: 'open-items' };

export function registerControls(app: FastifyInstance, db: Db): void {
  // --- uncapped resolutions --------------------------------------------------------
  app.get('/api/uncapped-resolutions', async (req) => {
    requireUser(req);
    const { rows } = await db.query<{ document: unknown }>('SELECT document FROM uncapped_resolutions ORDER BY id');
    return { resolutions: rows.map((r) => r.document) };
  });

  app.put('/api/uncapped-resolutions/:id', async (req) => {
    const u = requireRole(req, 'preparer', 'reviewer');
    const { id } = parse(v.strictObject({ id: key }), req.params, 'path');
    const { resolution } = parse(resolutionBody, req.body, 'resolution');
    if (resolution.id !== id) throw refuse(400, 'id-mismatch', 'resolution-id-mismatch', {});
    return db.tx(async (q) => {
      const before = await q.query<{ document: unknown }>(
        'SELECT document FROM uncapped_resolutions WHERE id = $1 FOR UPDATE',
        [id],
      );
      await upsert(q, 'uncapped_resolutions', { id }, { document: JSON.stringify(resolution), recorded_by: u.id });
      await recordChange(q, u, {
        action: 'resolve',
        entity: 'uncapped-resolution',
        key: id,
        detail: { before: before.rows[0]?.document ?? null, after: resolution },
      });
      await logAlertsAtCommit(q, { id: u.id, actor: who(u) });
      return { resolution };
    });
  });

  app.delete('/api/uncapped-resolutions/:id', async (req) => {
    const u = requireRole(req, 'preparer', 'reviewer');
    const { id } = parse(v.strictObject({ id: key }), req.params, 'path');
    return db.tx(async (q) => {
      const { rows } = await q.query<{ document: unknown }>(
        'DELETE FROM uncapped_resolutions WHERE id = $1 RETURNING document',
        [id],
      );
      const removed = rows[0]?.document ?? null;
      if (!removed) return { removed: null };
      await recordChange(q, u, {
        action: 'reopen',
        entity: 'uncapped-resolution',
        key: id,
        detail: { before: removed, after: null },
      });
      await logAlertsAtCommit(q, { id: u.id, actor: who(u) });
      return { removed };
    });
  });

  // --- alert log -----------------------------------------------------------------------
  app.get('/api/alerts', async (req) => {
    requireUser(req);
    const { rows } = await db.query<{ document: AlertRecord }>('SELECT document FROM alerts ORDER BY created_at, id');
    return { alerts: rows.map((r) => r.document) };
  });

  // Idempotent: an alert already logged (by this or another browser) is skipped, never logged twice.
  app.post('/api/alerts', async (req) => {
    const u = requireRole(req, 'preparer', 'reviewer');
    const { alerts } = parse(alertsBody, req.body, 'alerts');
    const ds = await dataset(db);
    for (const a of alerts) {
      if (!ds.categories.some((c) => c.id === a.categoryId)) {
        throw refuse(422, 'unknown-category', 'unknown-category', { id: a.categoryId });
      }
    }
    return db.tx(async (q) => ({
      created: await insertAlerts(q, alerts as AlertRecord[], { id: u.id, actor: who(u) }),
    }));
  });

  app.post('/api/alerts/:id/handling', async (req) => {
    const u = requireRole(req, 'reviewer');
    const { id } = parse(v.strictObject({ id: key }), req.params, 'path');
    const { field, step } = parse(handlingBody, req.body, 'handling step');
    return db.tx(async (q) => {
      const { rows } = await q.query<{ document: AlertRecord }>(
        'SELECT document FROM alerts WHERE id = $1 FOR UPDATE',
        [id],
      );
      const a = rows[0]?.document;
      if (!a) throw refuse(404, 'not-found', 'no-alert', { id });
      if (a[field]) throw refuse(409, 'handling-order', 'step-recorded', {});
      if (field === 'reportedToManagement' && !a.acknowledged) {
        throw refuse(409, 'handling-order', 'acknowledge-first', {});
      }
      if (field === 'reportedToBoard' && !a.reportedToManagement) {
        throw refuse(409, 'handling-order', 'report-management-first', {});
      }
      if (step.on < a.detectedOn) throw refuse(409, 'handling-order', 'step-before-detection', { date: a.detectedOn });
      const after: AlertRecord = { ...a, [field]: step };
      await q.query('UPDATE alerts SET document = $2, updated_at = now() WHERE id = $1', [id, JSON.stringify(after)]);
      await recordChange(q, u, {
        action: field === 'acknowledged' ? 'acknowledge' : 'report',
        entity: 'alert',
        key: id,
        detail: { before: null, after: { field, ...step } },
      });
      return { alert: after };
    });
  });

  app.get('/api/alerts/overdue-days', async (req) => {
    requireUser(req);
    const { rows } = await db.query<{ value: unknown }>('SELECT value FROM settings WHERE key = $1', [OVERDUE_KEY]);
    const d = rows[0]?.value;
    return { days: typeof d === 'number' && Number.isInteger(d) ? d : DEFAULT_OVERDUE_DAYS };
  });

  app.put('/api/alerts/overdue-days', async (req) => {
    const u = requireRole(req, 'reviewer');
    const { days } = parse(overdueBody, req.body, 'overdue days');
    return db.tx(async (q) => {
      const before = await q.query<{ value: unknown }>('SELECT value FROM settings WHERE key = $1 FOR UPDATE', [
        OVERDUE_KEY,
      ]);
      await upsertSetting(q, OVERDUE_KEY, days, u.id);
      await recordChange(q, u, {
        action: 'save',
        entity: 'alert-settings',
        key: OVERDUE_KEY,
        detail: { before: before.rows[0]?.value ?? DEFAULT_OVERDUE_DAYS, after: days },
      });
      return { days };
    });
  });

  // --- connected persons and classification rules (maker-checker) ---------------------
  app.get('/api/parties/config', async (req) => {
    requireUser(req);
    return { config: await loadConnectedConfig(db) };
  });

  // Proposes a whole new configuration (edited on screen, or an imported rules file): in force once checked.
  app.put('/api/parties/config', async (req, reply) => {
    const u = requireRole(req, 'preparer');
    const { text, fileName } = parse(rulesBody, req.body, 'rules');
    const config = checkRulesText(text, fileName, await dataset(db));
    const payload: RulesPayload = { config, fileName, ...(fileName ? { fileSha256: sha256(text) } : {}) };
    reply.code(202);
    return { ...(await propose(db, u, 'rules', RULES_TARGET, payload)), config };
  });

  // --- open items of raw-ledger imports ---------------------------------------------------
  app.get('/api/parties/open-items', async (req) => {
    requireUser(req);
    const { rows } = await db.query<{ document: OpenItemRecord }>('SELECT document FROM open_items');
    const items = rows.map((r) => r.document).sort((a, b) => a.day - b.day || a.row - b.row);
    return { items };
  });

  // A raw import's rows of connected persons that no rule classified (stored once: an item already kept stays as it is).
  app.post('/api/parties/open-items', { bodyLimit: 64 * 1024 * 1024 }, async (req) => {
    const u = requireRole(req, 'preparer');
    const { items, fileName } = parse(openItemsBody, req.body, 'open items');
    if (!items.length) return { stored: 0 };
    return db.tx(async (q) => {
      const { rows } = await q.query<{ id: string }>(
        `INSERT INTO open_items (id, document, status, created_by)
         SELECT e->>'id', e, 'open', $2 FROM jsonb_array_elements($1::jsonb) AS e
         ON CONFLICT (id) DO NOTHING RETURNING id`,
        [JSON.stringify(items), u.id],
      );
      const stored = new Set(rows.map((r) => r.id));
      const kept = items.filter((i) => stored.has(i.id));
      if (!kept.length) return { stored: 0 };
      const total = kept.reduce((sum, i) => sum + BigInt(i.amountMinor), 0n);
      await logClassification(
        q,
        'import',
        kept.map((i) => i.id),
        `${kept.length} connected row(s) of ${fileName} not classified by any rule, kept as open items`,
        u.id,
      );
      await recordChange(
        q,
        u,
        {
          action: 'import',
          entity: 'classification',
          key: fileName,
          detail: {
            before: null,
            after: {
              action: 'import',
              fileName,
              importId: kept[0]!.importId,
              openItems: kept.length,
              totalMinor: total.toString(),
            },
          },
        },
        OPEN_ITEMS_NOTICE,
      );
      return { stored: kept.length };
    });
  });

  // Assigns open items by hand: each becomes a manual ledger entry; one recorded action.
  app.post('/api/parties/open-items/assign', async (req) => {
    const u = requireRole(req, 'preparer');
    const { ids, categoryId } = parse(assignBody, req.body, 'assignment');
    if (!(await dataset(db)).categories.some((c) => c.id === categoryId)) {
      throw refuse(422, 'unknown-category', 'unknown-category', { id: categoryId });
    }
    return db.tx(async (q) => {
      const { rows } = await q.query<{ document: OpenItemRecord }>(
        "SELECT document FROM open_items WHERE id = ANY($1::text[]) AND status = 'open' ORDER BY id FOR UPDATE",
        [ids],
      );
      const open = rows.map((r) => r.document);
      if (!open.length) return { assigned: 0 };
      const at = new Date().toISOString();
      for (const item of open) await assignItem(q, item, categoryId, 'user', at, u.id);
      await logClassification(
        q,
        'assign',
        open.map((i) => i.id),
        `${open.length} open item(s) assigned to ${categoryId} by ${who(u)}`,
        u.id,
      );
      await recordChange(
        q,
        u,
        {
          action: 'assign',
          entity: 'classification',
          key: categoryId,
          detail: {
            before: null,
            after: { action: 'assign', by: 'user', items: settledItems(open, () => categoryId) },
          },
        },
        OPEN_ITEMS_NOTICE,
      );
      await logAlertsAtCommit(q, { id: u.id, actor: who(u) });
      return { assigned: open.length };
    });
  });

  // The explicit, recorded re-classification: the rules in force applied to the open items.
  app.post('/api/parties/reapply', async (req) => {
    const u = requireRole(req, 'preparer');
    const ds = await dataset(db);
    const groupOf = categoryGroups(ds);
    return db.tx(async (q) => {
      const config = await loadConnectedConfig(q);
      const { rows } = await q.query<{ document: OpenItemRecord }>(
        "SELECT document FROM open_items WHERE status = 'open' ORDER BY id FOR UPDATE",
      );
      const open = rows.map((r) => r.document);
      const matched = matchOpenItems(open, config, groupOf);
      const at = new Date().toISOString();
      for (const { item, rule } of matched) await assignItem(q, item, rule.categoryId, rule.id, at, u.id);
      await logClassification(
        q,
        'reapply-rules',
        matched.map((m) => m.item.id),
        reapplyLogText(open.length, matched.length),
        u.id,
      );
      await recordChange(
        q,
        u,
        {
          action: 'reapply-rules',
          entity: 'classification',
          key: 'rules',
          detail: reapplyDetail(open.length, matched),
        },
        OPEN_ITEMS_NOTICE,
      );
      await logAlertsAtCommit(q, { id: u.id, actor: who(u) });
      return { classified: matched.length };
    });
  });

  app.get('/api/parties/log', async (req) => {
    requireUser(req);
    const { rows } = await db.query<{ id: number; at: Date | string; action: string; items: string[]; detail: string }>(
      'SELECT id, at, action, items, detail FROM classification_log ORDER BY at DESC, id DESC LIMIT 200',
    );
    return { log: rows.map((r) => ({ ...r, id: Number(r.id), at: new Date(r.at).toISOString() })) };
  });
}
