import { DEFAULT_THRESHOLD_PERCENT } from '../domain/threshold';
import { db } from './db';
import type { AppSettings } from './repositories';

export type { AppSettings } from './repositories';

export const DEFAULT_SETTINGS: AppSettings = { thresholdPercent: DEFAULT_THRESHOLD_PERCENT };

export async function loadSettings(): Promise<AppSettings> {
  const rows = await db().settings.toArray();
  const out: AppSettings = { ...DEFAULT_SETTINGS };
  for (const r of rows) if (r.key === 'thresholdPercent' && typeof r.value === 'string') out.thresholdPercent = r.value;
  return out;
}

export async function saveThresholdPercent(value: string): Promise<void> {
  const n = Number(value);
  if (!/^\d{1,3}(\.\d)?$/.test(value) || n <= 0 || n > 100)
    throw new RangeError('The threshold must be a percentage above 0 and at most 100, with at most one decimal.');
  await db().settings.put({ key: 'thresholdPercent', value });
}
