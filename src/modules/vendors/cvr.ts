// CVR numbers: eight digits, the first not 0, whose digits weighted 2,7,6,5,4,3,2,1 sum to a multiple of 11
// (Erhvervsstyrelsen's modulus-11 check). It catches every single-digit typo and most swapped digits.
const weights = [2, 7, 6, 5, 4, 3, 2, 1];

/** Whether a text is a well-formed CVR number (format and modulus-11 check digit). */
export function isValidCvr(value: string): boolean {
  if (!/^[1-9][0-9]{7}$/.test(value)) return false;
  const sum = [...value].reduce((total, digit, i) => total + Number(digit) * (weights[i] ?? 0), 0);
  return sum % 11 === 0;
}
