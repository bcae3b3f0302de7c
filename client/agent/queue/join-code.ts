/**
 * What the agent types while the customer reads the code aloud: Japanese
 * input methods often produce full-width digits (１２３４５６), and people
 * group digits with spaces or dashes. We accept all of that and keep the six
 * digits.
 */
export function normalizeJoinCode(raw: string): string {
  return raw
    .replace(/[０-９]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0))
    .replace(/\D/g, '')
    .slice(0, 6);
}

export function isCompleteJoinCode(code: string): boolean {
  return /^\d{6}$/.test(code);
}
