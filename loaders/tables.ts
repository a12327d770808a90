// The published tables (data/tables.json) and their exports: Arrow for pages, CSV/Parquet for partners.
import type {DuckDBConnection} from "@duckdb/node-api";
import {mkdtempSync, readFileSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {fileURLToPath} from "node:url";
import {rows} from "./warehouse.js";

export interface Column {
  name: string;
  type: "texte" | "entier" | "décimal";
  unit: string;
  description: string;
  source: string;
}

export interface PublishedTable {
  id: string;
  mart: string;
  title: string;
  licence: string;
  sources: string[];
  geometry: string | null;
  /** The columns that identify a row (unique, never empty); absent when no column set does. */
  primaryKey?: string[];
  /** A long table: each value of `name` is a variable whose value is in `value` (and its status in `status`). */
  pivot?: {name: string; value: string; status?: string};
  columns: Column[];
}

export function readTables(): PublishedTable[] {
  return JSON.parse(readFileSync(fileURLToPath(new URL("../data/tables.json", import.meta.url)), "utf8")).tables;
}

export function getTable(id: string): PublishedTable {
  const table = readTables().find((t) => t.id === id);
  if (!table) throw new Error(`Unknown published table "${id}": declare it in data/tables.json.`);
  return table;
}

/** The table's rows, columns in dictionary order (so a dictionary drift fails loudly). */
export async function tableRows(connection: DuckDBConnection, table: PublishedTable): Promise<Record<string, unknown>[]> {
  return rows(connection, `select ${table.columns.map((c) => `"${c.name}"`).join(", ")} from ${table.mart}`);
}

/**
 * Arrow IPC in the *stream* format: DuckDB-Wasm's insertArrowFromIPCStream (the Explorer) reads
 * only that one and creates no table from the file format, without an error; apache-arrow's
 * tableFromIPC (the other pages) reads both. apache-arrow is imported here, when needed: it takes
 * ≈ 0.13 s to load, and most loaders that read tables.ts (the registry, the Données page, the CSV
 * downloads) never use it.
 * A text column that repeats its values (at most half as many distinct values as rows: financeur,
 * niveau, code_departement…) is dictionary-encoded, with the smallest index type that holds its
 * values: the Explorer fetches every table, and this makes them ≈ 4 times smaller (15 → 3.6 MB;
 * aides_harmonisees 10.3 → 2.5 MB) with the same values, read as VARCHAR by DuckDB-Wasm.
 */
export async function toArrow(table: PublishedTable, data: Record<string, unknown>[]): Promise<Uint8Array> {
  const {Dictionary, Float64, Int8, Int16, Int32, Table, tableToIPC, Utf8, vectorFromArray} = await import("apache-arrow");
  const vector = (column: Column) => {
    const values = data.map((r) => r[column.name] ?? null);
    if (column.type === "entier") return vectorFromArray(values, new Int32());
    if (column.type === "décimal") return vectorFromArray(values, new Float64());
    const distinct = new Set(values).size;
    if (distinct * 2 > values.length) return vectorFromArray(values, new Utf8());
    const index = distinct <= 127 ? new Int8() : distinct <= 32_767 ? new Int16() : new Int32();
    return vectorFromArray(values, new Dictionary(new Utf8(), index));
  };
  return tableToIPC(new Table(Object.fromEntries(table.columns.map((c) => [c.name, vector(c)]))), "stream");
}

/** Parquet via DuckDB's writer, through a private temp folder (never the working directory). */
export async function toParquet(connection: DuckDBConnection, table: PublishedTable): Promise<Buffer> {
  const dir = mkdtempSync(join(tmpdir(), "atlas-parquet-"));
  try {
    const path = join(dir, `${table.id}.parquet`);
    await connection.run(`copy (select ${table.columns.map((c) => `"${c.name}"`).join(", ")} from ${table.mart}) to '${path}' (format parquet, compression zstd)`);
    return readFileSync(path);
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
}
