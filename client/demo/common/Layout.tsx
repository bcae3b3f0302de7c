import { useEffect, type ReactNode } from 'react';
import { commonText } from '../i18n.ts';
import { useLang, useText } from './lang.tsx';

export type PageKey = 'home' | 'renewal' | 'payment' | 'fire' | 'certificate' | 'change';

const navItems: { key: PageKey; href: string; label: (t: typeof commonText.ja) => string }[] = [
  { key: 'home', href: '/', label: (t) => t.navHome },
  { key: 'renewal', href: '/renewal/', label: (t) => t.navRenewal },
  { key: 'payment', href: '/payment/', label: (t) => t.navPayment },
  { key: 'fire', href: '/fire/', label: (t) => t.navFire },
  { key: 'certificate', href: '/certificate/', label: (t) => t.navCertificate },
  { key: 'change', href: '/change/', label: (t) => t.navChange },
];

interface LayoutProps {
  page: PageKey;
  /** The page's own name, shown in the browser tab (and the agent's session list). */
  title: string;
  children: ReactNode;
}

export function Layout({ page, title, children }: LayoutProps) {
  const { lang, setLang } = useLang();
  const t = useText(commonText);

  useEffect(() => {
    document.title = page === 'home' ? t.companyName : `${title} | ${t.companyName}`;
  }, [page, title, t.companyName]);

  return (
    <>
      <a className="skip-link" href="#main">
        {t.skipToContent}
      </a>
      <header className="site-header">
        <div className="site-header__inner">
          <a className="brand" href="/">
            <span className="brand__mark" aria-hidden="true">
              つ
            </span>
            <span className="brand__text">
              <span className="brand__name">{t.companyName}</span>
              <span className="brand__tagline">{t.companyTagline}</span>
            </span>
          </a>
          <button
            type="button"
            id="lang-toggle"
            className="lang-toggle"
            lang={lang === 'ja' ? 'en' : 'ja'}
            aria-label={t.langToggleLabel}
            onClick={() => setLang(lang === 'ja' ? 'en' : 'ja')}
          >
            {t.langToggle}
          </button>
        </div>
        <nav className="site-nav" aria-label={t.navLabel}>
          <ul className="site-nav__list">
            {navItems.map((item) => (
              <li key={item.key}>
                <a href={item.href} aria-current={item.key === page ? 'page' : undefined}>
                  {item.label(t)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" className="site-main" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <div className="site-footer__inner">
          <p>{t.helpBanner}</p>
          <p>{t.footerContact}</p>
          <p>{t.footerDeaf}</p>
          <p className="site-footer__fine">{t.footerFictional}</p>
          <p className="site-footer__fine">{t.footerCopyright}</p>
        </div>
      </footer>
    </>
  );
}
