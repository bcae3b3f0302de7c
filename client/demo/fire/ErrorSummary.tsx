import { useEffect, useRef } from 'react';
import { useText } from '../common/lang.tsx';
import { fieldId } from './section.ts';
import { fireText } from './text.ts';
import type { FireForm } from './validate.ts';

interface ErrorSummaryProps {
  fields: (keyof FireForm)[];
  message: (key: keyof FireForm) => string | undefined;
  /** Changes on every failed submit, so focus returns here each time. */
  attempt: number;
}

export function ErrorSummary({ fields, message, attempt }: ErrorSummaryProps) {
  const t = useText(fireText);
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    ref.current?.focus();
  }, [attempt]);

  return (
    // A named region (a plain <div> cannot carry a name): focus lands here after
    // a failed submit, and the heading with the count is read out as its name.
    <div className="error-summary" id="fire-errors" ref={ref} tabIndex={-1} role="region" aria-labelledby="fire-errors-heading">
      <h2 id="fire-errors-heading">{t.errorSummaryHeading(fields.length)}</h2>
      <p>{t.errorSummaryLead}</p>
      <ul>
        {fields.map((key) => (
          <li key={key}>
            <a
              href={`#${fieldId[key]}`}
              onClick={(e) => {
                // Focusing (not just scrolling) puts the cursor in the field, ready to type.
                e.preventDefault();
                document.getElementById(fieldId[key])?.focus();
              }}
            >
              {t.fieldName[key]}: {message(key)}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
