/** The demo site's two languages. The widget reads `<html lang>` to pick its own. */
export type Lang = 'ja' | 'en';

/** One dictionary per language; `en` must have exactly the keys of `ja`. */
export type Texts<T> = Record<Lang, T>;

export const LANG_STORAGE_KEY = 'demo.lang';

export function readStoredLang(): Lang {
  try {
    return localStorage.getItem(LANG_STORAGE_KEY) === 'en' ? 'en' : 'ja';
  } catch {
    // Storage can be disabled (private modes, strict cookie settings); Japanese is the default.
    return 'ja';
  }
}

export function storeLang(lang: Lang): void {
  try {
    localStorage.setItem(LANG_STORAGE_KEY, lang);
  } catch {
    // The choice then lasts only for this page view, which is acceptable.
  }
}

const yenFormat = { ja: new Intl.NumberFormat('ja-JP'), en: new Intl.NumberFormat('en-US') };

/** Japanese insurers write "68,420円"; English readers expect "¥68,420". */
export function formatYen(amount: number, lang: Lang): string {
  const digits = yenFormat[lang].format(amount);
  return lang === 'ja' ? `${digits}円` : `¥${digits}`;
}

const dateFormat = {
  ja: new Intl.DateTimeFormat('ja-JP', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'Asia/Tokyo' }),
  en: new Intl.DateTimeFormat('en-GB', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'Asia/Tokyo' }),
};

export function formatDate(isoDate: string, lang: Lang): string {
  return dateFormat[lang].format(new Date(`${isoDate}T00:00:00+09:00`));
}

const ja = {
  companyName: 'つなぎ損害保険',
  companyTagline: 'くらしと、まちと、つながる保険',
  skipToContent: '本文へ移動',
  navLabel: 'メインメニュー',
  navHome: 'ホーム',
  navRenewal: '自動車保険の更新',
  navPayment: 'お支払い方法',
  navFire: '火災保険のお申し込み',
  navCertificate: '保険証券',
  navChange: 'ご住所・カードの変更',
  langToggle: 'English',
  langToggleLabel: 'Switch to English',
  helpBanner: '操作でお困りのときは、画面右下の「画面共有でサポート」ボタンから、担当者が同じ画面を見ながらご案内します。',
  footerContact: 'カスタマーセンター 0120-288-775（平日 9:00〜18:00、土日祝 9:00〜17:00）',
  footerDeaf: '耳や言葉の不自由なお客さまは、画面共有中のチャット（筆談）でもご相談いただけます。',
  footerFictional: 'このサイトは製品デモ用の架空の保険会社のサイトです。実在の会社・商品とは関係ありません。',
  footerCopyright: '© つなぎ損害保険株式会社',
  required: '必須',
  optional: '任意',
};

const en: typeof ja = {
  companyName: 'Tsunagi General Insurance',
  companyTagline: 'Insurance that connects homes and communities',
  skipToContent: 'Skip to main content',
  navLabel: 'Main menu',
  navHome: 'Home',
  navRenewal: 'Renew car insurance',
  navPayment: 'Payment method',
  navFire: 'Apply for fire insurance',
  navCertificate: 'Policy certificate',
  navChange: 'Address and card',
  langToggle: '日本語',
  langToggleLabel: '日本語に切り替える',
  helpBanner: 'Need help with this site? Press “Get help by screen sharing” at the bottom right, and our staff will guide you while seeing the same screen.',
  footerContact: 'Customer Centre 0120-288-775 (weekdays 9:00–18:00, weekends and holidays 9:00–17:00)',
  footerDeaf: 'If you are deaf or speech-impaired, you can also ask us in writing through the chat while sharing your screen.',
  footerFictional: 'This is a fictional insurer’s website for a product demo. It is not related to any real company or product.',
  footerCopyright: '© Tsunagi General Insurance Co., Ltd.',
  required: 'Required',
  optional: 'Optional',
};

export const commonText: Texts<typeof ja> = { ja, en };
