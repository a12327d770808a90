// Problems found in a file, as data: every reader and validator of the project (the CSV reader, the
// schema engine of src/model/validation, the build's typed reading) reports {file, line, column,
// value, expected, code, severity}. Counts, summaries and status lines are computed from these
// fields, never by reading the message text; the French sentences people read are built from them.

/** fatal: the file is refused, nothing is loaded · error: the line is rejected · incomplete: the line
 * is loaded as an incomplete record, this field left unknown (only for fields a domain can do
 * without, such as the SCDL's payment period for the bilan) · warning: nothing is rejected. */
export type Severity = "fatal" | "error" | "incomplete" | "warning";

export type ProblemCode =
  // the file as a whole (fatal)
  | "empty-file" // no header line
  | "not-csv" // UTF-16 text, a workbook, a PDF, an image…: `value` says what the file is
  | "unsupported-format" // a spreadsheet format that is not read (.xls, .ods): save it as .xlsx or .csv
  | "not-workbook" // a zip that is not an Excel workbook, or a workbook that cannot be read
  | "too-large" // a workbook part or sheet beyond the reader's limits
  | "unreadable" // the browser could not read the file
  | "duplicate-column" // two columns with the same name: which one is the field?
  | "missing-column" // a required column is absent from the header
  | "header-quote" // the header line has a quote that never closes
  // the file as a whole (warnings)
  | "unknown-column" // a column the schema does not name (kept or ignored, said which)
  | "unnamed-column" // an empty header cell (Excel leftovers such as a header ending in ";;")
  | "encoding" // a byte-order mark that disagrees with the bytes
  | "no-data" // a header and no data line
  | "mapped-column" // a column recognised under another name (older draft, descriptive header, other case)
  | "ambiguous-column" // a column that could be several fields: a question for the person importing
  | "normalised" // a frequent writing rewritten by a named rule (dates JJ/MM/AAAA, amounts 1 000,50…)
  | "workbook" // what a workbook holds besides plain cells: formulas, merged cells, hidden sheets or rows, title rows
  // one line (error: the line is rejected)
  | "field-count" // not as many fields as the header
  | "unclosed-quote" // a quote opened on this line never closes
  | "quote-span" // quotes join several physical lines into one record with the wrong field count
  | "invalid-bytes" // bytes that are not valid in the file's encoding
  | "unnamed-cell" // a value under a header cell that has no name
  // one cell (error)
  | "required" // empty required cell
  | "type" // not a number, a date, a boolean… as the schema says
  | "calendar" // a date that does not exist (2019-02-30)
  | "enum" // not one of the allowed values
  | "pattern" // does not match the schema's pattern
  | "length" // longer than allowed
  | "range" // outside the allowed bounds
  | "format" // not a web address, etc.
  | "unique" // already on an earlier line
  | "identifier" // a SIRET whose check digit is wrong
  | "reference" // a code not in the reference list (commune)
  // a rule across cells of one line (error)
  | "one-of-required"
  | "pair" // latitude without longitude
  | "locatable"; // a structure at commune scale without a place

export interface Problem {
  file: string;
  /** 1-based physical line; 1 is the header (and the line of file-level problems). */
  line: number;
  /** Last physical line, when the problem spans several (a record joined by quotes). */
  lineEnd?: number;
  /** The column as the file names it; "*" for the whole line or file. */
  column: string;
  /** The text found (as read, before any conversion). */
  value: string;
  /** What was expected, in French, for the person who fixes the file. */
  expected: string;
  code: ProblemCode;
  severity: Severity;
}

/** "montant = « 1 500 € » : attendu un montant …", the French reason of a rejected cell. */
export function reason(p: Problem): string {
  return `${p.column} = « ${p.value} » : attendu ${p.expected}`;
}

/** "ligne 3", "lignes 3 à 7". */
export function linesLabel(p: Pick<Problem, "line" | "lineEnd">): string {
  return p.lineEnd !== undefined && p.lineEnd > p.line ? `lignes ${p.line} à ${p.lineEnd}` : `ligne ${p.line}`;
}

/** Sorted distinct line numbers as runs: "2, 3, 5 à 9, 12" — at most `max` runs, then "…". */
export function linesList(lines: Iterable<number>, max = 10): string {
  const sorted = [...new Set(lines)].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    if (runs.length === max) {
      runs.push("…");
      break;
    }
    runs.push(j === i ? String(sorted[i]) : j === i + 1 ? `${sorted[i]}, ${sorted[j]}` : `${sorted[i]} à ${sorted[j]}`);
    i = j + 1;
  }
  return runs.join(", ");
}

/** One French sentence for a problem: where, what was found, what was expected. */
export function describe(p: Problem): string {
  const where = p.column === "*" ? linesLabel(p) : `${linesLabel(p)}, colonne ${p.column}`;
  const found = p.value === "" ? "" : ` : « ${p.value.length > 120 ? `${p.value.slice(0, 119)}…` : p.value} »`;
  return `${p.file}, ${where}${found} ; attendu ${p.expected}.`;
}

/** How many problems of each code, and of each severity. */
export function countProblems(problems: readonly Problem[]): {byCode: Map<ProblemCode, number>; bySeverity: Record<Severity, number>} {
  const byCode = new Map<ProblemCode, number>();
  const bySeverity: Record<Severity, number> = {fatal: 0, error: 0, incomplete: 0, warning: 0};
  for (const p of problems) {
    byCode.set(p.code, (byCode.get(p.code) ?? 0) + 1);
    bySeverity[p.severity]++;
  }
  return {byCode, bySeverity};
}
