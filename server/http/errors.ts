import * as v from 'valibot';

/** An error with its HTTP status and a stable code the client can branch on. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/**
 * Parses one API input with its schema; a mismatch is a 400 naming each
 * field (dot path) and what is wrong with it. Nothing reaches SQL unparsed.
 */
export function parse<const S extends v.GenericSchema>(schema: S, input: unknown, where: string): v.InferOutput<S> {
  const res = v.safeParse(schema, input);
  if (res.success) return res.output;
  const issues = res.issues.map((i) => ({ path: v.getDotPath(i) ?? '', message: i.message }));
  throw new HttpError(
    400,
    'invalid-input',
    `Invalid ${where}: ${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')}`,
    { issues },
  );
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
