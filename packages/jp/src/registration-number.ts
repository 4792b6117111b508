// Corporate number (法人番号) and qualified-invoice registration number (登録番号, 'T' + the
// corporate number). The first of the thirteen digits is a check digit over the other twelve:
// 9 − (Σ digit × weight mod 9), weights 1, 2, 1, 2, … counted from the last digit.
const TWELVE_DIGITS = /^\d{12}$/;
const THIRTEEN_DIGITS = /^\d{13}$/;

export function corporateNumberCheckDigit(twelveDigits: string): number {
  if (!TWELVE_DIGITS.test(twelveDigits)) {
    throw new RangeError(`expected exactly twelve digits, got ${JSON.stringify(twelveDigits)}`);
  }
  let weightedSum = 0;
  for (let fromLast = 0; fromLast < 12; fromLast++) {
    const digit = Number(twelveDigits[11 - fromLast]);
    weightedSum += digit * (fromLast % 2 === 0 ? 1 : 2);
  }
  return 9 - (weightedSum % 9);
}

export function isValidCorporateNumber(thirteen: string): boolean {
  return (
    THIRTEEN_DIGITS.test(thirteen) &&
    Number(thirteen[0]) === corporateNumberCheckDigit(thirteen.slice(1))
  );
}

export function isValidRegistrationNumber(s: string): boolean {
  return s.startsWith('T') && isValidCorporateNumber(s.slice(1));
}
