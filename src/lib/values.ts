// Typed reading of INSEE-style cells. Statistical secrecy markers are kept as what they are:
// a secret is never turned into a number, a zero or an empty cell.

export const SECRECY = {
  s: "secret statistique",
  ns: "non significatif",
  nd: "non disponible",
  so: "sans objet"
} as const;
export type Secrecy = keyof typeof SECRECY;

export type Cell<T> = {ok: true; value: T} | {ok: true; secret: Secrecy} | {ok: false; expected: string; code: "required" | "type"};

export type ColumnType = "code_commune" | "code" | "text" | "integer" | "decimal" | "siren";

// What the published rejets table says was expected (in French, like every message people read).
const EXPECTED: Record<ColumnType, string> = {
  code_commune: "un code commune INSEE de 5 caractères (chiffres, ou 2A/2B)",
  code: "un code non vide",
  text: "un texte",
  integer: "un nombre entier (espaces entre les milliers acceptés)",
  decimal: "un nombre à virgule ou à point décimal (ex. 16,0), ou s, ns, nd, so (secret statistique)",
  siren: "un SIREN de 9 chiffres"
};

export function expectedFor(type: ColumnType): string {
  return EXPECTED[type];
}

/** "16,0" → 16, "1 234,5" → 1234.5, "12.5" → 12.5; anything else is not a number. Exponent
 * notation ("1e308") is not how French files write numbers, and it is how a spreadsheet mangles
 * long codes: it is refused, so that no amount becomes 1e308 (or a total Infinity). */
export function parseFrenchNumber(raw: string): number | undefined {
  const text = raw.replace(/[\s\u00a0\u202f]/g, "");
  if (!/^[-+]?(\d+([.,]\d*)?|[.,]\d+)$/.test(text)) return undefined;
  const value = Number(text.replace(",", "."));
  return Number.isFinite(value) ? value : undefined;
}

/** "1e308", "1,5E+3": a number in exponent notation (refused by parseFrenchNumber). */
export const hasExponent = (raw: string) => /^[-+]?(\d+([.,]\d*)?|[.,]\d+)[eE][-+]?\d+$/.test(raw.replace(/[\s\u00a0\u202f]/g, ""));

export function readCell(raw: string, type: ColumnType, {required = true} = {}): Cell<string | number | null> {
  const text = raw.trim();
  if (text === "") return required ? {ok: false, code: "required", expected: `${EXPECTED[type]} (la cellule est vide)`} : {ok: true, value: null};
  switch (type) {
    case "code_commune":
      return /^(\d{5}|2[AB]\d{3})$/.test(text) ? {ok: true, value: text} : {ok: false, code: "type", expected: EXPECTED[type]};
    case "siren":
      return /^\d{9}$/.test(text) ? {ok: true, value: text} : {ok: false, code: "type", expected: EXPECTED[type]};
    case "code":
    case "text":
      return {ok: true, value: text};
    case "integer": {
      const value = parseFrenchNumber(text);
      return value !== undefined && Number.isInteger(value) ? {ok: true, value} : {ok: false, code: "type", expected: EXPECTED[type]};
    }
    case "decimal": {
      // Object.hasOwn, not `in`: a cell "constructor" or "toString" is not a secrecy marker.
      if (Object.hasOwn(SECRECY, text)) return {ok: true, secret: text as Secrecy};
      const value = parseFrenchNumber(text);
      return value !== undefined ? {ok: true, value} : {ok: false, code: "type", expected: EXPECTED[type]};
    }
  }
}
