import { useState } from 'react';
import { Field, FieldError, fieldAria } from '../common/Field.tsx';
import { useText } from '../common/lang.tsx';
import { fieldId, type SectionProps } from './section.ts';
import { fireText } from './text.ts';

export function AccountFields({ form, error, set }: SectionProps) {
  const t = useText(fireText);
  // Older customers often mistype hidden passwords; letting them look is safer than a second field.
  const [showPassword, setShowPassword] = useState(false);
  const agreeError = error('agree');

  return (
    <fieldset className="card card--plain form-section">
      <legend className="card__legend">
        <h2>{t.accountHeading}</h2>
      </legend>
      <p className="card__meta">{t.accountLead}</p>
      <Field id={fieldId.password} label={t.passwordLabel} hint={t.passwordHint} error={error('password')} required>
        <input
          id={fieldId.password}
          name="password"
          type={showPassword ? 'text' : 'password'}
          className="input input--medium"
          autoComplete="new-password"
          spellCheck={false}
          value={form.password}
          onChange={(e) => set('password', e.target.value)}
          {...fieldAria(fieldId.password, { hint: t.passwordHint, error: error('password') })}
        />
      </Field>
      <div className="choice choice--compact">
        <input type="checkbox" id="fire-password-show" checked={showPassword} onChange={(e) => setShowPassword(e.target.checked)} />
        <label htmlFor="fire-password-show">{t.showPassword}</label>
      </div>

      <div className={agreeError ? 'choice choice--single choice--invalid' : 'choice choice--single'}>
        <input
          type="checkbox"
          id={fieldId.agree}
          name="agree"
          checked={form.agree}
          onChange={(e) => set('agree', e.target.checked)}
          aria-invalid={agreeError ? true : undefined}
          aria-describedby={agreeError ? `${fieldId.agree}-error` : undefined}
        />
        <label htmlFor={fieldId.agree}>
          <span className="choice__title">{t.agreeLabel}</span>
        </label>
      </div>
      {agreeError && <FieldError id={`${fieldId.agree}-error`}>{agreeError}</FieldError>}
    </fieldset>
  );
}
