// The harmonised aid model: the common rules on hand-made records, and each adapter on a tiny
// hand-written file. Expected values are worked out by hand in the comments.
import {describe, expect, it} from "vitest";
import {ADAPTATEURS, type Contexte} from "../src/model/aides-adapters.js";
import {financeurOf, readMontant, screenAides, siretProblem, type AideBrute, type Financeur} from "../src/model/aides.js";
import {arrayElementLines} from "../src/lib/json-lines.js";
import {scdlSchema} from "../loaders/schemas.js";

// The SCDL adapter validates with the published schema, read from the data pack (never copied).
const dataDir = process.env.IDF_DATA_DIR;
const schema = dataDir ? await scdlSchema() : undefined;

const FINANCEURS: Financeur[] = [
  {code: "region_idf", libelle: "Région Île-de-France", siren: "237500079"},
  {code: "ville_paris", libelle: "Ville de Paris", seuil: 40000},
  {code: "etat_politique_ville", libelle: "État (politique de la ville, programme 147)"}
];
// Luhn-valid SIRETs taken from the SCDL fixtures (valid-comma.csv) and the Region's own.
const SIRET_A = "43210987600016";
const SIRET_B = "12345678900015";

let line = 0;
const brute = (over: Partial<AideBrute> = {}): AideBrute => ({
  id_source: `id-${++line}`, financeur: "ville_paris", libelle_financeur: "Ville de Paris", nom_attribuant: "Ville de Paris", id_attribuant: null,
  nom_beneficiaire: "Association A", id_beneficiaire: SIRET_A, rna_beneficiaire: null, objet: "objet", montant_lu: 50000, nature: null,
  date_convention: null, annee: 2019, dispositif_aide: null, nom_service_instructeur: null, thematique: null, nombre_aides: 1, adresse_siege: null,
  code_postal_siege: null, commune_siege: null, arrondissement_siege: null, latitude: null, longitude: null, code_departement: null, code_contrat: null,
  source: "paris_2019", fichier: "paris_2019.json", ligne: line, licence: "ODbL", champs_derives: null,
  regles: {siret: "obligatoire", annees: [2019, 2019], priorite: 2, colonnes: {id_source: "id", nom_beneficiaire: "beneficiaire", id_beneficiaire: "siret", montant: "montant", annee: "annee"}},
  problemes: [],
  ...over
});
const reasons = (b: AideBrute[]) => screenAides(b).rejets.map((r) => r.problemes.map((p) => `${p.colonne}: ${p.raison}`));

describe("the SIRET and amount rules shared by every adapter", () => {
  it("tells an absent SIRET from a malformed one and from a wrong check key", () => {
    expect(siretProblem("None", "obligatoire")).toMatch(/^SIRET du bénéficiaire absent/);
    expect(siretProblem(null, "facultatif")).toBeNull();
    expect(siretProblem("789456123", "obligatoire")).toBe("SIRET mal formé : 14 chiffres attendus (9 chiffres lus)");
    expect(siretProblem("88163512200016.0", "facultatif")).toMatch(/^SIRET mal formé/); // a float written by a spreadsheet
    expect(siretProblem("23750007900313", "obligatoire")).toBe("SIRET invalide : la clé de contrôle (Luhn) est fausse"); // the Region's SIRET, last digit changed
    expect(siretProblem("23750007900312", "obligatoire")).toBeNull();
  });

  it("reads amounts written as numbers or French text, and refuses negative, zero and non-numeric ones", () => {
    expect(readMontant(40000)).toEqual({montant: 40000});
    expect(readMontant("1 500,50")).toEqual({montant: 1500.5});
    expect(readMontant(-5)).toEqual({raison: expect.stringMatching(/^montant négatif ou nul/)});
    expect(readMontant("0")).toEqual({raison: expect.stringMatching(/^montant négatif ou nul/)});
    expect(readMontant("40 000 €")).toEqual({raison: expect.stringMatching(/^montant non numérique/)});
    expect(readMontant(null)).toEqual({raison: expect.stringMatching(/^montant absent/)});
  });
});

describe("the common rules: every record is loaded or rejected with its reasons", () => {
  it("rejects a record without SIRET, with a malformed SIRET, a negative or non-numeric amount, or a year outside the file's", () => {
    const records = [
      brute(),
      brute({id_beneficiaire: "None"}),
      brute({id_beneficiaire: "789456123"}),
      brute({montant_lu: -100}),
      brute({montant_lu: "beaucoup"}),
      brute({annee: 2018}),
      brute({nom_beneficiaire: null, id_beneficiaire: null})
    ];
    const {aides, rejets} = screenAides(records);
    expect(aides.map((a) => a.ligne)).toEqual([records[0].ligne]);
    expect(aides.length + rejets.length).toBe(records.length);
    expect(reasons(records)).toEqual([
      ["siret: SIRET du bénéficiaire absent : un SIRET de 14 chiffres est attendu"],
      ["siret: SIRET mal formé : 14 chiffres attendus (9 chiffres lus)"],
      ["montant: montant négatif ou nul : un montant en euros strictement positif est attendu"],
      ["montant: montant non numérique : un nombre en euros est attendu (ex. 1500 ou 1 500,50)"],
      ["annee: année 2018 hors de l'année du fichier (2019)"],
      ["beneficiaire: bénéficiaire non nommé", "siret: SIRET du bénéficiaire absent : un SIRET de 14 chiffres est attendu"]
    ]);
  });

  it("accepts a record without SIRET where the source gives none, but still checks one that is given", () => {
    const facultatif = {siret: "facultatif" as const, annees: null, priorite: 2, colonnes: brute().regles.colonnes};
    const {aides, rejets} = screenAides([brute({id_beneficiaire: null, regles: facultatif}), brute({id_beneficiaire: "1234", regles: facultatif})]);
    expect(aides).toHaveLength(1);
    expect(rejets[0].problemes[0].raison).toMatch(/^SIRET mal formé/);
  });

  it("keeps the first valid record of an identifier and rejects the later ones, naming the first line", () => {
    const first = brute({id_source: "2016_06076"});
    const invalidFirst = brute({id_source: "2016_02024", id_beneficiaire: "None"});
    const records = [first, brute({id_source: "2016_06076", montant_lu: 60000}), invalidFirst, brute({id_source: "2016_02024"})];
    const {aides, rejets} = screenAides(records);
    // 2016_06076: line of `first` kept; 2016_02024: the first occurrence has no SIRET, so the second is the one loaded
    expect(aides.map((a) => a.id_aide)).toEqual(["paris_2019:2016_06076", "paris_2019:2016_02024"]);
    expect(aides[1].ligne).toBe(records[3].ligne);
    expect(rejets[0].problemes[0].raison).toBe(`identifiant déjà présent ligne ${first.ligne} du même fichier : un seul enregistrement par identifiant`);
    expect(rejets[1].ligne).toBe(invalidFirst.ligne);
  });

  it("lets the same identifier appear in two sources (two budget years are two files)", () => {
    const {aides} = screenAides([brute({id_source: "2019_04634"}), brute({id_source: "2019_04634", source: "paris_2020", annee: 2020, regles: {...brute().regles, annees: [2020, 2020]}})]);
    expect(aides).toHaveLength(2);
  });

  it("replaces a lower-priority source by a higher one for the same funder and year, and only that year", () => {
    const transcription = {...brute().regles, siret: "facultatif" as const, annees: null, priorite: 1};
    const scdl = {...brute().regles, siret: "facultatif" as const, annees: null, priorite: 2};
    const region = {financeur: "region_idf", libelle_financeur: "Région Île-de-France"};
    const records = [
      brute({...region, source: "rapport", annee: 2019, regles: transcription}),
      brute({...region, source: "scdl", annee: 2019, regles: scdl}),
      brute({...region, source: "scdl", annee: 2020, regles: scdl}),
      brute({source: "paris_2019", annee: 2019}) // another funder's 2019 is untouched
    ];
    const {aides, rejets} = screenAides(records);
    expect(aides.map((a) => `${a.source} ${a.annee}`)).toEqual(["scdl 2019", "scdl 2020", "paris_2019 2019"]);
    expect(rejets.map((r) => r.problemes[0].raison)).toEqual(["Région Île-de-France, 2019 : année couverte par une source plus complète (scdl), qui la remplace"]);
  });

  it("gives an SCDL row to the known funder with the attribuant's SIREN, else to the attribuant itself", () => {
    expect(financeurOf("23750007900312", "REGION ILE DE FRANCE", FINANCEURS).code).toBe("region_idf");
    expect(financeurOf("21860194600013", "Ville de Poitiers", FINANCEURS)).toEqual({code: "siren-218601946", libelle: "Ville de Poitiers"});
  });
});

describe("where each record of a JSON array starts", () => {
  it("finds the opening line of every element, whatever strings hold", () => {
    const text = ['{"year": 2019, "note": "a [bracket] and a \\"quote\\" {",', ' "data": [', "  {", '    "id": "a"', "  },", '  {"id": "b ]"}', "  ,", "  {", "  }", "]}"].join("\n");
    expect(arrayElementLines(text, "data")).toEqual([3, 6, 8]);
    expect(arrayElementLines(text, "other")).toEqual([]);
  });
});

const context = (over: Partial<Contexte>): Contexte => ({source: "s", fichier: "f", licence: "Licence Ouverte 2.0", annees: null, financeurs: FINANCEURS, ...over});
const bytes = (text: string) => new TextEncoder().encode(text);

describe("the Ville de Paris adapter", () => {
  const file = `{
  "year": 2019,
  "total": 290000,
  "count": 3,
  "data": [
    {"id": "2019_07505", "annee": 2019, "beneficiaire": "ASSOCIATION A", "siret": "${SIRET_A}", "objet": "Fonctionnement", "montant": 150000,
     "direction": "DASES", "nature": "Fonctionnement", "thematique": "social", "coordinates": {"lat": 48.87, "lon": 2.34},
     "adresse": "21 RUE D'UZES 75002 PARIS", "codePostal": "75002", "commune": "PARIS", "arrondissement": 2},
    {"id": "2019_00001", "annee": 2019, "beneficiaire": "B", "siret": "None", "objet": "Projet", "montant": 40000, "direction": "DAC", "nature": "Projet", "thematique": "culture"},
    {"id": "X", "annee": 2019, "beneficiaire": "C", "siret": "${SIRET_B}", "objet": null, "montant": 100000, "direction": "SG", "nature": "Projet", "thematique": "sport",
     "adresse": "1 AVENUE X 93200 SAINT-DENIS", "codePostal": "93200", "commune": "SAINT-DENIS", "arrondissement": null}
  ]
}`;
  const adapted = ADAPTATEURS.ville_paris_json.lire(bytes(file), context({source: "subventions_paris_2019", fichier: "paris.json", licence: "ODbL", financeur: "ville_paris", annees: [2019, 2019]}));

  it("reads every record with its line, the city's fields and the carrier's derived ones marked as such", () => {
    expect(adapted.enregistrements).toBe(3);
    expect(adapted.declare).toEqual([{annee: 2019, nombre: 3, montant: 290000}]);
    expect(adapted.brutes.map((b) => b.ligne)).toEqual([6, 9, 10]);
    expect(adapted.brutes[0]).toMatchObject({
      id_source: "2019_07505", financeur: "ville_paris", nom_beneficiaire: "ASSOCIATION A", id_beneficiaire: SIRET_A, montant_lu: 150000,
      nom_service_instructeur: "DASES", nature: "Fonctionnement", thematique: "social", arrondissement_siege: 2, latitude: 48.87, longitude: 2.34,
      code_postal_siege: "75002", licence: "ODbL", date_convention: null
    });
    expect(adapted.brutes[0].champs_derives).toMatch(/^thematique, adresse_siege, .*pas la Ville/);
  });

  it("rejects the record without SIRET and the one whose file number is not AAAA_NNNNN, with the city's column names", () => {
    const {aides, rejets} = screenAides(adapted.brutes);
    expect(aides.map((a) => a.id_aide)).toEqual(["subventions_paris_2019:2019_07505"]);
    expect(rejets.map((r) => [r.ligne, r.problemes.map((p) => `${p.colonne} = ${p.valeur}`)])).toEqual([
      [9, ["siret = None"]],
      [10, ["id = X"]]
    ]);
  });

  it("refuses a file whose year is not the one the registry declares", () => {
    expect(() => ADAPTATEURS.ville_paris_json.lire(bytes(file), context({fichier: "paris.json", financeur: "ville_paris", annees: [2020, 2020]}))).toThrow(/porte l'année 2019, le registre déclare 2020 à 2020/);
  });
});

describe("the State posts adapter", () => {
  const file = [
    "dispositif,annee,id_poste,code_tiers,raison_sociale,montant_eur,code_cv,insee_dep,insee_reg",
    "FONJEP,2020,F00161,GENERATION FEMMES,GENERATION FEMMES,7164,CV340,91,11",
    "FONJEP,2020,F00161,GENERATION FEMMES,GENERATION FEMMES,7164,CV340,91,11",
    `ADULTE_RELAIS,2020,01320R064500,${SIRET_A},EMMAUS,19875.06,CV901,75,11`,
    "ADULTE_RELAIS,2021,01320R064600,7922729160003,EMMAUS,19875.06,,75,11",
    "FONJEP,2020,D1,short line"
  ].join("\n");
  const adapted = ADAPTATEURS.postes_politique_ville.lire(bytes(file), context({source: "postes", fichier: "postes.csv", financeur: "etat_politique_ville", annees: [2020, 2023]}));
  const {aides, rejets} = screenAides(adapted.brutes);

  it("loads a FONJEP post without SIRET and an adulte-relais post with its employer's SIRET", () => {
    expect(adapted.enregistrements).toBe(5);
    expect(aides.map((a) => [a.ligne, a.dispositif_aide, a.id_beneficiaire, a.montant, a.code_contrat])).toEqual([
      [2, "FONJEP", null, 7164, "CV340"],
      [4, "Adultes-relais", SIRET_A, 19875.06, "CV901"]
    ]);
  });

  it("rejects the repeated post, the 13-digit SIRET and the short line, each with its line", () => {
    expect(rejets.map((r) => [r.ligne, r.problemes[0].colonne, r.problemes[0].raison.split(" :")[0]])).toEqual([
      [3, "id_poste", "identifiant déjà présent ligne 2 du même fichier"],
      [5, "code_tiers", "SIRET mal formé"],
      [6, "*", "ligne illisible"]
    ]);
  });

  it("reports an unreadable line once, without the rules adding 'absent' problems for values it could not read", () => {
    expect(rejets.find((r) => r.ligne === 6)!.problemes).toHaveLength(1);
  });
});

describe.skipIf(!schema)("the SCDL adapter (needs IDF_DATA_DIR for the published schema)", () => {
  const HEADER = "nomAttribuant,idAttribuant,dateConvention,referenceDecision,nomBeneficiaire,idBeneficiaire,rnaBeneficiaire,objet,montant,nature,conditionsVersement,datesPeriodeVersement,idRAE,notificationUE,pourcentageSubvention,dispositifAide";
  const row = (date: string, beneficiary: string, siret: string, amount: string) => `Région Île-de-France,23750007900312,${date},,${beneficiary},${siret},,Projet,${amount},aide en numéraire,unique,${date},,non,1,Innovation sociale`;
  const file = [HEADER, row("2021-03-01", "A", SIRET_A, "1000"), row("2022-05-02", "B", SIRET_B, "2500.5"), row("2022-05-02", "B", SIRET_B, "2500.5"), row("2022-06-01", "C", "99999999999999", "10")].join("\n");
  const adapted = schema ? ADAPTATEURS.scdl.lire(bytes(file), context({source: "region_scdl", fichier: "region.csv", scdlSchema: schema})) : {brutes: [], enregistrements: 0, declare: []};
  const {aides, rejets} = screenAides(adapted.brutes);

  it("loads valid rows under the funder named by idAttribuant, with the year of dateConvention", () => {
    expect(adapted.enregistrements).toBe(4);
    expect(aides.map((a) => [a.ligne, a.financeur, a.annee, a.montant, a.date_convention, a.dispositif_aide])).toEqual([
      [2, "region_idf", 2021, 1000, "2021-03-01", "Innovation sociale"],
      [3, "region_idf", 2022, 2500.5, "2022-05-02", "Innovation sociale"]
    ]);
  });

  it("rejects the exact duplicate, and a line the validator loads as incomplete for want of a beneficiary identifier", () => {
    expect(rejets.map((r) => [r.ligne, r.problemes[0].colonne, r.problemes[0].valeur])).toEqual([
      [4, "*", ""],
      [5, "idBeneficiaire, rnaBeneficiaire", "99999999999999"]
    ]);
    expect(rejets[0].problemes[0].raison).toBe("doublon exact de la ligne 3 : la subvention n'est chargée qu'une fois");
    expect(rejets[1].problemes[0].raison).toMatch(/^identifiant du bénéficiaire absent ou invalide/);
    expect(rejets[1].problemes).toHaveLength(1);
  });
});
