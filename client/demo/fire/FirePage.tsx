import { useState, type FormEvent } from 'react';
import { Layout } from '../common/Layout.tsx';
import { useText } from '../common/lang.tsx';
import { AccountFields } from './AccountFields.tsx';
import { ApplicantFields } from './ApplicantFields.tsx';
import { BuildingFields } from './BuildingFields.tsx';
import { CoverFields } from './CoverFields.tsx';
import { ErrorSummary } from './ErrorSummary.tsx';
import { FireReceived } from './FireReceived.tsx';
import { fireText } from './text.ts';
import { emptyFireForm, fieldOrder, validateFire, type FireForm } from './validate.ts';

/** Looks like the insurer's numbering: product letter, year, six digits. */
function newApplicationNumber(now: Date): string {
  const serial = String(Math.floor(Math.random() * 1_000_000)).padStart(6, '0');
  return `F${now.getFullYear()}-${serial}`;
}

export function FirePage() {
  const t = useText(fireText);
  const [form, setForm] = useState<FireForm>(emptyFireForm);
  const [attempts, setAttempts] = useState(0);
  const [applicationNumber, setApplicationNumber] = useState<string | null>(null);

  // Validate only after the first submit; from then on errors clear as the customer fixes them.
  const errors = attempts > 0 ? validateFire(form, new Date()) : {};
  const invalid = fieldOrder.filter((key) => errors[key]);
  const message = (key: keyof FireForm) => {
    const code = errors[key];
    if (!code) return undefined;
    return key === 'structure' && code === 'required' ? t.selectRequired : t.errors[code];
  };

  const set = <K extends keyof FireForm>(key: K, value: FireForm[K]) => setForm((prev) => ({ ...prev, [key]: value }));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setAttempts((n) => n + 1);
    const found = validateFire(form, new Date());
    if (fieldOrder.some((key) => found[key])) return;
    setApplicationNumber(newApplicationNumber(new Date()));
  };

  return (
    <Layout page="fire" title={t.title}>
      <h1>{t.title}</h1>
      {applicationNumber ? (
        <FireReceived applicationNumber={applicationNumber} email={form.email.trim()} />
      ) : (
        <>
          <p className="lead">{t.lead}</p>
          <p className="card__meta">{t.requiredNote}</p>
          <form id="fire-form" className="stack" noValidate onSubmit={onSubmit}>
            {invalid.length > 0 && <ErrorSummary fields={invalid} message={message} attempt={attempts} />}
            <BuildingFields form={form} error={message} set={set} />
            <CoverFields form={form} set={set} />
            <ApplicantFields form={form} error={message} set={set} />
            <AccountFields form={form} error={message} set={set} />
            <p className="actions">
              <button type="submit" id="fire-submit" className="button button--primary button--wide">
                {t.submit}
              </button>
            </p>
          </form>
        </>
      )}
    </Layout>
  );
}
