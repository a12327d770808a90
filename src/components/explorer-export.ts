// Exports of an Explorer result: CSV (UTF-8), CSV for French Excel, Parquet (hyparquet-writer, loaded
// on first use). Formula-like text is neutralised in both CSVs (a result may be any SQL's output, and
// spreadsheet programs would run "=…" from a cell).
import {formatCsv, type CsvVariant} from "../lib/csv.js";
import {downloadBlob} from "./export.js";

export function csvBlob(columns: string[], rows: Record<string, unknown>[], variant: CsvVariant): Blob {
  return new Blob([formatCsv(columns, rows, variant, {formulaSafe: true})], {type: "text/csv;charset=utf-8"});
}

/** Parquet column types from the values: integers, doubles, else text; an all-empty column is text. */
export async function parquetBlob(columns: string[], rows: Record<string, unknown>[]): Promise<Blob> {
  const {parquetWriteBuffer} = await import("hyparquet-writer");
  const columnData = columns.map((name) => {
    const data = rows.map((r) => (r[name] === undefined ? null : r[name]));
    const present = data.filter((v) => v !== null);
    const numeric = present.length > 0 && present.every((v) => typeof v === "number");
    const type = numeric ? (present.every((v) => Number.isInteger(v) && Math.abs(v as number) < 2 ** 31) ? "INT32" : "DOUBLE") : "STRING";
    return {name, data: numeric ? data : data.map((v) => (v === null ? null : v instanceof Date ? v.toISOString() : String(v))), type, nullable: true} as const;
  });
  return new Blob([parquetWriteBuffer({columnData: columnData as never})], {type: "application/vnd.apache.parquet"});
}

export function ExportButtons(get: () => {columns: string[]; rows: Record<string, unknown>[]; name: string} | null): HTMLElement {
  const root = document.createElement("p");
  root.className = "explorer-exports";
  const button = (label: string, make: (r: NonNullable<ReturnType<typeof get>>) => Promise<[Blob, string]>) => {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    b.addEventListener("click", async () => {
      const result = get();
      if (!result) return;
      const [blob, file] = await make(result);
      downloadBlob(blob, file);
    });
    return b;
  };
  root.append(
    button("Exporter en CSV", async (r) => [csvBlob(r.columns, r.rows, "utf8"), `${r.name}.csv`]),
    button("CSV pour Excel (fr)", async (r) => [csvBlob(r.columns, r.rows, "excel-fr"), `${r.name}-excel.csv`]),
    button("Parquet", async (r) => [await parquetBlob(r.columns, r.rows), `${r.name}.parquet`])
  );
  return root;
}
