export type Structure = '' | 'M' | 'T' | 'H';

export interface FireForm {
  postalCode: string;
  address: string;
  structure: Structure;
  floorArea: string;
  buildingYear: string;
  contents: boolean;
  earthquake: boolean;
  name: string;
  kana: string;
  birthDate: string;
  email: string;
  phone: string;
  password: string;
  agree: boolean;
}

export const emptyFireForm: FireForm = {
  postalCode: '',
  address: '',
  structure: '',
  floorArea: '',
  buildingYear: '',
  contents: true,
  earthquake: false,
  name: '',
  kana: '',
  birthDate: '',
  email: '',
  phone: '',
  password: '',
  agree: false,
};

export type FireErrorKey =
  | 'required'
  | 'postalCode'
  | 'floorArea'
  | 'buildingYear'
  | 'kana'
  | 'birthDate'
  | 'underAge'
  | 'email'
  | 'phone'
  | 'password'
  | 'agree';

export type FireErrors = Partial<Record<keyof FireForm, FireErrorKey>>;

/** Field order on the page: the error summary lists and focuses errors in this order. */
export const fieldOrder: (keyof FireForm)[] = [
  'postalCode',
  'address',
  'structure',
  'floorArea',
  'buildingYear',
  'name',
  'kana',
  'birthDate',
  'email',
  'phone',
  'password',
  'agree',
];

// Customers often type with a Japanese IME on, so full-width digits and hyphens are normalised first.
function halfWidth(value: string): string {
  return value
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[－ー―‐]/g, '-')
    .trim();
}

function ageOn(birth: Date, today: Date): number {
  const age = today.getFullYear() - birth.getFullYear();
  const beforeBirthday = today.getMonth() < birth.getMonth() || (today.getMonth() === birth.getMonth() && today.getDate() < birth.getDate());
  return beforeBirthday ? age - 1 : age;
}

export function validateFire(form: FireForm, today: Date): FireErrors {
  const errors: FireErrors = {};
  const required: (keyof FireForm)[] = ['postalCode', 'address', 'structure', 'floorArea', 'buildingYear', 'name', 'kana', 'birthDate', 'email', 'phone', 'password'];
  for (const key of required) {
    if (String(form[key]).trim() === '') errors[key] = 'required';
  }

  if (!errors.postalCode && !/^\d{3}-?\d{4}$/.test(halfWidth(form.postalCode))) errors.postalCode = 'postalCode';

  const area = Number(halfWidth(form.floorArea));
  if (!errors.floorArea && !(area >= 10 && area <= 1000)) errors.floorArea = 'floorArea';

  const year = Number(halfWidth(form.buildingYear));
  if (!errors.buildingYear && !(Number.isInteger(year) && year >= 1950 && year <= today.getFullYear())) errors.buildingYear = 'buildingYear';

  if (!errors.kana && !/^[ァ-ヶー\s\u3000]+$/.test(form.kana.trim())) errors.kana = 'kana';

  if (!errors.birthDate) {
    const birth = new Date(`${form.birthDate}T00:00:00`);
    if (Number.isNaN(birth.getTime()) || birth > today) errors.birthDate = 'birthDate';
    else if (ageOn(birth, today) < 18) errors.birthDate = 'underAge';
  }

  if (!errors.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(form.email.trim())) errors.email = 'email';

  if (!errors.phone && !/^0\d{9,10}$/.test(halfWidth(form.phone).replace(/-/g, ''))) errors.phone = 'phone';

  if (!errors.password && !(form.password.length >= 8 && /[A-Za-z]/.test(form.password) && /\d/.test(form.password))) {
    errors.password = 'password';
  }

  if (!form.agree) errors.agree = 'agree';
  return errors;
}
