import * as v from 'valibot';
import {
  apiErrorEnglish,
  type ApiErrorKey,
  type ApiErrorParams,
  type InputIssue,
} from '../../src/ui/messages/apiErrors';
// Registers the refusals worded on demand in the browser; the server words every one.
import '../../src/ui/messages/apiRefusals';

/**
 * An error with its HTTP status and a stable code the client can branch on.
 * A refusal made with `refuse` also carries its catalogue key and values
 * (src/ui/messages/apiErrors.ts), so the browser words it in the user's
 * language; its message is the catalogue's English text.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly words?: { readonly key: ApiErrorKey; readonly params: Readonly<Record<string, unknown>> },
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** A refusal worded by the catalogue: `refuse(403, 'forbidden', 'forbidden', { roles: ['reviewer'] })`. */
export function refuse<K extends ApiErrorKey>(
  status: number,
  code: string,
  key: K,
  params: ApiErrorParams<K>,
  extra: Record<string, unknown> = {},
): HttpError {
  return new HttpError(status, code, apiErrorEnglish(key, params), extra, { key, params });
}

/** A refusal's key with the values it names, as a value (an AccountError carries one). */
export type Refusal = {
  readonly [K in ApiErrorKey]: { readonly key: K; readonly params: ApiErrorParams<K> };
}[ApiErrorKey];

/** The English text of a refusal held as a value (for the server's log and command line). */
export function englishOf(r: Refusal): string {
  return apiErrorEnglish(r.key as ApiErrorKey, r.params as never);
}

/** `refuse` for a refusal held as a value. */
export function refuseWith(status: number, code: string, r: Refusal, extra: Record<string, unknown> = {}): HttpError {
  return refuse(status, code, r.key as ApiErrorKey, r.params as never, extra);
}

/** The JSON body of a refusal: code, English message, and the catalogue key and values when it has them. */
export function errorBody(err: HttpError): Record<string, unknown> {
  return {
    error: err.code,
    message: err.message,
    ...(err.words ? { key: err.words.key, params: err.words.params } : {}),
    ...err.extra,
  };
}

/**
 * Parses one API input with its schema; a mismatch is a 400 naming each
 * field (dot path) and what is wrong with it. Nothing reaches SQL unparsed.
 */
export function parse<const S extends v.GenericSchema>(schema: S, input: unknown, where: string): v.InferOutput<S> {
  const res = v.safeParse(schema, input);
  if (res.success) return res.output;
  const issues = res.issues.map((i) => ({ path: v.getDotPath(i) ?? '', message: i.message }));
  const detail: InputIssue[] = res.issues.map((i) => ({
    path: v.getDotPath(i) ?? '',
    message: i.message,
    type: i.type,
    received: i.received,
  }));
  throw refuse(400, 'invalid-input', 'invalid-input', { where, detail }, { issues });
}

export const isoDate = v.pipe(
  v.string(),
  v.regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD'),
  v.check((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
  }, 'not a calendar date'),
);

/** A positive integer id in a path segment. */
export const idParam = v.pipe(
  v.string(),
  v.regex(/^[1-9]\d{0,9}$/, 'expected a positive integer'),
  v.transform(Number),
);
