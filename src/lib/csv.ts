// CSV for partners. "utf8": RFC 4180, comma, point decimals. "excel-fr": what French Excel opens
// correctly by double-click: UTF-8 BOM (else accents break), ";" separator, decimal comma.
export type CsvVariant = "utf8" | "excel-fr";

export function formatCsv(columns: string[], rows: Record<string, unknown>[], variant: CsvVariant = "utf8"): string {
  const separator = variant === "excel-fr" ? ";" : ",";
  const cell = (value: unknown): string => {
    if (value === null || value === undefined) return "";
    let text = typeof value === "number" && variant === "excel-fr" ? String(value).replace(".", ",") : String(value);
    if (text.includes(separator) || /["\r\n]/.test(text)) text = `"${text.replace(/"/g, '""')}"`;
    return text;
  };
  const lines = [columns.map(cell).join(separator), ...rows.map((row) => columns.map((c) => cell(row[c])).join(separator))];
  return (variant === "excel-fr" ? "\ufeff" : "") + lines.join("\r\n") + "\r\n";
}
