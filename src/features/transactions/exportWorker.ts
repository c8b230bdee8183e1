/// <reference lib="webworker" />
/**
 * Ledger export worker: reads the stored ledger chunk by chunk through the
 * ledger repository (IndexedDB is open to workers too) and writes the CSV or .xlsx file here, so a million-row export
 * never blocks the page.
 */
import type { CurrencyCode } from '../../domain/model';
import { repositories } from '../../data/repositories';
import { ledgerCsvBlob, ledgerXlsxBlob } from './ledgerExport';

declare const self: DedicatedWorkerGlobalScope;

export type ExportRequest = {
  readonly format: 'csv' | 'xlsx';
  /** Category id → currency, sent only when some category is not in RMB (each row then names its currency). */
  readonly currencies?: Readonly<Record<string, CurrencyCode>>;
};
export type ExportResponse =
  | { readonly type: 'done'; readonly blob: Blob; readonly rows: number }
  | { readonly type: 'error'; readonly message: string };

self.onmessage = async (ev: MessageEvent<ExportRequest>) => {
  try {
    const make = ev.data.format === 'csv' ? ledgerCsvBlob : ledgerXlsxBlob;
    const map = ev.data.currencies;
    const { blob, rows } = await make(
      (fn) => repositories().ledger.forEachBlock(fn),
      map ? (id) => map[id] ?? '' : undefined,
    );
    self.postMessage({ type: 'done', blob, rows } satisfies ExportResponse);
  } catch (err) {
    self.postMessage({
      type: 'error',
      message: err instanceof Error ? err.message : String(err),
    } satisfies ExportResponse);
  }
};
