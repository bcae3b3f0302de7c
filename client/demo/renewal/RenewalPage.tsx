import { useState } from 'react';
import { formatDate, formatYen } from '../i18n.ts';
import { Field, fieldAria } from '../common/Field.tsx';
import { Layout } from '../common/Layout.tsx';
import { useLang, useText } from '../common/lang.tsx';
import { autoPolicy } from '../common/customer.ts';
import { LastYearTable } from './LastYearTable.tsx';
import { ChoiceForm } from './ChoiceForm.tsx';
import { lastYear, premiumOf, saveRenewal, type RenewalChoice } from './premium.ts';
import { renewalText } from './text.ts';

const POLICY_NUMBER = /^TG-\d{4}-\d{7}$/;

export function RenewalPage() {
  const { lang } = useLang();
  const t = useText(renewalText);
  const [choice, setChoice] = useState<RenewalChoice>({ ...lastYear });
  const [policyNumber, setPolicyNumber] = useState('');
  const [policyTouched, setPolicyTouched] = useState(false);

  const premium = premiumOf(choice);
  const diff = premium - lastYear.premium;
  const normalisedPolicy = policyNumber.trim().toUpperCase();
  // Judged only after the customer leaves the field, so typing is not interrupted by an error.
  const policyError = policyTouched && normalisedPolicy !== '' && !POLICY_NUMBER.test(normalisedPolicy) ? t.policyNumberError : undefined;

  return (
    <Layout page="renewal" title={t.title}>
      <h1>{t.title}</h1>
      <p className="lead">{t.lead}</p>

      <Field id="renewal-policy-number" label={t.policyNumberLabel} hint={t.policyNumberHint} error={policyError}>
        <input
          id="renewal-policy-number"
          name="policyNumber"
          type="text"
          className="input input--medium"
          autoComplete="off"
          spellCheck={false}
          value={policyNumber}
          onChange={(e) => setPolicyNumber(e.target.value)}
          onBlur={() => setPolicyTouched(true)}
          {...fieldAria('renewal-policy-number', { hint: t.policyNumberHint, error: policyError })}
        />
      </Field>

      <div className="compare">
        <section className="card card--muted" aria-labelledby="renewal-last-year-heading">
          <h2 id="renewal-last-year-heading">{t.lastYearHeading}</h2>
          <p className="card__meta">{t.periodLabel(formatDate(autoPolicy.start, lang), formatDate(autoPolicy.end, lang))}</p>
          <LastYearTable />
        </section>

        <section className="card card--accent" aria-labelledby="renewal-this-year-heading">
          <h2 id="renewal-this-year-heading">{t.thisYearHeading}</h2>
          <p className="card__meta">
            {t.periodLabel(formatDate(autoPolicy.renewalStart, lang), formatDate(autoPolicy.renewalEnd, lang))}
          </p>
          <ChoiceForm choice={choice} onChange={setChoice} />

          <div className="premium-box">
            <p className="premium-box__label" id="renewal-new-premium-label">
              {t.newPremiumLabel}
            </p>
            <output id="renewal-new-premium" className="premium-box__amount" aria-labelledby="renewal-new-premium-label">
              {formatYen(premium, lang)}
            </output>
            <p className="premium-box__diff" id="renewal-premium-diff">
              {diff === 0 ? t.sameAsLastYear : t.difference(formatYen(Math.abs(diff), lang), diff > 0)}
            </p>
            <p className="premium-box__note">{t.rateNote}</p>
          </div>
        </section>
      </div>

      <p className="actions">
        <a
          id="renewal-proceed"
          className="button button--primary"
          href="/payment/"
          onClick={() => saveRenewal({ premium, policyNumber: normalisedPolicy })}
        >
          {t.proceed}
          <span className="button__arrow" aria-hidden="true">→</span>
        </a>
      </p>
    </Layout>
  );
}
