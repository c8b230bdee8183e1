import { useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useAddOpenItems, useConnectedConfig, useSaveConnectedConfig, type OpenItemRecord } from '../../data/parties';
import { useDataset, useOpenImportSession } from '../../data/queries';
import { useTeamMode } from '../../data/team';
import { fileSha256 } from '../../data/history';
import type { LedgerBatchRecord } from '../../data/types';
import { CONDITION_OPS, type ConditionOp } from '../../domain/classify/rules';
import type { ConnectedPersonsConfig } from '../../domain/classify/rulesFile';
import { formatMinorWithCurrency } from '../../domain/currency';
import { BUCKETS, rawCategoriesOf } from '../../domain/import/rawCategories';
import type { RawLedgerResult, TransactionSide, UnclassifiedRow } from '../../domain/import/rawLedger';
import type { DateOrder } from '../../domain/import/types';
import { type TranslateFor, useBilingual, useLocale, useT } from '../../ui/i18n';
import { useFileErrorText } from '../../ui/useFileErrorText';
import { useCarriedHref } from '../../ui/links';
import { parseRawInWorker } from '../../workers/importClient';
import { fatalText } from '../../ui/messages/importFatal';
import { ambiguityText, noticeText, rowErrorText } from './ImportParts';
import { importMessages } from './messages';
import { rawMessages } from './rawMessages';

type T = TranslateFor<typeof rawMessages>;

/**
 * The raw-ledger half of the import page: parses in the import worker with
 * the stored connected persons and rules, shows every bucket with its count
 * and total, the rows per rule, summary checks, possible connected persons
 * (confirm or dismiss) and lets a rule be added from an unclassified row; then
 * imports the classified rows as one batch and keeps the rest as open items.
 */
export function RawImport({
  file,
  sheetName,
  maxRows,
}: {
  file: File;
  sheetName?: string | undefined;
  maxRows: number;
}) {
  const t = useT(rawMessages);
  const ti = useT(importMessages);
  const errorText = useFileErrorText();
  const locale = useLocale();
  const name = useBilingual();
  const href = useCarriedHref();
  const dataset = useDataset();
  const config = useConnectedConfig();
  const saveConfig = useSaveConnectedConfig(dataset);
  // In team mode a rules change is a proposal: said here, since the preview keeps the rules in force.
  const team = useTeamMode();
  const [proposed, setProposed] = useState(false);
  const addOpenItems = useAddOpenItems();
  const openImportSession = useOpenImportSession();
  const [side, setSide] = useState<TransactionSide | undefined>(undefined);
  const [dateOrder, setDateOrder] = useState<DateOrder | undefined>(undefined);
  const [headerRow, setHeaderRow] = useState<number | undefined>(undefined);
  const [result, setResult] = useState<RawLedgerResult | null>(null);
  const [busy, setBusy] = useState(false);
  // The error itself, worded at render time in the current language.
  const [failure, setFailure] = useState<{ error: unknown } | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  const [done, setDone] = useState<{ batch: LedgerBatchRecord | null; open: number; count: number } | null>(null);
  const job = useRef(0);
  const money = (minor: bigint | number) => formatMinorWithCurrency(BigInt(minor), 'RMB', locale);
  const catName = (id: string) => {
    const c = dataset.categories.find((x) => x.id === id);
    return c ? name(c.name) : id;
  };

  const cfg = config.data;
  useEffect(() => {
    if (!cfg) return;
    const id = ++job.current;
    setBusy(true);
    setFailure(null);
    parseRawInWorker(file, {
      fileName: file.name,
      unit: 'yuan',
      maxRows,
      functionalCurrency: 'RMB',
      categories: rawCategoriesOf(dataset, cfg.capBasis),
      entities: cfg.entities,
      rules: cfg.rules,
      dismissed: cfg.dismissed,
      ...(side ? { side } : {}),
      ...(dateOrder ? { dateOrder } : {}),
      ...(headerRow ? { headerRow } : {}),
      ...(sheetName ? { sheetName } : {}),
    })
      .then((r) => {
        if (job.current !== id) return;
        setResult(r);
        setBusy(false);
      })
      .catch((e: unknown) => {
        if (job.current !== id) return;
        setFailure({ error: e });
        setBusy(false);
      });
  }, [file, cfg, side, dateOrder, headerRow, sheetName, maxRows, dataset]);

  const update = (next: ConnectedPersonsConfig) => saveConfig.mutate(next, { onSuccess: () => setProposed(team) });
  const raw = result?.raw ?? null;
  const mismatches = raw?.summaries.filter((s) => s.matches === false) ?? [];

  const commit = async () => {
    if (!result || !raw || !cfg) return;
    setBusy(true);
    setFailure(null);
    try {
      let batch: LedgerBatchRecord | null = null;
      const a = result.accepted;
      if (a.length > 0) {
        const session = openImportSession(result.categoryIds);
        await session.append({
          length: a.length,
          day: a.day,
          category: a.category,
          amountMinor: a.amountMinor,
          reference: a.reference,
          description: a.description,
          rowNumber: a.rowNumber,
          duplicateOf: a.duplicateOf,
        });
        await session.check();
        batch = await session.commit(
          {
            fileName: file.name,
            fileSha256: result.fileSha256 ?? (await fileSha256(file)),
            rejectedRows: result.errorCount,
            format: result.format,
          },
          { skipDuplicates: true },
        );
      }
      const importId = batch?.id ?? `raw-${Date.now()}`;
      const now = new Date().toISOString();
      const items: OpenItemRecord[] = raw.unclassified.map((u) => ({
        id: `${importId}:${u.row}`,
        importId,
        fileName: file.name,
        row: u.row,
        day: u.day,
        amountMinor: u.amountMinor,
        entityId: u.entityId,
        counterparty: u.counterparty,
        code: u.code,
        reference: u.reference,
        description: u.description,
        headers: result.headers,
        cells: u.cells,
        status: 'open',
        createdAt: now,
      }));
      await addOpenItems.mutateAsync({ items, fileName: file.name });
      setDone({ batch, open: items.length, count: batch?.rowCount ?? 0 });
    } catch (e) {
      setFailure({ error: e });
    } finally {
      setBusy(false);
    }
  };

  if (done)
    return (
      <div className="panel notice notice-ok" role="status" data-testid="raw-done">
        <h2>{t('done', { count: done.count.toLocaleString('en'), file: file.name, open: done.open })}</h2>
        <p className="actions">
          <Link className="btn" to={href('/')} data-testid="raw-see-overview">
            {t('seeOverview')}
          </Link>
          <Link className="btn btn-secondary" to={href('/parties')}>
            {t('seeParties')}
          </Link>
        </p>
      </div>
    );

  return (
    <section className="panel raw-import" aria-labelledby="raw-title" data-testid="raw-import">
      <h2 id="raw-title">{t('rawTitle')}</h2>
      {busy && !result && <p role="status">{t('reading', { file: file.name })}</p>}
      {failure && (
        <p className="notice notice-error" role="alert">
          {t('failed', { reason: errorText(failure.error) })}
        </p>
      )}
      {result?.fatal && (
        <div className="notice notice-error" role="alert" data-testid="raw-fatal" data-code={result.fatal.code}>
          <p>{fatalText(result.fatal, locale)}</p>
          <p className="muted">{ti('nothingStored')}</p>
        </div>
      )}
      {(result?.fatal?.code === 'ambiguous-header' || result?.fatal?.code === 'no-header' || raw) && (
        <HeaderRowChoice
          t={t}
          candidates={headerCandidates(result?.fatal?.params)}
          current={headerRow ?? raw?.headerRow}
          onChoose={setHeaderRow}
        />
      )}
      {(result?.fatal?.code === 'missing-side' || raw) && (
        <p className="raw-side">
          <label>
            {t('side')}{' '}
            <select
              value={side ?? raw?.side ?? ''}
              onChange={(e) => setSide((e.target.value || undefined) as TransactionSide | undefined)}
              data-testid="raw-side"
            >
              {!raw && <option value="">—</option>}
              {(['debit', 'credit', 'all'] as const).map((s) => (
                <option key={s} value={s}>
                  {t(`side_${s}`)}
                </option>
              ))}
            </select>
          </label>{' '}
          {raw?.sideInferred && !side && <span className="muted small">({t('sideInferred')})</span>}
        </p>
      )}
      {result?.ambiguity && (
        <div className="notice" role="alert">
          <p>{ambiguityText(result.ambiguity, ti)}</p>
          {result.ambiguity.candidates.map((o) => (
            <button key={o} type="button" className="btn btn-secondary" onClick={() => setDateOrder(o)}>
              {ti(`order_${o}`)}
            </button>
          ))}
        </div>
      )}
      {raw && result && (
        <>
          <p className="file-info small">
            {t('header', {
              row: raw.headerRow,
              sheet: result.sheetName ?? '—',
              kind: t(`kind_${result.workbookKind ?? 'csv'}`),
            })}
          </p>
          <div className="table-scroll">
            <table className="data raw-buckets" data-testid="raw-buckets">
              <thead>
                <tr>
                  <th>{t('bucket')}</th>
                  <th className="num">{t('rows')}</th>
                  <th className="num">{t('total')}</th>
                </tr>
              </thead>
              <tbody>
                {BUCKETS.map((b) => (
                  <tr key={b} data-bucket={b}>
                    <td>{t(`bucket_${b}`)}</td>
                    <td className="num" data-testid={`bucket-${b}-count`}>
                      {raw.buckets[b].count.toLocaleString('en')}
                    </td>
                    <td className="num">{b === 'summary' ? '—' : money(raw.buckets[b].totalMinor)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th>{t('allRows')}</th>
                  <th className="num" data-testid="bucket-all-count">
                    {raw.rows.toLocaleString('en')}
                  </th>
                  <th />
                </tr>
              </tfoot>
            </table>
          </div>
          {raw.basis.map((b) => (
            <p key={b.categoryId} className="small muted" data-testid="raw-basis">
              {t('basis', {
                category: catName(b.categoryId),
                tax: t(`tax_${b.basis.tax}`),
                currency: t(`currency_${b.basis.currency}`),
              })}
            </p>
          ))}
          {result.notices.length > 0 && (
            <ul className="small" data-testid="raw-notices">
              {result.notices.map((n, i) => (
                <li key={i}>{noticeText(n, ti)}</li>
              ))}
            </ul>
          )}
          {raw.perRule.length > 0 && (
            <>
              <h3>{t('perRule')}</h3>
              <div className="table-scroll">
                <table className="data" data-testid="raw-per-rule">
                  <thead>
                    <tr>
                      <th>{t('rule')}</th>
                      <th>{t('category')}</th>
                      <th className="num">{t('rows')}</th>
                      <th className="num">{t('total')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {raw.perRule.map((r) => (
                      <tr key={r.ruleId}>
                        <td>{r.name}</td>
                        <td>{catName(r.categoryId)}</td>
                        <td className="num">{r.count.toLocaleString('en')}</td>
                        <td className="num">{money(r.totalMinor)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {raw.ruleWarnings.length > 0 && (
                <p className="small muted">
                  {t('ruleWarnings', { count: new Set(raw.ruleWarnings.map((w) => w.rule)).size })}
                </p>
              )}
            </>
          )}
          {proposed && (
            <p className="notice notice-ok" role="status" data-testid="raw-proposed">
              {t('proposed')}
            </p>
          )}
          {raw.unclassified.length > 0 && cfg && (
            <>
              <h3>{t('unclassified')}</h3>
              <ul className="raw-unclassified" data-testid="raw-unclassified">
                {raw.unclassified.slice(0, 50).map((u) => (
                  <UnclassifiedItem
                    key={u.row}
                    u={u}
                    headers={result.headers}
                    t={t}
                    money={money}
                    onRule={(column, op, value, categoryId) =>
                      update({
                        ...cfg,
                        rules: [
                          ...cfg.rules,
                          {
                            id: `rule-${Date.now()}`,
                            name: `${column} ${op} ${value}`,
                            categoryId,
                            conditions: [{ column, op, value }],
                          },
                        ],
                      })
                    }
                  />
                ))}
              </ul>
            </>
          )}
          {raw.possible.length > 0 && cfg && (
            <>
              <h3>{t('possible')}</h3>
              <ul data-testid="raw-possible">
                {raw.possible.map((p) => {
                  const entity = cfg.entities.find((e) => e.id === p.possible!.entityId);
                  return (
                    <li key={`${p.name}-${p.code}`}>
                      {t('possibleRow', {
                        name: p.name,
                        count: p.count,
                        total: money(p.totalMinor),
                        entity: entity ? entity.nameZh || entity.nameEn : p.possible!.entityId,
                        reason: t(`reason_${p.possible!.reason}`),
                      })}{' '}
                      <button
                        type="button"
                        className="btn btn-small"
                        onClick={() =>
                          update({
                            ...cfg,
                            entities: cfg.entities.map((e) =>
                              e.id === p.possible!.entityId ? { ...e, aliases: [...e.aliases, p.name] } : e,
                            ),
                          })
                        }
                      >
                        {t('confirm')}
                      </button>{' '}
                      <button
                        type="button"
                        className="btn btn-secondary btn-small"
                        onClick={() =>
                          update({
                            ...cfg,
                            dismissed: [...cfg.dismissed, { name: p.name, entityId: p.possible!.entityId }],
                          })
                        }
                      >
                        {t('dismiss')}
                      </button>
                    </li>
                  );
                })}
              </ul>
            </>
          )}
          {raw.summaries.length > 0 && (
            <>
              <h3>{t('summaries')}</h3>
              <ul className="small" data-testid="raw-summaries">
                {raw.summaries.map((s) => (
                  <li key={s.row} className={s.matches === false ? 'bad' : undefined}>
                    {s.matches === false
                      ? t('summaryBad', {
                          row: s.row,
                          label: s.label,
                          amount: money(s.amountMinor ?? 0n),
                          expected: money(s.expectedMinor ?? 0n),
                        })
                      : s.matches
                        ? t('summaryOk', { row: s.row, label: s.label, amount: money(s.amountMinor ?? 0n) })
                        : t('summaryBalance', { row: s.row, label: s.label })}
                  </li>
                ))}
              </ul>
              {mismatches.length > 0 && (
                <label className="toggle">
                  <input
                    type="checkbox"
                    checked={confirmed}
                    onChange={(e) => setConfirmed(e.target.checked)}
                    data-testid="raw-confirm-totals"
                  />
                  <span>{t('confirmTotals')}</span>
                </label>
              )}
            </>
          )}
          {result.errors.length > 0 && (
            <>
              <h3>{t('unreadable')}</h3>
              <ul className="small" data-testid="raw-errors">
                {result.errors.slice(0, 50).map((e, i) => (
                  <li key={i}>{rowErrorText(e, file.name, ti)}</li>
                ))}
              </ul>
            </>
          )}
          {raw.others.length > 0 && (
            <details>
              <summary>{t('others')}</summary>
              <ul className="small">
                {raw.others.slice(0, 20).map((o) => (
                  <li key={`${o.name}-${o.code}`}>
                    {o.name || o.code}: {o.count} — {money(o.totalMinor)}
                  </li>
                ))}
              </ul>
            </details>
          )}
          {result.duplicateCount > 0 && <p className="warn">{t('dupSkipped', { count: result.duplicateCount })}</p>}
          <p className="actions">
            <button
              type="button"
              className="btn"
              disabled={busy || raw.pendingDateOrder || (mismatches.length > 0 && !confirmed) || raw.rows === 0}
              onClick={() => void commit()}
              data-testid="raw-commit"
            >
              {busy
                ? t('importing')
                : t('importButton', {
                    count: raw.buckets.classified.count.toLocaleString('en'),
                    open: raw.buckets.unclassified.count,
                  })}
            </button>
          </p>
        </>
      )}
    </section>
  );
}

function UnclassifiedItem({
  u,
  headers,
  t,
  money,
  onRule,
}: {
  u: UnclassifiedRow;
  headers: readonly string[];
  t: T;
  money: (m: number) => string;
  onRule: (column: string, op: ConditionOp, value: string, categoryId: string) => void;
}) {
  const dataset = useDataset();
  const name = useBilingual();
  const firstUseful = useMemo(() => {
    const i = headers.findIndex(
      (h, k) => k > 0 && (u.cells[k] ?? '') !== '' && /产品|物料|科目|合同|product|material|account|text/i.test(h),
    );
    return i >= 0 ? i : headers.findIndex((_, k) => (u.cells[k] ?? '') !== '');
  }, [headers, u]);
  const [col, setCol] = useState(Math.max(0, firstUseful));
  const [op, setOp] = useState<ConditionOp>('equals');
  const [value, setValue] = useState(u.cells[Math.max(0, firstUseful)] ?? '');
  const [cat, setCat] = useState(dataset.categories[0]?.id ?? '');
  return (
    <li data-row={u.row}>
      <p>
        <strong>{u.counterparty || u.code}</strong> — {u.description} — {money(u.amountMinor)}{' '}
        <span className="muted small">({u.reference})</span>
      </p>
      <form
        className="rule-from-row"
        aria-label={t('addRuleFrom', { row: u.row })}
        onSubmit={(e) => {
          e.preventDefault();
          onRule(headers[col] ?? '', op, value, cat);
        }}
      >
        <span>{t('when')}</span>
        <select
          aria-label="column"
          value={col}
          onChange={(e) => {
            const k = Number(e.target.value);
            setCol(k);
            setValue(u.cells[k] ?? '');
          }}
        >
          {headers.map((h, k) => (
            <option key={k} value={k}>
              {h}
            </option>
          ))}
        </select>
        <select aria-label="test" value={op} onChange={(e) => setOp(e.target.value as ConditionOp)}>
          {CONDITION_OPS.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
        <input aria-label="value" value={value} onChange={(e) => setValue(e.target.value)} />
        <span>{t('then')}</span>
        <select
          aria-label="category"
          value={cat}
          onChange={(e) => setCat(e.target.value)}
          data-testid={`rule-category-${u.row}`}
        >
          {dataset.categories.map((c) => (
            <option key={c.id} value={c.id}>
              {name(c.name)}
            </option>
          ))}
        </select>
        <button type="submit" className="btn btn-small" data-testid={`rule-from-row-${u.row}`}>
          {t('addRule')}
        </button>
      </form>
    </li>
  );
}

/** The two rows a file offers as its header, from an ambiguous-header refusal; none otherwise. */
function headerCandidates(params: Readonly<Record<string, string | number>> | undefined): number[] {
  const first = Number(params?.['first']);
  const second = Number(params?.['second']);
  return Number.isInteger(first) && Number.isInteger(second) ? [first, second] : [];
}

/**
 * The header row: one button per candidate when two rows look like the header,
 * and a row number for any other choice (a header the reader did not find, or a wrong one).
 */
function HeaderRowChoice({
  t,
  candidates,
  current,
  onChoose,
}: {
  t: T;
  candidates: readonly number[];
  current: number | undefined;
  onChoose: (row: number) => void;
}) {
  const [typed, setTyped] = useState('');
  return (
    <div className="raw-header-choice" data-testid="raw-header-choice">
      {candidates.length > 0 && (
        <p>
          {t('chooseHeader')}{' '}
          {candidates.map((row) => (
            <button
              key={row}
              type="button"
              className="btn btn-secondary"
              onClick={() => onChoose(row)}
              data-testid={`raw-header-${row}`}
            >
              {t('headerRowButton', { row })}
            </button>
          ))}
        </p>
      )}
      <form
        className="raw-header-form"
        onSubmit={(e) => {
          e.preventDefault();
          const row = Number(typed);
          if (Number.isInteger(row) && row >= 1) onChoose(row);
        }}
      >
        <label>
          {t('headerRowLabel')}{' '}
          <input
            type="number"
            min={1}
            step={1}
            inputMode="numeric"
            value={typed}
            placeholder={current === undefined ? '' : String(current)}
            onChange={(e) => setTyped(e.target.value)}
            data-testid="raw-header-row"
          />
        </label>{' '}
        <button type="submit" className="btn btn-secondary">
          {t('headerRowApply')}
        </button>
      </form>
    </div>
  );
}
