import { useT } from '../../ui/i18n';
import { reportCoverMessages } from './coverMessages';
import './cover.css';

/**
 * The directors' report before its figures are here: the cover's kicker and heading, which do
 * not depend on the data, and "loading". It ships in the entry so that it paints as soon as the
 * frame does, while the report's code and the stored data are still on their way: the heading is
 * the screen's largest paint, and the report's own heading, identical, does not move it later.
 */
export function ReportCoverLoading() {
  const t = useT(reportCoverMessages);
  return (
    <article className="report" aria-busy="true">
      <section className="report-cover report-sheet" aria-labelledby="report-title">
        <p className="report-kicker">{t('subtitle')}</p>
        <h1 id="report-title">{t('title')}</h1>
        <p role="status">{t('loading')}</p>
      </section>
    </article>
  );
}
