import { useRef, useState, type ChangeEvent } from 'react';
import {
  useDataset,
  useExportBackup,
  usePersistence,
  useRequestPersistence,
  useRestoreBackup,
} from '../../data/queries';
import { categoryCurrency } from '../../domain/currency';
import { todayIso } from '../../domain/dates';
import type { CurrencyCode } from '../../domain/model';
import { saveBlob } from '../../ui/export/download';
import { backupErrorOf } from '../../domain/formats/backup';
import { translateCode, useLocale, useT } from '../../ui/i18n';
import { thresholdProblemText } from '../../ui/messages/thresholdText';
import type { ExportRequest, ExportResponse } from './exportWorker';
import { txMessages } from './messages';

function bytes(n: number | null): string {
  if (n === null) return '?';
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(1)} GB`;
}

function exportInWorker(
  format: 'csv' | 'xlsx',
  currencies: Readonly<Record<string, CurrencyCode>> | undefined,
): Promise<{ blob: Blob; rows: number }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./exportWorker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (ev: MessageEvent<ExportResponse>) => {
      worker.terminate();
      if (ev.data.type === 'done') resolve({ blob: ev.data.blob, rows: ev.data.rows });
      else reject(new Error(ev.data.message));
    };
    worker.onerror = (ev) => {
      worker.terminate();
      reject(new Error(ev.message || 'Export worker failed'));
    };
    worker.postMessage({ format, ...(currencies ? { currencies } : {}) } satisfies ExportRequest);
  });
}

/** Persistent-storage status, ledger exports, and whole-app backup / restore. */
export function StoragePanel() {
  const t = useT(txMessages);
  const locale = useLocale();
  const backup = useExportBackup();
  const restore = useRestoreBackup();
  const persistence = usePersistence();
  const ask = useRequestPersistence();
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const dataset = useDataset();
  // Only a ledger whose categories are not all in RMB needs a Currency column.
  const currencies = dataset.categories.some((c) => categoryCurrency(dataset, c.id) !== 'RMB')
    ? Object.fromEntries(dataset.categories.map((c) => [c.id, categoryCurrency(dataset, c.id)]))
    : undefined;

  const run = async (what: string, job: () => Promise<string>) => {
    setBusy(what);
    setMessage(null);
    try {
      setMessage({ text: await job(), error: false });
    } catch (err) {
      setMessage({ text: t('failed', { reason: err instanceof Error ? err.message : String(err) }), error: true });
    } finally {
      setBusy(null);
    }
  };

  const onExport = (format: 'csv' | 'xlsx') =>
    run(format, async () => {
      const { blob, rows } = await exportInWorker(format, currencies);
      saveBlob(blob, `headroom-ledger-${todayIso()}.${format}`);
      return t('exported', { count: rows.toLocaleString('en') });
    });

  /**
   * Why a restore was refused: in Chinese worded from the refusal's code and
   * values; in English the storage layer's detail (it names the record and field).
   */
  const restoreFailure = (err: unknown): string => {
    const detail = err instanceof Error ? err.message : String(err);
    const refusal = backupErrorOf(err);
    if (!refusal || locale === 'en') return detail;
    if (refusal.code === 'threshold') {
      const { agreementId, shown } = refusal.params;
      const problem = { agreementId: agreementId ? String(agreementId) : null, shown: String(shown ?? '') };
      return translateCode(txMessages, locale, 'backup_threshold', { problem: thresholdProblemText(problem, locale) });
    }
    return translateCode(txMessages, locale, `backup_${refusal.code}`, refusal.params);
  };
  const onBackup = () =>
    run('backup', async () => {
      const { blob, summary } = await backup.mutateAsync();
      saveBlob(blob, `headroom-backup-${todayIso()}.json`);
      return t('backupDone', { rows: summary.ledgerRows.toLocaleString('en') });
    });

  const onRestoreFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    if (!window.confirm(t('restoreConfirm', { file: file.name }))) return;
    setBusy('restore');
    setMessage(null);
    try {
      const summary = await restore.mutateAsync(await file.text());
      setMessage({
        text: t('restored', { file: file.name, rows: summary.ledgerRows.toLocaleString('en') }),
        error: false,
      });
    } catch (err) {
      setMessage({
        text: t('restoreFailed', { file: file.name, reason: restoreFailure(err) }),
        error: true,
      });
    } finally {
      setBusy(null);
    }
  };

  const p = persistence.data;
  return (
    <section className="panel storage-panel" aria-labelledby="storage-title">
      <h2 id="storage-title">{t('storageTitle')}</h2>
      {p && (
        <p
          className={`persist-status ${p.persisted ? 'persist-ok' : 'persist-no'}`}
          data-testid="persist-status"
          data-persisted={p.persisted}
        >
          {!p.supported ? t('persistUnsupported') : p.persisted ? t('persistGranted') : t('persistDenied')}
          {p.usage !== null && p.quota !== null && <> {t('usage', { used: bytes(p.usage), quota: bytes(p.quota) })}</>}
          {p.supported && !p.persisted && (
            <>
              {' '}
              <button
                type="button"
                className="btn btn-small btn-secondary"
                onClick={() => ask.mutate()}
                disabled={ask.isPending}
              >
                {t('persistAsk')}
              </button>
            </>
          )}
        </p>
      )}
      <div className="storage-actions">
        <button
          type="button"
          className="btn btn-secondary"
          disabled={!!busy}
          onClick={() => void onExport('csv')}
          data-testid="export-csv"
        >
          {busy === 'csv' ? t('exporting') : t('exportCsv')}
        </button>
        <button
          type="button"
          className="btn btn-secondary"
          disabled={!!busy}
          onClick={() => void onExport('xlsx')}
          data-testid="export-xlsx"
        >
          {busy === 'xlsx' ? t('exporting') : t('exportXlsx')}
        </button>
        <button
          type="button"
          className="btn btn-secondary"
          disabled={!!busy}
          onClick={() => void onBackup()}
          data-testid="backup-export"
        >
          {t('backupExport')}
        </button>
        <button type="button" className="btn btn-secondary" disabled={!!busy} onClick={() => fileRef.current?.click()}>
          {t('backupRestore')}
        </button>
        <input
          ref={fileRef}
          type="file"
          accept=".json,application/json"
          className="visually-hidden"
          tabIndex={-1}
          aria-hidden="true"
          onChange={(e) => void onRestoreFile(e)}
          data-testid="backup-restore-input"
        />
      </div>
      {message && (
        <p
          className={message.error ? 'error-text' : 'status-line'}
          role={message.error ? 'alert' : 'status'}
          data-testid="storage-message"
        >
          {message.text}
        </p>
      )}
    </section>
  );
}
