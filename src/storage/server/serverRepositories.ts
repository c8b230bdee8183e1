/**
 * The team server adapter: every repository of repositories.ts over the JSON
 * API of `npm run server` (server/http/*). The server keeps the data, checks
 * every role and records the change history itself; this adapter only maps
 * between the API's JSON and the repository types, and turns the server's
 * change events (server-sent events fed by LISTEN/NOTIFY) into the ledger's
 * change listeners and the team listeners.
 *
 * Maker-checker: approvals, register changes and the threshold are proposed
 * here and take effect once a second person checks them (TeamRepository);
 * an import is stored at once, counted, and marked pending review until checked.
 */
import type { AlertRecord } from '../../domain/alerts/alertLog';
import {
  type ConnectedPersonsConfig,
  RulesFileError,
  type RulesFileProblem,
  serialiseRulesFile,
} from '../../domain/classify/rulesFile';
import { fromDayNumber } from '../../domain/dates';
import type { HistoryHead, HistoryKind, HistoryRecord, JsonValue, VerifyResult } from '../../domain/history/chain';
import { headOf, sha256With } from '../../domain/history/chain';
import { planImport } from '../../domain/ledger/importPlan';
import type { ApprovalRecord, CategoryId } from '../../domain/model';
import { kingsoftCloudXiaomi2026 } from '../../domain/disclosed/kingsoftCloudXiaomi2026';
import { parseRegisterFile, registerFile, type RegisterAgreement } from '../../domain/register';
import type { UncappedResolution } from '../../domain/uncapped';
import type { LedgerBatchRecord } from '../ledgerTypes';
import type { ClassificationLogRecord, OpenItemRecord } from '../partiesTypes';
import {
  type CommentaryRow,
  type ImportChunk,
  type LedgerBlock,
  type LedgerChange,
  type LedgerFilter,
  type LedgerImportSession,
  type LedgerPage,
  type LedgerRow,
  type LocalMoveOutcome,
  type PendingCheck,
  RegisterValidationError,
  type Repositories,
  type SavedManualEntry,
  type TeamEvent,
  type TeamUser,
} from '../repositories';
import { qs, ServerApi, ServerRequestError } from './api';
import { forgetReads } from './readCache';
import { storedDuplicatesOnServer } from './serverDuplicates';
import { type TotalsJson, totalsFromJson } from '../../domain/ledgerTotalsJson';

export { totalsFromJson };
import { serverEvidence } from './serverEvidence';

interface BatchJson {
  id: string;
  fileName: string;
  rowCount: number;
  totalMinor: string;
  createdAt: string;
  status: 'pending' | 'committed' | 'rejected' | 'rolled-back';
  rolledBackAt?: string;
  skippedDuplicates: number;
  rejectedRows: number;
  minDay: number | null;
  maxDay: number | null;
  format: string;
  importedBy: string;
}

interface ServerHistoryRecord {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityKey: string;
  detail: Record<string, JsonValue>;
  prevHash: string;
  hash: string;
}

function batchRecord(b: BatchJson): LedgerBatchRecord {
  return {
    id: b.id,
    fileName: b.fileName,
    rowCount: b.rowCount,
    totalMinor: b.totalMinor,
    createdAt: b.createdAt,
    // A rejected import is, for the screens, one whose rows were taken out again.
    status: b.status === 'pending' || b.status === 'committed' ? 'committed' : 'rolled-back',
    ...(b.rolledBackAt ? { rolledBackAt: b.rolledBackAt } : {}),
    skippedDuplicates: b.skippedDuplicates,
    rejectedRows: b.rejectedRows,
    minDay: b.minDay,
    maxDay: b.maxDay,
    chunkCount: 0,
    format: b.format,
    pendingReview: b.status === 'pending',
    importedBy: b.importedBy,
  };
}

/** The history kind the screens know for a server record (others show as entity-action). */
function historyKind(r: ServerHistoryRecord): HistoryKind {
  const k = `${r.entity}:${r.action}`;
  const known: Record<string, HistoryKind> = {
    'ledger-batch:import': 'import',
    'ledger-batch:rollback': 'rollback',
    'ledger-entry:add': 'entry-add',
    'ledger-entry:edit': 'entry-edit',
    'ledger-entry:delete': 'entry-delete',
    'ledger-complete:set': 'ledger-complete',
    'commentary:save': 'commentary',
    'commentary:delete': 'commentary',
    'uncapped-resolution:resolve': 'uncapped-resolve',
    'uncapped-resolution:reopen': 'uncapped-reopen',
    'alert:create': 'alert-created',
    'alert:acknowledge': 'alert-acknowledged',
    'alert:report': 'alert-reported',
    'alert-settings:save': 'alert-settings',
    'rules:propose': 'rule',
    'rules:apply': 'rule',
    'rules:reject': 'rule',
    'evidence-order:save': 'order-save',
    'evidence-order:delete': 'order-delete',
    'evidence-order:close-exception': 'exception-close',
    'price-check:save': 'price-check-save',
    'price-check:delete': 'price-check-delete',
  };
  if (known[k]) return known[k];
  if (r.entity === 'approval') return 'approval';
  if (r.entity === 'threshold') return 'threshold';
  if (r.entity === 'register') return 'register-save';
  if (r.entity === 'user') return 'user';
  return k as HistoryKind;
}

function historyRecord(r: ServerHistoryRecord): HistoryRecord {
  const { before, after, ...rest } = r.detail;
  return {
    seq: r.seq,
    at: r.at,
    kind: historyKind(r),
    subject: r.entityKey,
    before: before ?? null,
    after: after !== undefined ? after : ({ action: r.action, ...rest } as JsonValue),
    who: r.actor,
    prevHash: r.prevHash,
    hash: r.hash,
  };
}

/** Minor units as the decimal text the import reads ("-1234.05"), exactly. */
export function minorToText(v: number): string {
  const n = BigInt(v);
  const abs = n < 0n ? -n : n;
  return `${n < 0n ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

const csvQuote = (s: string) => `"${s.replace(/"/g, '""')}"`;

/**
 * The accepted rows of an import as a plain CSV the server's import reads with
 * a fixed mapping (date, category id, amount in units, reference, description).
 */
export function rowsAsCsv(chunks: readonly ImportChunk[], categoryIds: readonly CategoryId[]): Blob {
  const parts: string[] = ['date,category,amount,reference,description\n'];
  for (const c of chunks) {
    const lines: string[] = [];
    for (let i = 0; i < c.length; i++) {
      const ref = c.reference.text.slice(c.reference.offsets[i], c.reference.offsets[i + 1]);
      const desc = c.description.text.slice(c.description.offsets[i], c.description.offsets[i + 1]);
      lines.push(
        `${fromDayNumber(c.day[i]!)},${csvQuote(categoryIds[c.category[i]!]!)},${minorToText(c.amountMinor[i]!)},${csvQuote(ref)},${csvQuote(desc)}\n`,
      );
    }
    parts.push(lines.join(''));
  }
  return new Blob(parts, { type: 'text/csv' });
}

function importSession(api: ServerApi, categoryIds: readonly CategoryId[]): LedgerImportSession {
  let chunks: ImportChunk[] = [];
  // One key per import: a commit retried after a lost answer returns the batch already made.
  const key = `imp-${globalThis.crypto.randomUUID()}`;
  const concat = () => {
    const n = chunks.reduce((s, c) => s + c.length, 0);
    const amount = new Float64Array(n);
    const dup = new Int32Array(n).fill(-1);
    let at = 0;
    for (const c of chunks) {
      amount.set(c.amountMinor, at);
      if (c.duplicateOf) dup.set(c.duplicateOf, at);
      at += c.length;
    }
    return { n, amount, dup };
  };
  return {
    async append(chunk) {
      chunks.push(chunk);
    },
    async check(options) {
      const { amount, dup } = concat();
      const used = new Set<number>();
      for (const c of chunks) for (let i = 0; i < c.length; i++) used.add(c.category[i]!);
      // Duplicates of stored rows: previewed from the server's rows on the file's days, and checked
      // again by the server at commit, in the import's transaction (left out there when skipping).
      const stored = await storedDuplicatesOnServer(api, chunks, categoryIds, options?.maxListed);
      return {
        stored,
        plan: planImport(amount, dup, stored.count ? stored.mask : undefined).plan,
        categoriesUsed: categoryIds.filter((_, i) => used.has(i)),
      };
    },
    async commit(info, options) {
      const rows = chunks.reduce((s, c) => s + c.length, 0);
      options.onProgress?.({ phase: 'writing', rows });
      const out = await api.upload<{ batch: BatchJson }>(
        `/api/ledger/imports${qs({
          fileName: info.fileName,
          mapping: 'date,category,amount,reference,description',
          dateOrder: 'ymd',
          skipDuplicates: options.skipDuplicates ? 'true' : 'false',
          rejectedRows: info.rejectedRows ?? 0,
        })}`,
        rowsAsCsv(chunks, categoryIds),
        { 'idempotency-key': key },
      );
      return batchRecord(out.batch);
    },
    abort() {
      chunks = [];
    },
  };
}

function filterQs(f: LedgerFilter) {
  return { categoryId: f.categoryId ?? null, startDay: f.startDay ?? null, endDay: f.endDay ?? null };
}

/** The server's change events, shared by every listener (one EventSource per tab). */
class ChangeStream {
  private source: EventSource | null = null;
  private readonly listeners = new Set<(e: TeamEvent) => void>();
  readonly lost = new Set<() => void>();

  subscribe(l: (e: TeamEvent) => void): () => void {
    this.listeners.add(l);
    this.open();
    return () => {
      this.listeners.delete(l);
    };
  }

  open(): void {
    if (this.source || typeof EventSource === 'undefined') return;
    const s = new EventSource('/api/events');
    s.addEventListener('change', (ev) => {
      let e: TeamEvent = { entity: 'unknown' };
      try {
        e = JSON.parse((ev as MessageEvent<string>).data) as TeamEvent;
      } catch {
        // an unreadable event still means something changed
      }
      for (const l of [...this.listeners]) l(e);
    });
    s.addEventListener('session-ended', () => {
      this.close();
      for (const l of [...this.lost]) l();
    });
    // Reconnected after a break: events may have been missed, so everything is re-read.
    s.addEventListener('open', () => {
      for (const l of [...this.listeners]) l({ entity: 'reconnected' });
    });
    this.source = s;
  }

  close(): void {
    this.source?.close();
    this.source = null;
  }
}

export function serverRepositories(api = new ServerApi()): Repositories {
  const stream = new ChangeStream();
  let user: TeamUser | null = null;
  api.onSessionLost = () => {
    user = null;
    // The server ended this session: what it let this browser read is not kept for offline use.
    void forgetReads();
    stream.close();
    for (const l of [...stream.lost]) l();
  };
  const notInTeamMode = (what: string) => () =>
    Promise.reject(new Error(`${what} is not available in team mode yet; it stays in the local app (npm start).`));
  const sha256 = sha256With(globalThis.crypto.subtle);

  const listHistory = async (): Promise<HistoryRecord[]> => {
    const out: HistoryRecord[] = [];
    for (let after = 0; ;) {
      const page = await api.get<{ records: ServerHistoryRecord[] }>(`/api/history${qs({ after, limit: 1000 })}`);
      out.push(...page.records.map(historyRecord));
      if (page.records.length < 1000) return out;
      after = page.records[page.records.length - 1]!.seq;
    }
  };

  const proposeRules = async (text: string, fileName: string): Promise<ConnectedPersonsConfig> => {
    try {
      return (
        await api.write<{ config: ConnectedPersonsConfig }>('PUT', '/api/parties/config', {
          text,
          ...(fileName ? { fileName } : {}),
        })
      ).config;
    } catch (e) {
      if (e instanceof ServerRequestError && e.code === 'invalid-rules') {
        // The server sends the problems as data too (`issues`); the screens word them in the user's language.
        throw new RulesFileError((e.extra.issues as RulesFileProblem[] | undefined) ?? []);
      }
      throw e;
    }
  };

  const loadPage = async (f: LedgerFilter, offset: number, limit: number): Promise<LedgerPage> =>
    api.get<LedgerPage>(`/api/ledger/page${qs({ ...filterQs(f), offset, limit })}`);

  return {
    approvals: {
      list: async () => (await api.get<{ approvals: ApprovalRecord[] }>('/api/approvals')).approvals,
      record: async (rec) => {
        await api.write('POST', '/api/approvals', {
          resolutionId: rec.resolutionId,
          outcome: rec.outcome,
          date: rec.date,
        });
      },
      clear: async (id) => {
        await api.write('DELETE', `/api/approvals/${encodeURIComponent(id)}`);
      },
    },
    settings: {
      load: async () => {
        const r = await api.get<{
          thresholdPercent: string;
          thresholdSet?: boolean;
          thresholdByAgreement?: Record<string, string>;
        }>('/api/settings');
        return {
          thresholdPercent: r.thresholdPercent,
          thresholdSet: r.thresholdSet ?? true,
          thresholdByAgreement: r.thresholdByAgreement ?? {},
        };
      },
      saveThresholdPercent: async (value) => {
        await api.write('PUT', '/api/settings/threshold', { thresholdPercent: value });
      },
      saveAgreementThreshold: async (agreementId, value) => {
        await api.write('PUT', '/api/settings/threshold', { agreementId, thresholdPercent: value });
      },
      rememberedMapping: async (key) =>
        (await api.get<{ remembered: never }>(`/api/settings/mapping${qs({ key })}`)).remembered ?? null,
      rememberMapping: async (key, remembered) => {
        // Only preparers import; for others a remembered mapping is not worth a refusal.
        if (!user?.roles.includes('preparer')) return;
        await api.write('PUT', '/api/settings/mapping', { key, remembered });
      },
    },
    commentary: {
      list: async (asOf) => {
        const { commentary } = await api.get<{ commentary: Record<string, { text: string; updatedAt: string }> }>(
          `/api/commentary${qs({ asOf })}`,
        );
        return Object.fromEntries(
          Object.entries(commentary).map(([id, c]): [string, CommentaryRow] => [
            id,
            { key: `${id}@${asOf}`, text: c.text, updatedAt: c.updatedAt },
          ]),
        );
      },
      save: async (categoryId, asOf, text) => {
        await api.write('PUT', `/api/commentary/${encodeURIComponent(categoryId)}/${asOf}`, { text });
      },
    },
    register: {
      list: async () => (await api.get<{ agreements: RegisterAgreement[] }>('/api/register')).agreements,
      save: async (agreement) => {
        try {
          await api.write('PUT', `/api/register/${encodeURIComponent(agreement.id)}`, { agreement });
        } catch (e) {
          if (e instanceof ServerRequestError && e.code === 'invalid-agreement') {
            throw new RegisterValidationError(e.extra.issues as never, agreement);
          }
          throw e;
        }
      },
      remove: async (id) => {
        await api.write('DELETE', `/api/register/${encodeURIComponent(id)}`);
      },
      exportJson: async (now = new Date()) => {
        const agreements = (await api.get<{ agreements: RegisterAgreement[] }>('/api/register')).agreements;
        return `${JSON.stringify(registerFile(agreements, now.toISOString()), null, 2)}\n`;
      },
      importJson: async (text) => {
        const parsed = parseRegisterFile(text, kingsoftCloudXiaomi2026);
        if (parsed.issues.length) throw new RegisterValidationError(parsed.issues, parsed.root);
        for (const a of parsed.agreements) {
          await api.write('PUT', `/api/register/${encodeURIComponent(a.id)}`, { agreement: a });
        }
        return parsed.agreements.length;
      },
    },
    ledger: {
      totals: async () => totalsFromJson(await api.get<TotalsJson>('/api/ledger/totals')),
      page: loadPage,
      summary: async (f) => {
        const { byCategory } = await api.get<{ byCategory: { categoryId: string; count: number; sumMinor: string }[] }>(
          `/api/ledger/summary${qs(filterQs(f))}`,
        );
        const map = new Map(byCategory.map((c) => [c.categoryId, { count: c.count, sumMinor: BigInt(c.sumMinor) }]));
        let count = 0;
        let sumMinor = 0n;
        for (const c of map.values()) {
          count += c.count;
          sumMinor += c.sumMinor;
        }
        return { count, sumMinor, byCategory: map };
      },
      batches: async () => (await api.get<{ batches: BatchJson[] }>('/api/ledger/batches')).batches.map(batchRecord),
      batchTotalsByCategory: async () => {
        const { totals } = await api.get<{ totals: { batchId: string; categoryId: string; sumMinor: string }[] }>(
          '/api/ledger/batch-totals',
        );
        const out = new Map<string, Map<CategoryId, bigint>>();
        for (const t of totals) {
          const m = out.get(t.batchId) ?? new Map<CategoryId, bigint>();
          m.set(t.categoryId, BigInt(t.sumMinor));
          out.set(t.batchId, m);
        }
        return out;
      },
      forEachBlock: async (fn) => {
        let n = 0;
        for (let offset = 0; ;) {
          const page = await loadPage({}, offset, 10_000);
          for (const block of blocksOf(page.rows)) {
            await fn(block);
            n += block.length;
          }
          offset += page.rows.length;
          if (!page.rows.length || offset >= page.total) return n;
        }
      },
      manualEntry: async (id) => {
        try {
          return (await api.get<{ entry: SavedManualEntry }>(`/api/ledger/manual/${id}`)).entry;
        } catch (e) {
          if (e instanceof ServerRequestError && e.status === 404) return undefined;
          throw e;
        }
      },
      saveManualEntry: async (input) =>
        (await api.write<{ entry: SavedManualEntry }>('POST', '/api/ledger/manual', input)).entry,
      deleteManualEntry: async (id) =>
        (await api.write<{ entry: SavedManualEntry | null }>('DELETE', `/api/ledger/manual/${id}`)).entry ?? undefined,
      rollbackBatch: async (id) =>
        batchRecord(
          (await api.write<{ batch: BatchJson }>('POST', `/api/ledger/batches/${encodeURIComponent(id)}/rollback`))
            .batch,
        ),
      openImportSession: (categoryIds) => importSession(api, categoryIds),
      // The rows go to the server: nothing to start here.
      prepareImportSession: () => undefined,
      complete: async () => new Set((await api.get<TotalsJson>('/api/ledger/totals')).complete),
      setComplete: async (categoryId, complete) => {
        await api.write('PUT', `/api/ledger/complete/${encodeURIComponent(categoryId)}`, { complete });
      },
      completeThrough: async () =>
        new Map(Object.entries((await api.get<TotalsJson>('/api/ledger/totals')).completeThrough ?? {})),
      setCompleteThrough: async (categoryId, date) => {
        await api.write('PUT', `/api/ledger/complete-through/${encodeURIComponent(categoryId)}`, { date });
      },
      subscribe: (listener: (c: LedgerChange) => void) =>
        stream.subscribe((e) => {
          if (e.entity === 'ledger' || e.entity === 'reconnected') listener({ kind: 'all', remote: true });
        }),
    },
    parties: {
      config: async () => (await api.get<{ config: ConnectedPersonsConfig }>('/api/parties/config')).config,
      // Proposed: in force once a second person (a reviewer) checks it.
      saveConfig: async (config) => {
        await proposeRules(serialiseRulesFile(config), '');
      },
      importConfig: async (text, fileName) => proposeRules(text, fileName),
      openItems: async () => (await api.get<{ items: OpenItemRecord[] }>('/api/parties/open-items')).items,
      addOpenItems: async (items, fileName) => {
        if (!items.length) return;
        await api.write('POST', '/api/parties/open-items', { items, fileName });
      },
      assign: async (ids, categoryId) =>
        (await api.write<{ assigned: number }>('POST', '/api/parties/open-items/assign', { ids, categoryId })).assigned,
      // The server applies the rules in force to the register it holds (the same as the dataset shown).
      reapplyRules: async () => (await api.write<{ classified: number }>('POST', '/api/parties/reapply')).classified,
      log: async () => (await api.get<{ log: ClassificationLogRecord[] }>('/api/parties/log')).log,
    },
    evidence: serverEvidence(api),
    alerts: {
      list: async () => (await api.get<{ alerts: AlertRecord[] }>('/api/alerts')).alerts,
      // Logged by the evaluation in a preparer's or reviewer's browser (once: the server skips an alert
      // already logged); a viewer's browser shows the alerts and writes nothing.
      create: async (list) => {
        if (!list.length || !user?.roles.some((r) => r === 'preparer' || r === 'reviewer')) return [];
        return (await api.write<{ created: AlertRecord[] }>('POST', '/api/alerts', { alerts: list })).created;
      },
      recordHandling: async (id, field, step) => {
        try {
          await api.write('POST', `/api/alerts/${encodeURIComponent(id)}/handling`, { field, step });
        } catch (e) {
          // The same refusal as the local log: a step out of order, already recorded or dated too early.
          if (e instanceof ServerRequestError && e.code === 'handling-order')
            throw new RangeError(e.message, { cause: e });
          throw e;
        }
      },
      overdueDays: async () => (await api.get<{ days: number }>('/api/alerts/overdue-days')).days,
      saveOverdueDays: async (days) => {
        await api.write('PUT', '/api/alerts/overdue-days', { days });
      },
    },
    backup: {
      export: notInTeamMode('The browser backup (the administrator backs up the database: npm run server -- backup)'),
      restore: notInTeamMode('Restoring a backup in the browser'),
    },
    persistence: {
      load: async () => ({ supported: false, persisted: true, usage: null, quota: null }),
      request: async () => true,
    },
    uncappedResolutions: {
      list: async () => (await api.get<{ resolutions: UncappedResolution[] }>('/api/uncapped-resolutions')).resolutions,
      save: async (resolution) => {
        try {
          await api.write('PUT', `/api/uncapped-resolutions/${encodeURIComponent(resolution.id)}`, { resolution });
        } catch (e) {
          if (e instanceof ServerRequestError && e.status === 400) {
            throw new RangeError(`The resolution was not recorded: ${e.message}`, { cause: e });
          }
          throw e;
        }
      },
      remove: async (id) =>
        (
          await api.write<{ removed: UncappedResolution | null }>(
            'DELETE',
            `/api/uncapped-resolutions/${encodeURIComponent(id)}`,
          )
        ).removed ?? undefined,
    },
    history: {
      list: listHistory,
      head: async (): Promise<HistoryHead> => headOf(await listHistory()),
      ensureGenesis: async () => {},
      // The server appends each record itself, in the change's own transaction.
      append: async () => {},
      verify: async (): Promise<VerifyResult> => {
        const [v, records] = await Promise.all([
          api.get<{ ok: boolean; brokenAt?: number }>('/api/history/verify'),
          listHistory(),
        ]);
        return {
          ok: v.ok,
          head: headOf(records),
          failure: v.ok ? null : { seq: v.brokenAt ?? 0, reason: 'hash' },
        } as VerifyResult;
      },
      userName: async () => (user ? `${user.displayName} (${user.username})` : ''),
      saveUserName: notInTeamMode('Setting a name (in team mode, records carry your account)'),
      sha256,
    },
    team: {
      accounts: async () =>
        (await api.get<{ users: { username: string; displayName: string; disabled: boolean }[] }>('/api/users')).users
          .filter((u) => !u.disabled)
          .map((u) => ({ username: u.username, displayName: u.displayName })),
      moveLocalBackup: async (file, names) => {
        try {
          const moved = await api.upload<LocalMoveOutcome>(
            `/api/admin/local-backup${qs({ names: JSON.stringify(names) })}`,
            file,
            { 'content-type': 'application/octet-stream' },
          );
          return { moved };
        } catch (e) {
          if (e instanceof ServerRequestError && e.code === 'unmapped-names') {
            return { unmapped: e.extra.names as string[] };
          }
          throw e;
        }
      },
      session: async () => {
        try {
          const s = await api.get<{ user: TeamUser; csrfToken: string }>('/api/session');
          api.setCsrf(s.csrfToken);
          user = s.user;
          return s.user;
        } catch (e) {
          if (e instanceof ServerRequestError && e.status === 401) return null;
          throw e;
        }
      },
      login: async (username, password) => {
        const s = await api.write<{ user: TeamUser; csrfToken: string }>('POST', '/api/login', { username, password });
        api.setCsrf(s.csrfToken);
        user = s.user;
        return s.user;
      },
      logout: async () => {
        await api.write('POST', '/api/logout');
        await forgetReads();
        api.setCsrf(null);
        user = null;
        stream.close();
      },
      pendingChecks: async () => {
        const [changes, batches] = await Promise.all([
          api.get<{
            changes: {
              id: number;
              kind: string;
              target: string;
              payload: Record<string, unknown>;
              proposedAt: string;
              proposedBy: string;
              proposedById: number;
            }[];
          }>('/api/changes?status=pending'),
          api.get<{ batches: (BatchJson & { importedById: number })[] }>('/api/ledger/batches'),
        ]);
        const out: PendingCheck[] = changes.changes.map((c) => ({
          type: 'change',
          id: String(c.id),
          kind: c.kind,
          target: c.target,
          summary: changeSummary(c.kind, c.payload),
          proposedBy: c.proposedBy,
          proposedById: c.proposedById,
          proposedAt: new Date(c.proposedAt).toISOString(),
          ...(c.kind === 'rules' ? { rules: rulesCounts(c.payload) } : {}),
        }));
        for (const b of batches.batches.filter((x) => x.status === 'pending')) {
          out.push({
            type: 'import',
            id: b.id,
            kind: 'import',
            target: b.fileName,
            summary: `${b.rowCount} rows, ${minorToText(Number(b.totalMinor))}`,
            proposedBy: b.importedBy,
            proposedById: b.importedById,
            proposedAt: b.createdAt,
          });
        }
        return out;
      },
      check: async (item, decision) => {
        const path =
          item.type === 'import'
            ? `/api/ledger/batches/${encodeURIComponent(item.id)}/check`
            : `/api/changes/${encodeURIComponent(item.id)}/check`;
        await api.write('POST', path, { decision });
      },
      subscribe: (l) => stream.subscribe(l),
      onSessionLost: (l) => {
        stream.lost.add(l);
        return () => {
          stream.lost.delete(l);
        };
      },
    },
  };
}

function rulesCounts(p: Record<string, unknown>) {
  const c = p.config as ConnectedPersonsConfig | undefined;
  return { entities: c?.entities.length ?? 0, rules: c?.rules.length ?? 0, fileName: String(p.fileName ?? '') };
}

function changeSummary(kind: string, p: Record<string, unknown>): string {
  if (kind === 'approval') return p.op === 'clear' ? 'clear the outcome' : `${String(p.outcome)} on ${String(p.date)}`;
  if (kind === 'threshold') {
    const what = p.thresholdPercent === null ? 'remove' : `${String(p.thresholdPercent)}%`;
    return typeof p.agreementId === 'string' ? `${p.agreementId}: ${what}` : what;
  }
  if (kind === 'register') return p.op === 'delete' ? 'delete' : 'add or replace the agreement';
  if (kind === 'rules') {
    const c = p.config as ConnectedPersonsConfig | undefined;
    const counts = c ? `${c.entities.length} connected persons, ${c.rules.length} rules` : '';
    return p.fileName ? `${String(p.fileName)}: ${counts}` : counts;
  }
  return '';
}

/** Consecutive rows of one source (manual entries, or one batch) as columnar blocks. */
function blocksOf(rows: readonly LedgerRow[]): LedgerBlock[] {
  const out: LedgerBlock[] = [];
  let i = 0;
  while (i < rows.length) {
    const first = rows[i]!;
    let j = i;
    while (j < rows.length && rows[j]!.source === first.source && rows[j]!.batchId === first.batchId) j++;
    const part = rows.slice(i, j);
    const ids = [...new Set(part.map((r) => r.categoryId))];
    const pack = (values: string[]) => {
      const offsets = new Uint32Array(values.length + 1);
      let at = 0;
      values.forEach((v, k) => {
        at += v.length;
        offsets[k + 1] = at;
      });
      return { text: values.join(''), offsets };
    };
    out.push({
      source: first.source,
      batchId: first.batchId ?? null,
      fileName: first.fileName ?? null,
      categoryIds: ids,
      length: part.length,
      day: Int32Array.from(part, (r) => r.day),
      category: Uint8Array.from(part, (r) => ids.indexOf(r.categoryId)),
      amountMinor: Float64Array.from(part, (r) => r.amountMinor),
      reference: pack(part.map((r) => r.reference)),
      description: pack(part.map((r) => r.description)),
      rowNumber: first.source === 'import' ? Int32Array.from(part, (r) => r.rowNumber ?? 0) : null,
    });
    i = j;
  }
  return out;
}
