import { Link } from 'react-router';
import { type AlertRecord, alertStage, isOverdue, sortAlerts } from '../../domain/alerts/alertLog';
import { defineMessages, useT } from '../i18n';
import { useAlertText } from './AlertList';

const messages = defineMessages({
  en: {
    title: 'Open alerts ({n})',
    overdue: '{n} overdue',
    handle: 'Handle in the alert log →',
  },
  zh: {
    title: '未结预警（{n}）',
    overdue: '{n}项逾期',
    handle: '在预警记录中处理 →',
  },
});

/** The overview's first block: open alerts (not yet reported as required), worst first. Nothing when none. */
export function OpenAlertsBanner({
  alerts,
  categoryName,
  today,
  overdueDays,
  href,
}: {
  alerts: readonly AlertRecord[];
  categoryName: (id: string) => string;
  today: string;
  overdueDays: number;
  href: string;
}) {
  const t = useT(messages);
  const text = useAlertText();
  const open = sortAlerts(alerts).filter((a) => alertStage(a) !== 'closed');
  if (open.length === 0) return null;
  const late = open.filter((a) => isOverdue(a, today, overdueDays)).length;
  return (
    <section className="panel open-alerts" aria-labelledby="open-alerts-title" data-testid="open-alerts">
      <h2 id="open-alerts-title">
        {t('title', { n: open.length })}
        {late > 0 && <span className="bad"> · {t('overdue', { n: late })}</span>}
      </h2>
      <ul>
        {open.map((a) => (
          <li key={a.id}>
            <strong>{text.stateLabel(a)}</strong> — {categoryName(a.categoryId)} ({text.crossed(a)}):{' '}
            {text.t(`st_${alertStage(a)}`)}
          </li>
        ))}
      </ul>
      <Link to={href}>{t('handle')}</Link>
    </section>
  );
}
