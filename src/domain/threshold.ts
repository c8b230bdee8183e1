/**
 * The default alert threshold: the percent of a binding cap at which the
 * finance department reports to senior management. It is read from the
 * built-in disclosure's internal controls ("approximately 80%"), so the value
 * is written once, in the dataset with its source; the user's setting and an
 * agreement's own stated threshold take precedence where they exist.
 */
import Decimal from 'decimal.js';
import { kingsoftCloudXiaomi2026 } from './disclosed/kingsoftCloudXiaomi2026';
import type { AgreementId, Dataset, SourceRef } from './model';

/** Default alert threshold as a percent string of the binding cap ("80"). */
export const DEFAULT_THRESHOLD_PERCENT: string = kingsoftCloudXiaomi2026.controls.alertThresholdPercent;

/** A threshold percent string as an exact fraction of the cap: "80" → 0.8, "82.5" → 0.825. */
export function thresholdFraction(percent: string): Decimal {
  return new Decimal(percent).div(100);
}

/** The default threshold as a fraction of the cap (0.8). */
export const DEFAULT_THRESHOLD = thresholdFraction(DEFAULT_THRESHOLD_PERCENT);

/**
 * Where an agreement's alert threshold comes from, strongest first:
 * - `override`: the user's threshold for this one agreement;
 * - `setting`: the user's threshold for every agreement (overview, `status --threshold PCT`);
 * - `disclosed`: the agreement's own disclosed internal controls (the built-in
 *   announcement's section IV(ii): "approximately 80%");
 * - `default`: a register agreement that states none takes the default (80%, from the built-in disclosure).
 */
export type ThresholdSource =
  | { readonly kind: 'override' }
  | { readonly kind: 'setting' }
  | { readonly kind: 'disclosed'; readonly source: SourceRef }
  | { readonly kind: 'default' };

export interface EffectiveThreshold {
  /** Fraction of the cap (0.8). */
  readonly fraction: Decimal;
  readonly source: ThresholdSource;
}

/** What a threshold is decided from (a subset of the engine's context). */
export interface ThresholdInputs {
  readonly dataset: Dataset;
  /** The user's threshold for every agreement (fraction); undefined: none set. */
  readonly threshold?: Decimal | undefined;
  /** The user's threshold per agreement (fractions); wins over everything else. */
  readonly thresholdByAgreement?: ReadonlyMap<AgreementId, Decimal> | undefined;
}

/**
 * The alert threshold of one agreement and where it comes from. Built-in
 * agreements are covered by the disclosure's internal controls; a register
 * agreement states none, so it takes the default.
 */
export function effectiveThreshold(inputs: ThresholdInputs, agreementId: AgreementId | undefined): EffectiveThreshold {
  const own = agreementId === undefined ? undefined : inputs.thresholdByAgreement?.get(agreementId);
  if (own) return { fraction: own, source: { kind: 'override' } };
  if (inputs.threshold) return { fraction: inputs.threshold, source: { kind: 'setting' } };
  const agreement = agreementId === undefined ? undefined : inputs.dataset.agreements.find((a) => a.id === agreementId);
  const controls = inputs.dataset.controls;
  if (agreement === undefined || agreement.builtIn) {
    return {
      fraction: thresholdFraction(controls.alertThresholdPercent),
      source: { kind: 'disclosed', source: controls.source },
    };
  }
  return { fraction: DEFAULT_THRESHOLD, source: { kind: 'default' } };
}

/** A threshold percent as typed or stored: above 0, at most 100, at most one decimal ("80", "82.5"). */
export function isThresholdPercent(text: string): boolean {
  const n = Number(text);
  return /^\d{1,3}(\.\d)?$/.test(text) && n > 0 && n <= 100;
}

/** Settings key of an agreement's own threshold. */
export function agreementThresholdKey(agreementId: AgreementId): string {
  return `thresholdPercent@${agreementId}`;
}

/** The agreement id of a settings key written by agreementThresholdKey, else null. */
export function agreementOfThresholdKey(key: string): AgreementId | null {
  return key.startsWith('thresholdPercent@') && key.length > 'thresholdPercent@'.length
    ? key.slice('thresholdPercent@'.length)
    : null;
}

/**
 * A stored or typed value as a refusal shows it: a string quoted, anything else as
 * JSON, at most 40 characters; '' for an empty value (the catalogue says "empty").
 */
function shownValue(value: unknown): string {
  if (value === undefined || value === null || value === '') return '';
  const text = typeof value === 'string' ? `"${value}"` : (JSON.stringify(value) ?? String(value));
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/**
 * Why a value cannot be a stored threshold, as values for the catalogue to word
 * (src/ui/messages/thresholdText.ts): whose threshold (null: the one for every
 * agreement) and the value as found (shownValue).
 */
export interface ThresholdProblem {
  readonly agreementId: AgreementId | null;
  readonly shown: string;
}

/**
 * Why `value` cannot be the threshold stored under `key` ("thresholdPercent"
 * or "thresholdPercent@AGREEMENT"); null when it can. The one refusal of an
 * invalid threshold, wherever one is read or saved.
 */
export function thresholdProblem(key: string, value: unknown): ThresholdProblem | null {
  if (typeof value === 'string' && isThresholdPercent(value)) return null;
  return { agreementId: agreementOfThresholdKey(key), shown: shownValue(value) };
}

/** A threshold refused where it is read or saved; the screens word `problem` in the user's language. */
export class ThresholdError extends RangeError {
  override readonly name = 'ThresholdError';
  constructor(readonly problem: ThresholdProblem) {
    super(`threshold ${problem.agreementId ?? '(every agreement)'}: ${problem.shown || 'empty'}`);
  }
}

/** True for a ThresholdProblem that came over the wire (a team server refusal's value). */
export function isThresholdProblem(value: unknown): value is ThresholdProblem {
  if (!value || typeof value !== 'object') return false;
  const p = value as Partial<ThresholdProblem>;
  return typeof p.shown === 'string' && (p.agreementId === null || typeof p.agreementId === 'string');
}

/** The threshold settings among stored settings. */
export interface ThresholdSettings {
  /** The threshold for every agreement; null when none is set. */
  readonly thresholdPercent: string | null;
  /** Each agreement's own threshold by agreement id. */
  readonly thresholdByAgreement: Readonly<Record<AgreementId, string>>;
  /** The threshold keys and values in the order read. */
  readonly entries: readonly (readonly [string, string])[];
}

export type ThresholdSettingsReading =
  | { readonly ok: true; readonly settings: ThresholdSettings }
  | { readonly ok: false; readonly key: string; readonly problem: ThresholdProblem };

/**
 * Reads the alert thresholds from settings entries (key, value): the one for
 * every agreement ("thresholdPercent") and each agreement's own
 * ("thresholdPercent@AGREEMENT"); other keys are not looked at. One invalid
 * value refuses the whole reading, naming it (thresholdProblem).
 */
export function readThresholdSettings(entries: Iterable<readonly [string, unknown]>): ThresholdSettingsReading {
  let thresholdPercent: string | null = null;
  const thresholdByAgreement: Record<AgreementId, string> = {};
  const read: (readonly [string, string])[] = [];
  for (const [key, value] of entries) {
    const agreementId = agreementOfThresholdKey(key);
    if (key !== 'thresholdPercent' && agreementId === null) continue;
    const problem = thresholdProblem(key, value);
    if (problem !== null) return { ok: false, key, problem };
    const percent = value as string;
    if (agreementId === null) thresholdPercent = percent;
    else thresholdByAgreement[agreementId] = percent;
    read.push([key, percent]);
  }
  return { ok: true, settings: { thresholdPercent, thresholdByAgreement, entries: read } };
}
