// fr-FR formatting, in one place: "1 266", "12 463 067", "12,4 %", "1 080 000 €", "50 500,50 €".
// Intl puts a narrow no-break space (U+202F) between digit groups and before % and €, as French
// typography wants; it also keeps numbers from wrapping across lines.
const integer = new Intl.NumberFormat("fr-FR", {maximumFractionDigits: 0});
const percent = new Intl.NumberFormat("fr-FR", {style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1});
const euro = new Intl.NumberFormat("fr-FR", {style: "currency", currency: "EUR", maximumFractionDigits: 0});
const euroCents = new Intl.NumberFormat("fr-FR", {style: "currency", currency: "EUR", minimumFractionDigits: 2, maximumFractionDigits: 2});
const dateLong = new Intl.DateTimeFormat("fr-FR", {day: "numeric", month: "long", year: "numeric", timeZone: "UTC"});

/** What stands in for a missing value: never a zero, never an empty cell. */
export const MISSING = "n.d.";

const guard = (f: (x: number) => string) => (x: number | null | undefined) => (x === null || x === undefined || Number.isNaN(x) ? MISSING : f(x));

export const formatInteger = guard((x) => integer.format(x));
/** A share in [0, 1] → "12,4 %". */
export const formatPercent = guard((x) => percent.format(x));
/** Euros, to the cent: "1 080 000 €" for whole euros, "50 500,50 €" and "0,30 €" when the amount has
 * cents (never rounded to the euro). A non-finite amount is not a value: MISSING, never "∞ €". */
export const formatEuro = guard((x) => {
  if (!Number.isFinite(x)) return MISSING;
  const cents = Math.round(x * 100);
  return cents % 100 === 0 ? euro.format(cents / 100) : euroCents.format(cents / 100);
});
/** "23,56 €", "15 242 €": the same as formatEuro, which keeps cents whenever the amount has them. */
export const formatEuroCents = formatEuro;
/** An estimate to the euro ("de 4 410 € à 10 936 €"): its cents would be false precision. Data
 * amounts use formatEuro, which never drops their cents. */
export const formatEuroRounded = guard((x) => (Number.isFinite(x) ? euro.format(x) : MISSING));
// Building an Intl.NumberFormat costs far more than using one: keep one per number of digits.
const decimals = new Map<number, Intl.NumberFormat>();
const decimal = (digits: number) => {
  if (!decimals.has(digits)) decimals.set(digits, new Intl.NumberFormat("fr-FR", {minimumFractionDigits: digits, maximumFractionDigits: digits}));
  return decimals.get(digits)!;
};
export const formatDecimal = (x: number | null | undefined, digits = 1) => guard((v) => decimal(digits).format(v))(x);
/** "5 mars 2026", "1er janvier 2026" (French writes the first day of a month as an ordinal). */
export const formatDate = (date: Date | string) => dateLong.format(typeof date === "string" ? new Date(date) : date).replace(/^1 /, "1er ");

/** "1 266 communes", "1 commune": French plural (0 and 1 take the singular). */
export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${formatInteger(n)} ${Math.abs(n) < 2 ? singular : pluralForm}`;
}
