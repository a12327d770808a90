// CSV for partners. "utf8": RFC 4180, comma, point decimals. "excel-fr": what French Excel opens
// correctly by double-click: UTF-8 BOM (else accents break), ";" separator, decimal comma.
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
  /** Neutralise formula-like text cells (for exports whose cells hold user or source text). */
  formulaSafe?: boolean;
}

export function formatCsv(columns: string[], rows: Record<string, unknown>[], variant: CsvVariant = "utf8", {formulaSafe = false}: CsvOptions = {}): string {
  const separator = variant === "excel-fr" ? ";" : ",";
  const cell = (value: unknown): string => {
    if (value === null || value === undefined) return "";
    let text = typeof value === "number" && variant === "excel-fr" ? String(value).replace(".", ",") : String(value);
    if (formulaSafe && typeof value !== "number") text = neutraliseFormula(text);
    if (text.includes(separator) || /["\r\n]/.test(text)) text = `"${text.replace(/"/g, '""')}"`;
    return text;
  };
  const lines = [columns.map(cell).join(separator), ...rows.map((row) => columns.map((c) => cell(row[c])).join(separator))];
  return (variant === "excel-fr" ? "\ufeff" : "") + lines.join("\r\n") + "\r\n";
}
