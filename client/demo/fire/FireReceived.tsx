import { useEffect, useRef } from 'react';
import { useText } from '../common/lang.tsx';
import { fireText } from './text.ts';

interface FireReceivedProps {
  applicationNumber: string;
  email: string;
}

export function FireReceived({ applicationNumber, email }: FireReceivedProps) {
  const t = useText(fireText);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  return (
    <section className="card card--success" id="fire-received" aria-labelledby="fire-received-heading">
      <h2 id="fire-received-heading" ref={headingRef} tabIndex={-1}>
        <span aria-hidden="true">✓ </span>
        {t.receivedHeading}
      </h2>
      <p>
        {t.receivedNumber}: <strong className="amount" id="fire-application-number">{applicationNumber}</strong>
      </p>
      <p>{t.receivedBody(email)}</p>
      <p>{t.receivedNote}</p>
      <p className="actions">
        <a className="button button--secondary" href="/">
          {t.backHome}
        </a>
      </p>
    </section>
  );
}
