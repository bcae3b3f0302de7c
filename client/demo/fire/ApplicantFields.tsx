import { Field, fieldAria } from '../common/Field.tsx';
import { useText } from '../common/lang.tsx';
import { fieldId, type SectionProps } from './section.ts';
import { fireText } from './text.ts';

type TextKey = 'name' | 'kana' | 'birthDate' | 'email' | 'phone';

const inputs: { key: TextKey; type: string; autoComplete: string; className: string }[] = [
  { key: 'name', type: 'text', autoComplete: 'name', className: 'input input--medium' },
  { key: 'kana', type: 'text', autoComplete: 'off', className: 'input input--medium' },
  { key: 'birthDate', type: 'date', autoComplete: 'bday', className: 'input input--short' },
  { key: 'email', type: 'email', autoComplete: 'email', className: 'input input--medium' },
  { key: 'phone', type: 'tel', autoComplete: 'tel', className: 'input input--medium' },
];

export function ApplicantFields({ form, error, set }: SectionProps) {
  const t = useText(fireText);
  const labels: Record<TextKey, [label: string, hint: string]> = {
    name: [t.nameLabel, t.nameHint],
    kana: [t.kanaLabel, t.kanaHint],
    birthDate: [t.birthDateLabel, t.birthDateHint],
    email: [t.emailLabel, t.emailHint],
    phone: [t.phoneLabel, t.phoneHint],
  };
  return (
    <fieldset className="card card--plain form-section">
      <legend className="card__legend">
        <h2>{t.applicantHeading}</h2>
      </legend>
      {inputs.map(({ key, ...attrs }) => {
        const [label, hint] = labels[key];
        return (
          <Field key={key} id={fieldId[key]} label={label} hint={hint} error={error(key)} required>
            <input
              id={fieldId[key]}
              name={key}
              {...attrs}
              spellCheck={false}
              value={form[key]}
              onChange={(e) => set(key, e.target.value)}
              {...fieldAria(fieldId[key], { hint, error: error(key) })}
            />
          </Field>
        );
      })}
    </fieldset>
  );
}
