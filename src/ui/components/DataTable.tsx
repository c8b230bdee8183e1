/**
 * The table and panel markup the record screens share (evidence, connected
 * persons, change history): a `data` table in its own horizontal scroll box
 * (so a wide table never widens the page on a phone), one column definition
 * per column, and a titled panel section. Presentation only: callers pass
 * the translated headers and cells.
 */
import type { ReactNode } from 'react';

export interface Column<R> {
  /** Unique within the table (React key). */
  readonly key: string;
  readonly header: ReactNode;
  /** A numeric column: right-aligned header and cells. */
  readonly num?: boolean;
  /** Class of each cell (besides `num`), fixed or per row. */
  readonly cellClass?: string | ((row: R) => string | undefined);
  readonly cell: (row: R) => ReactNode;
}

export interface DataTableProps<R> {
  readonly rows: readonly R[];
  readonly columns: readonly Column<R>[];
  readonly rowKey: (row: R) => string | number;
  /** Extra attributes of a row (data-… for tests and styling). */
  readonly rowAttrs?: (row: R) => Readonly<Record<string, string | undefined>>;
  /** Classes added to `data` (e.g. "compact"). */
  readonly className?: string;
  readonly testId?: string;
  /** Shown instead of the table when there are no rows (the table is shown empty when not given). */
  readonly empty?: ReactNode;
}

function classOf(...parts: (string | false | undefined)[]): string | undefined {
  const s = parts.filter(Boolean).join(' ');
  return s || undefined;
}

export function DataTable<R>({ rows, columns, rowKey, rowAttrs, className, testId, empty }: DataTableProps<R>) {
  if (rows.length === 0 && empty !== undefined) return <p className="muted">{empty}</p>;
  return (
    <div className="table-scroll">
      <table className={classOf('data', className)} data-testid={testId}>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} className={classOf(c.num && 'num')}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={rowKey(r)} {...rowAttrs?.(r)}>
              {columns.map((c) => (
                <td
                  key={c.key}
                  className={classOf(c.num && 'num', typeof c.cellClass === 'function' ? c.cellClass(r) : c.cellClass)}
                >
                  {c.cell(r)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export interface PanelProps {
  /** Id of the heading, which names the section for screen readers. */
  readonly id: string;
  readonly title: ReactNode;
  /** A line under the heading. */
  readonly hint?: ReactNode;
  /** Classes added to `panel`. */
  readonly className?: string;
  readonly testId?: string;
  readonly children?: ReactNode;
}

/** A titled panel: `<section class="panel">` labelled by its `<h2>`, with an optional hint. */
export function Panel({ id, title, hint, className, testId, children }: PanelProps) {
  return (
    <section className={classOf('panel', className)} aria-labelledby={id} data-testid={testId}>
      <h2 id={id}>{title}</h2>
      {hint !== undefined && <p className="hint">{hint}</p>}
      {children}
    </section>
  );
}
