import { formatUnits } from '../../domain/amounts';
import { type AlertRecord, alertStage, isOverdue, sortAlerts } from '../../domain/alerts/alertLog';
import { formatDate } from '../../domain/format';
import type { CurrencyCode } from '../../domain/model';
import { defineMessages, useLocale, useT } from '../i18n';

export const alertListMessages = defineMessages({
  en: {
    s_threshold: 'Alert threshold reached',
    s_exceeded: 'Cap exceeded',
    s_uncapped: 'Transactions with no cap in force',
    s_projected: 'Projected to exceed the cap before the period ends (both methods)',
    st_new: 'Not yet acknowledged',
    st_acknowledged: 'Acknowledged, not yet reported',
    st_reported: 'Reported to senior management; board report pending',
    st_closed: 'Handled',
    overdue: 'OVERDUE',
    crossed: 'crossed {date}',
    crossedUnknown: 'crossing date not known from the data',
    detected: 'detected {date}',
    figures: 'actual {actual} of cap {cap} ({pct})',
    figuresNoCap: 'actual {actual}, no cap in force',
    ack: 'Acknowledged {date} by {by}',
    mgmt: 'Reported to senior management {date} by {by}',
    board: 'Reported to the board {date} by {by}',
    none: 'No alerts were raised.',
    colCategory: 'Category',
    colAlert: 'Alert',
    colHandling: 'Handling',
    heading: 'Internal-control alerts and their handling',
  },
  zh: {
    s_threshold: '达到预警阈值',
    s_exceeded: '超出上限',
    s_uncapped: '无上限生效时的交易',
    s_projected: '预计期末前超出上限（两种方法）',
    st_new: '尚未确认',
    st_acknowledged: '已确认，尚未报告',
    st_reported: '已向高级管理层报告；待向董事会报告',
    st_closed: '已处理',
    overdue: '逾期',
    crossed: '{date}越过',
    crossedUnknown: '数据未能确定越过日期',
    detected: '{date}发现',
    figures: '实际{actual}，上限{cap}（{pct}）',
    figuresNoCap: '实际{actual}，无上限生效',
    ack: '{date}由{by}确认',
    mgmt: '{date}由{by}向高级管理层报告',
    board: '{date}由{by}向董事会报告',
    none: '未触发任何预警。',
    colCategory: '类别',
    colAlert: '预警',
    colHandling: '处理',
    heading: '内部监控预警及处理',
  },
});

/** One line of figures of an alert, in its currency's units. */
export function useAlertText() {
  const t = useT(alertListMessages);
  const locale = useLocale();
  return {
    t,
    stateLabel: (a: AlertRecord) => t(`s_${a.state}`),
    figures: (a: AlertRecord) => {
      const cur = (a.figures.currency === 'HKD' ? 'HKD' : 'RMB') as CurrencyCode;
      const mark = cur === 'HKD' ? 'HK$' : 'RMB';
      const actual = `${mark} ${formatUnits(BigInt(a.figures.actualMinor), cur)}`;
      return a.figures.capMinor
        ? t('figures', {
            actual,
            cap: `${mark} ${formatUnits(BigInt(a.figures.capMinor), cur)}`,
            pct: a.figures.utilisationPercent ? `${a.figures.utilisationPercent}%` : '—',
          })
        : t('figuresNoCap', { actual });
    },
    crossed: (a: AlertRecord) =>
      a.crossedOn ? t('crossed', { date: formatDate(a.crossedOn, locale) }) : t('crossedUnknown'),
    handling: (a: AlertRecord) =>
      [
        a.acknowledged && t('ack', { date: formatDate(a.acknowledged.on, locale), by: a.acknowledged.by }),
        a.reportedToManagement &&
          t('mgmt', { date: formatDate(a.reportedToManagement.on, locale), by: a.reportedToManagement.by }),
        a.reportedToBoard && t('board', { date: formatDate(a.reportedToBoard.on, locale), by: a.reportedToBoard.by }),
      ]
        .filter(Boolean)
        .join('; '),
  };
}

/**
 * Alerts with their handling, open ones first, for the reports and the
 * overview (print-friendly table). `categoryName` labels a category id.
 */
export function AlertList({
  alerts,
  categoryName,
  today,
  overdueDays,
  testId = 'alert-list',
}: {
  alerts: readonly AlertRecord[];
  categoryName: (id: string) => string;
  today: string;
  overdueDays: number;
  testId?: string;
}) {
  const { t, stateLabel, figures, crossed, handling } = useAlertText();
  const locale = useLocale();
  if (alerts.length === 0) return <p data-testid={testId}>{t('none')}</p>;
  return (
    <table className="data compact alert-list" data-testid={testId}>
      <thead>
        <tr>
          <th scope="col">{t('colCategory')}</th>
          <th scope="col">{t('colAlert')}</th>
          <th scope="col">{t('colHandling')}</th>
        </tr>
      </thead>
      <tbody>
        {sortAlerts(alerts).map((a) => (
          <tr key={a.id} data-alert={a.id} data-stage={alertStage(a)}>
            <th scope="row">
              {categoryName(a.categoryId)}
              <div className="small">
                {a.periodStart} – {a.periodEnd}
              </div>
            </th>
            <td>
              <strong>{stateLabel(a)}</strong>
              <div className="small">
                {crossed(a)} · {t('detected', { date: formatDate(a.detectedOn, locale) })} · {figures(a)}
              </div>
            </td>
            <td>
              {isOverdue(a, today, overdueDays) && <strong className="bad">{t('overdue')} </strong>}
              {t(`st_${alertStage(a)}`)}
              {handling(a) && <div className="small">{handling(a)}</div>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
