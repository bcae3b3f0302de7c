import { useState } from 'react';
import { Layout } from '../common/Layout.tsx';
import { useLang, useText } from '../common/lang.tsx';
import { certificateContent } from './content.ts';
import { downloadCertificate } from './download.ts';
import { LicenceImage } from './LicenceImage.tsx';
import { certificateText } from './text.ts';

export function CertificatePage() {
  const { lang } = useLang();
  const t = useText(certificateText);
  const [downloaded, setDownloaded] = useState(false);
  const content = certificateContent(t, lang);

  const onDownload = () => {
    downloadCertificate(
      { title: t.certificateTitle, subtitle: t.certificateSubtitle, coverCaption: t.coverCaption, issuer: t.issuer },
      content,
    );
    setDownloaded(true);
  };

  return (
    <Layout page="certificate" title={t.title}>
      <h1>{t.title}</h1>
      <p className="lead">{t.lead}</p>

      <article className="certificate" id="certificate" aria-labelledby="certificate-heading">
        <header className="certificate__header">
          <div>
            <h2 id="certificate-heading" className="certificate__title">
              {t.certificateTitle}
            </h2>
            <p className="certificate__subtitle">{t.certificateSubtitle}</p>
          </div>
          <div className="certificate__seal" aria-hidden="true">
            {t.seal.map((line) => (
              <span key={line}>{line}</span>
            ))}
          </div>
        </header>
        <dl className="details details--certificate">
          {[...content.header, ...content.details].map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd id={label === t.policyNumber ? 'certificate-policy-number' : undefined}>{value}</dd>
            </div>
          ))}
        </dl>
        <table className="data-table" id="certificate-cover">
          <caption>{t.coverCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{t.cover}</th>
              <th scope="col">{t.amount}</th>
            </tr>
          </thead>
          <tbody>
            {content.cover.map(([cover, amount]) => (
              <tr key={cover}>
                <th scope="row">{cover}</th>
                <td>{amount}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{content.premium[0]}</th>
              <td className="amount">{content.premium[1]}</td>
            </tr>
          </tfoot>
        </table>
        <p className="certificate__issuer">{t.issuer}</p>
      </article>

      <div className="actions no-print">
        <button type="button" id="certificate-download" className="button button--primary" onClick={onDownload}>
          {t.download}
        </button>
        <button type="button" id="certificate-print" className="button button--secondary" onClick={() => window.print()} aria-describedby="certificate-print-hint">
          {t.print}
        </button>
      </div>
      <p className="card__meta no-print" id="certificate-print-hint">
        {t.printHint}
      </p>
      {downloaded && (
        <p className="notice no-print" role="status" id="certificate-downloaded">
          {t.downloaded}
        </p>
      )}

      <div className="no-print">
        <LicenceImage />
      </div>
    </Layout>
  );
}
