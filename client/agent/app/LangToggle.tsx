import { useI18n } from './messages.ts';

/** Switches the console between Japanese and English; labelled in the language it switches to. */
export function LangToggle() {
  const { t, lang, setLang } = useI18n();
  return (
    <button
      type="button"
      className="btn btn-quiet"
      lang={lang === 'ja' ? 'en' : 'ja'}
      aria-label={t.header.switchLangLabel}
      data-testid="lang-toggle"
      onClick={() => setLang(lang === 'ja' ? 'en' : 'ja')}
    >
      {t.header.switchLang}
    </button>
  );
}
