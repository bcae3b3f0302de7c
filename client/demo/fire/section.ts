import type { FireForm } from './validate.ts';

/** Element ids of the form's fields; stable because tests and the error summary link to them. */
export const fieldId: Record<keyof FireForm, string> = {
  postalCode: 'fire-postal-code',
  address: 'fire-address',
  structure: 'fire-structure',
  floorArea: 'fire-floor-area',
  buildingYear: 'fire-building-year',
  contents: 'fire-contents',
  earthquake: 'fire-earthquake',
  name: 'fire-applicant-name',
  kana: 'fire-applicant-kana',
  birthDate: 'fire-birth-date',
  email: 'fire-email',
  phone: 'fire-phone',
  password: 'fire-password',
  agree: 'fire-agree',
};

export interface SectionProps {
  form: FireForm;
  /** The message to show under a field, if it has an error. */
  error: (key: keyof FireForm) => string | undefined;
  set: <K extends keyof FireForm>(key: K, value: FireForm[K]) => void;
}
