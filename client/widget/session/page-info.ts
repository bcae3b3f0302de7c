import type { Lang, PageInfo } from '@tsunagi/shared';

/** The page language: English if <html lang> starts with "en", Japanese otherwise. */
export function pageLang(doc: Document): Lang {
  return langOf(doc.documentElement.lang);
}

export function langOf(lang: string | null | undefined): Lang {
  return (lang ?? '').trim().toLowerCase().startsWith('en') ? 'en' : 'ja';
}

/** What the agent's queue and header show about the customer's tab (bounded as the schema requires). */
export function currentPage(win: Window): PageInfo {
  return {
    url: win.location.href.slice(0, 4096),
    title: win.document.title.slice(0, 500),
    lang: pageLang(win.document),
    viewport: {
      width: clampInt(win.innerWidth),
      height: clampInt(win.innerHeight),
    },
  };
}

function clampInt(n: number): number {
  return Math.min(100_000, Math.max(0, Math.round(n || 0)));
}
