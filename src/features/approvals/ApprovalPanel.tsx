import { useId, useState } from 'react';
import { approvalFor, validateApproval } from '../../domain/binding';
import { isIsoDate } from '../../domain/dates';
import { formatDate, formatMillions } from '../../domain/format';
import type { ApprovalRecord, Resolution } from '../../domain/model';
import { shortPeriodLabel } from '../../domain/series';
import { useApprovals, useClearApproval, useDataset, useRecordApproval } from '../../data/queries';
import { sourceAnchor } from '../../ui/components/sourceAnchor';
import { SourceRef } from '../../ui/components/SourceRef';
import { useBilingual, useErrorText, useLocale, useT } from '../../ui/i18n';
import { approvalMessages } from './messages';

function ResolutionForm({ resolution, record }: { resolution: Resolution; record: ApprovalRecord | undefined }) {
  const errorText = useErrorText();
  const t = useT(approvalMessages);
  const name = useBilingual();
  const locale = useLocale();
  const dataset = useDataset();
  const recordApproval = useRecordApproval();
  const clearApproval = useClearApproval();
  const [outcome, setOutcome] = useState<ApprovalRecord['outcome']>(record?.outcome ?? 'approved');
  const [date, setDate] = useState(record?.date ?? resolution.meetingDate);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const caps = dataset.caps.filter(
    (c) => c.approval.kind === 'independent-shareholders' && c.approval.resolutionId === resolution.id,
  );
  const kind = (k: string) => (k === 'revised' ? t('kindRevised') : k === 'new' ? t('kindNew') : t('kindOriginal'));
  const headingId = `${id}-h`;

  const statusText = !record
    ? t('statusAwaiting')
    : record.outcome === 'approved'
      ? t('statusApproved', { date: formatDate(record.date, locale) })
      : t('statusRejected', { date: formatDate(record.date, locale) });

  return (
    <article className="resolution" aria-labelledby={headingId} data-testid={`resolution-${resolution.id}`}>
      <header className="resolution-head">
        <h3 id={headingId}>{name(resolution.description)}</h3>
        <span
          className={`resolution-status ${record ? `is-${record.outcome}` : 'is-awaiting'}`}
          data-testid="resolution-status"
        >
          {statusText}
        </span>
      </header>
      <p className="resolution-meeting">
        {name(resolution.meeting)}
        <SourceRef source={resolution.source} anchor={sourceAnchor('resolution', resolution.id)} />
      </p>
      <div className="resolution-caps">
        <span className="muted">{t('capsAffected')}:</span>{' '}
        {caps
          .map((c) =>
            t('capLine', {
              period: shortPeriodLabel(c.period, locale),
              amount: formatMillions(c.amount),
              kind: kind(c.kind),
            }),
          )
          .join(' · ')}
      </div>
      <form
        className="resolution-form"
        onSubmit={(e) => {
          e.preventDefault();
          setMessage(null);
          setError(null);
          if (!isIsoDate(date)) {
            setError(t('invalidDate'));
            return;
          }
          // The same check as `status --approve/--reject` (exit 2): never before the announcement or the meeting.
          const problem = validateApproval(dataset, { resolutionId: resolution.id, outcome, date });
          if (problem) {
            setError(
              problem.code === 'before-announcement'
                ? t('beforeAnnouncement', {
                    date: formatDate(date, locale),
                    announced: formatDate(problem.announcedOn, locale),
                  })
                : problem.code === 'before-meeting'
                  ? t('beforeMeeting', {
                      date: formatDate(date, locale),
                      meeting: formatDate(problem.meetingDate, locale),
                    })
                  : t('unknownResolution'),
            );
            return;
          }
          recordApproval.mutate(
            { resolutionId: resolution.id, outcome, date },
            { onSuccess: () => setMessage(t('saved')), onError: (err) => setError(errorText(err)) },
          );
        }}
      >
        <fieldset>
          <legend>{t('recordLegend')}</legend>
          <div className="radio-row" role="radiogroup" aria-label={t('outcome')}>
            <label>
              <input
                type="radio"
                name={`${id}-outcome`}
                value="approved"
                checked={outcome === 'approved'}
                onChange={() => setOutcome('approved')}
              />
              {t('approved')}
            </label>
            <label>
              <input
                type="radio"
                name={`${id}-outcome`}
                value="rejected"
                checked={outcome === 'rejected'}
                onChange={() => setOutcome('rejected')}
              />
              {t('rejected')}
            </label>
          </div>
          <label className="field field-inline">
            <span>{t('date')}</span>
            <input type="date" value={date} onChange={(e) => setDate(e.target.value)} required />
          </label>
          <div className="form-actions">
            <button type="submit" className="btn" disabled={recordApproval.isPending}>
              {recordApproval.isPending ? t('saving') : t('save')}
            </button>
            {record && (
              <button
                type="button"
                className="btn btn-secondary"
                disabled={clearApproval.isPending}
                onClick={() => {
                  setMessage(null);
                  setError(null);
                  clearApproval.mutate(resolution.id, {
                    onSuccess: () => {
                      setMessage(t('cleared'));
                      setOutcome('approved');
                      setDate(resolution.meetingDate);
                    },
                    onError: (err) => setError(errorText(err)),
                  });
                }}
              >
                {t('clear')}
              </button>
            )}
          </div>
        </fieldset>
        {message && (
          <p className="field-ok" role="status">
            {message}
          </p>
        )}
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
      </form>
    </article>
  );
}

/**
 * Records the AGM outcome of each resolution that caps of the agreement wait
 * on; the binding cap on every screen follows through the approvals query.
 */
export function ApprovalPanel({ agreementId }: { agreementId: string }) {
  const t = useT(approvalMessages);
  const dataset = useDataset();
  const approvals = useApprovals();
  const categoryIds = new Set(dataset.categories.filter((c) => c.agreementId === agreementId).map((c) => c.id));
  const resolutionIds = new Set(
    dataset.caps
      .filter((c) => categoryIds.has(c.categoryId) && c.approval.kind === 'independent-shareholders')
      .map((c) => (c.approval as { resolutionId: string }).resolutionId),
  );
  const resolutions = dataset.resolutions.filter((r) => resolutionIds.has(r.id));
  return (
    <section className="panel approvals" aria-labelledby={`approvals-${agreementId}`}>
      <h2 id={`approvals-${agreementId}`}>{t('title')}</h2>
      <p className="muted">{t('intro')}</p>
      {resolutions.length === 0 && <p>{t('none')}</p>}
      {approvals.isSuccess &&
        resolutions.map((r) => {
          const rec = approvalFor(r.id, approvals.data);
          // Mounted once the approvals are loaded, so the form starts from the recorded outcome.
          return <ResolutionForm key={r.id} resolution={r} record={rec} />;
        })}
    </section>
  );
}
