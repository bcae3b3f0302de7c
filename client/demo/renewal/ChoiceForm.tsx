import { formatYen } from '../i18n.ts';
import { fieldAria } from '../common/Field.tsx';
import { useLang, useText } from '../common/lang.tsx';
import { deductibles, driverAges, plans, type Deductible, type DriverAge, type RenewalChoice } from './premium.ts';
import { renewalText } from './text.ts';

interface ChoiceFormProps {
  choice: RenewalChoice;
  onChange: (choice: RenewalChoice) => void;
}

export function ChoiceForm({ choice, onChange }: ChoiceFormProps) {
  const { lang } = useLang();
  const t = useText(renewalText);
  const deductibleHint = choice.vehicle ? t.deductibleHint : t.deductibleDisabledHint;

  return (
    <div className="stack">
      <fieldset className="choice-group">
        <legend className="field__label">{t.planLegend}</legend>
        {plans.map((plan) => (
          <div className="choice" key={plan}>
            <input
              type="radio"
              id={`renewal-plan-${plan}`}
              name="plan"
              value={plan}
              checked={choice.plan === plan}
              onChange={() => onChange({ ...choice, plan })}
              aria-describedby={`renewal-plan-${plan}-detail`}
            />
            <label htmlFor={`renewal-plan-${plan}`}>
              <span className="choice__title">{t.planName[plan]}</span>
              <span className="choice__detail" id={`renewal-plan-${plan}-detail`}>
                {t.planDetail[plan]}
              </span>
            </label>
          </div>
        ))}
      </fieldset>

      <div className="choice choice--single">
        <input
          type="checkbox"
          id="renewal-vehicle"
          name="vehicleInsurance"
          checked={choice.vehicle}
          onChange={(e) => onChange({ ...choice, vehicle: e.target.checked })}
          aria-describedby="renewal-vehicle-detail"
        />
        <label htmlFor="renewal-vehicle">
          <span className="choice__title">{t.vehicleLabel}</span>
          <span className="choice__detail" id="renewal-vehicle-detail">
            {t.vehicleHint}
          </span>
        </label>
      </div>

      <div className="field">
        <label className="field__label" htmlFor="renewal-deductible">
          {t.deductibleLabel}
        </label>
        <p className="field__hint" id="renewal-deductible-hint">
          {deductibleHint}
        </p>
        <select
          id="renewal-deductible"
          name="deductible"
          className="input"
          value={choice.deductible}
          disabled={!choice.vehicle}
          onChange={(e) => onChange({ ...choice, deductible: Number(e.target.value) as Deductible })}
          {...fieldAria('renewal-deductible', { hint: deductibleHint })}
        >
          {deductibles.map((amount) => (
            <option key={amount} value={amount}>
              {amount === 0 ? t.deductibleNone : formatYen(amount, lang)}
            </option>
          ))}
        </select>
      </div>

      <div className="field">
        <label className="field__label" htmlFor="renewal-driver-age">
          {t.driverAgeLabel}
        </label>
        <p className="field__hint" id="renewal-driver-age-hint">
          {t.driverAgeHint}
        </p>
        <select
          id="renewal-driver-age"
          name="driverAge"
          className="input"
          value={choice.driverAge}
          onChange={(e) => onChange({ ...choice, driverAge: e.target.value as DriverAge })}
          {...fieldAria('renewal-driver-age', { hint: t.driverAgeHint })}
        >
          {driverAges.map((age) => (
            <option key={age} value={age}>
              {t.driverAgeOption[age]}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
