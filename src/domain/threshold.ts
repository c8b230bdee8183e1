/**
 * The default alert threshold: the percent of a binding cap at which the
 * finance department reports to senior management. It is read from the
 * built-in disclosure's internal controls ("approximately 80%"), so the value
 * is written once, in the dataset with its source; the user's setting and an
 * agreement's own stated threshold take precedence where they exist.
 */
import Decimal from 'decimal.js';
import { kingsoftCloudXiaomi2026 } from './disclosed/kingsoftCloudXiaomi2026';

/** Default alert threshold as a percent string of the binding cap ("80"). */
export const DEFAULT_THRESHOLD_PERCENT: string = kingsoftCloudXiaomi2026.controls.alertThresholdPercent;

/** A threshold percent string as an exact fraction of the cap: "80" → 0.8, "82.5" → 0.825. */
export function thresholdFraction(percent: string): Decimal {
  return new Decimal(percent).div(100);
}

/** The default threshold as a fraction of the cap (0.8). */
export const DEFAULT_THRESHOLD = thresholdFraction(DEFAULT_THRESHOLD_PERCENT);
