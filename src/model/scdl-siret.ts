// SIRET and SIREN check digits (INSEE): the Luhn key, and La Poste's exception.
function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = digits.length - 1, double = false; i >= 0; i--, double = !double) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

const SIRET_DIGITS = /^\d{14}$/;
const SIREN_DIGITS = /^\d{9}$/;

/** 9 digits with a valid Luhn key. */
export function isValidSiren(s: string): boolean {
  return SIREN_DIGITS.test(s) && luhn(s);
}

/** 14 digits with a valid Luhn key. Exception (INSEE): the establishments of La Poste (SIREN
 * 356000000) have SIRETs whose sum of digits is a multiple of 5 instead; its head office,
 * 35600000000048, follows Luhn. */
export function isValidSiret(s: string): boolean {
  if (!SIRET_DIGITS.test(s)) return false;
  if (s.startsWith("356000000") && s !== "35600000000048") {
    let sum = 0;
    for (let i = 0; i < 14; i++) sum += s.charCodeAt(i) - 48;
    return sum % 5 === 0;
  }
  return luhn(s);
}
