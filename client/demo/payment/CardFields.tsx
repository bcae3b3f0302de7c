import type { ChangeEvent } from 'react';
import { Field, fieldAria } from '../common/Field.tsx';
import { useText } from '../common/lang.tsx';
import type { CardErrors, CardForm } from './methods.ts';
import { paymentText } from './text.ts';

interface CardFieldsProps {
  card: CardForm;
  errors: CardErrors;
  onChange: (card: CardForm) => void;
}

export function CardFields({ card, errors, onChange }: CardFieldsProps) {
  const t = useText(paymentText);
  const errorText = (field: keyof CardForm) => {
    const key = errors[field];
    return key ? t.cardErrors[key] : undefined;
  };
  const set = (field: keyof CardForm) => (e: ChangeEvent<HTMLInputElement>) => onChange({ ...card, [field]: e.target.value });

  return (
    <fieldset className="card card--plain" id="payment-card-fields">
      <legend className="card__legend">{t.cardLegend}</legend>
      <Field id="card-number" label={t.cardNumberLabel} hint={t.cardNumberHint} error={errorText('cardNumber')} required>
        <input
          id="card-number"
          name="cardNumber"
          type="text"
          className="input input--medium"
          autoComplete="cc-number"
          inputMode="numeric"
          maxLength={23}
          value={card.cardNumber}
          onChange={set('cardNumber')}
          {...fieldAria('card-number', { hint: t.cardNumberHint, error: errorText('cardNumber') })}
        />
      </Field>
      <Field id="card-exp" label={t.cardExpLabel} hint={t.cardExpHint} error={errorText('exp')} required>
        <input
          id="card-exp"
          name="cardExp"
          type="text"
          className="input input--short"
          autoComplete="cc-exp"
          inputMode="numeric"
          placeholder="MM/YY"
          maxLength={7}
          value={card.exp}
          onChange={set('exp')}
          {...fieldAria('card-exp', { hint: t.cardExpHint, error: errorText('exp') })}
        />
      </Field>
      <Field id="card-csc" label={t.cardCscLabel} hint={t.cardCscHint} error={errorText('csc')} required>
        <input
          id="card-csc"
          name="cardCsc"
          type="text"
          className="input input--short"
          autoComplete="cc-csc"
          inputMode="numeric"
          maxLength={4}
          value={card.csc}
          onChange={set('csc')}
          {...fieldAria('card-csc', { hint: t.cardCscHint, error: errorText('csc') })}
        />
      </Field>
      <Field id="card-name" label={t.cardNameLabel} hint={t.cardNameHint} error={errorText('name')} required>
        <input
          id="card-name"
          name="cardName"
          type="text"
          className="input input--medium"
          autoComplete="cc-name"
          autoCapitalize="characters"
          spellCheck={false}
          value={card.name}
          onChange={set('name')}
          {...fieldAria('card-name', { hint: t.cardNameHint, error: errorText('name') })}
        />
      </Field>
    </fieldset>
  );
}
