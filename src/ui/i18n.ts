import { create } from 'zustand';
import type { Bilingual } from '../domain/model';
import type { Locale } from '../domain/format';

const STORAGE_KEY = 'headroom.locale';

function initialLocale(): Locale {
  try {
    const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (saved === 'en' || saved === 'zh') return saved;
  } catch {
    // Storage can be unavailable (private mode); English is the default.
  }
  return 'en';
}

interface LocaleState {
  locale: Locale;
  setLocale: (l: Locale) => void;
}

/** UI language: session state kept in zustand and remembered in localStorage. */
export const useLocaleStore = create<LocaleState>((set) => ({
  locale: initialLocale(),
  setLocale: (locale) => {
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, locale);
    } catch {
      // Not remembered, still switched.
    }
    document.documentElement.lang = locale === 'zh' ? 'zh-Hans' : 'en';
    set({ locale });
  },
}));

export function useLocale(): Locale {
  return useLocaleStore((s) => s.locale);
}

/**
 * A feature's messages in both languages. The Chinese table must have every
 * key of the English one, which the type enforces.
 */
export type Messages<K extends string> = { en: Record<K, string>; zh: Record<K, string> };

export function defineMessages<K extends string>(m: Messages<K>): Messages<K> {
  return m;
}

/** Fills {name} placeholders. */
export function interpolate(template: string, vars?: Record<string, string | number>): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (_, k: string) => (k in vars ? String(vars[k]) : `{${k}}`));
}

export type Translate<K extends string> = (key: K, vars?: Record<string, string | number>) => string;

/** Returns t(key, vars) for a feature's messages in the current language. */
export function useT<K extends string>(messages: Messages<K>): Translate<K> {
  const locale = useLocale();
  const table = messages[locale];
  return (key, vars) => interpolate(table[key], vars);
}

/** Picks the current language's text of a disclosed bilingual name. */
export function useBilingual(): (b: Bilingual) => string {
  const locale = useLocale();
  return (b) => b[locale];
}
