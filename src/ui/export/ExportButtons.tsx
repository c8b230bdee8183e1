import { type ReactNode, useRef, useState } from 'react';
import { currencyUnit } from '../../domain/currency';
import type { IsoDate } from '../../domain/dates';
import { formatDate } from '../../domain/format';
import type { CurrencyCode } from '../../domain/model';
import { drawChartsWithin } from '../charts/drawQueue';
import { useLocale, useT } from '../i18n';
import { safeFileName, saveBlob } from './download';
import { exportMessages } from './messages';
import { chartPngBlob, readChartFigure } from './png';
import { csvBlob, type ExportTable, xlsxBlob } from './table';

function useExportRunner() {
  const t = useT(exportMessages);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (make: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await make();
    } catch (e) {
      setError(t('failed', { reason: e instanceof Error ? e.message : String(e) }));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}

/**
 * A chart (a ui/charts figure) with a "PNG" button that saves it with its
 * title, legend, the as-of date and the source line, on white at 2×.
 */
export function ChartExport({
  children,
  fileStem,
  asOf,
  sourceLine,
  className,
}: {
  children: ReactNode;
  /** File name without extension, e.g. "cloud-services-cumulative-2026-06-30". */
  fileStem: string;
  asOf: IsoDate;
  sourceLine: string;
  className?: string;
}) {
  const t = useT(exportMessages);
  const locale = useLocale();
  const ref = useRef<HTMLDivElement>(null);
  const { busy, error, run } = useExportRunner();
  const titleOf = () => (ref.current && readChartFigure(ref.current)?.title) || fileStem;
  const onClick = () =>
    run(async () => {
      // A chart not yet drawn (far from the screen, src/ui/charts/drawQueue.ts) is drawn first.
      if (ref.current) drawChartsWithin(ref.current);
      const fig = ref.current && readChartFigure(ref.current);
      if (!fig) throw new Error('no chart');
      const blob = await chartPngBlob(fig.svg, {
        title: fig.title,
        subtitle: fig.subtitle,
        legend: fig.legend,
        asOfLine: t('asOfLine', { date: formatDate(asOf, locale) }),
        sourceLine,
      });
      saveBlob(blob, safeFileName(fileStem, 'png'));
    });
  return (
    <div className={['chart-export', className].filter(Boolean).join(' ')} ref={ref}>
      {children}
      <div className="export-actions no-print">
        <button
          type="button"
          className="btn btn-secondary btn-small"
          onClick={onClick}
          disabled={busy}
          aria-label={t('pngLabel', { what: titleOf() })}
          data-export="png"
        >
          {busy ? t('working') : t('png')}
        </button>
        {error && (
          <span role="alert" className="export-error">
            {error}
          </span>
        )}
      </div>
    </div>
  );
}

/**
 * "CSV" and "Excel" buttons for a status table. The CSV holds `table`; the
 * workbook holds `table` and any `extraSheets`, plus an "About" sheet with the
 * as-of date, the unit of the amounts and the source.
 */
export function TableExportButtons({
  table,
  extraSheets,
  fileStem,
  what,
  asOf,
  sourceLine,
  currencies,
}: {
  table: () => ExportTable;
  extraSheets?: () => readonly ExportTable[];
  fileStem: string;
  /** What the table is, for the buttons' accessible names. */
  what: string;
  asOf: IsoDate;
  sourceLine: string;
  /** Currencies of the tables' amounts: one is named on the About sheet; more means each row says its own. */
  currencies: readonly CurrencyCode[];
}) {
  const t = useT(exportMessages);
  const locale = useLocale();
  const { busy, error, run } = useExportRunner();
  const unitsText =
    currencies.length > 1
      ? t('aboutUnitsMixed')
      : t('aboutUnitsText', { unit: currencyUnit(currencies[0] ?? 'RMB', locale) });
  const extra = extraSheets ?? (() => []);
  return (
    <div className="export-actions no-print">
      <button
        type="button"
        className="btn btn-secondary btn-small"
        disabled={busy}
        data-export="csv"
        aria-label={t('csvLabel', { what })}
        onClick={() => run(async () => saveBlob(csvBlob(table()), safeFileName(fileStem, 'csv')))}
      >
        {t('csv')}
      </button>
      <button
        type="button"
        className="btn btn-secondary btn-small"
        disabled={busy}
        data-export="xlsx"
        aria-label={t('xlsxLabel', { what })}
        onClick={() =>
          run(async () => {
            const blob = await xlsxBlob([table(), ...extra()], {
              title: `${t('aboutTitle')} — ${what}`,
              lines: [
                [t('aboutAsOf'), formatDate(asOf, locale)],
                [t('aboutUnits'), unitsText],
                [t('aboutSource'), sourceLine],
                [t('aboutGenerated'), new Date().toISOString()],
              ],
            });
            saveBlob(blob, safeFileName(fileStem, 'xlsx'));
          })
        }
      >
        {busy ? t('working') : t('xlsx')}
      </button>
      {error && (
        <span role="alert" className="export-error">
          {error}
        </span>
      )}
    </div>
  );
}
