import { useState } from 'react';
import { Field, fieldAria } from '../../common/Field.tsx';
import { useLang, useText } from '../../common/lang.tsx';
import { lookUpPostcode } from './postcodes.ts';
import { addressText } from './text.ts';

/**
 * The insurer's own address search, served from its own origin and shown in
 * a frame of the change page. The date of birth is marked
 * `data-tsunagi-mask`: the agent sees that something was typed, not what.
 */
export function AddressForm() {
  const { lang } = useLang();
  const t = useText(addressText);
  const [postcode, setPostcode] = useState('');
  const [prefecture, setPrefecture] = useState('');
  const [city, setCity] = useState('');
  const [status, setStatus] = useState('');
  const [birthdate, setBirthdate] = useState('');

  const onLookUp = () => {
    const found = lookUpPostcode(postcode, lang);
    if (!found) {
      setStatus(t.notFound);
      return;
    }
    setPrefecture(found.prefecture);
    setCity(found.city);
    setStatus(t.found(`${found.prefecture} ${found.city}`));
  };

  return (
    <form id="address-form" className="embed-form" noValidate onSubmit={(event) => event.preventDefault()}>
      <Field id="address-postcode" label={t.postcodeLabel} hint={t.postcodeHint} required>
        <span className="field-inline">
          <input
            id="address-postcode"
            name="postcode"
            className="input input--short"
            autoComplete="postal-code"
            inputMode="numeric"
            value={postcode}
            onChange={(event) => setPostcode(event.target.value)}
            {...fieldAria('address-postcode', { hint: t.postcodeHint })}
          />
          <button type="button" id="address-lookup" className="button button--secondary" onClick={onLookUp}>
            {t.lookUp}
          </button>
        </span>
      </Field>
      <p id="address-status" className="field__hint" role="status">
        {status}
      </p>
      <div className="field-row">
        <Field id="address-prefecture" label={t.prefectureLabel} required>
          <input
            id="address-prefecture"
            name="prefecture"
            className="input input--short"
            autoComplete="address-level1"
            value={prefecture}
            onChange={(event) => setPrefecture(event.target.value)}
          />
        </Field>
        <Field id="address-city" label={t.cityLabel} required>
          <input
            id="address-city"
            name="city"
            className="input input--medium"
            autoComplete="address-level2"
            value={city}
            onChange={(event) => setCity(event.target.value)}
          />
        </Field>
      </div>
      <Field id="address-line" label={t.lineLabel} hint={t.lineHint} required>
        <input id="address-line" name="line" className="input" autoComplete="address-line1" {...fieldAria('address-line', { hint: t.lineHint })} />
      </Field>
      <Field id="address-phone" label={t.phoneLabel} required>
        <input id="address-phone" name="phone" type="tel" className="input input--medium" autoComplete="tel" />
      </Field>
      <fieldset className="embed-identity" id="address-identity">
        <legend className="field__label">{t.identityLegend}</legend>
        <p className="field__hint">{t.identityLead}</p>
        <Field id="address-birthdate" label={t.birthdateLabel} hint={t.birthdateHint} required>
          {/* Protected: the agent sees stars of the same length. */}
          <div data-tsunagi-mask="">
            <input
              id="address-birthdate"
              name="birthdate"
              className="input input--short"
              autoComplete="bday"
              inputMode="numeric"
              value={birthdate}
              onChange={(event) => setBirthdate(event.target.value)}
              {...fieldAria('address-birthdate', { hint: t.birthdateHint })}
            />
          </div>
        </Field>
      </fieldset>
    </form>
  );
}
