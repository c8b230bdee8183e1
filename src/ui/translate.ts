/**
 * The one message mechanism of the app: typed catalogues in English and
 * Simplified Chinese and a `t(key, vars)` that fills {placeholders}. Pure (no
 * React, no storage) so the status command words domain issue codes with the
 * same catalogues as the screens; `useT` in i18n.ts binds it to the UI language.
 *
 * TypeScript checks the keys (a Chinese text for every English key, no
 * unknown key in a call) and the placeholders (a call passes exactly the
 * values its English text names); a unit test checks that each Chinese text
 * names the same placeholders as its English one.
 */

import type { Locale } from '../domain/format';

export type { Locale };

/** The names of the {placeholders} in a message text: "Term {range} ({n})" → "range" | "n". */
export type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer Rest}`
  ? P | Placeholders<Rest>
  : never;

/** The values a message text needs, one per placeholder. */
export type Vars<S extends string> = { readonly [P in Placeholders<S>]: string | number };

/** Arguments after the key: none for a text without placeholders, else its values. */
export type VarsArg<S extends string> = [Placeholders<S>] extends [never] ? [] : [vars: Vars<S>];

/** English texts of a catalogue, by key. */
export type Texts = Readonly<Record<string, string>>;

/** A catalogue: English texts and a Chinese text for every English key. */
export interface Messages<E extends Texts> {
  readonly en: E;
  readonly zh: { readonly [K in keyof E]: string };
}

/** The keys of a catalogue. */
export type MessageKey<M extends Messages<Texts>> = keyof M['en'] & string;

/** t(key, vars) for one catalogue: the key must exist and the values match its placeholders. */
export type Translate<E extends Texts> = <K extends keyof E & string>(key: K, ...vars: VarsArg<E[K]>) => string;

/** The translator type of a catalogue: `TranslateFor<typeof reportMessages>`. */
export type TranslateFor<M extends Messages<Texts>> = Translate<M['en']>;

/** Declares a catalogue; the English texts keep their literal types so placeholders are checked. */
export function defineMessages<const E extends Texts>(m: {
  readonly en: E;
  readonly zh: { readonly [K in keyof E]: string };
}): Messages<E> {
  return m;
}

/** Fills {name} placeholders; an unknown name is left as written. */
export function interpolate(template: string, vars?: Readonly<Record<string, string | number>>): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (_, k: string) => (k in vars ? String(vars[k]) : `{${k}}`));
}

/** t(key, vars) for a catalogue in one language (outside React: the status command, workers, tests). */
export function translator<E extends Texts>(messages: Messages<E>, locale: Locale): Translate<E> {
  const table: Readonly<Record<string, string>> = messages[locale];
  return ((key: string, vars?: Readonly<Record<string, string | number>>) =>
    interpolate(table[key]!, vars)) as Translate<E>;
}

/**
 * The text of a key computed from a domain code (`issue_${code}`), filled
 * with the values the domain returned. The key is still checked against the
 * catalogue; the values come from data, so they are checked by the unit test
 * that every code's text names only placeholders its issue supplies.
 */
export function translateCode<E extends Texts>(
  messages: Messages<E>,
  locale: Locale,
  key: keyof E & string,
  vars?: Readonly<Record<string, string | number>>,
): string {
  return interpolate(messages[locale][key], vars);
}

/** Whether a computed key (an issue code from the domain) has a text in the catalogue. */
export function hasMessage<E extends Texts>(messages: Messages<E>, key: string): key is keyof E & string {
  return Object.prototype.hasOwnProperty.call(messages.en, key);
}
