/**
 * A problem a schema (valibot) found in a document from outside, as data:
 * where (a path such as `rules[0].conditions[0].op`), the schema's own
 * English text, and its kind, so a catalogue can word it in any language
 * (src/ui/messages/schemaIssues.ts).
 */
import type * as v from 'valibot';

export interface SchemaIssue {
  /** `entities[2].id`; empty at the top level. */
  readonly path: string;
  /** The schema's own English text ("Invalid type: Expected string but received 1"). */
  readonly message: string;
  /** valibot's issue type ("string", "min_length", "picklist", …). */
  readonly type: string;
  /** What was found, as valibot describes it ("undefined" for a missing field). */
  readonly received?: string;
}

/** The path of an issue: `[n]` for list items, `.key` for fields, no leading dot. */
export function issuePath(issue: v.BaseIssue<unknown>): string {
  return (
    issue.path
      ?.map((p) => (typeof p.key === 'number' ? `[${p.key}]` : `.${String(p.key)}`))
      .join('')
      .replace(/^\./, '') ?? ''
  );
}

export function schemaIssue(issue: v.BaseIssue<unknown>): SchemaIssue {
  return { path: issuePath(issue), message: issue.message, type: issue.type, received: issue.received };
}
