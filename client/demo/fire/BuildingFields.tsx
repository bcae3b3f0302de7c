import { Field, fieldAria } from '../common/Field.tsx';
import { useText } from '../common/lang.tsx';
import { fieldId, type SectionProps } from './section.ts';
import { fireText } from './text.ts';
import type { Structure } from './validate.ts';

const structures: Exclude<Structure, ''>[] = ['M', 'T', 'H'];

export function BuildingFields({ form, error, set }: SectionProps) {
  const t = useText(fireText);
  return (
    <fieldset className="card card--plain form-section">
      <legend className="card__legend">
        <h2>{t.buildingHeading}</h2>
      </legend>
      <Field id={fieldId.postalCode} label={t.postalCodeLabel} hint={t.postalCodeHint} error={error('postalCode')} required>
        <input
          id={fieldId.postalCode}
          name="postalCode"
          type="text"
          className="input input--short"
          autoComplete="postal-code"
          inputMode="numeric"
          maxLength={8}
          value={form.postalCode}
          onChange={(e) => set('postalCode', e.target.value)}
          {...fieldAria(fieldId.postalCode, { hint: t.postalCodeHint, error: error('postalCode') })}
        />
      </Field>
      <Field id={fieldId.address} label={t.addressLabel} hint={t.addressHint} error={error('address')} required>
        <input
          id={fieldId.address}
          name="address"
          type="text"
          className="input"
          autoComplete="street-address"
          value={form.address}
          onChange={(e) => set('address', e.target.value)}
          {...fieldAria(fieldId.address, { hint: t.addressHint, error: error('address') })}
        />
      </Field>
      <Field id={fieldId.structure} label={t.structureLabel} hint={t.structureHint} error={error('structure')} required>
        <select
          id={fieldId.structure}
          name="structure"
          className="input"
          value={form.structure}
          onChange={(e) => set('structure', e.target.value as Structure)}
          {...fieldAria(fieldId.structure, { hint: t.structureHint, error: error('structure') })}
        >
          <option value="">{t.structurePlaceholder}</option>
          {structures.map((s) => (
            <option key={s} value={s}>
              {t.structureOption[s]}
            </option>
          ))}
        </select>
      </Field>
      <div className="field-row">
        <Field id={fieldId.floorArea} label={t.floorAreaLabel} hint={t.floorAreaHint} error={error('floorArea')} required>
          <input
            id={fieldId.floorArea}
            name="floorArea"
            type="number"
            className="input input--short"
            inputMode="decimal"
            min={10}
            max={1000}
            step="0.01"
            value={form.floorArea}
            onChange={(e) => set('floorArea', e.target.value)}
            {...fieldAria(fieldId.floorArea, { hint: t.floorAreaHint, error: error('floorArea') })}
          />
        </Field>
        <Field id={fieldId.buildingYear} label={t.buildingYearLabel} hint={t.buildingYearHint} error={error('buildingYear')} required>
          <input
            id={fieldId.buildingYear}
            name="buildingYear"
            type="number"
            className="input input--short"
            inputMode="numeric"
            min={1950}
            step={1}
            value={form.buildingYear}
            onChange={(e) => set('buildingYear', e.target.value)}
            {...fieldAria(fieldId.buildingYear, { hint: t.buildingYearHint, error: error('buildingYear') })}
          />
        </Field>
      </div>
    </fieldset>
  );
}
