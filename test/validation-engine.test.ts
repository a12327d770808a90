// The schema-driven engine on a tiny hand-made schema: what a Table Schema says is checked the
// same way for every file; what it only names must be implemented by the domain's profile.
import {describe, expect, it} from "vitest";
import {compile, validateCsv, type Profile} from "../src/model/validation/engine.js";
import type {TableSchema} from "../src/model/validation/schema.js";

const SCHEMA: TableSchema = {
  primaryKey: "code",
  fields: [
    {name: "code", type: "string", constraints: {required: true, unique: true, pattern: "[A-Z]\\d{2}"}},
    {name: "genre", type: "string", constraints: {required: true, enum: ["pépinière", "tiers_lieu"]}},
    {name: "date", type: "date"},
    {name: "part", type: "number", constraints: {minimum: 0, maximum: 1}},
    {name: "actif", type: "boolean", trueValues: ["oui"], falseValues: ["non"]},
    {name: "site", type: "string", format: "uri", constraints: {maxLength: 30}}
  ]
};
const PROFILE: Profile = {schemaName: "schéma d'essai", unknownColumns: "ignore"};
const run = (lines: string[]) => validateCsv(new TextEncoder().encode(lines.join("\n")), "essai.csv", compile(SCHEMA, PROFILE));
const HEADER = "code,genre,date,part,actif,site";

describe("the validation engine, driven by a Table Schema", () => {
  it("types the values of a valid line: text, date, number with a decimal comma, boolean, empty optional cells as null", () => {
    const result = run([HEADER, 'A01,pépinière,2024-02-29,"0,5",oui,https://exemple.fr', "B02,tiers_lieu,,,,"]);
    expect(result.problems).toEqual([]);
    expect(result.records.map((r) => ({...r.values}))).toEqual([
      {code: "A01", genre: "pépinière", date: "2024-02-29", part: 0.5, actif: true, site: "https://exemple.fr"},
      {code: "B02", genre: "tiers_lieu", date: null, part: null, actif: null, site: null}
    ]);
  });

  it("gives each broken cell its code and a French expectation built from the schema", () => {
    const result = run([HEADER, "a1,Pépinière,2023-02-29,2,peut-être,pas une adresse", "A01,pepiniere,2024-13-01,1e3,non,https://exemple.fr/une-adresse-bien-trop-longue", ",,,,,"]);
    const found = result.problems.map((p) => [p.line, p.column, p.code, p.expected]);
    expect(found).toEqual([
      [2, "code", "pattern", "une valeur au format [A-Z]\\d{2}"],
      [2, "genre", "enum", "une des valeurs « pépinière », « tiers_lieu » (écrire « pépinière »)"],
      [2, "date", "calendar", "une date AAAA-MM-JJ (ex. 2024-03-15) ; cette date n'existe pas dans le calendrier"],
      [2, "part", "range", "un nombre entre 0 et 1"],
      [2, "actif", "type", "oui ou non"],
      [2, "site", "format", "une adresse web complète (ex. https://www.exemple.fr/page)"],
      [3, "genre", "enum", "une des valeurs « pépinière », « tiers_lieu » (écrire « pépinière »)"],
      [3, "date", "calendar", "une date AAAA-MM-JJ (ex. 2024-03-15) ; cette date n'existe pas dans le calendrier"],
      [3, "part", "type", "un nombre entre 0 et 1 ; écrire le nombre en chiffres, sans puissance de 10 (pas de notation « 1e308 »)"],
      [3, "site", "length", "un texte de 30 caractères au plus (47 trouvés)"],
      [4, "code", "required", "une valeur obligatoire (la cellule est vide) : une valeur au format [A-Z]\\d{2}"],
      [4, "genre", "required", "une valeur obligatoire (la cellule est vide) : une des valeurs « pépinière », « tiers_lieu »"]
    ]);
    expect(result.rejects.map((r) => r.line)).toEqual([2, 3, 4]);
    expect(result.records).toEqual([]);
  });

  it("names the first line of a value that must be unique (the primary key)", () => {
    const result = run([HEADER, "A01,pépinière,,,,", "A01,tiers_lieu,,,,"]);
    expect(result.problems).toEqual([expect.objectContaining({line: 3, column: "code", code: "unique", expected: "un identifiant unique (« A01 » est déjà utilisé ligne 2)"})]);
  });

  it("refuses a file without a required column, and warns of a column the schema does not name", () => {
    expect(run(["code,date", "A01,"]).refused).toMatchObject({code: "missing-column", column: "genre", expected: "la colonne obligatoire genre dans l'en-tête (schéma d'essai ; aucune ligne n'est chargée)"});
    expect(run(["code,genre,constructor", "A01,pépinière,x"]).problems).toEqual([expect.objectContaining({column: "constructor", code: "unknown-column", severity: "warning"})]);
  });

  it("refuses to compile a schema that names a check its profile does not implement (nothing goes unchecked)", () => {
    expect(() => compile({...SCHEMA, x_regles: [{nom: "regle-inconnue", description: ""}]}, PROFILE)).toThrow("Le schéma d'essai demande le contrôle « regle-inconnue », que le validateur ne connaît pas.");
  });
});
