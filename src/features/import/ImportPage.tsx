import { startTransition, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import {
  useDataset,
  useLoadRememberedMapping,
  prepareImportSession,
  useOpenImportSession,
  useRememberMapping,
  useRequestPersistence,
} from '../../data/queries';
import type { ImportCheck, LedgerBatchRecord, LedgerImportSession } from '../../data/types';
import { fileSha256 } from '../../data/history';
import { currenciesOf, formatMinorWithCurrency } from '../../domain/currency';
import { importCategoriesFrom } from '../../domain/import/categories';
import type { ImportProgress } from '../../domain/import/protocol';
import type {
  AmountUnit,
  ColumnMapping,
  ColumnRole,
  DateOrder,
  ImportPreview,
  ImportResult,
} from '../../domain/import/types';
import { useBilingual, useLocale, useT } from '../../ui/i18n';
import { useCarriedHref } from '../../ui/links';
import { useFileErrorText } from '../../ui/useFileErrorText';
import { parseInWorker, prewarmImportWorker, previewInWorker } from '../../workers/importClient';
import { BatchList } from './BatchList';
import { CompleteThroughProposal } from './CompleteThroughProposal';
import { rawRoleOfHeader } from '../../domain/import/rawColumns';
import { RawImport } from './RawImport';
import { rawMessages } from './rawMessages';
import {
  ambiguityText,
  DuplicateList,
  ErrorTable,
  FatalMessage,
  noticeText,
  OptionsBar,
  PreviewTable,
} from './ImportParts';
import { importMessages } from './messages';
import './import.css';

/** Most data rows one file may hold (the million-row benchmark file fits with room to spare). */
export const IMPORT_MAX_ROWS = 2_000_000;

/**
 * Headings the import recognises (src/domain/import/columns.ts), named under the drop zone so
 * finance staff know before choosing a file that an ERP export headed in Chinese is read as
 * it is (a unit test holds them to what the parser reads).
 */
export const KNOWN_HEADINGS: readonly (readonly [string, string])[] = [
  ['日期', 'Date'],
  ['金额', 'Amount'],
  ['类别', 'Category'],
  ['发票号', 'Invoice No.'],
];

/** Marks on the performance timeline (read by the benchmark; harmless otherwise). */
function mark(name: string): void {
  try {
    performance.mark(`headroom:import:${name}`);
  } catch {
    // No User Timing API.
  }
}

type Stage = 'idle' | 'previewing' | 'parsing' | 'checking' | 'ready' | 'committing' | 'done';

interface Choices {
  mapping: ColumnMapping;
  /**
   * Where the mapping came from. A guess is not sent to the parser, which
   * guesses again over the whole file and refuses ambiguous headers (two
   * columns both headed 金额) instead of silently picking one.
   */
  mappingFrom: 'guess' | 'remembered' | 'user';
  unit: AmountUnit;
  dateOrder: DateOrder | undefined;
  defaultCategoryId: string;
  sheetName: string | undefined;
}

function hasRole(mapping: ColumnMapping, role: ColumnRole): boolean {
  return mapping.includes(role);
}

/**
 * Upload flow: choose or drop a file → preview and guessed mapping (worker) →
 * full parse in the worker with progress → errors, duplicates and the date
 * question → Import stores every kept row as one batch in one transaction.
 */
export function ImportPage() {
  const t = useT(importMessages);
  // The workers' scripts load while the user picks a file.
  useEffect(() => {
    prewarmImportWorker();
    prepareImportSession();
  }, []);
  const locale = useLocale();
  const name = useBilingual();
  const href = useCarriedHref();
  const dataset = useDataset();
  const openImportSession = useOpenImportSession();
  const loadRememberedMapping = useLoadRememberedMapping();
  const rememberMapping = useRememberMapping();
  const persist = useRequestPersistence();
  const [params] = useSearchParams();
  const limitParam = Number(params.get('maxRows'));
  // ?maxRows= lowers the limit (never raises it), e.g. to try the too-many-rows check.
  const maxRows =
    Number.isInteger(limitParam) && limitParam > 0 ? Math.min(limitParam, IMPORT_MAX_ROWS) : IMPORT_MAX_ROWS;
  const categories = useMemo(() => importCategoriesFrom(dataset.categories), [dataset]);
  const categoryOptions = useMemo(
    () => dataset.categories.map((c) => ({ id: c.id, label: name(c.name) })),
    [dataset, name],
  );

  const [stage, setStage] = useState<Stage>('idle');
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [choices, setChoices] = useState<Choices | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [check, setCheck] = useState<ImportCheck | null>(null);
  const [skipDuplicates, setSkipDuplicates] = useState(true);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  // A team server's refusal (e.g. an import its file reader refused) in the user's language.
  const errorText = useFileErrorText();
  const [done, setDone] = useState<LedgerBatchRecord | null>(null);
  const [doneCategories, setDoneCategories] = useState<readonly string[]>([]);
  const [dragging, setDragging] = useState(false);
  /** Raw ERP ledger mode: every customer or supplier, classified by the connected persons and rules. */
  const [raw, setRawState] = useState(false);
  const rawRef = useRef(false);
  const setRaw = (on: boolean) => {
    rawRef.current = on;
    setRawState(on);
  };
  const tr = useT(rawMessages);
  /** Generation of the file being handled (a new file or a reset ends the old one's work). */
  const fileJob = useRef(0);
  /** Generation of the parse / commit in flight. */
  const job = useRef(0);
  const abort = useRef<AbortController | null>(null);
  const lastResult = useRef<ImportResult | null>(null);
  /** The accepted rows held by the ledger worker for the duplicate check and the commit. */
  const session = useRef<LedgerImportSession | null>(null);
  const dropSession = () => {
    session.current?.abort();
    session.current = null;
  };
  const inputRef = useRef<HTMLInputElement>(null);

  const reset = () => {
    fileJob.current++;
    job.current++;
    lastResult.current = null;
    dropSession();
    abort.current?.abort();
    setStage('idle');
    setFile(null);
    setPreview(null);
    setChoices(null);
    setResult(null);
    setCheck(null);
    setProgress(null);
    setFailure(null);
    setDone(null);
  };

  const parse = async (f: File, c: Choices) => {
    const id = ++job.current;
    abort.current?.abort();
    const ctrl = new AbortController();
    abort.current = ctrl;
    setStage('parsing');
    dropSession();
    setResult(null);
    setCheck(null);
    setFailure(null);
    setProgress({ phase: 'reading', fraction: 0 });
    mark('parse-start');
    try {
      const needsDefault = !hasRole(c.mapping, 'category');
      const r = await parseInWorker(
        f,
        {
          fileName: f.name,
          ...(c.mappingFrom === 'guess' ? {} : { mapping: c.mapping }),
          unit: c.unit,
          maxRows,
          categories,
          ...(c.dateOrder ? { dateOrder: c.dateOrder } : {}),
          ...(needsDefault && c.defaultCategoryId ? { defaultCategoryId: c.defaultCategoryId } : {}),
          ...(c.sheetName ? { sheetName: c.sheetName } : {}),
        },
        (p) => {
          if (job.current === id) setProgress(p);
        },
        ctrl.signal,
      );
      if (job.current !== id) return;
      mark('parsed');
      lastResult.current = r;
      setResult(r);
      // Show the mapping the parser applied (its own guess over all rows).
      if (c.mappingFrom === 'guess' && !r.fatal && r.mapping.length)
        setChoices((prev) => (prev ? { ...prev, mapping: r.mapping } : prev));
      if (!r.fatal && !r.ambiguity && r.accepted.length > 0) {
        setStage('checking');
        const a = r.accepted;
        // The rows move to the ledger worker (typed arrays transferred): from
        // here on the page uses only the check's answers.
        const held = openImportSession(r.categoryIds);
        session.current = held;
        await held.append({
          length: a.length,
          day: a.day,
          category: a.category,
          amountMinor: a.amountMinor,
          reference: a.reference,
          description: a.description,
          rowNumber: a.rowNumber,
          duplicateOf: a.duplicateOf,
        });
        if (job.current !== id) return;
        const c = await held.check();
        if (job.current !== id) return;
        mark('checked');
        setCheck(c);
      }
      setStage('ready');
    } catch (err) {
      if (job.current !== id || ctrl.signal.aborted) return;
      setFailure(t('workerFailed', { reason: err instanceof Error ? err.message : String(err) }));
      setStage('ready');
    }
  };

  const start = async (f: File, sheetName?: string) => {
    reset();
    const fid = fileJob.current;
    setFile(f);
    if (rawRef.current) {
      // RawImport reads the file itself.
      setStage('ready');
      return;
    }
    // The full parse starts at once with the parser's own guess, in parallel
    // with the preview (two workers, two cores); it restarts only when the
    // preview's header layout has a remembered mapping.
    const guess: Choices = {
      mapping: [],
      mappingFrom: 'guess',
      unit: 'yuan',
      dateOrder: undefined,
      defaultCategoryId: '',
      sheetName,
    };
    void parse(f, guess);
    try {
      const p = await previewInWorker(f, { fileName: f.name, categories, ...(sheetName ? { sheetName } : {}) });
      if (fileJob.current !== fid) return;
      mark('previewed');
      setPreview(p);
      if (p.fatal) return;
      // No category column but customers / suppliers or debit and credit: a raw ERP ledger.
      const rawRoles = p.headers.map(rawRoleOfHeader);
      if (
        !p.guessedMapping.includes('category') &&
        (rawRoles.includes('counterparty') || rawRoles.includes('counterpartyCode') || rawRoles.includes('debit'))
      ) {
        job.current++;
        abort.current?.abort();
        dropSession();
        setRaw(true);
        setStage('ready');
        setResult(null);
        return;
      }
      const remembered = await loadRememberedMapping(p.headerLayoutKey);
      if (fileJob.current !== fid) return;
      if (remembered && remembered.mapping.length === p.headers.length) {
        const c: Choices = {
          mapping: remembered.mapping,
          mappingFrom: 'remembered',
          unit: remembered.unit,
          dateOrder: remembered.dateOrder,
          defaultCategoryId: remembered.defaultCategoryId ?? '',
          sheetName: sheetName ?? p.sheetName,
        };
        setChoices(c);
        await parse(f, c);
        return;
      }
      const r = lastResult.current;
      const shown: Choices = {
        ...guess,
        mapping: r && !r.fatal && r.mapping.length ? r.mapping : p.guessedMapping,
        sheetName: sheetName ?? p.sheetName,
      };
      // The preview panel renders in slices React can interrupt: it arrives while the
      // full parse holds both cores, and one unsliced render of it was 20–40 ms there.
      startTransition(() => setChoices(shown));
    } catch (err) {
      if (fileJob.current !== fid) return;
      setFailure(t('workerFailed', { reason: err instanceof Error ? err.message : String(err) }));
      setStage('ready');
    }
  };

  const change = (patch: Partial<Choices>) => {
    if (!file || !choices) return;
    const next = { ...choices, ...patch };
    setChoices(next);
    void parse(file, next);
  };

  const onRole = (col: number, role: ColumnRole) => {
    if (!choices || !preview) return;
    const width = Math.max(preview.headers.length, choices.mapping.length, col + 1);
    const m: ColumnRole[] = Array.from({ length: width }, (_, i) => choices.mapping[i] ?? 'ignore');
    // Each role belongs to one column: taking it from another column frees that one.
    if (role !== 'ignore') for (let i = 0; i < m.length; i++) if (m[i] === role) m[i] = 'ignore';
    m[col] = role;
    change({ mapping: m, mappingFrom: 'user' });
  };

  // What Import would store, with or without the duplicates (counted by the ledger worker).
  const plan = useMemo(() => {
    if (!result || result.fatal || result.ambiguity) return null;
    // Nothing accepted (every row has an error): nothing to check, nothing to import.
    if (!check) return result.accepted.length === 0 ? { duplicates: 0, count: 0, total: 0n } : null;
    const duplicates = check.plan.skipping.skipped;
    const chosen = skipDuplicates && duplicates > 0 ? check.plan.skipping : check.plan.all;
    return { duplicates, count: chosen.count, total: chosen.totalMinor };
  }, [result, check, skipDuplicates]);

  // The currencies of the categories the accepted rows fall in: a total is only stated within one currency.
  // The ledger worker lists those categories (the rows' arrays were handed to it, not looped over here).
  const planCurrencies = useMemo(() => {
    if (!result || result.fatal) return [];
    return currenciesOf(dataset, check?.categoriesUsed ?? []);
  }, [result, check, dataset]);

  const commit = async () => {
    if (!result || !plan || !file || plan.count === 0) return;
    const id = ++job.current;
    setStage('committing');
    setFailure(null);
    mark('commit-start');
    try {
      if (!session.current) throw new Error('The import was reset; choose the file again.');
      const batch = await session.current.commit(
        // One change-history record for the whole import (batch, rows, totals, the file's SHA-256), stored with it.
        {
          fileName: file.name,
          fileSha256: result.fileSha256 ?? (await fileSha256(file)),
          rejectedRows: result.errorCount,
          format: result.format,
        },
        { skipDuplicates, onProgress: () => mark('writing') },
      );
      session.current = null;
      if (choices && preview) {
        await rememberMapping.mutateAsync({
          headerLayoutKey: preview.headerLayoutKey,
          remembered: {
            mapping: choices.mapping,
            unit: choices.unit,
            ...(choices.dateOrder ? { dateOrder: choices.dateOrder } : {}),
            ...(choices.defaultCategoryId ? { defaultCategoryId: choices.defaultCategoryId } : {}),
          },
        });
      }
      mark('committed');
      if (job.current !== id) return;
      setDone(batch);
      setDoneCategories(check?.categoriesUsed ?? []);
      setResult(null);
      setCheck(null);
      setStage('done');
      persist.mutate();
    } catch (err) {
      if (job.current !== id) return;
      setFailure(t('commitFailed', { reason: errorText(err) }));
      setStage('ready');
    }
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const f = e.dataTransfer.files?.[0];
    if (f) void start(f);
  };

  const fatal = preview?.fatal ?? result?.fatal ?? null;
  const busy = stage === 'previewing' || stage === 'parsing' || stage === 'checking' || stage === 'committing';
  const needsDefaultCategory = !!choices && !hasRole(choices.mapping, 'category');
  const pct = progress ? Math.round(progress.fraction * 100) : 0;

  const infoLine = (info: ImportPreview | ImportResult) => {
    if (info.format === 'xlsx') return t('fileInfoXlsx', { file: info.fileName, sheet: info.sheetName ?? '' });
    const delim =
      info.delimiter === ';' ? t('delimSemicolon') : info.delimiter === '\t' ? t('delimTab') : t('delimComma');
    return t('fileInfoCsv', {
      file: info.fileName,
      encoding: (info.encoding ?? '').toUpperCase(),
      bom: info.bom ? t('withBom') : '',
      delimiter: delim,
    });
  };

  return (
    <section className="page import-page">
      <h1>{t('title')}</h1>
      <p className="lede">{t('lede')}</p>

      {stage !== 'done' && (
        <div
          className={`dropzone${dragging ? ' dragging' : ''}${file ? ' compact' : ''}`}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
          data-testid="import-dropzone"
        >
          <p className="drop-title">{t('drop')}</p>
          <p>
            <span className="muted">{t('or')} </span>
            <label className="btn file-button">
              {t('choose')}
              <input
                ref={inputRef}
                type="file"
                className="visually-hidden"
                accept=".csv,.txt,.tsv,.xlsx,.xls,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                onChange={(e) => {
                  const f = e.target.files?.[0];
                  e.target.value = '';
                  if (f) void start(f);
                }}
                data-testid="import-file-input"
              />
            </label>
          </p>
          <p className="hint">
            {t('accepted')} {t('limitNote', { limit: maxRows.toLocaleString('en') })}
          </p>
          <p className="hint" data-testid="import-headings">
            {t('headingsKnown')}{' '}
            {KNOWN_HEADINGS.map(([zh, en], i) => (
              <span key={zh} className="heading-pair">
                {i > 0 && ' · '}
                <b>{zh}</b> / <b>{en}</b>
              </span>
            ))}
          </p>
        </div>
      )}

      <label className="toggle raw-toggle">
        <input
          type="checkbox"
          checked={raw}
          onChange={(e) => {
            const on = e.target.checked;
            setRaw(on);
            if (!on && file) void start(file);
          }}
          data-testid="raw-mode"
        />
        <span>{tr('rawMode')}</span>
      </label>
      {raw && file && (
        <RawImport
          key={`${file.name}-${file.size}-${file.lastModified}`}
          file={file}
          sheetName={choices?.sheetName}
          maxRows={maxRows}
        />
      )}

      {!raw && busy && (
        <div className="panel import-progress" role="status" aria-live="polite" data-testid="import-progress">
          {stage === 'previewing' && <p>{t('reading', { file: file?.name ?? '' })}</p>}
          {stage === 'parsing' && progress && (
            <>
              <p>
                {t(`phase_${progress.phase}`)} — {t('percent', { pct })}
              </p>
              <progress max={100} value={pct} aria-label={t(`phase_${progress.phase}`)} />
            </>
          )}
          {stage === 'checking' && <p>{t('checkingStored')}</p>}
          {stage === 'committing' && plan && <p>{t('importing', { count: plan.count.toLocaleString('en') })}</p>}
        </div>
      )}

      {failure && (
        <div className="notice notice-error" role="alert" data-testid="import-failure">
          <p>{failure}</p>
          <p className="muted">{t('nothingStored')}</p>
        </div>
      )}
      {fatal && !(raw && !preview?.fatal) && <FatalMessage fatal={fatal} t={t} />}

      {stage === 'done' && done && (
        <div className="panel notice notice-ok" role="status" data-testid="import-done">
          <h2>
            {done.rowCount === 1
              ? t('doneOne', { file: done.fileName })
              : t('done', { count: done.rowCount.toLocaleString('en'), file: done.fileName })}
          </h2>
          <p>
            {t('doneDetail', {
              batch: done.id,
              skipped: done.skippedDuplicates.toLocaleString('en'),
              rejected: done.rejectedRows.toLocaleString('en'),
            })}
          </p>
          <CompleteThroughProposal dataset={dataset} categoryIds={doneCategories} maxDay={done.maxDay} />
          <p className="actions">
            <Link className="btn" to={href('/')} data-testid="import-see-overview">
              {t('seeOverview')}
            </Link>
            <Link className="btn btn-secondary" to={href('/transactions')}>
              {t('seeTransactions')}
            </Link>
            <button type="button" className="btn btn-secondary" onClick={reset}>
              {t('importAnother')}
            </button>
          </p>
        </div>
      )}

      {!raw && preview && !preview.fatal && choices && stage !== 'done' && (
        <section className="panel" aria-labelledby="preview-title">
          <h2 id="preview-title">{t('previewTitle')}</h2>
          <p className="file-info" data-testid="import-file-info">
            {infoLine(result ?? preview)}
          </p>
          <p className="hint">{t('previewHint')}</p>
          <OptionsBar
            unit={choices.unit}
            onUnit={(unit) => change({ unit })}
            dateOrder={choices.dateOrder}
            onDateOrder={(dateOrder) => change({ dateOrder })}
            needsDefaultCategory={needsDefaultCategory}
            defaultCategoryId={choices.defaultCategoryId}
            onDefaultCategory={(defaultCategoryId) => change({ defaultCategoryId })}
            categories={categoryOptions}
            sheetNames={preview.sheetNames}
            sheet={choices.sheetName}
            onSheet={(s) => file && void start(file, s)}
            t={t}
          />
          {needsDefaultCategory && !choices.defaultCategoryId && <p className="error-text">{t('needCategory')}</p>}
          <PreviewTable preview={preview} mapping={choices.mapping} onRole={onRole} t={t} />
        </section>
      )}

      {!raw && result && result.ambiguity && stage === 'ready' && (
        <fieldset className="panel ambiguity" data-testid="import-ambiguity">
          <legend>{t('ambiguityTitle')}</legend>
          <p>{ambiguityText(result.ambiguity, t)}</p>
          {result.ambiguity.conflict && <p className="muted">{t('ambiguityConflict')}</p>}
          <ul className="samples">
            {result.ambiguity.samples.map((s) => (
              <li key={s.row}>{t('ambiguitySample', { row: s.row, text: s.text })}</li>
            ))}
          </ul>
          <div className="choice-row">
            {result.ambiguity.candidates.map((o) => (
              <button
                key={o}
                type="button"
                className="btn btn-secondary"
                onClick={() => change({ dateOrder: o })}
                data-testid={`date-order-${o}`}
              >
                {t(`order_${o}`)}
              </button>
            ))}
          </div>
        </fieldset>
      )}

      {!raw &&
        result &&
        !result.fatal &&
        !result.ambiguity &&
        (stage === 'ready' || stage === 'committing' || stage === 'checking') &&
        plan && (
          <section className="panel import-summary" aria-labelledby="summary-title" data-testid="import-summary">
            <h2 id="summary-title">{t('summaryTitle')}</h2>
            <ul className="summary-list">
              <li>{t('rowsRead', { count: result.rowCount.toLocaleString('en') })}</li>
              <li>{t('rowsAccepted', { count: result.accepted.length.toLocaleString('en') })}</li>
              {result.errorCount > 0 && (
                <li className="bad">{t('rowsErrors', { count: result.errorCount.toLocaleString('en') })}</li>
              )}
              {result.duplicateCount > 0 && (
                <li className="warn">{t('dupInFile', { count: result.duplicateCount.toLocaleString('en') })}</li>
              )}
              {check && check.stored.count > 0 && (
                <li className="warn">{t('dupStored', { count: check.stored.count.toLocaleString('en') })}</li>
              )}
            </ul>
            {result.notices.length > 0 && (
              <div className="notices">
                <h3>{t('notices')}</h3>
                <ul>
                  {result.notices.map((n, i) => (
                    <li key={i}>{noticeText(n, t)}</li>
                  ))}
                </ul>
              </div>
            )}
            {plan.duplicates > 0 && (
              <label className="toggle">
                <input
                  type="checkbox"
                  checked={skipDuplicates}
                  onChange={(e) => setSkipDuplicates(e.target.checked)}
                  data-testid="skip-duplicates"
                />
                <span>{t('skipDuplicates')}</span>
              </label>
            )}
            <p className="will-import" data-testid="import-plan">
              {planCurrencies.length > 1
                ? t('willImportMixed', { count: plan.count.toLocaleString('en') })
                : t(plan.count === 1 ? 'willImportOne' : 'willImport', {
                    count: plan.count.toLocaleString('en'),
                    total: formatMinorWithCurrency(plan.total, planCurrencies[0] ?? 'RMB', locale),
                  })}
            </p>
            <p className="actions">
              <button
                type="button"
                className="btn"
                onClick={() => void commit()}
                disabled={
                  stage !== 'ready' || plan.count === 0 || (needsDefaultCategory && !choices?.defaultCategoryId)
                }
                data-testid="import-commit"
              >
                {stage === 'committing'
                  ? t('importing', { count: plan.count.toLocaleString('en') })
                  : plan.count === 1
                    ? t('importButtonOne')
                    : t('importButton', { count: plan.count.toLocaleString('en') })}
              </button>
              <button
                type="button"
                className="btn btn-secondary"
                onClick={() => {
                  reset();
                  inputRef.current?.click();
                }}
                disabled={stage === 'committing'}
              >
                {t('cancel')}
              </button>
            </p>
            <ErrorTable result={result} t={t} />
            <DuplicateList result={result} stored={check?.stored ?? null} t={t} />
          </section>
        )}

      <BatchList />
    </section>
  );
}
