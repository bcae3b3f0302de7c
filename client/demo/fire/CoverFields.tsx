import { useText } from '../common/lang.tsx';
import { fieldId, type SectionProps } from './section.ts';
import { fireText } from './text.ts';

export function CoverFields({ form, set }: Omit<SectionProps, 'error'>) {
  const t = useText(fireText);
  return (
    <fieldset className="card card--plain form-section">
      <legend className="card__legend">
        <h2>{t.coverHeading}</h2>
      </legend>
      <div className="choice choice--single">
        <input
          type="checkbox"
          id={fieldId.contents}
          name="contents"
          checked={form.contents}
          onChange={(e) => set('contents', e.target.checked)}
          aria-describedby={`${fieldId.contents}-detail`}
        />
        <label htmlFor={fieldId.contents}>
          <span className="choice__title">{t.contentsLabel}</span>
          <span className="choice__detail" id={`${fieldId.contents}-detail`}>
            {t.contentsHint}
          </span>
        </label>
      </div>
      <div className="choice choice--single">
        <input
          type="checkbox"
          id={fieldId.earthquake}
          name="earthquake"
          checked={form.earthquake}
          onChange={(e) => set('earthquake', e.target.checked)}
          aria-describedby={`${fieldId.earthquake}-detail`}
        />
        <label htmlFor={fieldId.earthquake}>
          <span className="choice__title">{t.earthquakeLabel}</span>
          <span className="choice__detail" id={`${fieldId.earthquake}-detail`}>
            {t.earthquakeHint}
          </span>
        </label>
      </div>
    </fieldset>
  );
}
