/**
 * A refused alert threshold in words, English and Chinese: the one sentence for a
 * threshold typed, stored or found in a backup (src/domain/threshold.ts gives the
 * values).
 */
import type { ThresholdProblem } from '../../domain/threshold';
import type { Locale } from '../translate';

export function thresholdProblemText(p: ThresholdProblem, locale: Locale): string {
  if (locale === 'zh') {
    const which = p.agreementId === null ? '提醒阈值' : `协议 ${p.agreementId} 的提醒阈值`;
    return `${which}为${p.shown || '空'}：必须是大于 0 且不超过 100 的百分比，最多一位小数（例如 80 或 82.5）。`;
  }
  const which = p.agreementId === null ? 'The alert threshold' : `The alert threshold of agreement ${p.agreementId}`;
  return `${which} is ${p.shown || 'empty'}: it must be a percentage above 0 and at most 100, with at most one decimal (such as 80 or 82.5).`;
}
