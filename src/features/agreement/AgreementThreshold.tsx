import { useId, useState } from 'react';
import type { EngineContext } from '../../domain/engine';
import type { Agreement } from '../../domain/model';
import { effectiveThreshold, isThresholdPercent } from '../../domain/threshold';
import { useSaveAgreementThreshold, useSettings } from '../../data/queries';
import { useTeamMode } from '../../data/team';
import { sourceAnchor } from '../../ui/components/sourceAnchor';
import { SourceRef } from '../../ui/components/SourceRef';
import { useErrorText, useT } from '../../ui/i18n';
import { agreementMessages } from './messages';
import './agreement.css';

/**
 * The agreement's alert threshold and where it comes from (its own override,
 * the setting for every agreement, its disclosed internal controls, or the
 * default), with a form to set or remove this agreement's own threshold.
 */
export function AgreementThreshold({ agreement, ctx }: { agreement: Agreement; ctx: EngineContext }) {
  const errorText = useErrorText();
  const t = useT(agreementMessages);
  const team = useTeamMode();
  const settings = useSettings();
  const save = useSaveAgreementThreshold();
  const own = settings.data?.thresholdByAgreement[agreement.id] ?? null;
  const [value, setValue] = useState<string | null>(null);
  const [bad, setBad] = useState(false);
  const [done, setDone] = useState(false);
  const id = useId();
  const eff = effectiveThreshold(ctx, agreement.id);
  // As set or disclosed: "80%", "82.5%".
  const pct = `${eff.fraction.times(100).toString()}%`;
  const shown =
    eff.source.kind === 'override'
      ? t('thresholdFromOverride', { pct })
      : eff.source.kind === 'setting'
        ? t('thresholdFromSetting', { pct })
        : eff.source.kind === 'disclosed'
          ? t('thresholdFromDisclosed', { pct, section: eff.source.source.section })
          : t('thresholdFromDefault', { pct });
  const text = value ?? own ?? '';
  const submit = (next: string | null) => {
    setDone(false);
    if (next !== null && !isThresholdPercent(next)) {
      setBad(true);
      return;
    }
    setBad(false);
    save.mutate(
      { agreementId: agreement.id, value: next },
      {
        onSuccess: () => {
          setDone(true);
          setValue(null);
        },
      },
    );
  };
  return (
    <div className="facts-wide agreement-threshold" data-testid="agreement-threshold">
      <dt>{t('threshold')}</dt>
      <dd>
        <p data-source={eff.source.kind}>
          {shown}
          {eff.source.kind === 'disclosed' && (
            <SourceRef
              source={eff.source.source}
              anchor={sourceAnchor('controls', ctx.dataset.id)}
              what={t('threshold')}
            />
          )}
        </p>
        <form
          className="threshold-form"
          onSubmit={(e) => {
            e.preventDefault();
            submit(text.trim());
          }}
        >
          <label className="threshold-label" htmlFor={`${id}-in`}>
            {t('thresholdInput')}
          </label>
          <input
            id={`${id}-in`}
            type="text"
            inputMode="decimal"
            size={6}
            value={text}
            onChange={(e) => {
              setValue(e.target.value);
              setBad(false);
            }}
            aria-invalid={bad || save.isError}
            aria-describedby={bad || save.isError ? `${id}-err` : undefined}
          />
          <button type="submit" className="btn btn-small" disabled={save.isPending}>
            {t('thresholdSave')}
          </button>
          {own !== null && (
            <button
              type="button"
              className="btn btn-secondary btn-small"
              disabled={save.isPending}
              onClick={() => submit(null)}
            >
              {t('thresholdClear')}
            </button>
          )}
        </form>
        {(bad || save.isError) && (
          <p className="field-error" id={`${id}-err`} role="alert">
            {bad ? t('thresholdBad') : t('thresholdFailed', { reason: errorText(save.error) })}
          </p>
        )}
        {done && !save.isError && (
          <p className="field-ok" role="status">
            {team ? t('thresholdProposed') : t('thresholdSaved')}
          </p>
        )}
      </dd>
    </div>
  );
}
