// The pack's two files of recorded support structures, read once, by the warehouse, through the
// project's structures model (src/model/structures.ts, the same checks as an imported file): valid
// rows go to raw_structures, every rejected line to the published rejets table with its reasons.
import type {DuckDBConnection} from "@duckdb/node-api";
import {readFileSync} from "node:fs";
import {parseCsv} from "../src/lib/csv-parse.js";
import {fromCompilation, fromTiersLieux, type Structure, type StructuresContext, type StructuresResult} from "../src/model/structures.js";
import {createTable, type ColumnType} from "./append.js";
import {locate, type PackOptions} from "./pack.js";
import type {Source} from "./registry.js";
import type {Reject} from "./warehouse.js";

/** The registered sources read as structures, and the adapter that maps each to the schema. */
export const STRUCTURE_SOURCES: {source: string; adapt: (bytes: Uint8Array, file: string, context: StructuresContext) => StructuresResult}[] = [
  {source: "structures_compilation", adapt: fromCompilation},
  {source: "tiers_lieux_2019", adapt: fromTiersLieux}
];

export interface StructureFile {
  source: string;
  rows: Structure[];
  rejects: Reject[];
  /** Data lines of the file as the CSV reader splits them (header excluded). */
  sourceRows: number;
}

/** Maps one file; its rejects are one per problem of each rejected line, as for every other source. */
export function readStructureFile(source: string, adapt: (typeof STRUCTURE_SOURCES)[number]["adapt"], bytes: Uint8Array, file: string, context: StructuresContext): StructureFile {
  const result = adapt(bytes, file, context);
  if (result.refused) throw new Error(`${file} (source "${source}") n'a pas pu être lu : colonne ${result.refused.column} : attendu ${result.refused.expected}.`);
  return {
    source,
    rows: result.rows,
    rejects: result.rejects.flatMap((r) => r.problems.map((p) => ({file, line: p.line, column: p.column, value: p.value, expected: p.expected, code: p.code, severity: p.severity, source}))),
    // Counted by the CSV reader, apart from the model's rows and rejects (whose sum is the model's
    // dataLines), so that loaders/checks/source_rows_accounted.sql can catch a line lost between them.
    sourceRows: parseCsv(bytes, file).dataRecords
  };
}

export async function readStructureSources(registry: Source[], context: StructuresContext, pack: PackOptions): Promise<StructureFile[]> {
  const files: StructureFile[] = [];
  for (const {source, adapt} of STRUCTURE_SOURCES) {
    const entry = registry.find((s) => s.id === source);
    if (!entry) throw new Error(`data/sources.json: source "${source}" (structures) is not declared.`);
    const path = await locate(entry, pack);
    files.push(readStructureFile(source, adapt, readFileSync(path), (entry.pack_file ?? entry.project_file)!, context));
  }
  return files;
}

const COLUMNS: readonly (readonly [keyof Structure | "source_id", ColumnType])[] = [
  ["source_id", "VARCHAR"],
  ["source", "VARCHAR"],
  ["line", "INTEGER"],
  ["id", "VARCHAR"],
  ["nom", "VARCHAR"],
  ["type", "VARCHAR"],
  ["code_commune", "VARCHAR"],
  ["latitude", "DOUBLE"],
  ["longitude", "DOUBLE"],
  ["echelle", "VARCHAR"],
  ["date_information", "VARCHAR"],
  ["source_url", "VARCHAR"],
  ["remarque", "VARCHAR"],
  ["localisable", "BOOLEAN"],
  ["type_origine", "VARCHAR"],
  ["date_information_origine", "VARCHAR"]
];

/** raw_structures: the rows of every structure file, with the registry id of their source. */
export async function stageStructures(connection: DuckDBConnection, files: StructureFile[]): Promise<void> {
  await createTable(connection, "raw_structures", COLUMNS, files.flatMap((file) => file.rows.map((row) => ({...row, source_id: file.source}))));
}
