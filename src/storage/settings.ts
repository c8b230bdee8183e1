import {
  agreementThresholdKey,
  DEFAULT_THRESHOLD_PERCENT,
  readThresholdSettings,
  ThresholdError,
  thresholdProblem,
} from '../domain/threshold';
import { db } from './db';
import type { AppSettings } from './repositories';

export type { AppSettings } from './repositories';

export const DEFAULT_SETTINGS: AppSettings = {
  thresholdPercent: DEFAULT_THRESHOLD_PERCENT,
  thresholdSet: false,
  thresholdByAgreement: {},
};

/** The stored thresholds; an invalid one is refused (RangeError naming it), never used. */
export async function loadSettings(): Promise<AppSettings> {
  const rows = await db().settings.toArray();
  const read = readThresholdSettings(rows.map((r) => [r.key, r.value] as const));
  if (!read.ok) throw new ThresholdError(read.problem);
  const { thresholdPercent, thresholdByAgreement } = read.settings;
  return {
    thresholdPercent: thresholdPercent ?? DEFAULT_SETTINGS.thresholdPercent,
    thresholdSet: thresholdPercent !== null,
    thresholdByAgreement: { ...thresholdByAgreement },
  };
}

function checkThreshold(key: string, value: string): void {
  const problem = thresholdProblem(key, value);
  if (problem !== null) throw new ThresholdError(problem);
}

/** The threshold for every agreement; null removes it (each agreement's disclosed threshold or the default applies). */
export async function saveThresholdPercent(value: string | null): Promise<void> {
  if (value === null) return db().settings.delete('thresholdPercent');
  checkThreshold('thresholdPercent', value);
  await db().settings.put({ key: 'thresholdPercent', value });
}

/** One agreement's own threshold; null removes it. */
export async function saveAgreementThreshold(agreementId: string, value: string | null): Promise<void> {
  if (!agreementId) throw new RangeError('An agreement is required.');
  const key = agreementThresholdKey(agreementId);
  if (value === null) return db().settings.delete(key);
  checkThreshold(key, value);
  await db().settings.put({ key, value });
}
