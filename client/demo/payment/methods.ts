export type MethodId = 'card' | 'linepay' | 'paypay' | 'aupay' | 'payb';

export const methods: readonly MethodId[] = ['card', 'linepay', 'paypay', 'aupay', 'payb'];

export interface CardForm {
  cardNumber: string;
  exp: string;
  csc: string;
  name: string;
}

export type CardErrorKey = 'numberMissing' | 'numberInvalid' | 'expMissing' | 'expInvalid' | 'expPast' | 'cscInvalid' | 'nameMissing' | 'nameInvalid';
export type CardErrors = Partial<Record<keyof CardForm, CardErrorKey>>;

export const emptyCard: CardForm = { cardNumber: '', exp: '', csc: '', name: '' };

/** The check digit catches most single-digit typos before the card company has to reject them. */
function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Accepts "08/29", "0829" and "08/2029", as customers write all three. */
function parseExpiry(value: string): { month: number; year: number } | null {
  const match = /^(\d{2})\s*\/?\s*(\d{2}|\d{4})$/.exec(value.trim());
  if (!match?.[1] || !match[2]) return null;
  const month = Number(match[1]);
  const year = match[2].length === 2 ? 2000 + Number(match[2]) : Number(match[2]);
  return month >= 1 && month <= 12 ? { month, year } : null;
}

export function validateCard(card: CardForm, today: Date): CardErrors {
  const errors: CardErrors = {};
  // Spaces and hyphens are how the number is printed on the card, so they are allowed.
  const digits = card.cardNumber.replace(/[\s-]/g, '');
  if (digits === '') errors.cardNumber = 'numberMissing';
  else if (!/^\d{14,16}$/.test(digits) || !passesLuhn(digits)) errors.cardNumber = 'numberInvalid';

  const expiry = parseExpiry(card.exp);
  if (card.exp.trim() === '') errors.exp = 'expMissing';
  else if (!expiry) errors.exp = 'expInvalid';
  else if (expiry.year * 12 + expiry.month < today.getFullYear() * 12 + today.getMonth() + 1) errors.exp = 'expPast';

  if (!/^\d{3,4}$/.test(card.csc.trim())) errors.csc = 'cscInvalid';

  if (card.name.trim() === '') errors.name = 'nameMissing';
  else if (!/^[A-Za-z][A-Za-z .'-]*$/.test(card.name.trim())) errors.name = 'nameInvalid';
  return errors;
}
