import { useAlerts, useOverdueDays } from '../../data/alerts';
import { useDataset } from '../../data/queries';
import type { IsoDate } from '../../domain/dates';
import { useBilingual, useT } from '../../ui/i18n';
import { AlertList, alertListMessages } from '../../ui/report/AlertList';

/** The alert log of a report: alerts detected by the as-of date for periods that reach into its year. */
export function ReportAlerts({ asOf }: { asOf: IsoDate }) {
  const alerts = useAlerts();
  const overdueDays = useOverdueDays();
  const heading = useT(alertListMessages)('heading');
  const dataset = useDataset();
  const name = useBilingual();
  return (
    <section className="report-sheet report-alerts" aria-labelledby="report-alerts" data-testid="report-alerts">
      <h2 id="report-alerts">{heading}</h2>
      <AlertList
        alerts={(alerts.data ?? []).filter((a) => a.detectedOn <= asOf && a.periodEnd >= `${asOf.slice(0, 4)}-01-01`)}
        categoryName={(id) => {
          const c = dataset.categories.find((x) => x.id === id);
          return c ? name(c.name) : id;
        }}
        today={asOf}
        overdueDays={overdueDays.data ?? 3}
      />
    </section>
  );
}
