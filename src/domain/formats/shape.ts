/**
 * Shared pieces of the schemas of files that come from outside (register
 * export, backup). valibot checks them: it reports every mismatch with its
 * path, and its output type is the checked document, so no cast is needed.
 * Each schema carries, as its message, what it expects ("text", "list"…):
 * the register's issue codes and the backup's messages word that.
 */
import * as v from 'valibot';

/** What a field should be, as a code the message catalogues word ("should be text"). */
export type Expected = 'text' | 'boolean' | 'object' | 'list' | 'bilingual' | 'range' | 'integer';

const expectedOf = new WeakMap<object, Expected>();

function tag<S extends object>(schema: S, expected: Expected): S {
  expectedOf.set(schema, expected);
  return schema;
}

/** A string field. */
export const text = tag(v.string('text'), 'text');
/** A true/false field. */
export const bool = tag(v.boolean('boolean'), 'boolean');
/** A whole number (JSON has no other integer). */
export const integer = tag(v.pipe(v.number('integer'), v.integer('integer')), 'integer');

/**
 * An object with the given fields. A missing field is reported at its own
 * path with what the field should be, like a field of the wrong type.
 */
export function obj<E extends v.ObjectEntries>(entries: E, expected: Expected = 'object') {
  return tag(
    v.object(entries, (issue) => {
      const last = issue.path?.[issue.path.length - 1];
      if (last && last.origin === 'key' && typeof last.key === 'string') {
        const entry = (entries as Record<string, object | undefined>)[last.key];
        return (entry && expectedOf.get(entry)) ?? 'object';
      }
      return expected;
    }),
    expected,
  );
}

/** A list of items. */
export function list<S extends v.GenericSchema>(item: S) {
  return tag(v.array(item, 'list'), 'list');
}

/** One of a fixed set of values; a stray value is reported as an unknown choice, not a wrong type. */
export function choice<const T extends readonly string[]>(options: T) {
  return v.picklist(options, 'choice');
}

/** `{ "en": …, "zh": … }` */
export const bilingual = obj({ en: text, zh: text }, 'bilingual');
/** `{ "start": …, "end": … }` (dates are checked by the domain rules, not the shape). */
export const range = obj({ start: text, end: text }, 'range');

/** A problem found by a schema: where (a path such as "agreements[0].name.en") and what. */
export interface ShapeIssue {
  readonly path: string;
  /** What the field should be; 'choice' for a value outside a fixed set. */
  readonly expected: Expected | 'choice';
  /** The value found, as text, for a choice. */
  readonly value: string;
}

/** The path of a valibot issue in the dotted form the messages use: "agreements[0].categories[1].name.en". */
export function pathOf(issue: v.BaseIssue<unknown>, prefix = ''): string {
  let out = prefix;
  for (const item of issue.path ?? []) {
    const key = (item as { key: unknown }).key;
    out += typeof key === 'number' ? `[${key}]` : out ? `.${String(key)}` : String(key);
  }
  return out;
}

/** `input` as the schema's output when it fits, else every problem in document order. */
export function checkShape<S extends v.GenericSchema>(
  schema: S,
  input: unknown,
  prefix = '',
): { readonly ok: true; readonly value: v.InferOutput<S> } | { readonly ok: false; readonly issues: ShapeIssue[] } {
  const r = v.safeParse(schema, input);
  if (r.success) return { ok: true, value: r.output };
  return {
    ok: false,
    issues: r.issues.map((i) => ({
      path: pathOf(i, prefix),
      expected: i.message as Expected | 'choice',
      value: typeof i.input === 'string' ? i.input : (JSON.stringify(i.input) ?? 'undefined'),
    })),
  };
}
