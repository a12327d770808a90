// What the import report of a grant file says, computed from the validation result's fields (never
// from message texts): whether the file meets the SCDL 2.1.1 as it is, which fields the incomplete
// records lack, and the change report that goes with the normalised file.
import {reason} from "../lib/problems.js";
import {howLabel} from "./scdl-dialect.js";
import {RULES} from "./scdl-normalise.js";
import type {ScdlResult, ScdlRow} from "./scdl.js";

/** Each SCDL field as a noun, for "sans …" and the report's lists. */
export const FIELD_NOUNS: Readonly<Record<string, string>> = {
  nomAttribuant: "nom de l'attribuant",
  idAttribuant: "SIRET de l'attribuant",
  dateConvention: "date de convention",
  referenceDecision: "référence de la décision",
  nomBeneficiaire: "nom du bénéficiaire",
  idBeneficiaire: "SIRET du bénéficiaire",
  rnaBeneficiaire: "numéro RNA du bénéficiaire",
  objet: "objet",
  montant: "montant",
  nature: "nature",
  conditionsVersement: "conditions de versement",
  datesPeriodeVersement: "période de versement",
  idRAE: "identifiant RAE",
  notificationUE: "notification à la Commission européenne",
  pourcentageSubvention: "pourcentage de la subvention",
  dispositifAide: "dispositif d'aide"
};

const BENEFICIARY_ID = "identifiant du bénéficiaire (SIRET ou RNA)";

/** The unknown fields of a record, as nouns; a beneficiary with neither SIRET nor RNA is said once. */
function lacks(missing: readonly string[]): string[] {
  const set = new Set(missing);
  if (set.has("idBeneficiaire") && set.has("rnaBeneficiaire")) {
    set.delete("idBeneficiaire");
    set.delete("rnaBeneficiaire");
    return [BENEFICIARY_ID, ...[...set].map((f) => FIELD_NOUNS[f] ?? f)];
  }
  return [...set].map((f) => FIELD_NOUNS[f] ?? f);
}

/** How many incomplete records lack each field ("562 sans période de versement"), most frequent first. */
export function incompleteBreakdown(rows: readonly Pick<ScdlRow, "missing">[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const r of rows) for (const noun of lacks(r.missing ?? [])) counts.set(noun, (counts.get(noun) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], "fr"));
}

/** Whether the file meets the SCDL 2.1.1 as it is — standard names, no rewritten value, every line
 * valid — and, when it does not, why (in French). Tolerance never hides a deviation: a file that
 * loads thanks to the dialect mapping or the normalisation rules is not conform. */
export function conformity(result: ScdlResult): {conform: boolean; reasons: string[]} {
  const reasons: string[] = [];
  if (result.refused) return {conform: false, reasons: ["fichier refusé"]};
  const n = (count: number, one: string, many: string) => `${count} ${count > 1 ? many : one}`;
  const columns = result.dialect?.columns ?? [];
  const renamed = columns.filter((c) => c.field && c.how !== "exact").length;
  const unknown = columns.filter((c) => !c.field && c.column !== "").length;
  if (renamed) reasons.push(n(renamed, "colonne lue sous un autre nom que celui du standard", "colonnes lues sous un autre nom que celui du standard"));
  if (unknown) reasons.push(n(unknown, "colonne hors du standard", "colonnes hors du standard"));
  const absent = result.problems.find((p) => p.code === "missing-column");
  if (absent) reasons.push(`colonnes obligatoires absentes : ${absent.column}`);
  if (result.changes.length) reasons.push(n(result.changes.length, "valeur réécrite par une règle de normalisation", "valeurs réécrites par les règles de normalisation"));
  if (result.incomplete.length) reasons.push(n(result.incomplete.length, "ligne incomplète", "lignes incomplètes"));
  if (result.rejects.length) reasons.push(n(result.rejects.length, "ligne rejetée", "lignes rejetées"));
  return {conform: reasons.length === 0, reasons};
}

export interface ChangeReportRow {
  fichier: string;
  /** colonne, valeur, ligne */
  type: string;
  ligne: number;
  colonne_fichier: string;
  champ_scdl: string;
  valeur_lue: string;
  valeur_ecrite: string;
  regle: string;
}

const RULE_LABEL = new Map<string, string>(RULES.map((r) => [r.id, r.label]));

/** Every change between the file as read and the normalised SCDL file: columns renamed or left out,
 * values rewritten (one row per rule), lines not written (incomplete, rejected, duplicates). */
export function changeReport(result: ScdlResult): ChangeReportRow[] {
  const rows: ChangeReportRow[] = [];
  const line = result.headerLine ?? 1;
  for (const c of result.dialect?.columns ?? []) {
    if (c.how === "exact" || c.column === "") continue;
    rows.push({fichier: result.file, type: "colonne", ligne: line, colonne_fichier: c.column, champ_scdl: c.field ?? "", valeur_lue: c.column, valeur_ecrite: c.field ?? "", regle: `${c.field ? "colonne renommée" : "colonne non reprise"} : ${howLabel(c.how)}${c.note ? ` (${c.note})` : ""}`});
  }
  for (const ch of result.changes) {
    rows.push({fichier: result.file, type: "valeur", ligne: ch.line, colonne_fichier: ch.column, champ_scdl: ch.field, valeur_lue: ch.before, valeur_ecrite: ch.after, regle: RULE_LABEL.get(ch.rule) ?? ch.rule});
  }
  for (const r of result.incomplete) {
    rows.push({fichier: result.file, type: "ligne", ligne: r.line, colonne_fichier: "", champ_scdl: (r.missing ?? []).join(", "), valeur_lue: "", valeur_ecrite: "", regle: `ligne incomplète, dans le fichier « à compléter » : sans ${lacks(r.missing ?? []).join(", sans ")}`});
  }
  for (const r of result.rejects) {
    rows.push({fichier: result.file, type: "ligne", ligne: r.line, colonne_fichier: r.column, champ_scdl: "", valeur_lue: r.value, valeur_ecrite: "", regle: `ligne rejetée, non reprise : ${r.problems.map(reason).join(" ; ")}`});
  }
  for (const d of result.duplicates) {
    rows.push({fichier: result.file, type: "ligne", ligne: d.line, colonne_fichier: "", champ_scdl: "", valeur_lue: "", valeur_ecrite: "", regle: `doublon exact de la ligne ${d.duplicateOf}, repris une fois`});
  }
  return rows.sort((a, b) => a.ligne - b.ligne);
}

export const CHANGE_REPORT_COLUMNS: (keyof ChangeReportRow)[] = ["fichier", "type", "ligne", "colonne_fichier", "champ_scdl", "valeur_lue", "valeur_ecrite", "regle"];
