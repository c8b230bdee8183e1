/**
 * Register ids are namespaced so they can never collide with the built-in data
 * or each other: agreements start with "u-", a category's id starts with its
 * agreement's id + "--", and a cap line, cap version or historical amount
 * starts with its category's id + "--".
 */
import type { Bilingual } from '../model';

/** Lower-case ASCII slug of a name ("Consulting services (2026)" → "consulting-services-2026"). */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
}

/** `base`, or `base-2`, `base-3`… whichever is not taken. */
export function uniqueId(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

/** A new agreement id from its name: "u-" + slug, unique among `taken`. */
export function newAgreementId(name: Bilingual, taken: ReadonlySet<string>): string {
  return uniqueId(`u-${slugify(name.en) || 'agreement'}`, taken);
}

/** A new child id under `parentId` ("<parent>--<slug>"), unique among `taken`. */
export function newChildId(parentId: string, label: string, taken: ReadonlySet<string>): string {
  return uniqueId(`${parentId}--${slugify(label) || 'item'}`, taken);
}

export const AGREEMENT_ID_RE = /^u-[a-z0-9]+(-[a-z0-9]+)*$/;
export const CHILD_SUFFIX_RE = /^[a-z0-9]+(-[a-z0-9]+)*$/;
