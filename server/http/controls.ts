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
import { uncappedResolutionSchema } from '../../src/domain/formats/uncappedResolution';
import { notify } from '../accounts';
import { checkRulesText, loadConnectedConfig, RULES_TARGET, type RulesPayload } from '../controls/connected';
import type { Db } from '../db';
import { appendHistory } from '../history/chain';
import { requireRole, requireUser, who } from './auth';
import { dataset, propose } from './data';
import { HttpError, isoDate, parse } from './errors';
import { createHash } from 'node:crypto';

/** Key of the alert log's overdue period in the settings table. */
export const OVERDUE_KEY = 'alerts.overdueDays';
const DEFAULT_OVERDUE_DAYS = 3;

const key = v.pipe(v.string(), v.minLength(1), v.maxLength(400));
const shortText = (max: number) => v.pipe(v.string(), v.maxLength(max));
const minorText = v.pipe(v.string(), v.regex(/^-?\d{1,30}$/, 'minor units as a decimal string'));
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

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

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
    if (resolution.id !== id) throw new HttpError(400, 'id-mismatch', 'The resolution id differs from the URL.');
    return db.tx(async (q) => {
      const before = await q.query<{ document: unknown }>(
        'SELECT document FROM uncapped_resolutions WHERE id = $1 FOR UPDATE',
        [id],
      );
      await q.query(
        `INSERT INTO uncapped_resolutions (id, document, recorded_by) VALUES ($1, $2, $3)
         ON CONFLICT (id) DO UPDATE SET document = $2, recorded_by = $3, updated_at = now()`,
        [id, JSON.stringify(resolution), u.id],
      );
      await appendHistory(q, {
        actorId: u.id,
        actor: who(u),
        action: 'resolve',
        entity: 'uncapped-resolution',
        entityKey: id,
        detail: { before: before.rows[0]?.document ?? null, after: resolution },
      });
      await notify(q, { entity: 'uncapped-resolution', key: id });
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
      await appendHistory(q, {
        actorId: u.id,
        actor: who(u),
        action: 'reopen',
        entity: 'uncapped-resolution',
        entityKey: id,
        detail: { before: removed, after: null },
      });
      await notify(q, { entity: 'uncapped-resolution', key: id });
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
        throw new HttpError(422, 'unknown-category', `No category ${a.categoryId}.`);
      }
    }
    return db.tx(async (q) => {
      const created: AlertRecord[] = [];
      for (const a of alerts) {
        const { rows } = await q.query(
          'INSERT INTO alerts (id, document, created_by) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING RETURNING id',
          [a.id, JSON.stringify(a), u.id],
        );
        if (!rows.length) continue;
        created.push(a as AlertRecord);
        await appendHistory(q, {
          actorId: u.id,
          actor: who(u),
          action: 'create',
          entity: 'alert',
          entityKey: a.id,
          detail: { before: null, after: a },
        });
      }
      if (created.length)
        await notify(q, {
          entity: 'alert',
          key: created
            .map((a) => a.id)
            .join(',')
            .slice(0, 500),
        });
      return { created };
    });
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
      if (!a) throw new HttpError(404, 'not-found', `No alert ${id}.`);
      const refuse = (message: string) => {
        throw new HttpError(409, 'handling-order', message);
      };
      if (a[field]) refuse('This step is already recorded.');
      if (field === 'reportedToManagement' && !a.acknowledged) refuse('Acknowledge the alert first.');
      if (field === 'reportedToBoard' && !a.reportedToManagement) refuse('Report it to senior management first.');
      if (step.on < a.detectedOn) refuse(`A step cannot be dated before the detection (${a.detectedOn}).`);
      const after: AlertRecord = { ...a, [field]: step };
      await q.query('UPDATE alerts SET document = $2, updated_at = now() WHERE id = $1', [id, JSON.stringify(after)]);
      await appendHistory(q, {
        actorId: u.id,
        actor: who(u),
        action: field === 'acknowledged' ? 'acknowledge' : 'report',
        entity: 'alert',
        entityKey: id,
        detail: { before: null, after: { field, ...step } },
      });
      await notify(q, { entity: 'alert', key: id });
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
      await q.query(
        `INSERT INTO settings (key, value, updated_by) VALUES ($1, $2, $3)
         ON CONFLICT (key) DO UPDATE SET value = $2, updated_by = $3, updated_at = now()`,
        [OVERDUE_KEY, JSON.stringify(days), u.id],
      );
      await appendHistory(q, {
        actorId: u.id,
        actor: who(u),
        action: 'save',
        entity: 'alert-settings',
        entityKey: OVERDUE_KEY,
        detail: { before: before.rows[0]?.value ?? DEFAULT_OVERDUE_DAYS, after: days },
      });
      await notify(q, { entity: 'alert-settings', key: OVERDUE_KEY });
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
}
