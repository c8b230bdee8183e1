import { create } from 'zustand';
import type { Bilingual } from '../domain/model';
import type { Locale } from '../domain/format';
import { errorText, furtherRefusalsLoaded, needsFurtherRefusals } from './messages/apiErrors';
import { type Messages, type Texts, type Translate, translator } from './translate';

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

export {
  defineMessages,
  interpolate,
  type Messages,
  type MessageKey,
  type Translate,
  type TranslateFor,
  translateCode,
  translator,
} from './translate';

/** Returns t(key, vars) for a catalogue in the current language. */
export function useT<E extends Texts>(messages: Messages<E>): Translate<E> {
  return translator(messages, useLocale());
}

/** Picks the current language's text of a disclosed bilingual name. */
export function useBilingual(): (b: Bilingual) => string {
  const locale = useLocale();
  return (b) => b[locale];
}

/**
 * The text of an error in the current language: a team server refusal is
 * worded from its catalogue key and values (src/ui/messages/apiErrors.ts);
 * any other error keeps its message. Screens that read rules files or backups
 * use useFileErrorText, which words a refused rules file too: its catalogue and
 * the file's schema stay out of the first load.
 */
export function useErrorText(): (err: unknown) => string {
  return useErrorWording(errorText);
}

/** Whether the refusals worded on demand (src/ui/messages/apiRefusals.ts) are loaded: screens re-render when they are. */
const useFurtherRefusals = create<{ loaded: boolean }>(() => ({ loaded: furtherRefusalsLoaded() }));
let loadingRefusals: Promise<void> | null = null;

/** Loads the refusals worded on demand (once); it registers itself with apiErrors.ts. */
export function loadFurtherRefusals(): Promise<void> {
  loadingRefusals ??= import('./messages/apiRefusals').then(
    () => useFurtherRefusals.setState({ loaded: true }),
    () => {
      loadingRefusals = null; // Offline or a new deployment: the English message stays; tried again next time.
    },
  );
  return loadingRefusals;
}

/**
 * Binds an error wording to the current language. A refusal whose key is in
 * the catalogue loaded on demand shows its English message until that
 * catalogue arrives, then its words in the user's language.
 */
export function useErrorWording(word: (err: unknown, locale: Locale) => string): (err: unknown) => string {
  const locale = useLocale();
  useFurtherRefusals((s) => s.loaded);
  return (err) => {
    if (needsFurtherRefusals(err)) void loadFurtherRefusals();
    return word(err, locale);
  };
}
