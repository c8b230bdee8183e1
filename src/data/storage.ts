/**
 * The storage functions the gateway calls, loaded on first use instead of with the app's
 * entry: the storage modules bring Dexie (about 30 KB gzip), which the overview does not
 * need to paint its frame — its figures wait for IndexedDB either way (`ready` in
 * queries.ts). Each function has the signature of the storage function of the same name.
 */
import type * as approvals from '../storage/approvals';
import type * as commentary from '../storage/commentary';
import type * as ledgerPersistence from '../storage/ledgerPersistence';
import type * as ledgerSettings from '../storage/ledgerSettings';
import type * as ledgerStore from '../storage/ledgerStore';
import type * as ledgerTotals from '../storage/ledgerTotals';
import type * as register from '../storage/register';
import type * as settings from '../storage/settings';

type AsyncFn = (...args: never[]) => Promise<unknown>;

/** A stand-in that imports the module when first called, then calls the real function. */
function lazy<M, K extends keyof M>(load: () => Promise<M>, name: K): M[K] {
  return ((...args: unknown[]) =>
    load().then((m) => (m[name] as unknown as (...a: unknown[]) => Promise<unknown>)(...args))) as M[K] & AsyncFn;
}

const approvalsModule = () => import('../storage/approvals');
const commentaryModule = () => import('../storage/commentary');
const persistenceModule = () => import('../storage/ledgerPersistence');
const ledgerSettingsModule = () => import('../storage/ledgerSettings');
const ledgerStoreModule = () => import('../storage/ledgerStore');
const ledgerTotalsModule = () => import('../storage/ledgerTotals');
const registerModule = () => import('../storage/register');
const settingsModule = () => import('../storage/settings');

export const listApprovals = lazy<typeof approvals, 'listApprovals'>(approvalsModule, 'listApprovals');
export const recordApproval = lazy<typeof approvals, 'recordApproval'>(approvalsModule, 'recordApproval');
export const clearApproval = lazy<typeof approvals, 'clearApproval'>(approvalsModule, 'clearApproval');
export const listCommentary = lazy<typeof commentary, 'listCommentary'>(commentaryModule, 'listCommentary');
export const saveCommentary = lazy<typeof commentary, 'saveCommentary'>(commentaryModule, 'saveCommentary');
export const loadPersistence = lazy<typeof ledgerPersistence, 'loadPersistence'>(persistenceModule, 'loadPersistence');
export const requestPersistence = lazy<typeof ledgerPersistence, 'requestPersistence'>(
  persistenceModule,
  'requestPersistence',
);
export const loadLedgerComplete = lazy<typeof ledgerSettings, 'loadLedgerComplete'>(
  ledgerSettingsModule,
  'loadLedgerComplete',
);
export const setLedgerComplete = lazy<typeof ledgerSettings, 'setLedgerComplete'>(
  ledgerSettingsModule,
  'setLedgerComplete',
);
export const batchTotalsByCategory = lazy<typeof ledgerStore, 'batchTotalsByCategory'>(
  ledgerStoreModule,
  'batchTotalsByCategory',
);
export const deleteManualEntry = lazy<typeof ledgerStore, 'deleteManualEntry'>(ledgerStoreModule, 'deleteManualEntry');
export const ledgerSummary = lazy<typeof ledgerStore, 'ledgerSummary'>(ledgerStoreModule, 'ledgerSummary');
export const listBatches = lazy<typeof ledgerStore, 'listBatches'>(ledgerStoreModule, 'listBatches');
export const loadLedgerPage = lazy<typeof ledgerStore, 'loadLedgerPage'>(ledgerStoreModule, 'loadLedgerPage');
export const rollbackBatch = lazy<typeof ledgerStore, 'rollbackBatch'>(ledgerStoreModule, 'rollbackBatch');
export const saveManualEntry = lazy<typeof ledgerStore, 'saveManualEntry'>(ledgerStoreModule, 'saveManualEntry');
export const loadLedgerTotals = lazy<typeof ledgerTotals, 'loadLedgerTotals'>(ledgerTotalsModule, 'loadLedgerTotals');
export const deleteRegisterAgreement = lazy<typeof register, 'deleteRegisterAgreement'>(
  registerModule,
  'deleteRegisterAgreement',
);
export const importRegisterJson = lazy<typeof register, 'importRegisterJson'>(registerModule, 'importRegisterJson');
export const listRegister = lazy<typeof register, 'listRegister'>(registerModule, 'listRegister');
export const saveRegisterAgreement = lazy<typeof register, 'saveRegisterAgreement'>(
  registerModule,
  'saveRegisterAgreement',
);
export const loadSettings = lazy<typeof settings, 'loadSettings'>(settingsModule, 'loadSettings');
export const saveThresholdPercent = lazy<typeof settings, 'saveThresholdPercent'>(
  settingsModule,
  'saveThresholdPercent',
);
