import { formatUnits, unitsPlain } from '../../domain/amounts';
import { useEffect, useRef, useState } from 'react';
import { categoryCurrency, currenciesOf } from '../../domain/currency';
import { fromDayNumber } from '../../domain/dates';
import {
  useApprovals,
  useDataset,
  useDeleteManualEntry,
  useLoadManualEntry,
  useRequestPersistence,
  useSaveManualEntry,
} from '../../data/queries';
import type { LedgerRow } from '../../data/types';
import { useT } from '../../ui/i18n';
import { EntryForm, type EntryFormHandle } from './EntryForm';
import { LedgerTable } from './LedgerTable';
import { txMessages } from './messages';
import { StoragePanel } from './StoragePanel';
import './transactions.css';
import { type LedgerAction, UNDO_DEPTH, useUndoStore } from './undo';
import { entryWarning, type ValidEntry } from './validate';

/** True when a key press belongs to a text field's own undo (Ctrl+Z inside an input edits the text). */
function inTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement) return true;
  return (
    target instanceof HTMLInputElement &&
    ['text', 'search', 'email', 'url', 'tel', 'password', 'number'].includes(target.type)
  );
}

export function TransactionsPage() {
  const t = useT(txMessages);
  const dataset = useDataset();
  const approvals = useApprovals();
  const save = useSaveManualEntry();
  const remove = useDeleteManualEntry();
  const getManualEntry = useLoadManualEntry();
  const persist = useRequestPersistence();
  const formRef = useRef<EntryFormHandle>(null);
  const [status, setStatus] = useState('');
  const { past, future, busy, record, undo, redo } = useUndoStore();
  const askedPersist = useRef(false);
  // The ledger holds each category's amounts in its agreement's currency: RMB, or HK$ for an HK$ register agreement.
  const currencyOf = (id: string) => categoryCurrency(dataset, id);
  const mixed = currenciesOf(dataset).length > 1;

  const describe = (a: LedgerAction) =>
    a.kind === 'add'
      ? t('actionAdd', { id: a.after.id })
      : a.kind === 'edit'
        ? t('actionEdit', { id: a.after.id })
        : t('actionDelete', { id: a.before.id });

  const afterWrite = () => {
    // Ask once per session, after the first thing worth keeping was written.
    if (!askedPersist.current) {
      askedPersist.current = true;
      persist.mutate();
    }
  };

  const onSubmit = async (value: ValidEntry, id: number | null) => {
    if (id === null) {
      const saved = await save.mutateAsync(value);
      record({ kind: 'add', after: saved });
      setStatus(t('added', { ref: saved.reference || `#${saved.id}`, amount: formatUnits(saved.amountMinor) }));
    } else {
      const before = await getManualEntry(id);
      const saved = await save.mutateAsync({ ...value, id });
      if (before) record({ kind: 'edit', before: { ...before, id }, after: saved });
      setStatus(t('updated', { id }));
    }
    afterWrite();
  };

  const onEdit = async (row: LedgerRow) => {
    const e = row.manualId !== undefined ? await getManualEntry(row.manualId) : undefined;
    if (!e) return;
    formRef.current?.edit(row.manualId!, {
      date: fromDayNumber(e.day),
      categoryId: e.categoryId,
      amount: unitsPlain(e.amountMinor),
      reference: e.reference,
      description: e.description,
    });
  };

  const onDelete = async (row: LedgerRow) => {
    if (row.manualId === undefined) return;
    const removed = await remove.mutateAsync(row.manualId);
    if (removed) {
      record({ kind: 'delete', before: removed });
      setStatus(t('deleted', { id: removed.id }));
    }
  };

  // Undo and redo write through the same mutations as the form, so they refresh the same queries.
  const writes = { save: save.mutateAsync, remove: remove.mutateAsync };
  const doUndo = async () => {
    const a = await undo(writes);
    if (a) {
      setStatus(t('undone', { what: describe(a) }));
    }
  };
  const doRedo = async () => {
    const a = await redo(writes);
    if (a) {
      setStatus(t('redone', { what: describe(a) }));
    }
  };

  const undoRef = useRef(doUndo);
  const redoRef = useRef(doRedo);
  undoRef.current = doUndo;
  redoRef.current = doRedo;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || inTextField(e.target)) return;
      const k = e.key.toLowerCase();
      if (k === 'z' && !e.shiftKey) {
        e.preventDefault();
        void undoRef.current();
      } else if ((k === 'z' && e.shiftKey) || k === 'y') {
        e.preventDefault();
        void redoRef.current();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const lastPast = past[past.length - 1];
  const lastFuture = future[future.length - 1];

  return (
    <section className="page transactions-page">
      <h1>{t('title')}</h1>
      <p className="lede">{mixed ? t('ledeMixed') : t('lede')}</p>
      <EntryForm
        ref={formRef}
        categories={dataset.categories}
        currencyOf={currencyOf}
        onSubmit={onSubmit}
        capWarning={(categoryId, date) => entryWarning(dataset, approvals.data ?? [], categoryId, date)}
      />
      <div className="undo-bar">
        <button
          type="button"
          className="btn btn-secondary"
          onClick={() => void doUndo()}
          disabled={!lastPast || busy}
          title={lastPast ? t('undoWhat', { what: describe(lastPast) }) : t('nothingToUndo')}
          aria-keyshortcuts="Control+Z"
          data-testid="undo"
        >
          ↶ {t('undo')}
          {lastPast ? ` (${past.length})` : ''}
        </button>
        <button
          type="button"
          className="btn btn-secondary"
          onClick={() => void doRedo()}
          disabled={!lastFuture || busy}
          title={lastFuture ? t('redoWhat', { what: describe(lastFuture) }) : t('nothingToRedo')}
          aria-keyshortcuts="Control+Shift+Z Control+Y"
          data-testid="redo"
        >
          ↷ {t('redo')}
          {lastFuture ? ` (${future.length})` : ''}
        </button>
        <p className="status-line" role="status" aria-live="polite" data-testid="tx-status">
          {status}
        </p>
      </div>
      <p className="hint keys-hint">{t('keysHint', { depth: UNDO_DEPTH })}</p>
      <LedgerTable
        categories={dataset.categories}
        currencyOf={currencyOf}
        onEdit={(r) => void onEdit(r)}
        onDelete={(r) => void onDelete(r)}
        busy={busy || remove.isPending}
      />
      <StoragePanel />
    </section>
  );
}
