import type { ReactNode } from 'react';
import { commonText } from '../i18n.ts';
import { useText } from './lang.tsx';

interface FieldAriaOptions {
  hint?: string | undefined;
  error?: string | undefined;
}

/** ARIA wiring so screen readers read a field's hint and error with its label. */
export function fieldAria(id: string, { hint, error }: FieldAriaOptions) {
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return {
    'aria-describedby': describedBy || undefined,
    'aria-invalid': error ? true : undefined,
  } as const;
}

interface FieldProps {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  required?: boolean;
  /** The input itself, which must carry `id` and the attributes from `fieldAria`. */
  children: ReactNode;
}

export function Field({ id, label, hint, error, required = false, children }: FieldProps) {
  const t = useText(commonText);
  return (
    <div className={error ? 'field field--invalid' : 'field'}>
      <label className="field__label" htmlFor={id}>
        {label}
        <span className={required ? 'badge badge--required' : 'badge'}>{required ? t.required : t.optional}</span>
      </label>
      {hint && (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {children}
      {error && <FieldError id={`${id}-error`}>{error}</FieldError>}
    </div>
  );
}

export function FieldError({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p className="field__error" id={id}>
      <span aria-hidden="true">⚠ </span>
      {children}
    </p>
  );
}
