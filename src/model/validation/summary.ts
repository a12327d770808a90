// What an import says on screen, computed from the structured problems (never from their text).
import {plural} from "../../lib/format.js";
import {countProblems, linesLabel, type Problem, type ProblemCode} from "../../lib/problems.js";

export interface ImportSummary {
  file: string;
  /** Problems that reject a line, by the column they concern, most frequent first. */
  byColumn: [string, number][];
  /** The fatal problem when the file is refused (nothing loaded). */
  refused: Problem | null;
  loaded: number;
  /** Lines loaded as incomplete records (the SCDL's bilan can do without some fields). */
  incomplete: number;
  rejected: number;
  duplicates: number;
  warnings: number;
  byCode: Map<ProblemCode, number>;
}

export function summarize(result: {file: string; refused: Problem | null; rejects: readonly unknown[]; problems: readonly Problem[]; duplicates?: readonly unknown[]; incomplete?: readonly unknown[]}, loaded: number): ImportSummary {
  const {byCode, bySeverity} = countProblems(result.problems);
  const columns = new Map<string, number>();
  for (const p of result.problems) if (p.severity === "error") columns.set(p.column, (columns.get(p.column) ?? 0) + 1);
  const byColumn = [...columns].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], "fr"));
  return {file: result.file, byColumn, refused: result.refused, loaded, incomplete: result.incomplete?.length ?? 0, rejected: result.rejects.length, duplicates: result.duplicates?.length ?? 0, warnings: bySeverity.warning, byCode};
}

/** "x.csv : 3 lignes valides, 2 lignes incomplètes (chargées à part), 1 ligne rejetée." or "x.xlsx : fichier refusé, aucune ligne chargée ; attendu …". */
export function statusLine(s: ImportSummary, {loaded = ["ligne valide", "lignes valides"]}: {loaded?: [string, string]} = {}): string {
  if (s.refused) {
    const p = s.refused;
    const where = p.line > 1 || p.column !== "*" ? ` (${linesLabel(p)}${p.column !== "*" ? `, colonne ${p.column}` : ""})` : "";
    return `${s.file} : fichier refusé, aucune ligne chargée${where} ; attendu ${p.expected}.`;
  }
  const parts = [plural(s.loaded, ...loaded)];
  if (s.incomplete) parts.push(`${plural(s.incomplete, "ligne incomplète", "lignes incomplètes")} (chargée${s.incomplete > 1 ? "s" : ""} à part)`);
  parts.push(plural(s.rejected, "ligne rejetée", "lignes rejetées"));
  if (s.duplicates) parts.push(`${plural(s.duplicates, "doublon exact", "doublons exacts")} (chargé${s.duplicates > 1 ? "s" : ""} une fois)`);
  if (s.warnings) parts.push(plural(s.warnings, "avertissement"));
  return `${s.file} : ${parts.join(", ")}.`;
}

/** The fatal problem of a file the browser could not read (or whose validation failed). */
export function unreadableProblem(file: string, message: string): Problem {
  return {file, line: 1, column: "*", value: message, expected: `un fichier que le navigateur peut lire : la lecture a échoué (${message}) ; le fichier a peut-être été déplacé ou modifié depuis qu'il a été choisi, le choisir à nouveau`, code: "unreadable", severity: "fatal"};
}
