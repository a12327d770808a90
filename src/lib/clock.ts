// The project's one clock: the only place that reads the current date. A printed document's edition
// date comes from here and is passed on as text ("2026-03-05") to what prints it, so that a test
// (or anyone re-printing a document) can fix the date and get the same document. Loaders never call
// it: a build is reproducible, its outputs carry no date of their own.
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The local calendar date, "2026-03-05" (local, not UTC: at 00:30 in Paris it is already today). */
export function today(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** A real calendar date written AAAA-MM-JJ (2026-02-30 is not one). */
export function isIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * The edition date of a printed document: the one asked for (a command's --date, a page's ?edition=),
 * else today. A date asked for that is not a real AAAA-MM-JJ date is an error, never silently today.
 */
export function editionDate(requested?: string | null, now: () => string = () => today()): string {
  if (requested === undefined || requested === null || requested === "") return now();
  if (!isIsoDate(requested)) throw new Error(`Date d'édition « ${requested} » invalide : attendu une date AAAA-MM-JJ, par exemple 2026-03-05.`);
  return requested;
}
