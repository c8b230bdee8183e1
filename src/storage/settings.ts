import {
  agreementOfThresholdKey,
  agreementThresholdKey,
  DEFAULT_THRESHOLD_PERCENT,
  isThresholdPercent,
} from '../domain/threshold';
import { db } from './db';
import type { AppSettings } from './repositories';

export type { AppSettings } from './repositories';

export const DEFAULT_SETTINGS: AppSettings = {
  thresholdPercent: DEFAULT_THRESHOLD_PERCENT,
  thresholdSet: false,
  thresholdByAgreement: {},
};

export async function loadSettings(): Promise<AppSettings> {
  const rows = await db().settings.toArray();
  const out: AppSettings = { ...DEFAULT_SETTINGS, thresholdByAgreement: {} };
  for (const r of rows) {
    if (typeof r.value !== 'string') continue;
    if (r.key === 'thresholdPercent') {
      out.thresholdPercent = r.value;
      out.thresholdSet = true;
      continue;
    }
    const agreementId = agreementOfThresholdKey(r.key);
    if (agreementId !== null) out.thresholdByAgreement[agreementId] = r.value;
  }
  return out;
}

const BAD_THRESHOLD = 'The threshold must be a percentage above 0 and at most 100, with at most one decimal.';

/** The threshold for every agreement; null removes it (each agreement's disclosed threshold or the default applies). */
export async function saveThresholdPercent(value: string | null): Promise<void> {
  if (value === null) return db().settings.delete('thresholdPercent');
  if (!isThresholdPercent(value)) throw new RangeError(BAD_THRESHOLD);
  await db().settings.put({ key: 'thresholdPercent', value });
}

/** One agreement's own threshold; null removes it. */
export async function saveAgreementThreshold(agreementId: string, value: string | null): Promise<void> {
  if (!agreementId) throw new RangeError('An agreement is required.');
  const key = agreementThresholdKey(agreementId);
  if (value === null) return db().settings.delete(key);
  if (!isThresholdPercent(value)) throw new RangeError(BAD_THRESHOLD);
  await db().settings.put({ key, value });
}
