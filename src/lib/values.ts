// Typed reading of INSEE-style cells. Statistical secrecy markers are kept as what they are:
// a secret is never turned into a number, a zero or an empty cell.

export const SECRECY = {
  s: "secret statistique",
  ns: "non significatif",
  nd: "non disponible",
  so: "sans objet"
} as const;
export type Secrecy = keyof typeof SECRECY;

export type Cell<T> = {ok: true; value: T} | {ok: true; secret: Secrecy} | {ok: false; expected: string};

export type ColumnType = "code_commune" | "code" | "text" | "integer" | "decimal" | "siren";

const EXPECTED: Record<ColumnType, string> = {
  code_commune: "a 5-character INSEE commune code (digits, or 2A/2B)",
  code: "a non-empty code",
  text: "text",
  integer: "a whole number (spaces as thousands separators allowed)",
  decimal: "a number with a decimal comma or point (e.g. 16,0), or s/ns/nd/so",
  siren: "a 9-digit SIREN"
};

export function expectedFor(type: ColumnType): string {
  return EXPECTED[type];
}

/** "16,0" → 16, "1 234,5" → 1234.5, "12.5" → 12.5; anything else is not a number. */
export function parseFrenchNumber(raw: string): number | undefined {
  const text = raw.replace(/[\s\u00a0\u202f]/g, "");
  if (!/^[-+]?(\d+([.,]\d*)?|[.,]\d+)([eE][-+]?\d+)?$/.test(text)) return undefined;
  const value = Number(text.replace(",", "."));
  return Number.isFinite(value) ? value : undefined;
}

export function readCell(raw: string, type: ColumnType, {required = true} = {}): Cell<string | number | null> {
  const text = raw.trim();
  if (text === "") return required ? {ok: false, expected: `${EXPECTED[type]} (the cell is empty)`} : {ok: true, value: null};
  switch (type) {
    case "code_commune":
      return /^(\d{5}|2[AB]\d{3})$/.test(text) ? {ok: true, value: text} : {ok: false, expected: EXPECTED[type]};
    case "siren":
      return /^\d{9}$/.test(text) ? {ok: true, value: text} : {ok: false, expected: EXPECTED[type]};
    case "code":
    case "text":
      return {ok: true, value: text};
    case "integer": {
      const value = parseFrenchNumber(text);
      return value !== undefined && Number.isInteger(value) ? {ok: true, value} : {ok: false, expected: EXPECTED[type]};
    }
    case "decimal": {
      if (text in SECRECY) return {ok: true, secret: text as Secrecy};
      const value = parseFrenchNumber(text);
      return value !== undefined ? {ok: true, value} : {ok: false, expected: EXPECTED[type]};
    }
  }
}
