import { useState } from 'react';
import { type AlertRecord, alertStage, isOverdue, sortAlerts } from '../../domain/alerts/alertLog';
import { todayIso } from '../../domain/dates';
import { formatDate } from '../../domain/format';
import { useAlerts, useOverdueDays, useRecordHandling, useSaveOverdueDays } from '../../data/alerts';
import { useUserName } from '../../data/history';
import { useDataset } from '../../data/queries';
import { useBilingual, useErrorText, useLocale, useT } from '../../ui/i18n';
import { useAlertText } from '../../ui/report/AlertList';
import { alertsMessages } from './messages';
import './alerts.css';

type Field = 'acknowledged' | 'reportedToManagement' | 'reportedToBoard';

function StepForm({ alert, field, label }: { alert: AlertRecord; field: Field; label: string }) {
  const errorText = useErrorText();
  const t = useT(alertsMessages);
  const user = useUserName();
  const record = useRecordHandling();
  const [on, setOn] = useState(todayIso());
  const [by, setBy] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const who = by ?? user.data ?? '';
  return (
    <form
      className="al-step"
      data-testid={`${field}-${alert.id}`}
      onSubmit={(e) => {
        e.preventDefault();
        record.mutate({ id: alert.id, field, step: { on, by: who, note } });
      }}
    >
      <label className="field">
        <span>{t('on')}</span>
        <input type="date" value={on} onChange={(e) => setOn(e.target.value)} />
      </label>
      <label className="field">
        <span>{t('by')}</span>
        <input value={who} onChange={(e) => setBy(e.target.value)} data-testid="step-by" />
      </label>
      <label className="field al-note">
        <span>{t('note')}</span>
        <input value={note} onChange={(e) => setNote(e.target.value)} data-testid="step-note" />
      </label>
      <button
        type="submit"
        className="btn btn-small"
        disabled={record.isPending || !who.trim()}
        data-testid="step-save"
      >
        {label}
      </button>
      {record.error && <p className="field-error">{errorText(record.error)}</p>}
    </form>
  );
}

/** /alerts: the alert log with acknowledgement and reporting, open alerts first, overdue ones flagged. */
export function AlertsPage() {
  const errorText = useErrorText();
  const t = useT(alertsMessages);
  const locale = useLocale();
  const name = useBilingual();
  const dataset = useDataset();
  const alerts = useAlerts();
  const overdue = useOverdueDays();
  const saveDays = useSaveOverdueDays();
  const text = useAlertText();
  const [days, setDays] = useState<string | null>(null);
  const today = todayIso();
  if (alerts.isPending || overdue.isPending) return <section className="page">{t('loading')}</section>;
  const list = sortAlerts(alerts.data ?? []);
  const n = overdue.data ?? 3;
  const open = list.filter((a) => alertStage(a) !== 'closed');
  const late = list.filter((a) => isOverdue(a, today, n));
  const catName = (id: string) => {
    const c = dataset.categories.find((x) => x.id === id);
    return c ? name(c.name) : id;
  };
  return (
    <section className="page alerts-page" data-testid="alerts-page">
      <div className="page-head">
        <h1>{t('title')}</h1>
      </div>
      <p className="lede">{t('lede', { today: formatDate(today, locale) })}</p>
      <div className="al-bar">
        <span className="al-pill" data-testid="alerts-open">
          {t('open', { n: open.length })}
        </span>
        {late.length > 0 && (
          <span className="al-pill al-late" data-testid="alerts-overdue">
            {t('overdueCount', { n: late.length })}
          </span>
        )}
        <form
          className="al-days"
          onSubmit={(e) => {
            e.preventDefault();
            saveDays.mutate(Number(days ?? n));
          }}
        >
          <label className="field">
            <span>{t('overdueSetting')}</span>
            <input
              type="number"
              min={0}
              max={365}
              value={days ?? String(n)}
              onChange={(e) => setDays(e.target.value)}
              data-testid="overdue-days"
            />
          </label>
          <button type="submit" className="btn btn-secondary btn-small">
            {t('saveSetting')}
          </button>
          {saveDays.error && <span className="field-error">{errorText(saveDays.error)}</span>}
        </form>
      </div>
      {list.length === 0 && <p className="muted">{text.t('none')}</p>}
      <ol className="al-list">
        {list.map((a) => {
          const stage = alertStage(a);
          const source =
            a.source.kind === 'ledger'
              ? t('src_ledger', { ref: a.source.ref })
              : a.source.kind === 'manual'
                ? t('src_manual')
                : t('src_disclosure', { ref: a.source.ref });
          return (
            <li
              key={a.id}
              className={`panel al-item al-${a.state} al-stage-${stage}`}
              data-testid={`alert-${a.id}`}
              data-stage={stage}
            >
              <div className="al-head">
                <h2>
                  {text.stateLabel(a)} — {catName(a.categoryId)}
                </h2>
                {isOverdue(a, today, n) && <span className="al-pill al-late">{text.t('overdue')}</span>}
                <span className="al-pill">{text.t(`st_${stage}`)}</span>
              </div>
              <p className="small">
                {t('period', { from: a.periodStart, to: a.periodEnd })} · {text.crossed(a)} ·{' '}
                {text.t('detected', { date: formatDate(a.detectedOn, locale) })}
              </p>
              <p>
                {text.figures(a)}
                {a.figures.projectedOn && (
                  <>
                    {' · '}
                    {t('projectedOn', {
                      list: Object.entries(a.figures.projectedOn)
                        .map(([m, d]) => `${m} ${d}`)
                        .join(', '),
                    })}
                  </>
                )}
              </p>
              <p className="small muted">
                {t('source', { source })} · {a.boardRequired ? t('boardRequired') : t('boardOptional')}
              </p>
              {text.handling(a) && <p className="small al-handling">{text.handling(a)}</p>}
              {[a.acknowledged?.note, a.reportedToManagement?.note, a.reportedToBoard?.note]
                .filter(Boolean)
                .map((note) => (
                  <p key={note} className="small muted">
                    “{note}”
                  </p>
                ))}
              {!a.acknowledged && <StepForm alert={a} field="acknowledged" label={t('acknowledge')} />}
              {a.acknowledged && !a.reportedToManagement && (
                <StepForm alert={a} field="reportedToManagement" label={t('reportMgmt')} />
              )}
              {a.reportedToManagement && !a.reportedToBoard && (
                <StepForm alert={a} field="reportedToBoard" label={t('reportBoard')} />
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
