import { useState, type FormEvent } from 'react';
import { formatYen } from '../i18n.ts';
import { Layout } from '../common/Layout.tsx';
import { useLang, useText } from '../common/lang.tsx';
import { customer } from '../common/customer.ts';
import { loadRenewal } from '../renewal/premium.ts';
import { CardFields } from './CardFields.tsx';
import { PaymentDone } from './PaymentDone.tsx';
import { RegisteredContact } from './RegisteredContact.tsx';
import { emptyCard, methods, validateCard, type CardErrors, type CardForm, type MethodId } from './methods.ts';
import { paymentText } from './text.ts';

const fieldIds: Record<keyof CardForm, string> = { cardNumber: 'card-number', exp: 'card-exp', csc: 'card-csc', name: 'card-name' };

export function PaymentPage() {
  const { lang } = useLang();
  const t = useText(paymentText);
  const [renewal] = useState(loadRenewal);
  const [method, setMethod] = useState<MethodId>('card');
  const [card, setCard] = useState<CardForm>(emptyCard);
  const [submitted, setSubmitted] = useState(false);
  const [receipt, setReceipt] = useState<string | null>(null);

  // Errors appear only after the first attempt, then follow the customer's corrections live.
  const errors: CardErrors = submitted && method === 'card' ? validateCard(card, new Date()) : {};
  const hasErrors = Object.keys(errors).length > 0;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (method === 'card') {
      const found = validateCard(card, new Date());
      const first = (Object.keys(fieldIds) as (keyof CardForm)[]).find((field) => found[field]);
      if (first) {
        document.getElementById(fieldIds[first])?.focus();
        return;
      }
    }
    setReceipt(`P${Date.now().toString().slice(-8)}`);
  };

  const onChangeMethod = () => {
    setReceipt(null);
    setSubmitted(false);
  };

  return (
    <Layout page="payment" title={t.title}>
      <h1>{t.title}</h1>
      <p className="lead">{t.lead}</p>

      <section className="card card--accent amount-box" aria-labelledby="payment-amount-heading">
        <h2 id="payment-amount-heading">{t.amountHeading}</h2>
        <dl className="details">
          <div>
            <dt>{t.amountLabel}</dt>
            <dd className="amount amount--large" id="payment-amount">
              {formatYen(renewal.premium, lang)}
            </dd>
          </div>
          <div>
            <dt>{t.policyLabel}</dt>
            <dd>{renewal.policyNumber || t.policyUnknown}</dd>
          </div>
        </dl>
      </section>

      <RegisteredContact />

      {receipt ? (
        <PaymentDone methodName={t.methodName[method]} amount={formatYen(renewal.premium, lang)} receipt={receipt} onChange={onChangeMethod} />
      ) : (
        <form id="payment-form" className="stack" noValidate onSubmit={onSubmit}>
          <input type="hidden" name="customerRef" value={customer.ref} />
          <fieldset className="choice-group">
            <legend className="field__label field__label--large">{t.methodLegend}</legend>
            {methods.map((id) => (
              <div className="choice" key={id}>
                <input
                  type="radio"
                  id={`payment-method-${id}`}
                  name="paymentMethod"
                  value={id}
                  checked={method === id}
                  onChange={() => setMethod(id)}
                  aria-describedby={`payment-method-${id}-detail`}
                />
                <label htmlFor={`payment-method-${id}`}>
                  <span className="choice__title">{t.methodName[id]}</span>
                  <span className="choice__detail" id={`payment-method-${id}-detail`}>
                    {t.methodDetail[id]}
                  </span>
                </label>
              </div>
            ))}
          </fieldset>

          {method === 'card' ? (
            <CardFields card={card} errors={errors} onChange={setCard} />
          ) : (
            <p className="notice" id="payment-wallet-note">
              {t.walletNote(t.methodName[method])}
            </p>
          )}

          {hasErrors && (
            <p className="notice notice--error" role="alert" id="payment-errors">
              {t.errorsFound}
            </p>
          )}

          <p className="actions">
            <button type="submit" id="payment-confirm" className="button button--primary">
              {t.confirm}
            </button>
          </p>
        </form>
      )}
    </Layout>
  );
}
