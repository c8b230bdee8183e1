import { useEffect, useState, type ReactNode } from 'react';
import { serialDateText } from '../../domain/import/values';
import type {
  AmountUnit,
  ColumnMapping,
  ColumnRole,
  DateOrder,
  DateOrderAmbiguity,
  FatalError,
  ImportNotice,
  ImportPreview,
  ImportResult,
  RowError,
} from '../../domain/import/types';
import type { StoredDuplicates } from '../../data/types';
import { type TranslateFor, useLocale } from '../../ui/i18n';
import { fatalText } from '../../ui/messages/importFatal';
import { importMessages } from './messages';

export type T = TranslateFor<typeof importMessages>;

export const ROLES: readonly ColumnRole[] = ['date', 'category', 'amount', 'reference', 'description', 'ignore'];
export const UNITS: readonly AmountUnit[] = ['yuan', 'thousand', 'million'];

function columnLetter(index: number): string {
  let s = '';
  let n = index + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/**
 * A row error in the reader's language, from its code and values: file, row,
 * column (letter and header), the cell's text when there is one, the problem.
 */
export function rowErrorText(e: RowError, fileName: string, t: T): string {
  const problem = t(`row_${e.code}`);
  if (!e.column) return t('errorAtRow', { file: fileName, row: e.row, problem });
  const at = { file: fileName, row: e.row, letter: e.column.letter, header: e.column.header, problem };
  return e.value ? t('errorAtCellValue', { ...at, value: e.value }) : t('errorAtCell', at);
}

/** A notice in the reader's language; the order names come from the same catalogue as the buttons. */
export function noticeText(n: ImportNotice, t: T): string {
  const p = n.params ?? {};
  if (n.code === 'date-order-inferred') {
    const order = p['order'] === 'mdy' ? 'mdy' : p['order'] === 'ymd' ? 'ymd' : 'dmy';
    return t('notice_date-order-inferred', { order: t(`order_${order}`), row: p['row'] ?? '', text: p['text'] ?? '' });
  }
  const v = (k: string) => p[k] ?? '';
  switch (n.code) {
    case 'header-row-skipped':
      return t('notice_header-row-skipped', { row: v('row'), skipped: v('skipped') });
    case 'no-header-row':
      return t('notice_no-header-row', { row: v('row') });
    case 'blank-rows-skipped':
      return t('notice_blank-rows-skipped', { count: v('count') });
    case 'outside-term':
      return t('notice_outside-term', { count: v('count'), row: v('row') });
  }
}

/** The date-order question, from its samples (the rows that only fit one order, or the first that fit both). */
export function ambiguityText(a: DateOrderAmbiguity, t: T): string {
  const [first, second] = a.samples;
  if (a.conflict && first && second)
    return t('ambiguityDisagree', { rowA: first.row, textA: first.text, rowB: second.row, textB: second.text });
  return t('ambiguityEither', { row: first?.row ?? '', text: first?.text ?? '' });
}

export function FatalMessage({ fatal, t }: { fatal: FatalError; t: T }) {
  const locale = useLocale();
  return (
    <div className="notice notice-error" role="alert" data-testid="import-fatal" data-code={fatal.code}>
      <h2>{t('fatalTitle')}</h2>
      {/* The whole sentence in the reader's language: file, row, column and what was found (limits, sheets, columns). */}
      <p className="fatal-message">{fatalText(fatal, locale)}</p>
      <p className="muted">{t('nothingStored')}</p>
    </div>
  );
}

/**
 * Rows of the preview laid out frame by frame: none with the panel and the column
 * headings, then the first rows, then the rest.
 */
const PREVIEW_ROW_STEPS = [0, 8, Infinity] as const;

/** The preview: header cells with a role selector each, then the first rows as plain text. */
export function PreviewTable({
  preview,
  mapping,
  onRole,
  t,
}: {
  preview: ImportPreview;
  mapping: ColumnMapping;
  onRole: (col: number, role: ColumnRole) => void;
  t: T;
}) {
  const width = Math.max(preview.headers.length, ...preview.rows.map((r) => r.cells.length));
  const cols = Array.from({ length: width }, (_, i) => i);
  // The panel, the first rows and the rest are laid out in three frames: the preview
  // appears while the full parse keeps both cores busy, where one layout of the whole
  // table was a main-thread task of 50–95 ms, and of the panel with its first rows 50–80 ms.
  const [step, setStep] = useState(0);
  const rowsShown = PREVIEW_ROW_STEPS[step] ?? Infinity;
  useEffect(() => {
    if (rowsShown >= preview.rows.length) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => (timer = setTimeout(() => setStep((s) => s + 1), 0)));
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [rowsShown, preview.rows.length]);
  return (
    <div className="table-scroll preview-scroll">
      <table className="data preview-table" data-testid="import-preview">
        <thead>
          <tr className="role-row">
            <th scope="col" className="rowno">
              {t('rowNo')}
            </th>
            {cols.map((c) => (
              <th key={c} scope="col">
                <label className="role-select">
                  <span className="col-letter">{columnLetter(c)}</span>
                  <select
                    value={mapping[c] ?? 'ignore'}
                    onChange={(e) => onRole(c, e.target.value as ColumnRole)}
                    aria-label={t('columnRole', { letter: columnLetter(c), header: preview.headers[c] ?? '' })}
                    data-testid={`role-${c}`}
                    className={`role role-${mapping[c] ?? 'ignore'}`}
                  >
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {t(`role_${r}`)}
                      </option>
                    ))}
                  </select>
                </label>
              </th>
            ))}
          </tr>
          <tr>
            <th scope="col" className="rowno">
              1
            </th>
            {cols.map((c) => (
              <th key={c} scope="col" className="header-cell">
                {preview.headers[c] ?? ''}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {preview.rows.slice(0, rowsShown).map((r) => (
            <tr key={r.row}>
              <th scope="row" className="rowno">
                {r.row}
              </th>
              {cols.map((c) => {
                const text = r.cells[c] ?? '';
                // Spreadsheet date cells arrive as serial numbers; show the date they mean.
                const serial = mapping[c] === 'date' ? serialDateText(text) : null;
                return (
                  <td key={c} className={`cell-text${(mapping[c] ?? 'ignore') === 'ignore' ? ' ignored' : ''}`}>
                    {serial ? (
                      <>
                        {serial} <span className="muted small">({text})</span>
                      </>
                    ) : (
                      text
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function OptionsBar({
  unit,
  onUnit,
  dateOrder,
  onDateOrder,
  needsDefaultCategory,
  defaultCategoryId,
  onDefaultCategory,
  categories,
  sheetNames,
  sheet,
  onSheet,
  t,
}: {
  unit: AmountUnit;
  onUnit: (u: AmountUnit) => void;
  dateOrder: DateOrder | undefined;
  onDateOrder: (o: DateOrder | undefined) => void;
  needsDefaultCategory: boolean;
  defaultCategoryId: string;
  onDefaultCategory: (id: string) => void;
  categories: readonly { id: string; label: string }[];
  sheetNames: readonly string[] | undefined;
  sheet: string | undefined;
  onSheet: (s: string) => void;
  t: T;
}) {
  return (
    <div className="import-options">
      {sheetNames && sheetNames.length > 1 && (
        <label>
          <span>{t('sheet')}</span>
          <select value={sheet ?? sheetNames[0]} onChange={(e) => onSheet(e.target.value)} data-testid="import-sheet">
            {sheetNames.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        <span>{t('unit')}</span>
        <select value={unit} onChange={(e) => onUnit(e.target.value as AmountUnit)} data-testid="import-unit">
          {UNITS.map((u) => (
            <option key={u} value={u}>
              {t(`unit_${u}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('dateOrder')}</span>
        <select
          value={dateOrder ?? ''}
          onChange={(e) => onDateOrder((e.target.value || undefined) as DateOrder | undefined)}
          data-testid="import-date-order"
        >
          <option value="">{t('order_auto')}</option>
          <option value="dmy">{t('order_dmy')}</option>
          <option value="mdy">{t('order_mdy')}</option>
          <option value="ymd">{t('order_ymd')}</option>
        </select>
      </label>
      {needsDefaultCategory && (
        <label>
          <span>{t('defaultCategory')}</span>
          <select
            value={defaultCategoryId}
            onChange={(e) => onDefaultCategory(e.target.value)}
            data-testid="import-default-category"
          >
            <option value="">{t('chooseCategory')}</option>
            {categories.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
      )}
    </div>
  );
}

/** The problem of a row error, in the reader's language; the table has its own row, column and value cells. */
function rowProblem(e: RowError, t: T): ReactNode {
  return t(`row_${e.code}`);
}

export function ErrorTable({ result, t }: { result: ImportResult; t: T }) {
  if (result.errorCount === 0) return null;
  const shown = result.errors.slice(0, 200);
  return (
    <section className="import-errors" aria-labelledby="import-errors-title">
      <h3 id="import-errors-title">{t('errorsTitle')}</h3>
      {shown.length < result.errorCount && (
        <p className="muted">
          {t('errorsMore', { shown: shown.length, total: result.errorCount.toLocaleString('en') })}
        </p>
      )}
      <div className="table-scroll errors-scroll">
        <table className="data error-table" data-testid="import-errors">
          <thead>
            <tr>
              <th scope="col">{t('colRow')}</th>
              <th scope="col">{t('colColumn')}</th>
              <th scope="col">{t('colValue')}</th>
              <th scope="col">{t('colProblem')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((e, i) => (
              <tr key={`${e.row}-${i}`} data-code={e.code}>
                <td className="num">{e.row}</td>
                <td>{e.column ? `${e.column.letter} (${e.column.header})` : '—'}</td>
                <td className="cell-text">
                  <code>{e.value}</code>
                </td>
                <td title={rowErrorText(e, result.fileName, t)}>{rowProblem(e, t)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function DuplicateList({ result, stored, t }: { result: ImportResult; stored: StoredDuplicates | null; t: T }) {
  const inFile = result.duplicatesInFile.slice(0, 100);
  const st = stored?.listed.slice(0, 100) ?? [];
  if (inFile.length === 0 && st.length === 0) return null;
  const total = result.duplicateCount + (stored?.count ?? 0);
  return (
    <section className="import-dups" aria-labelledby="import-dups-title">
      <h3 id="import-dups-title">{t('dupTitle')}</h3>
      {inFile.length + st.length < total && (
        <p className="muted">{t('dupMore', { shown: inFile.length + st.length, total: total.toLocaleString('en') })}</p>
      )}
      <ul className="dup-list" data-testid="import-duplicates">
        {inFile.map((d) => (
          <li key={`f${d.row}`}>{t('dupRepeats', { row: d.row, first: d.firstRow })}</li>
        ))}
        {st.map((d) => {
          const row = d.row ?? d.index;
          return (
            <li key={`s${d.index}`}>
              {d.stored.source === 'manual'
                ? t('dupStoredManual', { row, id: d.stored.manualId })
                : t('dupStoredImport', { row, file: d.stored.fileName, storedRow: d.stored.rowNumber })}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
