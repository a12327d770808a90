// One entry for every table file a person may hand over: CSV text (src/lib/csv-parse.ts) or an
// Excel workbook (.xlsx, src/lib/xlsx.ts), told apart by their bytes, not their name. Older or other
// spreadsheet formats (.xls, .ods) are refused with how to save them as .xlsx or .csv. Like both
// readers, it never throws on bad input.
import {readCsv, type CsvTable, type ReadOptions} from "./csv-parse.js";
import {fileKind} from "./file-kind.js";
import type {Problem} from "./problems.js";
import {readXlsx, type SheetInfo, type XlsxOptions} from "./xlsx.js";

/** What any reader gives: a CSV table's fields (header, records with their lines, problems), the format, and the workbook fields for .xlsx. */
export interface Table extends Omit<CsvTable, "encoding"> {
  format: "csv" | "xlsx";
  /** "utf-8" or "windows-1252" for CSV, "xlsx" for a workbook. */
  encoding: string;
  /** Column letters of a workbook's header columns. */
  letters?: string[];
  sheets?: SheetInfo[];
  sheet?: string | null;
  headerLine?: number;
  groupLines?: number[];
}

export type TableOptions = ReadOptions & XlsxOptions;

const SAVE_AS =
  "l'enregistrer au format Excel (.xlsx) ou CSV : dans Excel, Fichier › Enregistrer sous › « Classeur Excel (*.xlsx) » ou « CSV UTF-8 (délimité par des virgules) (*.csv) » ; dans LibreOffice Calc, Fichier › Enregistrer sous › « Excel 2007-365 (.xlsx) » ou « Texte CSV (.csv) »";

export function readTable(bytes: Uint8Array, file: string, options: TableOptions = {}): Table {
  const kind = fileKind(bytes);
  // A zip that is not named as a workbook is looked into: the reader says what it lacks.
  if (kind === "xlsx" || kind === "zip") return {format: "xlsx", ...readXlsx(bytes, file, options)};
  if (kind === "ods" || kind === "ole2") {
    const what = kind === "ods" ? "un classeur OpenDocument (.ods)" : "un classeur Excel 97-2003 (.xls), ou un classeur protégé par mot de passe";
    const problem: Problem = {file, line: 1, column: "*", value: what, expected: `un classeur .xlsx ou un fichier CSV ; ce fichier est ${what}, qui n'est pas lu ici : ${SAVE_AS}${kind === "ole2" ? " (un classeur protégé doit d'abord être ouvert avec son mot de passe)" : ""}`, code: "unsupported-format", severity: "fatal"};
    return {file, format: "xlsx", encoding: "", separator: "", header: [], records: [], problems: [problem], refused: problem, dataRecords: 0};
  }
  return {format: "csv", ...readCsv(bytes, file, options)};
}
