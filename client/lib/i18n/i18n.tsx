import { createContext, use, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Lang } from '@tsunagi/shared';

const STORAGE_KEY = 'tsunagi.console.lang';

/** Japanese unless this browser chose English before. */
export function readStoredLang(): Lang {
  try {
    const parsed = Lang.safeParse(localStorage.getItem(STORAGE_KEY));
    return parsed.success ? parsed.data : 'ja';
  } catch {
    return 'ja';
  }
}

function storeLang(lang: Lang): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Private mode or a full quota: the choice lasts for this page only.
  }
}

export interface I18nValue<M> {
  lang: Lang;
  setLang: (lang: Lang) => void;
  /** The dictionary of the current language. */
  t: M;
}

/**
 * A typed dictionary per language, no library: each app declares its Japanese
 * dictionary, derives the type from it, and the English one must match it
 * key for key (the compiler checks; missing text cannot ship). Entries can be
 * functions for text with numbers or names in it.
 */
export function createI18n<M>(dictionaries: Record<Lang, M>) {
  const Context = createContext<I18nValue<M> | null>(null);

  function I18nProvider({ children }: { children: ReactNode }) {
    const [lang, setLangState] = useState<Lang>(readStoredLang);
    const setLang = useCallback((next: Lang) => {
      storeLang(next);
      setLangState(next);
    }, []);
    useEffect(() => {
      // Screen readers pick their voice from the document's language.
      document.documentElement.lang = lang;
    }, [lang]);
    const value = useMemo(() => ({ lang, setLang, t: dictionaries[lang] }), [lang, setLang]);
    return <Context value={value}>{children}</Context>;
  }

  function useI18n(): I18nValue<M> {
    const value = use(Context);
    if (!value) throw new Error('useI18n needs its I18nProvider');
    return value;
  }

  return { I18nProvider, useI18n };
}
