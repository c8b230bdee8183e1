import { useMemo, useState } from 'react';
import { formatUnits, unitsPlain } from '../../domain/amounts';
import { todayIso } from '../../domain/dates';
import {
  checkOrder,
  COMPARED_AGAINST,
  type ComparedAgainst,
  type ExceptionReason,
  ledgerOfOrder,
  ledgerWithoutOrder,
  MAX_ATTACHMENT_BYTES,
  missingQuarters,
  type PriceCheck,
  type PurchaseOrder,
  type Quote,
  quarterOf,
} from '../../domain/evidence/pricing';
import { fromUnits } from '../../domain/money';
import { useDataset } from '../../data/queries';
import {
  isEvidenceValidationError,
  loadAttachment,
  type NewAttachment,
  procurementCategories,
  useCloseException,
  useDeleteOrder,
  useOrders,
  usePriceChecks,
  useReferenceTotals,
  useSaveOrder,
  useSavePriceCheck,
} from '../../data/evidence';
import { DataTable, Panel } from '../../ui/components/DataTable';
import { saveBlob } from '../../ui/export/download';
import { useBilingual, useErrorText, useT } from '../../ui/i18n';
import { evidenceMessages } from './messages';
import './evidence.css';

type Key = keyof (typeof evidenceMessages)['en'];
/** Loosely typed translator: keys built at run time (codes, kinds) are checked by the catalogue's tests of shape. */
type T = (key: string, vars?: Record<string, string | number>) => string;

interface QuoteForm {
  supplier: string;
  amount: string;
  currency: string;
  rate: string;
  rateSource: string;
  date: string;
  documentRef: string;
  independent: boolean;
  comparable: boolean;
  file: File | null;
  kept?: Pick<Quote, 'attachmentId' | 'attachmentName' | 'attachmentBytes'>;
}

interface OrderForm {
  id: string;
  reference: string;
  date: string;
  categoryId: string;
  amount: string;
  description: string;
  xiaomi: QuoteForm;
  quotes: QuoteForm[];
}

const emptyQuote = (supplier = ''): QuoteForm => ({
  supplier,
  amount: '',
  currency: 'RMB',
  rate: '',
  rateSource: '',
  date: '',
  documentRef: '',
  independent: true,
  comparable: true,
  file: null,
});

function quoteForm(q: Quote): QuoteForm {
  return {
    supplier: q.supplier,
    amount: unitsPlain(BigInt(q.amountMinor)),
    currency: q.currency,
    rate: q.rate ?? '',
    rateSource: q.rateSource ?? '',
    date: q.date,
    documentRef: q.documentRef,
    independent: q.independent,
    comparable: q.comparable,
    file: null,
    kept: { attachmentId: q.attachmentId, attachmentName: q.attachmentName, attachmentBytes: q.attachmentBytes },
  };
}

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/** Minor units of a typed amount, or "" when it is not one (validation then names the field). */
function minorOf(text: string): string {
  try {
    return fromUnits(text.trim()).toString();
  } catch {
    return '';
  }
}

function toQuote(f: QuoteForm, independent: boolean): Quote {
  const q: Quote = {
    supplier: f.supplier.trim(),
    amountMinor: minorOf(f.amount),
    currency: f.currency.trim().toUpperCase() || 'RMB',
    date: f.date,
    documentRef: f.documentRef.trim(),
    independent,
    comparable: f.comparable,
    ...(f.rate.trim() ? { rate: f.rate.trim() } : {}),
    ...(f.rateSource.trim() ? { rateSource: f.rateSource.trim() } : {}),
    ...(f.kept?.attachmentId ? f.kept : {}),
  };
  return q;
}

function reasonText(t: T, r: ExceptionReason): string {
  if (r.code === 'no-xiaomi-quote') return t('r_noXiaomi');
  if (r.code === 'fewer-than-two-independent') return t('r_fewer', { n: r.independent });
  return t('r_lessFav', { by: `RMB ${formatUnits(BigInt(r.byMinor))}`, supplier: r.supplier });
}

function whereText(t: T, path: string): string {
  const m = /^quotes\[(\d+)\]/.exec(path);
  if (m) return t('where_quote', { n: Number(m[1]) + 1 });
  if (path.startsWith('xiaomiQuote')) return t('where_xiaomiQuote');
  return t('where_order');
}

function QuoteFields({
  t,
  value,
  onChange,
  prefix,
  fixedSupplier,
}: {
  t: T;
  value: QuoteForm;
  onChange: (q: QuoteForm) => void;
  prefix: string;
  fixedSupplier?: boolean;
}) {
  const set = (patch: Partial<QuoteForm>) => onChange({ ...value, ...patch });
  const foreign = value.currency.trim().toUpperCase() !== 'RMB' && value.currency.trim().toUpperCase() !== 'CNY';
  return (
    <div className="ev-quote" data-testid={`${prefix}-fields`}>
      <label className="field">
        <span>{t('supplier')}</span>
        <input
          value={value.supplier}
          readOnly={fixedSupplier}
          onChange={(e) => set({ supplier: e.target.value })}
          data-testid={`${prefix}-supplier`}
        />
      </label>
      <label className="field">
        <span>{t('quoteAmount')}</span>
        <input
          value={value.amount}
          inputMode="decimal"
          onChange={(e) => set({ amount: e.target.value })}
          data-testid={`${prefix}-amount`}
        />
      </label>
      <label className="field ev-narrow">
        <span>{t('currency')}</span>
        <input
          value={value.currency}
          maxLength={3}
          onChange={(e) => set({ currency: e.target.value })}
          data-testid={`${prefix}-currency`}
        />
      </label>
      {foreign && (
        <>
          <label className="field ev-narrow">
            <span>{t('rate')}</span>
            <input
              value={value.rate}
              inputMode="decimal"
              onChange={(e) => set({ rate: e.target.value })}
              data-testid={`${prefix}-rate`}
            />
          </label>
          <label className="field">
            <span>{t('rateSource')}</span>
            <input
              value={value.rateSource}
              onChange={(e) => set({ rateSource: e.target.value })}
              data-testid={`${prefix}-rate-source`}
            />
          </label>
        </>
      )}
      <label className="field">
        <span>{t('date')}</span>
        <input
          type="date"
          value={value.date}
          onChange={(e) => set({ date: e.target.value })}
          data-testid={`${prefix}-date`}
        />
      </label>
      <label className="field">
        <span>{t('documentRef')}</span>
        <input
          value={value.documentRef}
          onChange={(e) => set({ documentRef: e.target.value })}
          data-testid={`${prefix}-doc`}
        />
      </label>
      {!fixedSupplier && (
        <>
          <label className="ev-check">
            <input
              type="checkbox"
              checked={value.independent}
              onChange={(e) => set({ independent: e.target.checked })}
              data-testid={`${prefix}-independent`}
            />
            {t('independent')}
          </label>
          <label className="ev-check">
            <input type="checkbox" checked={value.comparable} onChange={(e) => set({ comparable: e.target.checked })} />
            {t('comparable')}
          </label>
        </>
      )}
      <label className="field">
        <span>{t('attachment', { max: sizeText(MAX_ATTACHMENT_BYTES) })}</span>
        <input
          type="file"
          onChange={(e) => set({ file: e.target.files?.[0] ?? null })}
          data-testid={`${prefix}-file`}
        />
      </label>
      {value.kept?.attachmentName && !value.file && (
        <p className="small muted">
          {t('attached', { name: value.kept.attachmentName, size: sizeText(value.kept.attachmentBytes ?? 0) })}
        </p>
      )}
    </div>
  );
}

function blankOrder(categoryId: string): OrderForm {
  return {
    id: '',
    reference: '',
    date: todayIso(),
    categoryId,
    amount: '',
    description: '',
    xiaomi: emptyQuote('Xiaomi'),
    quotes: [emptyQuote(), emptyQuote()],
  };
}

function OrderEditor({
  t,
  initial,
  procurement,
  onDone,
}: {
  t: T;
  initial: OrderForm;
  procurement: Set<string>;
  onDone: (reference: string | null) => void;
}) {
  const dataset = useDataset();
  const name = useBilingual();
  const save = useSaveOrder();
  const [f, setF] = useState<OrderForm>(initial);
  const [problems, setProblems] = useState<string[]>([]);
  const submit = async () => {
    setProblems([]);
    const order: PurchaseOrder = {
      id: f.id,
      reference: f.reference.trim(),
      date: f.date,
      categoryId: f.categoryId,
      amountMinor: minorOf(f.amount),
      currency: 'RMB',
      description: f.description.trim(),
      xiaomiQuote: f.xiaomi.amount.trim() || f.xiaomi.documentRef.trim() ? toQuote(f.xiaomi, false) : null,
      thirdPartyQuotes: f.quotes
        .filter((q) => q.supplier.trim() || q.amount.trim())
        .map((q) => toQuote(q, q.independent)),
      closure: null,
    };
    const kept = f.quotes.filter((q) => q.supplier.trim() || q.amount.trim());
    const files: NewAttachment[] = [];
    if (f.xiaomi.file)
      files.push({
        quotePath: 'xiaomiQuote',
        name: f.xiaomi.file.name,
        type: f.xiaomi.file.type,
        bytes: new Uint8Array(await f.xiaomi.file.arrayBuffer()),
      });
    for (const [i, q] of kept.entries())
      if (q.file)
        files.push({
          quotePath: `quotes[${i}]`,
          name: q.file.name,
          type: q.file.type,
          bytes: new Uint8Array(await q.file.arrayBuffer()),
        });
    save.mutate(
      { order, procurement, files },
      {
        onSuccess: (o) => onDone(o.reference),
        onError: (e) =>
          setProblems(
            isEvidenceValidationError(e)
              ? e.issues.map(
                  (i) =>
                    `${whereText(t, i.path)} — ${t(`e_${i.code}` as Key, 'vars' in i ? (i.vars as Record<string, string | number>) : undefined)}`,
                )
              : [e instanceof Error ? e.message : String(e)],
          ),
      },
    );
  };
  return (
    <form
      className="panel ev-form"
      data-testid="order-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h3>{f.id ? t('editOrder', { reference: initial.reference }) : t('newOrder')}</h3>
      <div className="ev-row">
        <label className="field">
          <span>{t('reference')}</span>
          <input
            value={f.reference}
            onChange={(e) => setF({ ...f, reference: e.target.value })}
            data-testid="order-reference"
          />
        </label>
        <label className="field">
          <span>{t('date')}</span>
          <input
            type="date"
            value={f.date}
            onChange={(e) => setF({ ...f, date: e.target.value })}
            data-testid="order-date"
          />
        </label>
        <label className="field">
          <span>{t('category')}</span>
          <select
            value={f.categoryId}
            onChange={(e) => setF({ ...f, categoryId: e.target.value })}
            data-testid="order-category"
          >
            {dataset.categories
              .filter((c) => procurement.has(c.id))
              .map((c) => (
                <option key={c.id} value={c.id}>
                  {name(c.name)}
                </option>
              ))}
          </select>
        </label>
        <label className="field">
          <span>{t('amount')}</span>
          <input
            value={f.amount}
            inputMode="decimal"
            onChange={(e) => setF({ ...f, amount: e.target.value })}
            data-testid="order-amount"
          />
        </label>
        <label className="field ev-wide">
          <span>{t('description')}</span>
          <input value={f.description} onChange={(e) => setF({ ...f, description: e.target.value })} />
        </label>
      </div>
      <fieldset>
        <legend>{t('xiaomiQuote')}</legend>
        <QuoteFields t={t} value={f.xiaomi} onChange={(xiaomi) => setF({ ...f, xiaomi })} prefix="xq" fixedSupplier />
      </fieldset>
      <fieldset>
        <legend>{t('thirdQuotes')}</legend>
        {f.quotes.map((q, i) => (
          <div key={i} className="ev-quote-wrap">
            <QuoteFields
              t={t}
              value={q}
              onChange={(nq) => setF({ ...f, quotes: f.quotes.map((x, j) => (j === i ? nq : x)) })}
              prefix={`q${i}`}
            />
            <button
              type="button"
              className="btn btn-quiet btn-small"
              onClick={() => setF({ ...f, quotes: f.quotes.filter((_, j) => j !== i) })}
            >
              {t('removeQuote')}
            </button>
          </div>
        ))}
        <button
          type="button"
          className="btn btn-secondary btn-small"
          onClick={() => setF({ ...f, quotes: [...f.quotes, emptyQuote()] })}
        >
          {t('addQuote')}
        </button>
      </fieldset>
      {problems.length > 0 && (
        <div className="field-error" role="alert" data-testid="order-problems">
          <p>{t('notSaved')}</p>
          <ul>
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="ev-actions">
        <button type="submit" className="btn" disabled={save.isPending} data-testid="order-save">
          {save.isPending ? t('saving') : t('save')}
        </button>
        <button type="button" className="btn btn-secondary" onClick={() => onDone(null)}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}

function CloseExceptionForm({ t, order }: { t: T; order: PurchaseOrder }) {
  const errorText = useErrorText();
  const close = useCloseException();
  const [why, setWhy] = useState('');
  const [by, setBy] = useState('');
  return (
    <form
      className="ev-close"
      onSubmit={(e) => {
        e.preventDefault();
        close.mutate({ id: order.id, closure: { justification: why, approvedBy: by, date: todayIso() } });
      }}
    >
      <label className="field">
        <span>{t('justification')}</span>
        <input value={why} onChange={(e) => setWhy(e.target.value)} data-testid={`close-why-${order.reference}`} />
      </label>
      <label className="field">
        <span>{t('approvedBy')}</span>
        <input value={by} onChange={(e) => setBy(e.target.value)} data-testid={`close-by-${order.reference}`} />
      </label>
      <button type="submit" className="btn btn-small" disabled={!why.trim() || !by.trim() || close.isPending}>
        {t('closeException')}
      </button>
      {close.error && <p className="field-error">{errorText(close.error)}</p>}
    </form>
  );
}

function PriceChecks({ t, asOf }: { t: T; asOf: string }) {
  const dataset = useDataset();
  const name = useBilingual();
  const checks = usePriceChecks();
  const save = useSavePriceCheck();
  const provided = dataset.categories.filter((c) => c.direction === 'provided-by-group');
  const [categoryId, setCategoryId] = useState(provided[0]?.id ?? '');
  const [quarter, setQuarter] = useState(quarterOf(asOf));
  const [date, setDate] = useState(asOf);
  const [reviewer, setReviewer] = useState('');
  const [compared, setCompared] = useState<ComparedAgainst[]>(['published-list-prices', 'third-party-prices']);
  const [note, setNote] = useState('');
  const [result, setResult] = useState<PriceCheck['result']>('consistent');
  const [problems, setProblems] = useState<string[]>([]);
  const list = checks.data ?? [];
  return (
    <Panel id="ev-checks" title={t('checks')} className="ev-checks" testId="price-checks">
      <p className="small muted">{t('checksLede')}</p>
      {provided.map((c) => {
        const miss = missingQuarters(c.id, c.term, asOf, list);
        return (
          <p key={c.id} className={miss.length ? 'bad' : 'field-ok'} data-testid={`missing-${c.id}`}>
            {name(c.name)} — {miss.length ? t('missing', { list: miss.join(', ') }) : t('noneMissing')}
          </p>
        );
      })}
      <form
        className="ev-row"
        onSubmit={(e) => {
          e.preventDefault();
          setProblems([]);
          save.mutate(
            {
              id: '',
              categoryId,
              quarter: quarter.trim(),
              date,
              reviewer: reviewer.trim(),
              compared,
              note: note.trim(),
              result,
            },
            {
              onError: (err) =>
                setProblems(
                  isEvidenceValidationError(err) ? err.issues.map((i) => t(`e_${i.code}` as Key)) : [String(err)],
                ),
              onSuccess: () => setNote(''),
            },
          );
        }}
      >
        {provided.length > 1 && (
          <label className="field">
            <span>{t('category')}</span>
            <select value={categoryId} onChange={(e) => setCategoryId(e.target.value)}>
              {provided.map((c) => (
                <option key={c.id} value={c.id}>
                  {name(c.name)}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="field ev-narrow">
          <span>{t('quarter')}</span>
          <input value={quarter} onChange={(e) => setQuarter(e.target.value)} data-testid="check-quarter" />
        </label>
        <label className="field">
          <span>{t('date')}</span>
          <input type="date" value={date} onChange={(e) => setDate(e.target.value)} data-testid="check-date" />
        </label>
        <label className="field">
          <span>{t('reviewer')}</span>
          <input value={reviewer} onChange={(e) => setReviewer(e.target.value)} data-testid="check-reviewer" />
        </label>
        <fieldset className="ev-compared">
          <legend>{t('compared')}</legend>
          {COMPARED_AGAINST.map((c) => (
            <label key={c} className="ev-check">
              <input
                type="checkbox"
                checked={compared.includes(c)}
                onChange={(e) => setCompared(e.target.checked ? [...compared, c] : compared.filter((x) => x !== c))}
              />
              {t(`c_${c}`)}
            </label>
          ))}
        </fieldset>
        <label className="field ev-wide">
          <span>{t('note')}</span>
          <input value={note} onChange={(e) => setNote(e.target.value)} data-testid="check-note" />
        </label>
        <label className="field">
          <span>{t('result')}</span>
          <select value={result} onChange={(e) => setResult(e.target.value as PriceCheck['result'])}>
            <option value="consistent">{t('consistent')}</option>
            <option value="inconsistent">{t('inconsistent')}</option>
          </select>
        </label>
        <button type="submit" className="btn" disabled={save.isPending} data-testid="check-save">
          {t('saveCheck')}
        </button>
      </form>
      {problems.length > 0 && (
        <ul className="field-error" role="alert">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <DataTable
        rows={list}
        rowKey={(c) => c.id}
        className="compact"
        testId="checks-table"
        empty={t('noChecks')}
        columns={[
          { key: 'quarter', header: t('quarter'), cell: (c) => c.quarter },
          { key: 'date', header: t('date'), cell: (c) => c.date },
          { key: 'reviewer', header: t('reviewer'), cell: (c) => c.reviewer },
          { key: 'compared', header: t('compared'), cell: (c) => c.compared.map((x) => t(`c_${x}`)).join('; ') },
          { key: 'note', header: t('note'), cell: (c) => c.note },
          {
            key: 'result',
            header: t('result'),
            cellClass: (c) => (c.result === 'inconsistent' ? 'bad' : undefined),
            cell: (c) => t(c.result),
          },
        ]}
      />
    </Panel>
  );
}

/** /evidence: purchase orders with their quotations, open items, and quarterly cloud price checks. */
export function EvidencePage() {
  const t = useT(evidenceMessages) as unknown as T;
  const name = useBilingual();
  const dataset = useDataset();
  const procurement = useMemo(() => procurementCategories(dataset), [dataset]);
  const orders = useOrders();
  const checks = usePriceChecks();
  const refs = useReferenceTotals(procurement);
  const del = useDeleteOrder();
  const [editing, setEditing] = useState<OrderForm | null>(null);
  const [savedRef, setSavedRef] = useState<string | null>(null);
  const today = todayIso();
  const catName = (id: string) => {
    const c = dataset.categories.find((x) => x.id === id);
    return c ? name(c.name) : id;
  };
  if (orders.isPending || checks.isPending || refs.isPending) return <section className="page">{t('loading')}</section>;
  const list = orders.data ?? [];
  const refList = refs.data ?? [];
  const results = new Map(list.map((o) => [o.id, checkOrder(o)]));
  const noOrder = ledgerWithoutOrder(refList, list, procurement);
  const exceptions = list.filter((o) => results.get(o.id)!.status === 'exception');
  const provided = dataset.categories.filter((c) => c.direction === 'provided-by-group');
  const missing = provided.flatMap((c) =>
    missingQuarters(c.id, c.term, today, checks.data ?? []).map((q) => ({ c, q })),
  );
  const inconsistent = (checks.data ?? []).filter((c) => c.result === 'inconsistent');
  const openCount = noOrder.length + exceptions.length + missing.length + inconsistent.length;
  const firstProcurement = dataset.categories.find((c) => procurement.has(c.id))?.id ?? '';
  return (
    <section className="page evidence-page" data-testid="evidence-page">
      <div className="page-head">
        <h1>{t('title')}</h1>
      </div>
      <p className="lede">{t('lede')}</p>

      <Panel
        id="ev-open"
        className="ev-open"
        testId="open-items"
        title={
          <>
            {t('openItems')} <span className="ev-count">{openCount}</span>
          </>
        }
      >
        {openCount === 0 ? (
          <p className="field-ok">{t('noOpenItems')}</p>
        ) : (
          <ul>
            {exceptions.map((o) => (
              <li key={o.id} data-testid={`open-exception-${o.reference}`}>
                {t('openException', {
                  reference: o.reference,
                  category: catName(o.categoryId),
                  reasons: results
                    .get(o.id)!
                    .reasons.map((r) => reasonText(t, r))
                    .join('; '),
                })}
              </li>
            ))}
            {noOrder.map((r) => (
              <li key={`${r.categoryId}|${r.reference}`} data-testid={`open-no-order-${r.reference || 'none'}`}>
                {t('openNoOrder', {
                  category: catName(r.categoryId),
                  reference: r.reference || t('noReference'),
                  rows: r.rows,
                  total: `RMB ${formatUnits(BigInt(r.totalMinor))}`,
                  from: r.firstDate,
                  to: r.lastDate,
                })}
              </li>
            ))}
            {missing.map(({ c, q }) => (
              <li key={`${c.id}|${q}`}>{t('openMissingQuarter', { category: name(c.name), quarter: q })}</li>
            ))}
            {inconsistent.map((c) => (
              <li key={c.id}>{t('openInconsistent', { category: catName(c.categoryId), quarter: c.quarter })}</li>
            ))}
          </ul>
        )}
      </Panel>

      <section aria-labelledby="ev-orders" className="ev-orders">
        <div className="ev-head">
          <h2 id="ev-orders">{t('orders')}</h2>
          {!editing && (
            <button
              type="button"
              className="btn"
              onClick={() => setEditing(blankOrder(firstProcurement))}
              data-testid="order-new"
            >
              {t('newOrder')}
            </button>
          )}
        </div>
        {savedRef && !editing && (
          <p className="field-ok" role="status">
            {t('saved', { reference: savedRef })}
          </p>
        )}
        {editing && (
          <OrderEditor
            t={t}
            initial={editing}
            procurement={procurement}
            onDone={(ref) => {
              setEditing(null);
              setSavedRef(ref);
            }}
          />
        )}
        <DataTable
          rows={list}
          rowKey={(o) => o.id}
          rowAttrs={(o) => ({ 'data-testid': `order-${o.reference}`, 'data-status': results.get(o.id)!.status })}
          className="compact"
          testId="orders-table"
          empty={t('noOrders')}
          columns={[
            { key: 'ref', header: t('colRef'), cell: (o) => o.reference },
            { key: 'date', header: t('colDate'), cell: (o) => o.date },
            { key: 'category', header: t('colCategory'), cell: (o) => catName(o.categoryId) },
            { key: 'amount', header: t('colAmount'), num: true, cell: (o) => formatUnits(BigInt(o.amountMinor)) },
            {
              key: 'xiaomi',
              header: t('colXiaomi'),
              num: true,
              cell: (o) =>
                o.xiaomiQuote ? `${o.xiaomiQuote.currency} ${formatUnits(BigInt(o.xiaomiQuote.amountMinor))}` : '—',
            },
            {
              key: 'independent',
              header: t('colIndependent'),
              num: true,
              cell: (o) => results.get(o.id)!.independentQuotes,
            },
            {
              key: 'status',
              header: t('colStatus'),
              cell: (o) => {
                const r = results.get(o.id)!;
                return (
                  <>
                    <span className={`ev-status ev-${r.status}`}>
                      {t(r.status === 'pass' ? 'pass' : r.status === 'closed' ? 'closed' : 'exception')}
                    </span>
                    {r.reasons.length > 0 && (
                      <div className="small">{r.reasons.map((x) => reasonText(t, x)).join('; ')}</div>
                    )}
                    {o.closure && (
                      <div className="small muted">
                        {t('closedBy', {
                          date: o.closure.date,
                          by: o.closure.approvedBy,
                          why: o.closure.justification,
                        })}
                      </div>
                    )}
                    {r.status === 'exception' && <CloseExceptionForm t={t} order={o} />}
                  </>
                );
              },
            },
            {
              key: 'ledger',
              header: t('colLedger'),
              cell: (o) => {
                const ledger = ledgerOfOrder(o, refList);
                return (
                  <>
                    {ledger
                      ? t('ledgerRows', {
                          rows: ledger.rows,
                          total: `RMB ${formatUnits(BigInt(ledger.totalMinor))}`,
                        })
                      : t('noLedger')}
                  </>
                );
              },
            },
            {
              key: 'actions',
              header: t('colActions'),
              cellClass: 'ev-row-actions',
              cell: (o) => {
                const attachments = [o.xiaomiQuote, ...o.thirdPartyQuotes].filter((q): q is Quote => !!q?.attachmentId);
                return (
                  <>
                    {attachments.map((q) => (
                      <button
                        key={q.attachmentId}
                        type="button"
                        className="btn btn-quiet btn-small"
                        title={q.attachmentName}
                        onClick={() => void loadAttachment(q.attachmentId!).then((a) => a && saveBlob(a.blob, a.name))}
                      >
                        {t('download')} {q.attachmentName}
                      </button>
                    ))}
                    <button
                      type="button"
                      className="btn btn-secondary btn-small"
                      onClick={() =>
                        setEditing({
                          id: o.id,
                          reference: o.reference,
                          date: o.date,
                          categoryId: o.categoryId,
                          amount: unitsPlain(BigInt(o.amountMinor)),
                          description: o.description,
                          xiaomi: o.xiaomiQuote ? quoteForm(o.xiaomiQuote) : emptyQuote('Xiaomi'),
                          quotes: o.thirdPartyQuotes.map(quoteForm),
                        })
                      }
                    >
                      {t('edit')}
                    </button>
                    <button
                      type="button"
                      className="btn btn-danger btn-small"
                      onClick={() => {
                        if (window.confirm(t('confirmDelete', { reference: o.reference }))) del.mutate(o.id);
                      }}
                    >
                      {t('delete')}
                    </button>
                  </>
                );
              },
            },
          ]}
        />
      </section>

      <PriceChecks t={t} asOf={today} />
    </section>
  );
}
