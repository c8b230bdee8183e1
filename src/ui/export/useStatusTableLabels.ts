import type { AlertState } from '../../domain/state';
import { useStatusLabel } from '../components/StatusBadge';
import { type TranslateFor, useT } from '../i18n';
import { exportMessages } from './messages';
import type { StatusTableLabels } from './statusTable';

/** The catalogue key of each alert state: a Record, so a new state cannot fall through to another's word. */
const ALERT_WORD = {
  ok: 'alertOk',
  threshold: 'alertThreshold',
  exceeded: 'alertExceeded',
  uncapped: 'alertUncapped',
} as const satisfies Record<AlertState, string>;

/** Status-table headers and words in the current language (for statusExportTable). */
export function useStatusTableLabels(): StatusTableLabels {
  return statusTableLabels(useT(exportMessages), useStatusLabel());
}

/** The labels from a translator (a pure function, so the export can be tested without React). */
export function statusTableLabels(
  t: TranslateFor<typeof exportMessages>,
  statusWord: StatusTableLabels['statusWord'],
): StatusTableLabels {
  return {
    sheet: t('colSheet'),
    agreement: t('colAgreement'),
    category: t('colCategory'),
    categoryId: t('colCategoryId'),
    periodStart: t('colPeriodStart'),
    periodEnd: t('colPeriodEnd'),
    asOf: t('colAsOf'),
    bindingCap: (unit) => t('colBindingCap', { unit }),
    proposedCap: (unit) => t('colProposedCap', { unit }),
    actual: (unit) => t('colActual', { unit }),
    actualThrough: t('colActualThrough'),
    provisional: t('colProvisional'),
    provisionalText: (through) => t('provisionalText', { through }),
    utilisation: t('colUtilisation'),
    proposedUtilisation: t('colProposedUtilisation'),
    headroom: (unit) => t('colHeadroom', { unit }),
    alert: t('colAlert'),
    status: t('colStatus'),
    ytdGrowth: t('colYtd'),
    yoyGrowth: t('colYoy'),
    projectedLinear: (unit) => t('colProjLinear', { unit }),
    projectedSeasonal: (unit) => t('colProjSeasonal', { unit }),
    currency: t('colCurrency'),
    millions: t('unitMillions'),
    statusWord,
    alertWord: (a) => t(a === null ? 'alertNone' : ALERT_WORD[a]),
  };
}
