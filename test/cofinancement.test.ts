// Co-funded beneficiaries and aid against need, on hand-made rows.
import {describe, expect, it} from "vitest";
import {aideBesoin, type LigneArrondissement} from "../src/model/aide-besoin.js";
import {anneesLabel, cofinances, compteCofinances, type LigneCofinancement} from "../src/model/cofinancement.js";

const row = (over: Partial<LigneCofinancement>): LigneCofinancement => ({siren: "309001212", siret: "30900121200047", niveau_jointure: "SIRET", financeur: "ville_paris", libelle_financeur: "Ville de Paris", annee: 2020, nom_beneficiaire: "RELAIS MENILMONTANT", montant: 100000, nombre_aides: 1, ...over});

describe("co-funded beneficiaries", () => {
  const rows = [
    row({annee: 2019, montant: 300000}),
    row({annee: 2020, montant: 320000}),
    row({siret: "30900121200039", niveau_jointure: "SIREN", annee: 2013, montant: 200000, nom_beneficiaire: "RELAIS  MENILMONTANT"}),
    row({financeur: "etat_politique_ville", libelle_financeur: "État", annee: 2021, montant: 20000}),
    row({financeur: "etat_politique_ville", libelle_financeur: "État", annee: 2022, montant: 21000}),
    // another legal unit, only its SIREN in common: two establishments, one per funder
    row({siren: "111111111", siret: "11111111100011", niveau_jointure: "SIREN", annee: 2021, montant: 50000, nom_beneficiaire: "B"}),
    row({siren: "111111111", siret: "11111111100029", niveau_jointure: "SIREN", financeur: "etat_politique_ville", libelle_financeur: "État", annee: 2021, montant: 19000, nom_beneficiaire: "B"})
  ];
  const list = cofinances(rows);

  it("gives one line per legal unit with each funder's years and amount side by side, never summed across funders", () => {
    expect(list.map((c) => [c.siren, c.niveau, c.cotes.map((s) => [s.financeur, anneesLabel(s.annees), s.montant])])).toEqual([
      ["111111111", "SIREN", [["etat_politique_ville", "2021", 19000], ["ville_paris", "2021", 50000]]],
      // Ville de Paris: 200,000 (2013) + 300,000 (2019) + 320,000 (2020) = 820,000; State: 41,000
      ["309001212", "SIRET", [["etat_politique_ville", "2021–2022", 41000], ["ville_paris", "2013, 2019–2020", 820000]]]
    ]);
    // "RELAIS  MENILMONTANT" (two spaces) and "RELAIS MENILMONTANT" are one spelling
    expect(list[1].noms).toEqual(["RELAIS MENILMONTANT"]);
    expect(list.map((c) => c.anneesCommunes)).toEqual([[2021], []]);
  });

  it("counts legal units, and those sharing an establishment", () => {
    expect(compteCofinances(list)).toEqual({unites: 2, parSiret: 1, parSirenSeulement: 1});
  });
});

describe("aid against need by arrondissement of the seat", () => {
  const rows: LigneArrondissement[] = [
    {annee: 2019, code: "75101", libelle: "Paris 1er", population: 15000, nombre_aides: 3, montant: 300000, montant_par_habitant: 20},
    {annee: 2019, code: "75119", libelle: "Paris 19e", population: 180000, nombre_aides: 9, montant: 900000, montant_par_habitant: 5},
    {annee: 2019, code: "hors_paris", libelle: "Siège hors de Paris", population: null, nombre_aides: 2, montant: 100000, montant_par_habitant: null},
    {annee: 2020, code: "75101", libelle: "Paris 1er", population: 15000, nombre_aides: 1, montant: 45000, montant_par_habitant: 3}
  ];
  it("pairs each arrondissement's euros per inhabitant with its index, and keeps seats outside Paris apart", () => {
    const {points, horsArrondissements} = aideBesoin(rows, 2019, (code) => (code === "75119" ? 0.9 : null));
    expect(points.map((p) => [p.code, p.parHabitant, p.indice])).toEqual([["75101", 20, null], ["75119", 5, 0.9]]);
    expect(horsArrondissements.map((r) => r.code)).toEqual(["hors_paris"]);
  });
});

describe("year ranges", () => {
  it("writes consecutive years as a range", () => {
    expect(anneesLabel([2023, 2020, 2021, 2013, 2021])).toBe("2013, 2020–2021, 2023");
  });
});
