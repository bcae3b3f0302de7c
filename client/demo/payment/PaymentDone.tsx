import { useEffect, useRef } from 'react';
import { useText } from '../common/lang.tsx';
import { paymentText } from './text.ts';

interface PaymentDoneProps {
  methodName: string;
  amount: string;
  receipt: string;
  onChange: () => void;
}

export function PaymentDone({ methodName, amount, receipt, onChange }: PaymentDoneProps) {
  const t = useText(paymentText);
  const headingRef = useRef<HTMLHeadingElement>(null);

  // The form disappears, so move focus to the result; screen readers then announce it.
  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  return (
    <section className="card card--success" id="payment-done" aria-labelledby="payment-done-heading">
      <h2 id="payment-done-heading" ref={headingRef} tabIndex={-1}>
        <span aria-hidden="true">✓ </span>
        {t.doneHeading}
      </h2>
      <p id="payment-done-summary">{t.doneBody(methodName, amount)}</p>
      <p>
        {t.doneReceipt}: <strong id="payment-receipt">{receipt}</strong>
      </p>
      <p>{t.doneNext}</p>
      <p className="actions">
        <a className="button button--primary" href="/certificate/" id="payment-to-certificate">
          {t.toCertificate}
        </a>
        <button type="button" className="button button--secondary" id="payment-change" onClick={onChange}>
          {t.change}
        </button>
      </p>
    </section>
  );
}
