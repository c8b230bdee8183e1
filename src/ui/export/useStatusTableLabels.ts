import { useStatusLabel } from '../components/StatusBadge';
import { useT } from '../i18n';
import { exportMessages } from './messages';
import type { StatusTableLabels } from './statusTable';

/** Status-table headers and words in the current language (for statusExportTable). */
export function useStatusTableLabels(): StatusTableLabels {
  const t = useT(exportMessages);
  const statusWord = useStatusLabel();
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
    alertWord: (a) => (a === 'ok' ? t('alertOk') : a === 'threshold' ? t('alertThreshold') : t('alertExceeded')),
  };
}
