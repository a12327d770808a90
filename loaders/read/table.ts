// Reads a CSV into typed rows against a declared column spec. A row with a bad cell is set aside
// with file, line, column, value and what was expected; it is never half-loaded.
import {CsvError, parseCsv, type CsvProblem, type CsvRecord} from "../../src/lib/csv-parse.js";
import {readCell, type ColumnType, type Secrecy} from "../../src/lib/values.js";

export type ColumnSpec = ColumnType | {type: ColumnType; required?: boolean};
export type TableSpec = Record<string, ColumnSpec>;

export type Row = Record<string, string | number | null> & {_line: number};

export interface TypedTable {
  rows: Row[];
  rejects: CsvProblem[];
  /** Data records of the source (header excluded), loaded or not: rows + rejected records. */
  sourceRows: number;
}

const specOf = (spec: ColumnSpec) => (typeof spec === "string" ? {type: spec, required: true} : {required: true, ...spec});

/** Decimal columns carry a companion "<name>_statut" holding the secrecy marker when there is one. */
export const statusColumn = (name: string) => `${name}_statut`;

export function readTable(bytes: Uint8Array, file: string, spec: TableSpec): TypedTable {
  const table = parseCsv(bytes, file);
  const typed = typeRecords(table.header, table.records, file, spec);
  // Lines the reader set aside (errors) are rejects; its warnings reject nothing.
  const errors = table.problems.filter((p) => p.severity === "error");
  return {rows: typed.rows, rejects: [...errors, ...typed.rejects], sourceRows: typed.sourceRows + new Set(errors.map((p) => p.line)).size};
}

/** Types already-split records (CSV lines or GeoJSON features) against the spec. */
export function typeRecords(header: string[], records: CsvRecord[], file: string, spec: TableSpec): TypedTable {
  const missing = Object.keys(spec).filter((name) => !header.includes(name));
  if (missing.length > 0) {
    throw new CsvError(`${file}, line 1: missing column${missing.length > 1 ? "s" : ""} ${missing.map((m) => `"${m}"`).join(", ")} (the header has ${header.map((h) => `"${h}"`).join(", ")}).`);
  }
  const index = new Map(header.map((name, i) => [name, i]));
  const rows: Row[] = [];
  const rejects: CsvProblem[] = [];
  for (const record of records) {
    const row: Row = {_line: record.line};
    const problems: CsvProblem[] = [];
    for (const [name, columnSpec] of Object.entries(spec)) {
      const {type, required} = specOf(columnSpec);
      const raw = record.values[index.get(name)!];
      const cell = readCell(raw, type, {required});
      if (!cell.ok) problems.push({file, line: record.line, column: name, value: raw, expected: cell.expected, code: cell.code, severity: "error"});
      else if ("secret" in cell) {
        row[name] = null;
        row[statusColumn(name)] = cell.secret satisfies Secrecy;
      } else {
        row[name] = cell.value;
        if (type === "decimal") row[statusColumn(name)] = cell.value === null ? "vide" : null;
      }
    }
    if (problems.length > 0) rejects.push(...problems);
    else rows.push(row);
  }
  return {rows, rejects, sourceRows: records.length};
}
