import { useLang, useText } from '../common/lang.tsx';
import { customer } from '../common/customer.ts';
import { paymentText } from './text.ts';

/** Personal data: marked for masking, so the agent sees the layout but not the contents. */
export function RegisteredContact() {
  const { lang } = useLang();
  const t = useText(paymentText);
  return (
    <section className="card card--plain" aria-labelledby="payment-contact-heading">
      <h2 id="payment-contact-heading">{t.contactHeading}</h2>
      <p className="card__meta">{t.contactLead}</p>
      <dl className="details" id="payment-contact" data-tsunagi-mask="">
        <div>
          <dt>{t.contactName}</dt>
          <dd>{customer.name[lang]}</dd>
        </div>
        <div>
          <dt>{t.contactAddress}</dt>
          <dd>
            {customer.postalCode} {customer.address[lang]}
          </dd>
        </div>
        <div>
          <dt>{t.contactPhone}</dt>
          <dd>{customer.phone}</dd>
        </div>
      </dl>
    </section>
  );
}
