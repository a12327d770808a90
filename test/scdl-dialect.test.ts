// The dialects of grant files (src/model/scdl-dialect.ts) on a small schema written here with the
// SCDL field names and titles: what each header gives, and the questions asked instead of guesses.
import {describe, expect, it} from "vitest";
import {headerKey, headerScore, recognise} from "../src/model/scdl-dialect.js";
import type {TableSchema} from "../src/model/validation/schema.js";

const field = (name: string, title: string, required = true) => ({name, title, type: "string", constraints: {required}});
const SCHEMA: TableSchema = {
  fields: [
    field("nomAttribuant", "Nom de l'attribuant"),
    field("idAttribuant", "Identification de l'attribuant"),
    field("dateConvention", "Date de la convention de subvention"),
    field("referenceDecision", "Référence de la décision", false),
    field("nomBeneficiaire", "Nom du bénéficiaire"),
    field("idBeneficiaire", "Identification SIRET du bénéficiaire", false),
    field("objet", "Objet de la subvention"),
    field("montant", "Montant total de la subvention"),
    field("datesPeriodeVersement", "Date ou période de versement"),
    field("idRAE", "Identifiant RAE de l’aide", false),
    field("notificationUE", "Aide d'Etat notifiée à la Commission Européenne")
  ]
};
const map = (header: string[], choices = {}) => recognise(header, SCHEMA, {file: "f.csv", choices});
const fields = (header: string[], choices = {}) => map(header, choices).columns.map((c) => [c.column, c.field, c.how]);

describe("header keys ignore case, accents, blanks, underscores, punctuation and the small words of titles", () => {
  it("gives the same key to a field's name and its ways of writing", () => {
    for (const h of ["nomBeneficiaire", "NOM_BENEFICIAIRE", "Nom bénéficiaire", "Nom du bénéficiaire", "nom-du-beneficiaire"]) expect(headerKey(h), h).toBe("nombeneficiaire");
    expect(headerKey("IdRAE")).toBe("idrae");
    expect(headerKey("Notification à la commission Européenne")).toBe("notificationcommissioneuropeenne");
  });
});

describe("recognising a header", () => {
  it("maps the standard's names exactly, its other writings as variants, and its titles", () => {
    expect(fields(["nomAttribuant", "DATES_PERIODE_VERSEMENT", "IdRAE", "Montant total de la subvention"])).toEqual([
      ["nomAttribuant", "nomAttribuant", "exact"],
      ["DATES_PERIODE_VERSEMENT", "datesPeriodeVersement", "variante"],
      ["IdRAE", "idRAE", "variante"],
      ["Montant total de la subvention", "montant", "titre"]
    ]);
  });

  it("maps the older draft's names, and says why the draft's columns without an SCDL field are kept as they are", () => {
    const d = map(["ANNEE", "COLL_NOM", "COLL_SIRET", "ACTE_DATE", "ATTRIB_NOM", "ATTRIB_SIRET", "SUB_OBJ", "SUB_MONTANT", "SUB_DISPOSITIF"]);
    expect(d.columns.map((c) => [c.column, c.field, c.how])).toEqual([
      ["ANNEE", null, "sans-champ"],
      ["COLL_NOM", "nomAttribuant", "brouillon"],
      ["COLL_SIRET", "idAttribuant", "brouillon"],
      ["ACTE_DATE", "dateConvention", "brouillon"],
      ["ATTRIB_NOM", "nomBeneficiaire", "brouillon"],
      ["ATTRIB_SIRET", "idBeneficiaire", "brouillon"],
      ["SUB_OBJ", "objet", "brouillon"],
      ["SUB_MONTANT", "montant", "brouillon"],
      ["SUB_DISPOSITIF", null, "sans-champ"]
    ]);
    expect(d.label).toBe("ancien brouillon du standard (noms COLL_, ATTRIB_, SUB_…)");
    expect(d.mapping.extras).toEqual([{name: "ANNEE", index: 0}, {name: "SUB_DISPOSITIF", index: 8}]);
    expect(d.mapping.problems.find((p) => p.column === "SUB_DISPOSITIF")?.expected).toContain("dispositifAide attend un identifiant");
    expect(d.mapping.problems.find((p) => p.column === "SUB_MONTANT")).toMatchObject({code: "mapped-column", severity: "warning"});
  });

  it("joins the draft's two period columns into one field, start then end", () => {
    const d = map(["COLL_NOM", "SUB_DATE_FIN", "SUB_DATE_DEBUT"]);
    expect(d.period).toEqual({start: 2, end: 1});
    expect(d.mapping.sources[SCHEMA.fields.findIndex((f) => f.name === "datesPeriodeVersement")]).toEqual({indexes: [2, 1], column: "SUB_DATE_DEBUT + SUB_DATE_FIN"});
  });

  it("asks instead of guessing: a header that could be several fields, and two columns for one field", () => {
    const d = map(["Nom", "SIRET", "montant", "Montant de la subvention", "objet", "Objet de la subvention"]);
    expect(d.columns.map((c) => [c.column, c.field, c.how])).toEqual([
      ["Nom", null, "ambiguë"],
      ["SIRET", null, "ambiguë"],
      // The standard's exact name wins over a descriptive header (that is no guess)…
      ["montant", "montant", "exact"],
      ["Montant de la subvention", null, "doublon"],
      ["objet", "objet", "exact"],
      ["Objet de la subvention", null, "doublon"]
    ]);
    expect(d.questions).toEqual([
      {columns: ["Nom"], fields: ["nomAttribuant", "nomBeneficiaire"], text: "La colonne « Nom » est-elle « nomAttribuant » ou « nomBeneficiaire » ?"},
      {columns: ["SIRET"], fields: ["idAttribuant", "idBeneficiaire"], text: "La colonne « SIRET » est-elle « idAttribuant » ou « idBeneficiaire » ?"}
    ]);
    // …but two descriptive headers for the same field are a question.
    const two = map(["Montant attribué", "Montant de la subvention"]);
    expect(two.questions).toEqual([{columns: ["Montant attribué", "Montant de la subvention"], fields: ["montant"], text: "Quelle colonne donne le champ « montant » : « Montant attribué » ou « Montant de la subvention » ?"}]);
    expect(two.mapping.sources.every((s) => s === null)).toBe(true);
  });

  it("applies the answers: a column's field, or none", () => {
    const d = map(["Nom", "SIRET", "Montant attribué", "Montant de la subvention"], {Nom: "nomBeneficiaire", SIRET: "", "Montant attribué": "montant", "Montant de la subvention": ""});
    expect(d.questions).toEqual([]);
    expect(d.columns.map((c) => [c.column, c.field, c.how])).toEqual([
      ["Nom", "nomBeneficiaire", "choix"],
      ["SIRET", null, "choix"],
      ["Montant attribué", "montant", "choix"],
      ["Montant de la subvention", null, "choix"]
    ]);
  });

  it("reads a workbook's group titles with the column name: « Bénéficiaire › Nom » is nomBeneficiaire", () => {
    expect(fields(["Attribuant › Nom", "Attribuant › SIRET", "Bénéficiaire › Nom", "Subvention › Montant"])).toEqual([
      ["Attribuant › Nom", "nomAttribuant", "variante"],
      ["Attribuant › SIRET", "idAttribuant", "descriptif"],
      ["Bénéficiaire › Nom", "nomBeneficiaire", "variante"],
      ["Subvention › Montant", "montant", "descriptif"]
    ]);
  });

  it("flags a column that maps to nothing, keeps it, and never treats a column named __proto__ or constructor as a key", () => {
    const d = map(["montant", "__proto__", "constructor", "commentaire"]);
    expect(d.columns.map((c) => [c.column, c.field])).toEqual([["montant", "montant"], ["__proto__", null], ["constructor", null], ["commentaire", null]]);
    expect(d.mapping.problems.map((p) => [p.column, p.code])).toEqual([["__proto__", "unknown-column"], ["constructor", "unknown-column"], ["commentaire", "unknown-column"]]);
    // An answer about a column named __proto__ is an answer like any other (an own key, not a prototype).
    const answered = map(["montant", "__proto__"], Object.fromEntries([["__proto__", "montant"]]));
    expect(answered.columns.map((c) => [c.column, c.field, c.how])).toEqual([["montant", null, "doublon"], ["__proto__", "montant", "choix"]]);
  });

  it("scores a row by the cells that name a field: the workbook reader takes the best row as the header", () => {
    const score = headerScore(SCHEMA);
    expect(score(["Subventions 2018", "", ""])).toBe(0);
    expect(score(["COLL_NOM", "ATTRIB_NOM", "SUB_MONTANT", "remarque"])).toBe(3);
  });
});
