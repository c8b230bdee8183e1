import { useState } from 'react';
import { formatUnits } from '../../domain/amounts';
import { categoryCurrency, currenciesOf, currencyMark, formatTotalsByCurrency } from '../../domain/currency';
import { formatDate } from '../../domain/format';
import type { CurrencyCode } from '../../domain/model';
import { useBatchTotalsByCategory, useDataset, useImportBatches, useRollbackBatch } from '../../data/queries';
import { useErrorText, useLocale, useT } from '../../ui/i18n';
import { importMessages } from './messages';

function when(iso: string, locale: 'en' | 'zh'): string {
  return `${formatDate(iso.slice(0, 10), locale)} ${iso.slice(11, 16)} UTC`;
}

/** Every import batch, newest first, with a rollback for those still in the ledger. */
export function BatchList() {
  const errorText = useErrorText();
  const t = useT(importMessages);
  const locale = useLocale();
  const batches = useImportBatches();
  const dataset = useDataset();
  const byCategory = useBatchTotalsByCategory();
  // With categories in RMB and HK$, a batch's total is given per currency, never added across them.
  const mixed = currenciesOf(dataset).length > 1;
  const totalText = (id: string, totalMinor: string) => {
    const cats = byCategory.data?.get(id);
    if (!mixed) return formatUnits(BigInt(totalMinor));
    if (!cats) return '—';
    const totals = new Map<CurrencyCode, bigint>();
    for (const [c, sum] of cats)
      totals.set(categoryCurrency(dataset, c), (totals.get(categoryCurrency(dataset, c)) ?? 0n) + sum);
    return formatTotalsByCurrency(totals, locale);
  };
  const rollback = useRollbackBatch();
  const [message, setMessage] = useState<string | null>(null);

  const onRollback = async (id: string, file: string, rows: number) => {
    if (!window.confirm(t('rollbackConfirm', { file, rows: rows.toLocaleString('en') }))) return;
    setMessage(null);
    const b = await rollback.mutateAsync(id);
    setMessage(t('rolledBack', { file: b.fileName, rows: b.rowCount.toLocaleString('en') }));
  };

  const list = batches.data ?? [];
  return (
    <section className="panel batches" aria-labelledby="batches-title">
      <h2 id="batches-title">{t('batchesTitle')}</h2>
      {message && (
        <p className="status-line" role="status" data-testid="rollback-message">
          {message}
        </p>
      )}
      {rollback.error && (
        <p className="error-text" role="alert">
          {errorText(rollback.error)}
        </p>
      )}
      {list.length === 0 ? (
        <p className="muted">{t('batchesEmpty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data batch-table" data-testid="import-batches">
            <thead>
              <tr>
                <th scope="col">{t('colFile')}</th>
                <th scope="col">{t('colImported')}</th>
                <th scope="col" className="num">
                  {t('colRows')}
                </th>
                <th scope="col" className="num">
                  {mixed ? t('colTotalMixed') : t('colTotal', { ccy: currencyMark('RMB', locale) })}
                </th>
                <th scope="col">{t('colStatus')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('rollback')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((b) => (
                <tr key={b.id} data-status={b.status} data-testid={`batch-${b.id}`}>
                  <td className="cell-text">{b.fileName}</td>
                  <td className="nowrap">{when(b.createdAt, locale)}</td>
                  <td className="num">{b.rowCount.toLocaleString('en')}</td>
                  <td className="num" data-testid="batch-total">
                    {totalText(b.id, b.totalMinor)}
                  </td>
                  <td>
                    {b.status === 'committed' && b.pendingReview ? (
                      <span className="status status-threshold" data-testid="batch-pending-review">
                        {t('status_pending-review')}
                      </span>
                    ) : b.status === 'committed' ? (
                      <span className="status status-ok">{t('status_committed')}</span>
                    ) : (
                      <span className="status status-no-cap">
                        {t('status_rolled-back', { date: b.rolledBackAt ? when(b.rolledBackAt, locale) : '' })}
                      </span>
                    )}
                  </td>
                  <td>
                    {b.status === 'committed' && (
                      <button
                        type="button"
                        className="btn btn-small btn-secondary btn-danger-outline"
                        disabled={rollback.isPending}
                        onClick={() => void onRollback(b.id, b.fileName, b.rowCount)}
                        aria-label={t('rollbackLabel', { file: b.fileName, rows: b.rowCount.toLocaleString('en') })}
                        data-testid="batch-rollback"
                      >
                        {t('rollback')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
