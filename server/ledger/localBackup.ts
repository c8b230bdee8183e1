/**
 * Moving a local workspace (the browser's backup file) into the team
 * workspace, by an admin. The backup is read with the app's own rules
 * (src/domain: its change history must verify as a hash chain, the register
 * as a register), then written in ONE transaction:
 *
 * - the local change history continues in the server's chain: every local
 *   record becomes a server record carrying the local record whole (so the
 *   local chain can still be re-verified from the server's), its free-text
 *   "who" mapped to an account, and a last record names the local head
 *   (count and hash) and the backup file's SHA-256;
 * - ledger batches and their rows (COPY) arrive as import batches pending
 *   review, manual entries as they were, commentary as it was;
 * - AGM outcomes, the register, the threshold and the connected persons and
 *   rules arrive as proposals that a reviewer checks (maker-checker holds for
 *   migrated data too);
 * - resolutions of uncapped transactions (checked by the domain's schema),
 *   the alert log with its handling, the overdue period, the open items of
 *   raw-ledger imports and their classification log arrive as they were;
 * - pricing evidence (orders, attached documents, price checks) arrives as it
 *   was, checked by the domain's rules and each document by its SHA-256
 *   (server/ledger/localEvidence.ts).
 *
 * Only into a workspace whose ledger is still empty: two ledgers are not merged.
 */
import { createHash, webcrypto } from 'node:crypto';
import { kingsoftCloudXiaomi2026 } from '../../src/domain/disclosed/kingsoftCloudXiaomi2026';
import { type HistoryRecord, headOf, sha256With, verifyChain } from '../../src/domain/history/chain';
import type { AlertRecord } from '../../src/domain/alerts/alertLog';
import { type ConnectedPersonsConfig, serialiseRulesFile } from '../../src/domain/classify/rulesFile';
import { readRecord } from '../../src/domain/formats/backup';
import { uncappedResolutionSchema } from '../../src/domain/formats/uncappedResolution';
import { agreementOfThresholdKey, readThresholdSettings } from '../../src/domain/threshold';
import { mergeDatasets, validateRegister, type RegisterAgreement } from '../../src/domain/register';
import type { UncappedResolution } from '../../src/domain/uncapped';
import type { ClassificationLogRecord, OpenItemRecord } from '../../src/storage/partiesTypes';
import { checkRulesText, RULES_TARGET } from '../controls/connected';
import { notify } from '../accounts';
import type { Db } from '../db';
import { appendHistory } from '../history/chain';
import { HttpError, refuse } from '../http/errors';
import { copyField } from './copyText';
import { readLocalEvidence, writeLocalEvidence } from './localEvidence';
import { backupReviver } from '../../src/domain/formats/backupJson';

/** The backup's encoding of bigints and typed arrays (src/domain/formats/backupJson.ts). */
const reviver = backupReviver((p) => {
  if (p.code === 'unknown-typed') throw refuse(422, 'bad-backup', 'backup-binary-type', { type: p.type });
  if (p.code === 'bad-base64') throw refuse(422, 'bad-backup', 'backup-base64', {});
  if (p.code === 'partial-element') throw refuse(422, 'bad-backup', 'backup-binary-cut', {});
});

interface Chunk {
  batchId: string;
  seq: number;
  length: number;
  categoryIds: string[];
  day: Int32Array;
  category: Uint8Array;
  amountMinor: Float64Array;
  reference: { text: string; offsets: Uint32Array };
  description: { text: string; offsets: Uint32Array };
  rowNumber: Int32Array;
}

export interface LocalBackupOutcome {
  historyRecords: number;
  localHead: { count: number; hash: string };
  batches: number;
  ledgerRows: number;
  manualEntries: number;
  commentary: number;
  proposals: number;
  uncappedResolutions: number;
  alerts: number;
  openItems: number;
  evidenceOrders: number;
  evidenceAttachments: number;
  priceChecks: number;
}

/** Free-text names of the local history that need an account. */
export function namesIn(history: readonly HistoryRecord[]): string[] {
  return [...new Set(history.map((r) => r.who.trim()).filter(Boolean))].sort();
}

export async function migrateLocalBackup(
  db: Db,
  text: string,
  names: Record<string, string>,
  admin: { id: number; actor: string },
): Promise<LocalBackupOutcome> {
  let parsed: { format?: unknown; version?: unknown; tables?: Record<string, unknown[]> };
  try {
    parsed = JSON.parse(text, reviver) as typeof parsed;
  } catch (e) {
    if (e instanceof HttpError) throw e;
    throw refuse(422, 'bad-backup', 'backup-not-json', {});
  }
  if (parsed.format !== 'headroom-backup' || parsed.version !== 1 || !parsed.tables) {
    throw refuse(422, 'bad-backup', 'backup-format', {});
  }
  const t = parsed.tables;
  const history = (t.history ?? []) as HistoryRecord[];
  const check = await verifyChain(history, sha256With(webcrypto.subtle as never));
  if (!check.ok) {
    throw refuse(422, 'history-does-not-verify', 'history-does-not-verify', {
      seq: String(check.failure?.seq),
      reason: String(check.failure?.reason),
    });
  }
  const register = ((t.registerAgreements ?? []) as (RegisterAgreement & { position: number })[])
    .sort((a, b) => a.position - b.position)
    .map(({ position: _p, ...a }) => a as RegisterAgreement);
  const issues = validateRegister(register, kingsoftCloudXiaomi2026);
  if (issues.length) throw refuse(422, 'bad-backup', 'backup-register-invalid', { count: issues.length });

  // Every name in the local history must map to an account.
  const wanted = namesIn(history);
  const { rows: users } = await db.query<{ id: number; username: string; display_name: string }>(
    'SELECT id, username, display_name FROM users WHERE lower(username) = ANY($1::text[])',
    [Object.values(names).map((u) => u.toLowerCase())],
  );
  const byUsername = new Map(users.map((u) => [u.username.toLowerCase(), u]));
  const unmapped = wanted.filter((n) => !names[n] || !byUsername.has(names[n]!.toLowerCase()));
  if (unmapped.length) {
    throw refuse(422, 'unmapped-names', 'unmapped-names', { names: unmapped.join(', ') }, { names: unmapped });
  }
  const account = (who: string) => {
    const u = byUsername.get((names[who.trim()] ?? '').toLowerCase());
    return u
      ? { actorId: u.id, actor: `${u.display_name} (${u.username})` }
      : { actorId: admin.id, actor: admin.actor };
  };

  const batches = (
    (t.ledgerBatches ?? []) as { id: string; fileName: string; status: string; createdAt: string }[]
  ).filter((b) => b.status === 'committed');
  const chunks = ((t.ledgerChunks ?? []) as Chunk[]).filter((c) => batches.some((b) => b.id === c.batchId));
  chunks.sort((a, b) => (a.batchId === b.batchId ? a.seq - b.seq : a.batchId < b.batchId ? -1 : 1));
  const manual = (t.ledgerManual ?? []) as {
    id: number;
    day: number;
    categoryId: string;
    amountMinor: number;
    reference: string;
    description: string;
    createdAt: string;
  }[];
  const commentary = (t.commentary ?? []) as { key: string; text: string }[];
  const approvals = (t.approvals ?? []) as { resolutionId: string; outcome: string; date: string }[];
  // The threshold for every agreement and each agreement's own (thresholdPercent@ID), as percent strings.
  const readThresholds = readThresholdSettings(
    ((t.settings ?? []) as { key: string; value: unknown }[]).map((s) => [s.key, s.value] as const),
  );
  if (!readThresholds.ok) throw refuse(422, 'bad-backup', 'backup-settings', { threshold: readThresholds.problem });
  const thresholds = readThresholds.settings.entries.map(([key, value]) => ({ key, value }));
  const fileSha256 = createHash('sha256').update(text).digest('hex');

  const resolutions = (t.uncappedResolutions ?? []) as UncappedResolution[];
  resolutions.forEach((r, i) => {
    const read = readRecord(uncappedResolutionSchema, r, `uncappedResolutions[${i}]`);
    if (!read.ok) {
      throw refuse(422, 'bad-backup', 'backup-record-invalid', { path: read.path, schema: read.issue });
    }
  });
  const alerts = ((t.alerts ?? []) as AlertRecord[]).filter((a) => typeof a?.id === 'string' && a.id.length <= 400);
  const overdue = ((t.settings ?? []) as { key: string; value: unknown }[]).find(
    (s) => s.key === 'alerts.overdueDays' && Number.isInteger(s.value) && (s.value as number) >= 0,
  );
  const openItems = ((t.openItems ?? []) as OpenItemRecord[]).filter((i) => typeof i?.id === 'string');
  const classificationLog = (t.classificationLog ?? []) as ClassificationLogRecord[];
  const localConfig = ((t.connectedConfig ?? []) as { key: string; config: ConnectedPersonsConfig }[]).find(
    (c) => c.key === 'current',
  )?.config;
  const evidence = readLocalEvidence(t, mergeDatasets(kingsoftCloudXiaomi2026, register));
  // Checked against the categories the moved register brings (its changes are proposed with it).
  const rules = localConfig
    ? checkRulesText(
        serialiseRulesFile(localConfig),
        'connected persons (local backup)',
        mergeDatasets(kingsoftCloudXiaomi2026, register),
      )
    : null;

  return db.tx(async (q) => {
    const { rows: used } = await q.query<{ n: number }>(
      'SELECT (SELECT count(*) FROM ledger_batches) + (SELECT count(*) FROM ledger_manual) AS n',
    );
    if (Number(used[0]!.n) > 0) {
      throw refuse(409, 'workspace-not-empty', 'workspace-not-empty', {});
    }
    const hasEvidence = evidence.orders.length + evidence.attachments.length + evidence.priceChecks.length > 0;
    const { rows: kept } = await q.query<{ n: number }>(
      'SELECT (SELECT count(*) FROM evidence_orders) + (SELECT count(*) FROM price_checks) AS n',
    );
    if (hasEvidence && Number(kept[0]!.n) > 0) {
      throw refuse(409, 'evidence-not-empty', 'evidence-not-empty', {});
    }
    // The local chain, record by record, continued in the server's chain.
    for (const r of history) {
      await appendHistory(q, {
        ...account(r.who),
        action: `local-${r.kind}`,
        entity: 'local-history',
        entityKey: String(r.seq),
        detail: { local: r as unknown as Record<string, unknown> },
      });
    }
    let ledgerRows = 0;
    for (const b of batches) {
      const mine = chunks.filter((c) => c.batchId === b.id);
      const rowCount = mine.reduce((s, c) => s + c.length, 0);
      let total = 0n;
      let minDay = Infinity;
      let maxDay = -Infinity;
      for (const c of mine) {
        for (let i = 0; i < c.length; i++) {
          total += BigInt(c.amountMinor[i]!);
          minDay = Math.min(minDay, c.day[i]!);
          maxDay = Math.max(maxDay, c.day[i]!);
        }
      }
      if (!/^b-[a-z0-9-]{1,60}$/.test(b.id)) throw refuse(422, 'bad-backup', 'backup-batch-id', { id: b.id });
      await q.query(
        `INSERT INTO ledger_batches (id, file_name, file_sha256, format, row_count, total_minor, min_day, max_day, status,
           imported_by, created_at)
         VALUES ($1, $2, $3, 'local-backup', $4, $5::numeric, $6, $7, 'pending', $8, $9)`,
        [
          b.id,
          b.fileName,
          fileSha256,
          rowCount,
          total.toString(),
          rowCount ? minDay : null,
          rowCount ? maxDay : null,
          admin.id,
          b.createdAt,
        ],
      );
      async function* copyText() {
        for (const c of mine) {
          const lines: string[] = [];
          for (let i = 0; i < c.length; i++) {
            const ref = c.reference.text.slice(c.reference.offsets[i], c.reference.offsets[i + 1]);
            const desc = c.description.text.slice(c.description.offsets[i], c.description.offsets[i + 1]);
            lines.push(
              `${copyField(b.id)}\t${c.rowNumber[i]}\t${c.day[i]}\t${copyField(c.categoryIds[c.category[i]!]!)}\t${c.amountMinor[i]}\t${copyField(ref)}\t${copyField(desc)}\n`,
            );
          }
          yield lines.join('');
        }
      }
      // Each batch in a table of its own, attached as its partition of ledger_rows (as an import is).
      const table = await q.query<{ t: string }>('SELECT ledger_rows_new_partition($1) AS t', [b.id]);
      ledgerRows += await q.copyFrom(
        table.rows[0]!.t,
        ['batch_id', 'row_number', 'day', 'category_id', 'amount_minor', 'reference', 'description'],
        copyText(),
      );
      await q.query('SELECT ledger_rows_attach_partition($1)', [b.id]);
    }
    await q.query(
      `INSERT INTO ledger_daily (source, category_id, day, sum_minor, row_count)
       SELECT batch_id, category_id, day, sum(amount_minor), count(*) FROM ledger_rows GROUP BY batch_id, category_id, day`,
    );
    for (const m of manual) {
      await q.query(
        `INSERT INTO ledger_manual (id, day, category_id, amount_minor, reference, description, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          m.id,
          m.day,
          m.categoryId,
          m.amountMinor,
          m.reference,
          m.description,
          admin.id,
          m.createdAt ?? new Date().toISOString(),
        ],
      );
    }
    // The identity goes on after the highest id moved in.
    if (manual.length) {
      await q.query(
        "SELECT setval(pg_get_serial_sequence('ledger_manual', 'id'), (SELECT max(id) FROM ledger_manual))",
      );
    }
    await q.query(
      `INSERT INTO ledger_daily (source, category_id, day, sum_minor, row_count)
       SELECT 'manual', category_id, day, sum(amount_minor), count(*) FROM ledger_manual GROUP BY category_id, day`,
    );
    let nComment = 0;
    for (const c of commentary) {
      const at = c.key.lastIndexOf('@');
      if (at < 1 || !c.text.trim()) continue;
      await q.query(
        `INSERT INTO commentary (category_id, as_of, text, updated_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT (category_id, as_of) DO UPDATE SET text = $3, updated_by = $4, updated_at = now()`,
        [c.key.slice(0, at), c.key.slice(at + 1), c.text, admin.id],
      );
      nComment++;
    }
    // Cap-affecting data waits for a reviewer's check, as any change would.
    const proposals: [string, string, unknown][] = [
      ...register.map((a): [string, string, unknown] => ['register', a.id, { op: 'put', agreement: a }]),
      ...approvals.map((a): [string, string, unknown] => [
        'approval',
        a.resolutionId,
        { resolutionId: a.resolutionId, outcome: a.outcome, date: a.date },
      ]),
      ...(rules ? [['rules', RULES_TARGET, { config: rules, fileName: '' }] as [string, string, unknown]] : []),
      ...thresholds.map((s): [string, string, unknown] => {
        const agreementId = agreementOfThresholdKey(s.key);
        return [
          'threshold',
          s.key,
          { thresholdPercent: String(s.value), ...(agreementId !== null ? { agreementId } : {}) },
        ];
      }),
    ];
    for (const [kind, target, payload] of proposals) {
      await q.query(
        `INSERT INTO change_requests (kind, target, payload, proposed_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT (kind, target) WHERE status = 'pending' DO NOTHING`,
        [kind, target, JSON.stringify(payload), admin.id],
      );
    }
    for (const r of resolutions) {
      await q.query(
        `INSERT INTO uncapped_resolutions (id, document, recorded_by) VALUES ($1, $2, $3)
         ON CONFLICT (id) DO UPDATE SET document = $2, recorded_by = $3, updated_at = now()`,
        [r.id, JSON.stringify(r), admin.id],
      );
    }
    // An alert the team has logged meanwhile (from the disclosed figures) gives way to the local
    // record while nobody has handled it on the server.
    for (const a of alerts) {
      await q.query(
        `INSERT INTO alerts (id, document, created_by) VALUES ($1, $2, $3)
         ON CONFLICT (id) DO UPDATE SET document = $2, updated_at = now()
         WHERE alerts.document->'acknowledged' = 'null'::jsonb`,
        [a.id, JSON.stringify(a), admin.id],
      );
    }
    if (overdue) {
      await q.query(
        `INSERT INTO settings (key, value, updated_by) VALUES ('alerts.overdueDays', $1, $2)
         ON CONFLICT (key) DO UPDATE SET value = $1, updated_by = $2, updated_at = now()`,
        [JSON.stringify(overdue.value), admin.id],
      );
    }
    if (openItems.length) {
      await q.query(
        `INSERT INTO open_items (id, document, status, created_by)
         SELECT e->>'id', e, CASE WHEN e->>'status' = 'assigned' THEN 'assigned' ELSE 'open' END, $2
         FROM jsonb_array_elements($1::jsonb) AS e ON CONFLICT (id) DO NOTHING`,
        [JSON.stringify(openItems), admin.id],
      );
    }
    for (const l of [...classificationLog].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))) {
      if (!['import', 'reapply-rules', 'assign'].includes(l.action) || Number.isNaN(Date.parse(l.at))) continue;
      await q.query(
        'INSERT INTO classification_log (at, action, items, detail, actor_id) VALUES ($1, $2, $3, $4, $5)',
        [l.at, l.action, JSON.stringify(l.items ?? []), String(l.detail ?? ''), admin.id],
      );
    }
    await writeLocalEvidence(q, evidence, admin.id);
    const localHead = headOf(history);
    const outcome: LocalBackupOutcome = {
      historyRecords: history.length,
      localHead: { count: localHead.count, hash: localHead.hash },
      batches: batches.length,
      ledgerRows,
      manualEntries: manual.length,
      commentary: nComment,
      proposals: proposals.length,
      uncappedResolutions: resolutions.length,
      alerts: alerts.length,
      openItems: openItems.length,
      evidenceOrders: evidence.orders.length,
      evidenceAttachments: evidence.attachments.length,
      priceChecks: evidence.priceChecks.length,
    };
    await appendHistory(q, {
      actorId: admin.id,
      actor: admin.actor,
      action: 'migrate',
      entity: 'local-backup',
      entityKey: fileSha256,
      detail: { ...outcome, names },
    });
    await notify(q, { entity: 'ledger', key: 'local-backup' });
    return outcome;
  });
}
