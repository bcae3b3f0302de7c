import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Layout } from '../common/Layout.tsx';
import { useLang, useText } from '../common/lang.tsx';
import { partnerOrigin } from '../common/partner-origin.ts';
import { changeText } from './text.ts';

/**
 * Two forms from elsewhere, in frames: the insurer's own address search
 * (same origin) and the payment provider's card form (another origin, with
 * the widget embedded there too). Both appear in the agent's live view.
 */
export function ChangePage() {
  const { lang } = useLang();
  const t = useText(changeText);
  const [done, setDone] = useState(false);
  const doneRef = useRef<HTMLHeadingElement>(null);
  const cardSrc = `${partnerOrigin(location)}/embed/card/?lang=${lang}`;

  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setDone(true);
  };

  return (
    <Layout page="change" title={t.title}>
      <h1>{t.title}</h1>
      <p className="lead">{t.lead}</p>

      {done ? (
        <section className="card card--success" id="change-done" aria-labelledby="change-done-heading">
          <h2 id="change-done-heading" ref={doneRef} tabIndex={-1}>
            <span aria-hidden="true">✓ </span>
            {t.doneHeading}
          </h2>
          <p>{t.doneBody}</p>
        </section>
      ) : (
        <form id="change-form" className="stack" noValidate onSubmit={onSubmit}>
          <section className="card" aria-labelledby="change-address-heading">
            <h2 id="change-address-heading">{t.addressHeading}</h2>
            <p className="field__hint">{t.addressLead}</p>
            <iframe id="change-address-frame" className="embed-frame embed-frame--address" src="/embed/address/" title={t.addressFrameTitle} />
          </section>

          <section className="card" aria-labelledby="change-card-heading">
            <h2 id="change-card-heading">{t.cardHeading}</h2>
            <p className="field__hint">{t.cardLead}</p>
            <iframe id="change-card-frame" className="embed-frame embed-frame--card" src={cardSrc} title={t.cardFrameTitle} />
          </section>

          <p className="actions">
            <button type="submit" id="change-confirm" className="button button--primary">
              {t.confirm}
            </button>
          </p>
        </form>
      )}
    </Layout>
  );
}
