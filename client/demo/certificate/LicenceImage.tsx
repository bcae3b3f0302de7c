import { useText } from '../common/lang.tsx';
import { certificateText } from './text.ts';

/**
 * Stands in for the scanned licence. Marked `data-tsunagi-block`: the recorder
 * replaces the whole element with an empty box, so it never leaves the browser.
 */
export function LicenceImage() {
  const t = useText(certificateText);
  return (
    <section className="card card--plain" aria-labelledby="certificate-licence-heading">
      <h2 id="certificate-licence-heading">{t.licenceHeading}</h2>
      <p className="card__meta">{t.licenceLead}</p>
      <figure className="licence" id="certificate-licence" data-tsunagi-block="">
        <div className="licence__image" role="img" aria-label={t.licenceImageLabel}>
          <div className="licence__band" />
          <div className="licence__photo" />
          <div className="licence__lines">
            <span />
            <span />
            <span />
            <span />
            <span className="licence__line--short" />
          </div>
          <div className="licence__number" />
        </div>
        <figcaption className="licence__caption">{t.licenceCaption}</figcaption>
      </figure>
    </section>
  );
}
