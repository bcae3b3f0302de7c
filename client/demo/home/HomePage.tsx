import { formatDate } from '../i18n.ts';
import { Layout } from '../common/Layout.tsx';
import { useLang, useText } from '../common/lang.tsx';
import { homeText } from './text.ts';

export function HomePage() {
  const { lang } = useLang();
  const t = useText(homeText);
  return (
    <Layout page="home" title={t.title}>
      <section className="hero" aria-labelledby="home-hero-heading">
        <h1 id="home-hero-heading">{t.heroHeading}</h1>
        <p className="hero__lead">{t.heroLead}</p>
        <a className="button button--primary" href="/renewal/" id="home-cta">
          {t.heroCta}
          <span className="button__arrow" aria-hidden="true">→</span>
        </a>
      </section>

      <section aria-labelledby="home-menu-heading">
        <h2 id="home-menu-heading">{t.menuHeading}</h2>
        <ul className="flow-grid" id="home-flows">
          {t.flows.map((flow) => (
            <li key={flow.href} className="flow-card">
              <h3>
                <a href={flow.href} className="flow-card__link">
                  {flow.title}
                </a>
              </h3>
              <p>{flow.body}</p>
            </li>
          ))}
        </ul>
      </section>

      <section className="card card--help" id="home-help" aria-labelledby="home-help-heading">
        <h2 id="home-help-heading">{t.helpHeading}</h2>
        <p>{t.helpLead}</p>
        <ol className="steps">
          {t.helpSteps.map((step) => (
            <li key={step}>{step}</li>
          ))}
        </ol>
        <p>{t.helpPrivacy}</p>
        <p>{t.helpChat}</p>
      </section>

      <section aria-labelledby="home-news-heading">
        <h2 id="home-news-heading">{t.newsHeading}</h2>
        <ul className="news-list">
          {t.news.map((item) => (
            <li key={item.date}>
              <time dateTime={item.date}>{formatDate(item.date, lang)}</time>
              <span>{item.text}</span>
            </li>
          ))}
        </ul>
      </section>
    </Layout>
  );
}
