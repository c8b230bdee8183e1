/**
 * The IndexedDB adapter (Dexie): every repository of repositories.ts over the
 * browser's own database, the ledger's heavy work in the ledger worker.
 *
 * The storage modules are loaded on first use, not with the app's entry: they
 * bring Dexie (about 30 KB gzip), which the overview does not need to paint
 * its frame — its figures wait for IndexedDB either way. Only the tiny change
 * channel (ledgerEvents) is loaded at once, because subscribing is synchronous.
 */
import type { CategoryId } from '../domain/model';
import { subscribeLedgerChanged } from './ledgerEvents';
import type { LedgerImportSession, Repositories } from './repositories';

type Fn = (...args: never[]) => Promise<unknown>;

let gate: Promise<unknown> = Promise.resolve();

/**
 * Holds the loading of the storage code (and so Dexie's opening of the database) until
 * `until` settles: the app passes "the first screen has painted", so a screen's heading
 * paints before the storage chunks download and the database opens, instead of after them
 * (nothing on the first paint needs stored data; the figures say "loading" until it comes).
 * Call before the first read. Workers and tests never call it: nothing is held there.
 */
export function holdStorageUntil(until: Promise<unknown>): void {
  held = true;
  gate = until.then(
    () => undefined,
    () => undefined,
  );
}

let held = false;
let lastTurn: Promise<unknown> = Promise.resolve();

/**
 * A task of its own for the next module's loading, after the previous module's. Released
 * together at the gate, the storage modules' loads were one task of 30-odd module preloads
 * (about 0.15 s at a phone's CPU speed, just after the first paint).
 */
function nextTurn(): Promise<unknown> {
  lastTurn = lastTurn.then(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
  return lastTurn;
}

/** Loads a storage module once, after the gate (in a task of its own when the gate is held); a failed load is tried again. */
function afterGate<M>(load: () => Promise<M>): () => Promise<M> {
  let loading: Promise<M> | undefined;
  return () => {
    if (loading) return loading;
    const p = (held ? gate.then(nextTurn) : gate).then(load);
    loading = p;
    p.catch(() => {
      if (loading === p) loading = undefined;
    });
    return p;
  };
}

/** A stand-in that imports the module when first called, then calls the real function. */
function lazy<M, K extends keyof M>(load: () => Promise<M>, name: K): M[K] {
  return ((...args: unknown[]) =>
    load().then((m) => (m[name] as unknown as (...a: unknown[]) => Promise<unknown>)(...args))) as M[K] & Fn;
}

const approvals = afterGate(() => import('./approvals'));
const backup = afterGate(() => import('./backup'));
const commentary = afterGate(() => import('./commentary'));
const persistence = afterGate(() => import('./ledgerPersistence'));
const ledgerSettings = afterGate(() => import('./ledgerSettings'));
const ledgerStore = afterGate(() => import('./ledgerStore'));
const ledgerTotals = afterGate(() => import('./ledgerTotals'));
const worker = afterGate(() => import('./ledgerWorkerClient'));
const register = afterGate(() => import('./register'));
const parties = afterGate(() => import('./parties'));
const settings = afterGate(() => import('./settings'));
const history = afterGate(() => import('./history'));
const evidence = afterGate(() => import('./evidence'));
const alerts = afterGate(() => import('./alerts'));
/** The writes that record their change history in their own transaction (logged.ts). */
const logged = afterGate(() => import('./logged'));
const uncapped = afterGate(() => import('./uncappedResolutions'));

/** An import session whose implementation loads with the first call. */
function lazySession(categoryIds: readonly CategoryId[]): LedgerImportSession {
  let session: Promise<LedgerImportSession> | null = null;
  const open = () => (session ??= worker().then((m) => m.openImportSession(categoryIds)));
  return {
    append: async (chunk) => (await open()).append(chunk),
    check: async (options) => (await open()).check(options),
    commit: async (info, options) => (await open()).commit(info, options),
    abort: () => void session?.then((s) => s.abort()),
  };
}

export function dexieRepositories(): Repositories {
  return {
    history: {
      list: lazy(history, 'listHistory'),
      head: lazy(history, 'historyHead'),
      ensureGenesis: () => history().then((m) => m.ensureGenesis()),
      append: (input) => history().then((m) => m.appendHistory(input)),
      verify: lazy(history, 'verifyStoredHistory'),
      userName: lazy(history, 'loadUserName'),
      saveUserName: lazy(history, 'saveUserName'),
      sha256: lazy(history, 'sha256'),
    },
    evidence: {
      orders: lazy(evidence, 'listOrders'),
      saveOrder: lazy(evidence, 'saveOrder'),
      deleteOrder: lazy(evidence, 'deleteOrder'),
      closeException: lazy(evidence, 'closeException'),
      attachment: lazy(evidence, 'getAttachment'),
      priceChecks: lazy(evidence, 'listPriceChecks'),
      savePriceCheck: lazy(evidence, 'savePriceCheck'),
      deletePriceCheck: lazy(evidence, 'deletePriceCheck'),
    },
    alerts: {
      list: lazy(alerts, 'listAlerts'),
      create: lazy(alerts, 'createAlerts'),
      recordHandling: lazy(alerts, 'recordHandling'),
      overdueDays: lazy(alerts, 'loadOverdueDays'),
      saveOverdueDays: lazy(alerts, 'saveOverdueDays'),
    },
    approvals: {
      list: lazy(approvals, 'listApprovals'),
      record: lazy(logged, 'recordApprovalLogged'),
      clear: lazy(logged, 'clearApprovalLogged'),
    },
    settings: {
      load: lazy(settings, 'loadSettings'),
      saveThresholdPercent: lazy(logged, 'saveThresholdLogged'),
      saveAgreementThreshold: lazy(logged, 'saveAgreementThresholdLogged'),
      rememberedMapping: lazy(ledgerSettings, 'loadRememberedMapping'),
      rememberMapping: lazy(ledgerSettings, 'rememberMapping'),
    },
    commentary: { list: lazy(commentary, 'listCommentary'), save: lazy(logged, 'saveCommentaryLogged') },
    parties: {
      config: lazy(parties, 'loadConnectedConfig'),
      saveConfig: lazy(parties, 'saveConnectedConfig'),
      importConfig: lazy(parties, 'importConnectedConfig'),
      openItems: lazy(parties, 'listOpenItems'),
      addOpenItems: lazy(parties, 'addOpenItems'),
      assign: lazy(parties, 'assignOpenItems'),
      reapplyRules: lazy(parties, 'reapplyRules'),
      log: lazy(parties, 'listClassificationLog'),
    },
    register: {
      list: lazy(register, 'listRegister'),
      save: lazy(logged, 'saveRegisterAgreementLogged'),
      remove: lazy(logged, 'deleteRegisterAgreementLogged'),
      exportJson: lazy(register, 'exportRegisterJson'),
      importJson: lazy(logged, 'importRegisterLogged'),
    },
    ledger: {
      totals: lazy(ledgerTotals, 'loadLedgerTotals'),
      page: lazy(ledgerStore, 'loadLedgerPage'),
      summary: lazy(ledgerStore, 'ledgerSummary'),
      batches: lazy(ledgerStore, 'listBatches'),
      batchTotalsByCategory: lazy(ledgerStore, 'batchTotalsByCategory'),
      forEachBlock: lazy(ledgerStore, 'forEachLedgerBlock'),
      manualEntry: lazy(ledgerStore, 'getManualEntry'),
      saveManualEntry: lazy(logged, 'saveManualEntryLogged'),
      deleteManualEntry: lazy(logged, 'deleteManualEntryLogged'),
      rollbackBatch: lazy(logged, 'rollbackBatchLogged'),
      openImportSession: lazySession,
      prepareImportSession: () => void worker().then((m) => m.prewarmLedgerWorker()),
      complete: lazy(ledgerSettings, 'loadLedgerComplete'),
      setComplete: lazy(logged, 'setLedgerCompleteLogged'),
      completeThrough: lazy(ledgerSettings, 'loadLedgerCompleteThrough'),
      setCompleteThrough: lazy(logged, 'setLedgerCompleteThroughLogged'),
      subscribe: subscribeLedgerChanged,
    },
    backup: { export: lazy(backup, 'exportBackup'), restore: lazy(backup, 'restoreBackup') },
    persistence: { load: lazy(persistence, 'loadPersistence'), request: lazy(persistence, 'requestPersistence') },
    uncappedResolutions: {
      list: lazy(uncapped, 'listUncappedResolutions'),
      save: lazy(logged, 'saveUncappedResolutionLogged'),
      remove: lazy(logged, 'removeUncappedResolutionLogged'),
    },
  };
}
