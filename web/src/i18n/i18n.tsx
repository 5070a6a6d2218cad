// Chinese first, English on request: the chosen language is kept in localStorage. Dates and
// times are shown in Asia/Shanghai whatever the browser's zone.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { messages, type MessageKey } from './messages.ts';

export type Lang = 'zh' | 'en';

const storageKey = 'reclaim.lang';

function initialLang(): Lang {
  try {
    return localStorage.getItem(storageKey) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: (key: MessageKey, values?: Record<string, string | number>) => string;
  /** Picks the Chinese or English text of a bilingual pair. */
  pick: (zh: string, en: string) => string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(storageKey, next);
    } catch {
      // A browser without storage keeps the choice for this page only.
    }
    document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
  }, []);
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (key, values) => {
        let text: string = messages[key][lang === 'zh' ? 0 : 1];
        for (const [name, v] of Object.entries(values ?? {}))
          text = text.replace(`{${name}}`, String(v));
        return text;
      },
      pick: (zh, en) => (lang === 'zh' ? zh : en),
    }),
    [lang, setLang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error('useI18n outside I18nProvider');
  return context;
}

const zone = 'Asia/Shanghai';

/** Today's date in Asia/Shanghai, YYYY-MM-DD. */
export function todayInShanghai(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date());
}

/** A timestamp as a date and time in Asia/Shanghai. */
export function formatTime(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', {
    timeZone: zone,
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(iso));
}

export function formatNumber(n: number | null | undefined, digits = 2): string {
  if (n === null || n === undefined) return '—';
  return n.toLocaleString('zh-CN', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}
