import {describe, expect, it} from "vitest";
import type {Problem} from "../src/lib/problems.js";
import {statusLine, summarize, unreadableProblem} from "../src/model/validation/summary.js";

const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, " ");
const problem = (over: Partial<Problem>): Problem => ({file: "f.csv", line: 2, column: "montant", value: "x", expected: "un nombre", code: "type", severity: "error", ...over});

describe("what an import says, computed from the problems' fields", () => {
  it("a refused file says it was refused and why, never « 0 ligne valide, 0 ligne rejetée »", () => {
    const refused = problem({line: 1, column: "*", value: "un classeur Excel (.xlsx)", expected: "un fichier CSV ; ce fichier est un classeur Excel (.xlsx)", code: "not-csv", severity: "fatal"});
    const line = statusLine(summarize({file: "f.xlsx", refused, rejects: [], problems: [refused]}, 0));
    expect(line).toBe("f.xlsx : fichier refusé, aucune ligne chargée ; attendu un fichier CSV ; ce fichier est un classeur Excel (.xlsx).");
    const missing = problem({line: 1, column: "montant, nature", expected: "les colonnes obligatoires montant, nature dans l'en-tête", code: "missing-column", severity: "fatal"});
    expect(statusLine(summarize({file: "f.csv", refused: missing, rejects: [], problems: [missing]}, 0))).toBe("f.csv : fichier refusé, aucune ligne chargée (ligne 1, colonne montant, nature) ; attendu les colonnes obligatoires montant, nature dans l'en-tête.");
  });

  it("a file the browser could not read is refused with the error", () => {
    const p = unreadableProblem("f.csv", "NotReadableError : could not be read");
    expect(p).toMatchObject({code: "unreadable", severity: "fatal", value: "NotReadableError : could not be read"});
    expect(statusLine(summarize({file: "f.csv", refused: p, rejects: [], problems: [p]}, 0))).toContain("la lecture a échoué (NotReadableError : could not be read)");
  });

  it("counts rows, rejected lines, duplicates and warnings from the fields, whatever the messages say", () => {
    const problems = [
      problem({line: 1, column: "note", code: "unknown-column", severity: "warning", expected: "found 99, 3 lignes rejetées"}),
      problem({line: 2}),
      problem({line: 2, column: "nature", code: "enum"}),
      problem({line: 5, expected: "16 champs, found 12"})
    ];
    const summary = summarize({file: "f.csv", refused: null, rejects: [{}, {}], problems, duplicates: [{}]}, 7);
    expect(summary).toMatchObject({loaded: 7, rejected: 2, duplicates: 1, warnings: 1, byColumn: [["montant", 2], ["nature", 1]]});
    expect([...summary.byCode]).toEqual([["unknown-column", 1], ["type", 2], ["enum", 1]]);
    expect(plain(statusLine(summary))).toBe("f.csv : 7 lignes valides, 2 lignes rejetées, 1 doublon exact (chargé une fois), 1 avertissement.");
    expect(plain(statusLine({...summary, loaded: 1, rejected: 0, duplicates: 0, warnings: 0}, {loaded: ["structure chargée", "structures chargées"]}))).toBe("f.csv : 1 structure chargée, 0 ligne rejetée.");
  });

  it("counts the lines loaded as incomplete apart from the valid and the rejected ones", () => {
    const problems = [problem({line: 1, column: "notificationUE", code: "missing-column", severity: "incomplete"}), problem({line: 3, column: "idBeneficiaire", code: "identifier", severity: "incomplete"}), problem({line: 4})];
    const summary = summarize({file: "f.csv", refused: null, rejects: [{}], problems, incomplete: [{}, {}]}, 5);
    expect(summary).toMatchObject({loaded: 5, incomplete: 2, rejected: 1, warnings: 0, byColumn: [["montant", 1]]});
    expect(plain(statusLine(summary))).toBe("f.csv : 5 lignes valides, 2 lignes incomplètes (chargées à part), 1 ligne rejetée.");
  });
});
