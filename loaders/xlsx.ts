// Excel workbooks (.xlsx) of the published tables, written with excelize-wasm (Go's Excelize compiled
// to WebAssembly, BSD-3-Clause): maintained, memory-safe, no npm dependency; SheetJS's npm `xlsx`
// 0.18.5 is frozen with known CVEs (prototype pollution CVE-2023-30533, ReDoS CVE-2024-22363) and
// ExcelJS has had no release since 2023 and a wide dependency tree. Untrusted workbooks (the grant
// files imported on the Bilan page) are READ by src/lib/xlsx.ts instead: measured on forged files,
// excelize-wasm 0.1.3 spent minutes on a declared row 2147483647 (see the top of that file).
//
// Types travel with the dictionary: a "texte" column is written as text (INSEE codes keep their
// leading zeros, a 14-digit SIRET is not turned into a number), "entier"/"décimal" as numbers.
import {createRequire} from "node:module";
import type {Column, PublishedTable} from "./tables.js";
import type {Source} from "./registry.js";

type Excelize = Awaited<ReturnType<typeof import("excelize-wasm").init>>;
type Workbook = ReturnType<Excelize["NewFile"]>;

const require = createRequire(import.meta.url);
let excelize: Promise<Excelize> | undefined;

function loadExcelize(): Promise<Excelize> {
  // The CommonJS entry: the ESM one assumes a browser global.
  const {init} = require("excelize-wasm") as typeof import("excelize-wasm");
  return (excelize ??= init(require.resolve("excelize-wasm/excelize.wasm.gz")));
}

export const DATA_SHEET = "Données";
export const DICTIONARY_SHEET = "Dictionnaire";
export const SOURCES_SHEET = "Sources et licence";

/** Throws with the call that failed: excelize-wasm returns errors instead of throwing. */
function check<T extends {error?: string | null}>(result: T, what: string): T {
  if (result.error) throw new Error(`xlsx: ${what}: ${result.error}`);
  return result;
}

/** A cell value typed by the dictionary; null stays an empty cell. */
export function cellValue(column: Pick<Column, "type" | "name">, value: unknown): string | number | null {
  if (value === null || value === undefined || value === "") return null;
  if (column.type === "texte") return String(value);
  const n = typeof value === "number" ? value : Number(value);
  if (!Number.isFinite(n)) throw new Error(`xlsx: column ${column.name} is numeric but holds ${JSON.stringify(value)}`);
  return n;
}

function writeRows(f: Workbook, excel: Excelize, sheet: string, rows: (string | number | null)[][]): void {
  rows.forEach((row, i) => {
    const {cell} = check(excel.CoordinatesToCellName(1, i + 1), "cell name");
    check(f.SetSheetRow(sheet, cell, row as unknown as string[]), `${sheet} row ${i + 1}`);
  });
}

/** Bold header row, frozen, with an auto-filter; columns wide enough for their header. */
function styleTable(f: Workbook, excel: Excelize, sheet: string, header: string[], rowCount: number, widths?: number[]): void {
  if (header.length === 0) return;
  const {style} = check(f.NewStyle({Font: {Bold: true}}), "header style");
  const last = check(excel.CoordinatesToCellName(header.length, 1), "cell name").cell;
  check(f.SetCellStyle(sheet, "A1", last, style), "header style");
  check(f.SetPanes(sheet, {Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}), "freeze header");
  const end = check(excel.CoordinatesToCellName(header.length, Math.max(rowCount, 1) + 1), "cell name").cell;
  check(f.AutoFilter(sheet, `A1:${end}`, []), "auto-filter");
  header.forEach((name, i) => {
    const {col} = check(excel.ColumnNumberToName(i + 1), "column name");
    check(f.SetColWidth(sheet, col, col, widths?.[i] ?? Math.min(60, Math.max(10, name.length + 4))), "column width");
  });
}

export interface WorkbookInput {
  table: Pick<PublishedTable, "id" | "title" | "licence" | "sources" | "columns">;
  rows: Record<string, unknown>[];
  sources: Source[];
  /** Where the workbook comes from, written in the "Sources et licence" sheet. */
  producer?: string;
}

export async function writeWorkbook({table, rows, sources, producer = "Atlas des besoins sociaux d'Île-de-France"}: WorkbookInput): Promise<Uint8Array> {
  const excel = await loadExcelize();
  const f = excel.NewFile();
  check(f, "new workbook");
  check(f.SetSheetName("Sheet1", DATA_SHEET), "rename sheet");
  // Fixed properties: the same data give the same bytes (no creation date from the clock).
  check(f.SetDocProps({Title: table.title, Creator: producer, Language: "fr-FR", Created: "2000-01-01T00:00:00Z", Modified: "2000-01-01T00:00:00Z"}), "properties");

  const header = table.columns.map((c) => c.name);
  writeRows(f, excel, DATA_SHEET, [header, ...rows.map((r) => table.columns.map((c) => cellValue(c, r[c.name])))]);
  styleTable(f, excel, DATA_SHEET, header, rows.length);

  const byId = new Map(sources.map((s) => [s.id, s]));
  check(f.NewSheet(DICTIONARY_SHEET), "dictionary sheet");
  const dictionaryHeader = ["colonne", "type", "unite", "description", "source", "millesime", "licence"];
  writeRows(f, excel, DICTIONARY_SHEET, [
    dictionaryHeader,
    ...table.columns.map((c) => {
      const s = byId.get(c.source);
      return [c.name, c.type, c.unit || null, c.description, s?.title ?? c.source, s?.vintage ?? null, s?.licence ?? null];
    })
  ]);
  styleTable(f, excel, DICTIONARY_SHEET, dictionaryHeader, table.columns.length, [28, 10, 18, 70, 50, 30, 24]);

  check(f.NewSheet(SOURCES_SHEET), "sources sheet");
  const used = table.sources.map((id) => byId.get(id)).filter((s): s is Source => !!s);
  const sourcesHeader = ["source", "producteur", "millesime", "licence", "adresse", "attribution"];
  writeRows(f, excel, SOURCES_SHEET, [
    ["Table", table.title],
    ["Identifiant", table.id],
    ["Licence de la table", table.licence],
    ["Produit par", producer],
    [],
    sourcesHeader,
    ...used.map((s) => [s.title, s.publisher, s.vintage, s.licence, s.upstream_url, s.attribution ?? null])
  ]);
  const {style} = check(f.NewStyle({Font: {Bold: true}}), "bold");
  check(f.SetCellStyle(SOURCES_SHEET, "A1", "A4", style), "bold labels");
  check(f.SetCellStyle(SOURCES_SHEET, "A6", "F6", style), "bold header");
  [50, 60, 30, 24, 50, 40].forEach((w, i) => check(f.SetColWidth(SOURCES_SHEET, "ABCDEF"[i], "ABCDEF"[i], w), "width"));

  check(f.SetActiveSheet(0), "active sheet");
  const {buffer} = check(f.WriteToBuffer(), "write");
  return buffer as Uint8Array;
}
