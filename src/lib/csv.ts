// CSV for partners. "utf8": RFC 4180, comma, point decimals, values exactly as they are (for GDAL,
// DuckDB, R, pandas). "excel-fr": what French Excel opens correctly by double-click: UTF-8 BOM (else
// accents break), ";" separator, decimal comma — and text cells always neutralised against
// formula injection (see neutraliseFormula). Numbers are written as numbers, untouched.
export type CsvVariant = "utf8" | "excel-fr";

/**
 * A text cell a spreadsheet would run as a formula (= + - @, or a leading tab / carriage return,
 * per OWASP "CSV injection") gets a leading apostrophe, so it is shown as text. Numbers are left
 * alone: -3 is a number, not a formula.
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export interface CsvOptions {
  /** Neutralise formula-like text cells in the "utf8" variant too (the "excel-fr" variant always does). */
  formulaSafe?: boolean;
}

export function formatCsv(columns: string[], rows: Record<string, unknown>[], variant: CsvVariant = "utf8", {formulaSafe = false}: CsvOptions = {}): string {
  const excel = variant === "excel-fr";
  const separator = excel ? ";" : ",";
  const neutralise = excel || formulaSafe;
  const cell = (value: unknown): string => {
    if (value === null || value === undefined) return "";
    let text: string;
    if (typeof value === "number") text = excel ? String(value).replace(".", ",") : String(value);
    else text = neutralise ? neutraliseFormula(String(value)) : String(value);
    if (text.includes(separator) || /["\r\n]/.test(text)) text = `"${text.replace(/"/g, '""')}"`;
    return text;
  };
  const lines = [columns.map(cell).join(separator), ...rows.map((row) => columns.map((c) => (Object.hasOwn(row, c) ? cell(row[c]) : "")).join(separator))];
  return (excel ? "\ufeff" : "") + lines.join("\r\n") + "\r\n";
}
