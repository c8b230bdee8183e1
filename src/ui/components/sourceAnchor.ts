/** Kinds of disclosed figures listed on the sources page. */
export type SourceKind =
  | 'party'
  | 'relationship'
  | 'agreement'
  | 'supplement'
  | 'category'
  | 'resolution'
  | 'cap'
  | 'historical'
  | 'expected'
  | 'stated'
  | 'band'
  | 'controls';

/**
 * Stable element id of a figure on the sources page (`/sources#src-cap-cloud-2025-original`),
 * so any screen can link to the row a figure came from.
 */
export function sourceAnchor(kind: SourceKind, id: string): string {
  return `src-${kind}-${id.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}
