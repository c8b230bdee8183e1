import { useMemo, useState } from 'react';
import {
  filterHistory,
  HISTORY_KINDS,
  type HistoryRecord,
  parseHeadText,
  type VerifyResult,
} from '../../domain/history/chain';
import { useHistory, useSaveUserName, useUserName, useVerifyHistory } from '../../data/history';
import { useErrorText, useT } from '../../ui/i18n';
import { DataTable } from '../../ui/components/DataTable';
import { TableExportButtons } from '../../ui/export/ExportButtons';
import { saveBlob } from '../../ui/export/download';
import type { ExportTable } from '../../ui/export/table';
import { todayIso } from '../../domain/dates';
import { historyMessages } from './messages';
import './history.css';

/** Loosely typed translator: keys built at run time (codes, kinds) are checked by the catalogue's tests of shape. */
type T = (key: string, vars?: Record<string, string | number>) => string;

function kindLabel(t: T, kind: string): string {
  const key = `k_${kind}` as keyof (typeof historyMessages)['en'];
  return key in historyMessages.en ? t(key) : kind;
}

/** A record's before/after: short text inline, longer JSON folded with the whole value inside. */
function JsonCell({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <>—</>;
  const s = typeof value === 'string' ? value : JSON.stringify(value);
  if (s.length <= 120) return <>{s}</>;
  return (
    <details>
      <summary>{`${s.slice(0, 117)}…`}</summary>
      <pre>{JSON.stringify(value, null, 1)}</pre>
    </details>
  );
}

function VerifyMessage({ t, result }: { t: T; result: VerifyResult }) {
  if (result.ok)
    return (
      <p className="field-ok" role="status" data-testid="verify-result">
        {t('verifyOk', { count: result.head.count, hash: result.head.hash })}
      </p>
    );
  const f = result.failure!;
  return (
    <p className="field-error" role="alert" data-testid="verify-result">
      {t('verifyBad', { seq: f.seq, reason: t(`reason_${f.reason}`) })}
    </p>
  );
}

/** /history: the append-only change history, its head, verification, filters and export. */
export function HistoryPage() {
  const errorText = useErrorText();
  const t = useT(historyMessages) as unknown as T;
  const history = useHistory();
  const user = useUserName();
  const saveUser = useSaveUserName();
  const verify = useVerifyHistory();
  const [name, setName] = useState<string | null>(null);
  const [pasted, setPasted] = useState('');
  const [pasteError, setPasteError] = useState(false);
  const [kind, setKind] = useState('');
  const [who, setWho] = useState('');
  const [text, setText] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const records = useMemo(() => history.data ?? [], [history.data]);
  const shown = useMemo(
    () => filterHistory(records, { kinds: kind ? [kind] : [], who, text, from, to }).reverse(),
    [records, kind, who, text, from, to],
  );
  if (history.isPending) return <section className="page">{t('loading')}</section>;
  const head = records.at(-1);
  const toTable = (): ExportTable => ({
    name: t('sheet'),
    columns: [
      { header: t('colSeq'), kind: 'number' },
      { header: t('colWhen'), kind: 'text', width: 26 },
      { header: t('colWho'), kind: 'text', width: 18 },
      { header: t('colKind'), kind: 'text', width: 24 },
      { header: t('colSubject'), kind: 'text', width: 24 },
      { header: t('colBefore'), kind: 'text', width: 60 },
      { header: t('colAfter'), kind: 'text', width: 60 },
      { header: 'prevHash', kind: 'text', width: 66 },
      { header: t('colHash'), kind: 'text', width: 66 },
    ],
    rows: [...shown]
      .reverse()
      .map((r) => [
        r.seq,
        r.at,
        r.who,
        kindLabel(t, r.kind),
        r.subject,
        JSON.stringify(r.before),
        JSON.stringify(r.after),
        r.prevHash,
        r.hash,
      ]),
  });
  const exportJson = () => {
    const list: HistoryRecord[] = [...shown].reverse();
    saveBlob(
      new Blob([`${JSON.stringify({ format: 'headroom-history', version: 1, records: list }, null, 2)}\n`], {
        type: 'application/json',
      }),
      `headroom-history-${todayIso()}.json`,
    );
  };
  const currentName = name ?? user.data ?? '';
  return (
    <section className="page history-page" data-testid="history-page">
      <div className="page-head">
        <h1>{t('title')}</h1>
      </div>
      <p className="lede">{t('lede')}</p>

      <div className="history-grid">
        <form
          className="panel history-user"
          onSubmit={(e) => {
            e.preventDefault();
            saveUser.mutate(currentName);
          }}
        >
          <label className="field">
            <span>{t('you')}</span>
            <input
              value={currentName}
              onChange={(e) => setName(e.target.value)}
              maxLength={80}
              data-testid="user-name"
              autoComplete="name"
            />
          </label>
          <p className="small muted">{user.data ? t('youHint') : t('youNotSet')}</p>
          <button type="submit" className="btn btn-small" disabled={saveUser.isPending || !currentName.trim()}>
            {t('save')}
          </button>
          {saveUser.isSuccess && <span className="field-ok">{t('saved')}</span>}
          {saveUser.error && <p className="field-error">{errorText(saveUser.error)}</p>}
        </form>

        <div className="panel history-head" data-testid="history-head">
          <p>
            <strong>{t('head')}</strong> · {t('records', { count: records.length })}
          </p>
          <code className="hash">{head?.hash}</code>
          <div className="history-actions">
            <button
              type="button"
              className="btn btn-small"
              onClick={() => verify.mutate(undefined)}
              data-testid="verify"
            >
              {t('verify')}
            </button>
          </div>
          <label className="field">
            <span>{t('pasteHead')}</span>
            <input
              value={pasted}
              onChange={(e) => {
                setPasted(e.target.value);
                setPasteError(false);
              }}
              placeholder="12 records · 3f5a…"
              data-testid="paste-head"
            />
          </label>
          <p className="small muted">{t('pasteHint')}</p>
          <button
            type="button"
            className="btn btn-secondary btn-small"
            onClick={() => {
              const parsed = parseHeadText(pasted);
              if (!parsed) setPasteError(true);
              else verify.mutate(parsed);
            }}
            data-testid="verify-against"
          >
            {t('verifyAgainst')}
          </button>
          {pasteError && <p className="field-error">{t('pasteInvalid')}</p>}
          {verify.data && <VerifyMessage t={t} result={verify.data} />}
        </div>
      </div>

      <fieldset className="panel history-filters">
        <legend>{t('filters')}</legend>
        <label className="field">
          <span>{t('kind')}</span>
          <select value={kind} onChange={(e) => setKind(e.target.value)} data-testid="filter-kind">
            <option value="">{t('allKinds')}</option>
            {HISTORY_KINDS.map((k) => (
              <option key={k} value={k}>
                {kindLabel(t, k)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('who')}</span>
          <input value={who} onChange={(e) => setWho(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('text')}</span>
          <input value={text} onChange={(e) => setText(e.target.value)} data-testid="filter-text" />
        </label>
        <label className="field">
          <span>{t('from')}</span>
          <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('to')}</span>
          <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
      </fieldset>

      <div className="history-toolbar">
        <p className="small muted" data-testid="history-count">
          {t('showing', { shown: shown.length, count: records.length })}
        </p>
        <TableExportButtons
          table={toTable}
          fileStem={`headroom-history-${todayIso()}`}
          what={t('exportWhat')}
          asOf={todayIso()}
          sourceLine={t('source')}
          currencies={['RMB']}
        />
        <button type="button" className="btn btn-secondary btn-small" onClick={exportJson}>
          {t('exportJson')}
        </button>
      </div>

      <DataTable
        rows={shown}
        rowKey={(r) => r.seq}
        rowAttrs={(r) => ({ 'data-kind': r.kind })}
        className="compact history-table"
        testId="history-table"
        columns={[
          { key: 'seq', header: t('colSeq'), num: true, cell: (r) => r.seq },
          { key: 'at', header: t('colWhen'), cellClass: 'nowrap', cell: (r) => r.at.replace('T', ' ').slice(0, 19) },
          { key: 'who', header: t('colWho'), cell: (r) => r.who || <span className="muted">{t('unnamed')}</span> },
          { key: 'kind', header: t('colKind'), cell: (r) => kindLabel(t, r.kind) },
          { key: 'subject', header: t('colSubject'), cellClass: 'mono', cell: (r) => r.subject },
          { key: 'before', header: t('colBefore'), cellClass: 'mono json', cell: (r) => <JsonCell value={r.before} /> },
          { key: 'after', header: t('colAfter'), cellClass: 'mono json', cell: (r) => <JsonCell value={r.after} /> },
          {
            key: 'hash',
            header: t('colHash'),
            cellClass: 'mono',
            cell: (r) => <span title={r.hash}>{r.hash.slice(0, 12)}…</span>,
          },
        ]}
      />
    </section>
  );
}
