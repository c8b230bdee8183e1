/**
 * The first data endpoints, on the domain's own types: approvals (AGM
 * outcomes, ApprovalRecord), settings (the alert threshold), commentary, and
 * the cap register (RegisterAgreement, validated by src/domain/register.ts).
 *
 * Maker-checker: approvals, register changes and the threshold are proposed
 * (a change request, 202) and take effect only when a second person with the
 * reviewer role checks them; nobody checks their own (refused here and by a
 * CHECK constraint in the database). Commentary takes effect at once.
 * Every effective change is appended to the change history and announced on
 * the changes channel in the same transaction.
 */
import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';
import { kingsoftCloudXiaomi2026 } from '../../src/domain/disclosed/kingsoftCloudXiaomi2026';
import type { ApprovalRecord, Dataset } from '../../src/domain/model';
import { agreementOfThresholdKey, agreementThresholdKey, DEFAULT_THRESHOLD_PERCENT } from '../../src/domain/threshold';
import { describeIssue } from '../../src/ui/messages/registerIssues';
import {
  mergeDatasets,
  parseRegisterFile,
  type RegisterAgreement,
  registerFile,
  validateAgreement,
} from '../../src/domain/register';
import { applyRulesChange, type RulesPayload } from '../controls/connected';
import type { Db, Queryable } from '../db';
import { logAlertsAtCommit } from '../controls/alerts';
import { listHistory, verifyHistory } from '../history/chain';
import { requireRole, requireUser, type SessionUser, who } from './auth';
import { idParam, isoDate, parse, refuse } from './errors';
import { recordChange, upsert, upsertSetting } from './record';

/** Most characters a commentary keeps (the same limit as src/storage/commentary.ts). */
export const COMMENTARY_MAX_CHARS = 4000;

const approvalBody = v.strictObject({
  resolutionId: v.pipe(v.string(), v.minLength(1), v.maxLength(300)),
  outcome: v.picklist(['approved', 'rejected']),
  date: isoDate,
});

/**
 * The threshold for every agreement, or (with agreementId) for one agreement;
 * null removes it (each agreement's disclosed threshold or the default applies).
 */
const thresholdBody = v.strictObject({
  thresholdPercent: v.nullable(
    v.pipe(
      v.string(),
      v.regex(/^\d{1,3}(\.\d)?$/, 'a percentage with at most one decimal'),
      v.check((s) => Number(s) > 0 && Number(s) <= 100, 'above 0 and at most 100'),
    ),
  ),
  agreementId: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(300))),
});
type ThresholdPayload = v.InferOutput<typeof thresholdBody>;

const commentaryParams = v.strictObject({
  categoryId: v.pipe(v.string(), v.minLength(1), v.maxLength(300)),
  asOf: isoDate,
});
const commentaryBody = v.strictObject({ text: v.pipe(v.string(), v.maxLength(COMMENTARY_MAX_CHARS)) });

/** The shape is checked by the domain's own register reader (parseRegisterFile) below. */
const registerBody = v.strictObject({ agreement: v.record(v.string(), v.unknown()) });
const registerId = v.pipe(v.string(), v.regex(/^u-[a-z0-9-]{1,120}$/, 'a register agreement id (u-…)'));

const checkBody = v.strictObject({
  decision: v.picklist(['apply', 'reject']),
  note: v.optional(v.pipe(v.string(), v.maxLength(2000))),
});

const historyQuery = v.strictObject({
  after: v.optional(v.pipe(v.string(), v.regex(/^\d{1,15}$/), v.transform(Number)), '0'),
  limit: v.optional(
    v.pipe(v.string(), v.regex(/^\d{1,4}$/), v.transform(Number), v.minValue(1), v.maxValue(1000)),
    '200',
  ),
});

type Kind = 'approval' | 'register' | 'threshold' | 'rules';
type RegisterPayload = { op: 'put'; agreement: RegisterAgreement } | { op: 'delete'; id: string };

async function loadRegister(q: Queryable): Promise<RegisterAgreement[]> {
  const { rows } = await q.query<{ document: RegisterAgreement }>(
    'SELECT document FROM register_agreements ORDER BY position',
  );
  return rows.map((r) => r.document);
}

export async function dataset(q: Queryable): Promise<Dataset> {
  return mergeDatasets(kingsoftCloudXiaomi2026, await loadRegister(q));
}

/** Validates one agreement as the domain does for the local register; a 422 lists every problem. */
async function checkAgreement(q: Queryable, raw: unknown): Promise<RegisterAgreement> {
  const parsed = parseRegisterFile(
    JSON.stringify(registerFile([raw as RegisterAgreement], '')),
    kingsoftCloudXiaomi2026,
  );
  const fail = (issues: typeof parsed.issues, root: unknown) => {
    throw refuse(
      422,
      'invalid-agreement',
      'invalid-agreement',
      { count: issues.length },
      { issues: issues.map((i) => ({ ...i, message: describeIssue(i, root) })) },
    );
  };
  if (parsed.issues.length) fail(parsed.issues, parsed.root);
  const a = parsed.agreements[0]!;
  const others = (await loadRegister(q)).filter((o) => o.id !== a.id);
  const issues = validateAgreement(a, others, kingsoftCloudXiaomi2026);
  if (issues.length) fail(issues, a);
  return a;
}

async function checkResolution(q: Queryable, resolutionId: string): Promise<void> {
  if (!(await dataset(q)).resolutions.some((r) => r.id === resolutionId)) {
    throw refuse(422, 'unknown-resolution', 'unknown-resolution', { id: resolutionId });
  }
}

export async function propose(db: Db, u: SessionUser, kind: Kind, target: string, payload: unknown) {
  return db.tx(async (q) => {
    const pending = await q.query('SELECT id FROM change_requests WHERE kind = $1 AND target = $2 AND status = $3', [
      kind,
      target,
      'pending',
    ]);
    if (pending.rows.length) {
      throw refuse(409, 'already-pending', 'already-pending', { kind, target }, { changeId: pending.rows[0]!.id });
    }
    const { rows } = await q.query<{ id: number }>(
      'INSERT INTO change_requests (kind, target, payload, proposed_by) VALUES ($1, $2, $3, $4) RETURNING id',
      [kind, target, JSON.stringify(payload), u.id],
    );
    const id = rows[0]!.id;
    await recordChange(
      q,
      u,
      { action: 'propose', entity: kind, key: target, detail: { changeId: id, payload } },
      { entity: 'change', key: String(id), kind, target, status: 'pending' },
    );
    return { changeId: id, status: 'pending' as const };
  });
}

/** Applies a checked change to the live tables; returns the state before, for the history. */
async function apply(q: Queryable, kind: Kind, target: string, payload: unknown, makerId: number, checkerId: number) {
  if (kind === 'rules') return applyRulesChange(q, payload as RulesPayload, makerId, checkerId, await dataset(q));
  if (kind === 'approval') {
    const p = payload as ApprovalRecord | { op: 'clear'; resolutionId: string };
    const before = await q.query('SELECT outcome, date FROM approvals WHERE resolution_id = $1', [p.resolutionId]);
    if ('op' in p) {
      await q.query('DELETE FROM approvals WHERE resolution_id = $1', [p.resolutionId]);
      return before.rows[0] ?? null;
    }
    await checkResolution(q, p.resolutionId);
    await upsert(
      q,
      'approvals',
      { resolution_id: p.resolutionId },
      { outcome: p.outcome, date: p.date, recorded_by: makerId, checked_by: checkerId },
    );
    return before.rows[0] ?? null;
  }
  if (kind === 'threshold') {
    // target is the settings key: 'thresholdPercent' for every agreement, 'thresholdPercent@ID' for one.
    const p = payload as ThresholdPayload;
    const before = await q.query('SELECT value FROM settings WHERE key = $1', [target]);
    if (p.thresholdPercent === null) await q.query('DELETE FROM settings WHERE key = $1', [target]);
    else await upsertSetting(q, target, p.thresholdPercent, checkerId);
    return before.rows[0]?.value ?? null;
  }
  const p = payload as RegisterPayload;
  const before = await q.query<{ document: RegisterAgreement }>(
    'SELECT document FROM register_agreements WHERE id = $1',
    [target],
  );
  if (p.op === 'delete') {
    await q.query('DELETE FROM register_agreements WHERE id = $1', [target]);
  } else {
    // The register may have changed since the proposal: the agreement must still fit it.
    const a = await checkAgreement(q, p.agreement);
    await q.query(
      `INSERT INTO register_agreements (id, position, document, updated_by)
       VALUES ($1, (SELECT coalesce(max(position), -1) + 1 FROM register_agreements), $2, $3)
       ON CONFLICT (id) DO UPDATE SET document = $2, updated_by = $3, updated_at = now()`,
      [a.id, JSON.stringify(a), checkerId],
    );
  }
  return before.rows[0]?.document ?? null;
}

export function registerData(app: FastifyInstance, db: Db): void {
  // --- approvals -----------------------------------------------------------
  app.get('/api/approvals', async (req) => {
    requireUser(req);
    const { rows } = await db.query(
      'SELECT resolution_id AS "resolutionId", outcome, date FROM approvals ORDER BY resolution_id',
    );
    return { approvals: rows };
  });
  app.post('/api/approvals', async (req, reply) => {
    const u = requireRole(req, 'reviewer');
    const body = parse(approvalBody, req.body, 'approval');
    await checkResolution(db, body.resolutionId);
    reply.code(202);
    return propose(db, u, 'approval', body.resolutionId, body);
  });

  app.delete('/api/approvals/:resolutionId', async (req, reply) => {
    const u = requireRole(req, 'reviewer');
    const { resolutionId } = parse(
      v.strictObject({ resolutionId: v.pipe(v.string(), v.minLength(1), v.maxLength(300)) }),
      req.params,
      'path',
    );
    const { rows } = await db.query('SELECT 1 FROM approvals WHERE resolution_id = $1', [resolutionId]);
    if (!rows.length) throw refuse(404, 'not-found', 'no-outcome', { id: resolutionId });
    reply.code(202);
    return propose(db, u, 'approval', resolutionId, { op: 'clear', resolutionId });
  });

  // --- settings ------------------------------------------------------------
  app.get('/api/settings', async (req) => {
    requireUser(req);
    const { rows } = await db.query<{ key: string; value: string }>(
      "SELECT key, value FROM settings WHERE key = 'thresholdPercent' OR key LIKE 'thresholdPercent@%' ORDER BY key",
    );
    const global = rows.find((r) => r.key === 'thresholdPercent');
    const thresholdByAgreement: Record<string, string> = {};
    for (const r of rows) {
      const id = agreementOfThresholdKey(r.key);
      if (id !== null) thresholdByAgreement[id] = r.value;
    }
    return {
      thresholdPercent: global?.value ?? DEFAULT_THRESHOLD_PERCENT,
      thresholdSet: global !== undefined,
      thresholdByAgreement,
    };
  });
  app.put('/api/settings/threshold', async (req, reply) => {
    const u = requireRole(req, 'preparer', 'reviewer');
    const body = parse(thresholdBody, req.body, 'threshold');
    if (body.agreementId !== undefined && !(await dataset(db)).agreements.some((a) => a.id === body.agreementId)) {
      throw refuse(422, 'unknown-agreement', 'unknown-agreement', { id: body.agreementId });
    }
    reply.code(202);
    const target = body.agreementId === undefined ? 'thresholdPercent' : agreementThresholdKey(body.agreementId);
    return propose(db, u, 'threshold', target, body);
  });

  // --- commentary (takes effect at once; every role writes it) --------------
  app.get('/api/commentary', async (req) => {
    requireUser(req);
    const { asOf } = parse(v.strictObject({ asOf: isoDate }), req.query, 'query');
    const { rows } = await db.query<{ category_id: string; text: string; updated_at: Date; updated_by: string }>(
      `SELECT c.category_id, c.text, c.updated_at, u.display_name AS updated_by
       FROM commentary c JOIN users u ON u.id = c.updated_by WHERE c.as_of = $1 ORDER BY c.category_id`,
      [asOf],
    );
    return {
      commentary: Object.fromEntries(
        rows.map((r) => [
          r.category_id,
          { text: r.text, updatedAt: new Date(r.updated_at).toISOString(), updatedBy: r.updated_by },
        ]),
      ),
    };
  });
  app.put('/api/commentary/:categoryId/:asOf', async (req) => {
    const u = requireRole(req, 'admin', 'preparer', 'reviewer', 'viewer');
    const { categoryId, asOf } = parse(commentaryParams, req.params, 'path');
    const { text } = parse(commentaryBody, req.body, 'commentary');
    return db.tx(async (q) => {
      if (!(await dataset(q)).categories.some((c) => c.id === categoryId)) {
        throw refuse(404, 'unknown-category', 'unknown-category', { id: categoryId });
      }
      const before = await q.query<{ text: string }>(
        'SELECT text FROM commentary WHERE category_id = $1 AND as_of = $2',
        [categoryId, asOf],
      );
      const blank = text.trim() === '';
      if (blank) await q.query('DELETE FROM commentary WHERE category_id = $1 AND as_of = $2', [categoryId, asOf]);
      else {
        await upsert(q, 'commentary', { category_id: categoryId, as_of: asOf }, { text, updated_by: u.id });
      }
      const key = `${categoryId}@${asOf}`;
      await recordChange(q, u, {
        action: blank ? 'delete' : 'save',
        entity: 'commentary',
        key,
        detail: { before: before.rows[0]?.text ?? null, after: blank ? null : text },
      });
      return { ok: true };
    });
  });

  // --- cap register ----------------------------------------------------------
  app.get('/api/register', async (req) => {
    requireUser(req);
    return { agreements: await loadRegister(db) };
  });
  app.put('/api/register/:id', async (req, reply) => {
    const u = requireRole(req, 'preparer', 'reviewer');
    const id = parse(registerId, (req.params as { id: string }).id, 'agreement id');
    const body = parse(registerBody, req.body, 'register agreement');
    if (body.agreement.id !== id) throw refuse(400, 'id-mismatch', 'agreement-id-mismatch', {});
    const a = await checkAgreement(db, body.agreement);
    reply.code(202);
    return propose(db, u, 'register', id, { op: 'put', agreement: a } satisfies RegisterPayload);
  });
  app.delete('/api/register/:id', async (req, reply) => {
    const u = requireRole(req, 'preparer', 'reviewer');
    const id = parse(registerId, (req.params as { id: string }).id, 'agreement id');
    const { rows } = await db.query('SELECT 1 FROM register_agreements WHERE id = $1', [id]);
    if (!rows.length) throw refuse(404, 'not-found', 'no-register-agreement', { id });
    reply.code(202);
    return propose(db, u, 'register', id, { op: 'delete', id } satisfies RegisterPayload);
  });

  // --- change requests (maker-checker) --------------------------------------
  app.get('/api/changes', async (req) => {
    requireUser(req);
    const { status } = parse(
      v.strictObject({ status: v.optional(v.picklist(['pending', 'applied', 'rejected']), 'pending') }),
      req.query,
      'query',
    );
    const { rows } = await db.query(
      `SELECT c.id, c.kind, c.target, c.payload, c.status, c.proposed_at AS "proposedAt", p.display_name AS "proposedBy",
              c.proposed_by AS "proposedById", k.display_name AS "checkedBy", c.checked_at AS "checkedAt", c.note
       FROM change_requests c JOIN users p ON p.id = c.proposed_by LEFT JOIN users k ON k.id = c.checked_by
       WHERE c.status = $1 ORDER BY c.id DESC LIMIT 500`,
      [status],
    );
    return { changes: rows };
  });
  app.post('/api/changes/:id/check', async (req) => {
    const u = requireRole(req, 'reviewer');
    const id = parse(idParam, (req.params as { id: string }).id, 'change id');
    const body = parse(checkBody, req.body, 'check');
    return db.tx(async (q) => {
      const { rows } = await q.query<{
        kind: Kind;
        target: string;
        payload: unknown;
        proposed_by: number;
        status: string;
      }>('SELECT kind, target, payload, proposed_by, status FROM change_requests WHERE id = $1 FOR UPDATE', [id]);
      const c = rows[0];
      if (!c) throw refuse(404, 'not-found', 'no-change', { id });
      if (c.status !== 'pending') throw refuse(409, 'not-pending', 'change-not-pending', { id, status: c.status });
      if (c.proposed_by === u.id) {
        throw refuse(403, 'own-change', 'own-change', {});
      }
      const before =
        body.decision === 'apply' ? await apply(q, c.kind, c.target, c.payload, c.proposed_by, u.id) : undefined;
      const status = body.decision === 'apply' ? 'applied' : 'rejected';
      await q.query(
        'UPDATE change_requests SET status = $2, checked_by = $3, checked_at = now(), note = $4 WHERE id = $1',
        [id, status, u.id, body.note ?? null],
      );
      await recordChange(
        q,
        u,
        {
          action: body.decision,
          entity: c.kind,
          key: c.target,
          detail: {
            changeId: id,
            proposedBy: c.proposed_by,
            payload: c.payload,
            before: before ?? null,
            note: body.note ?? null,
          },
        },
        { entity: c.kind, key: c.target, change: id, status },
      );
      // A checked AGM outcome, register, threshold or rules change can bring an alert about.
      if (status === 'applied') await logAlertsAtCommit(q, { id: u.id, actor: who(u) });
      return { changeId: id, status };
    });
  });

  // --- change history -------------------------------------------------------------
  app.get('/api/history', async (req) => {
    requireUser(req);
    const { after, limit } = parse(historyQuery, req.query, 'query');
    return { records: await listHistory(db, after, limit) };
  });
  app.get('/api/history/verify', async (req) => {
    requireUser(req);
    return verifyHistory(db);
  });
}
