// The Bilan by funder and year on a hand-made table of aids (totals worked out by hand below).
import {describe, expect, it} from "vitest";
import {bilanAnnee, financeursEtAnnees, NON_RENSEIGNE, serie, tableAides, type LigneBilan} from "../src/model/bilan-financeurs.js";

const row = (over: Partial<LigneBilan>): LigneBilan => ({financeur: "ville_paris", annee: 2019, montant: 50000, nombre_aides: 1, nature: null, nom_service_instructeur: null, thematique: null, dispositif_aide: null, nom_beneficiaire: "A", id_beneficiaire: null, ...over});

// Ville de Paris: 2018 = 100,000 €; 2019 = 50,000 + 150,000 + 2,000,000 = 2,200,000 € (3 grants); 2025 partial.
// State: 2019 = 7,000 € (one post), never added to the city.
const aides = tableAides([
  row({annee: 2018, montant: 100000, nature: "Projet", id_beneficiaire: "43210987600016", nom_beneficiaire: "ASSO A"}),
  row({montant: 50000, nature: "Projet", nom_service_instructeur: "DAC", thematique: "culture", id_beneficiaire: "43210987600016", nom_beneficiaire: "ASSO A"}),
  row({montant: 150000, nature: "Fonctionnement", nom_service_instructeur: "DASES", thematique: "social", id_beneficiaire: "43210987600016", nom_beneficiaire: "Asso A (autre graphie)"}),
  row({montant: 2000000, nature: "Fonctionnement", nom_service_instructeur: "DASES", thematique: "social", id_beneficiaire: "12345678900015", nom_beneficiaire: "GRANDE ASSO"}),
  row({annee: 2024, montant: 400000}),
  row({annee: 2025, montant: 100000}),
  row({financeur: "etat_politique_ville", montant: 7000, dispositif_aide: "FONJEP", nom_beneficiaire: "CENTRE SOCIAL"})
]);

describe("a funder's series", () => {
  it("gives each year's amount and count, and the change on the previous year only where both are full years", () => {
    const s = serie(aides, "ville_paris", {partielles: [2025]});
    expect(s.map((p) => [p.annee, p.montant, p.aides])).toEqual([[2018, 100000, 1], [2019, 2200000, 3], [2024, 400000, 1], [2025, 100000, 1]]);
    // 2019: 2,200,000 / 100,000 − 1 = 21; 2024: no 2023 → null; 2025: partial → null
    expect(s.map((p) => p.evolution)).toEqual([null, 21, null, null]);
    expect(s.at(-1)!.partielle).toBe(true);
  });

  it("never mixes funders: the State's 7,000 € stays out of the city's series", () => {
    expect(serie(aides, "etat_politique_ville").map((p) => p.montant)).toEqual([7000]);
    expect([...financeursEtAnnees(aides)]).toEqual([["etat_politique_ville", [2019]], ["ville_paris", [2018, 2019, 2024, 2025]]]);
  });
});

describe("one funder's year", () => {
  const b = bilanAnnee(aides, "ville_paris", 2019, {seuil: 40000});

  it("totals, count, beneficiaries by SIRET and change on the previous year", () => {
    expect([b.montant, b.aides, b.beneficiaires, b.precedent, b.evolution]).toEqual([2200000, 3, 2, 100000, 21]);
  });

  it("breaks the amount down by nature, department and theme, largest first, with shares", () => {
    expect(b.parNature).toEqual([
      {cle: "Fonctionnement", montant: 2150000, aides: 2, part: 2150000 / 2200000},
      {cle: "Projet", montant: 50000, aides: 1, part: 50000 / 2200000}
    ]);
    expect(b.parService.map((r) => r.cle)).toEqual(["DASES", "DAC"]);
    expect(b.parThematique.map((r) => [r.cle, r.montant])).toEqual([["social", 2150000], ["culture", 50000]]);
    expect(b.parDispositif).toEqual([{cle: NON_RENSEIGNE, montant: 2200000, aides: 3, part: 1}]);
  });

  it("distributes amounts in classes, and says 'not published' (null), not 0, below the source's threshold", () => {
    const byLabel = Object.fromEntries(b.distribution.map((c) => [c.libelle.replace(/\u202f/g, " "), c.aides]));
    expect(Object.keys(byLabel)).toEqual(["moins de 5 k€", "5 k€ à 10 k€", "10 k€ à 20 k€", "20 k€ à 40 k€", "40 k€ à 100 k€", "100 k€ à 250 k€", "250 k€ à 1 M€", "1 M€ à 5 M€", "5 M€ ou plus"]);
    expect(Object.values(byLabel)).toEqual([null, null, null, null, 1, 1, 0, 1, 0]); // 50,000 / 150,000 / 2,000,000
  });

  it("ranks beneficiaries by amount, one per SIRET whatever the spelling of the name", () => {
    expect(b.beneficiairesPrincipaux.map((x) => [x.siret, x.montant, x.aides])).toEqual([["12345678900015", 2000000, 1], ["43210987600016", 200000, 2]]);
  });

  it("has no theme breakdown for a funder whose source has no theme, and a département breakdown only where the source gives one", () => {
    expect(bilanAnnee(aides, "etat_politique_ville", 2019).parThematique).toEqual([]);
    expect(b.parDepartement).toEqual([]);
    const withDep = tableAides([row({financeur: "etat_politique_ville", montant: 7000, code_departement: "93"}), row({financeur: "etat_politique_ville", montant: 3000, code_departement: null})]);
    expect(bilanAnnee(withDep, "etat_politique_ville", 2019).parDepartement).toEqual([{cle: "93", montant: 7000, aides: 1, part: 0.7}, {cle: NON_RENSEIGNE, montant: 3000, aides: 1, part: 0.3}]);
  });
});

describe("a report's grouped line", () => {
  // The Region's 2019 transcription: 100,000 € to a named association, and one line for 3 unnamed projects (175,000 € in all).
  const region = tableAides([
    row({financeur: "region_idf", montant: 100000, nom_beneficiaire: "Les Restos du cœur"}),
    row({financeur: "region_idf", montant: 175000, nombre_aides: 3, nom_beneficiaire: "(3 projets non nommés par le rapport)"})
  ]);
  const r = bilanAnnee(region, "region_idf", 2019);

  it("counts no beneficiary for the unnamed projects, and says how many aids have none", () => {
    expect([r.aides, r.beneficiaires, r.aidesSansBeneficiaire]).toEqual([4, 1, 3]);
    expect(r.beneficiairesPrincipaux.map((x) => x.nom)).toEqual(["Les Restos du cœur"]);
  });

  it("puts no grouped line in an amount class: its aids' individual amounts are unknown", () => {
    expect(r.distribution.find((c) => c.min === 100000)!.aides).toBe(1); // only the 100,000 €
    expect(r.groupees).toEqual({aides: 3, montant: 175000});
  });
});

describe("the page's Arrow file", () => {
  it("round-trips through arquero: dictionary-encoded text, numbers and nulls as written", async () => {
    const {aidesBilanArrow} = await import("../loaders/aides-bilan.js");
    const {tableAidesDepuisArrow} = await import("../src/model/bilan-financeurs.js");
    const bytes = aidesBilanArrow([
      {financeur: "ville_paris", annee: 2019, montant: 50000.5, nombre_aides: 1, nature: "Projet", nom_beneficiaire: "A", id_beneficiaire: "43210987600016"},
      {financeur: "ville_paris", annee: 2019, montant: 40000, nombre_aides: 1, nature: null, nom_beneficiaire: "B", id_beneficiaire: null},
      {financeur: "etat_politique_ville", annee: 2020, montant: 7164, nombre_aides: 1, nature: null, nom_beneficiaire: "C", id_beneficiaire: null, code_departement: "93"}
    ]);
    const t = tableAidesDepuisArrow(bytes);
    expect((t.objects() as Record<string, unknown>[]).map((r) => [r.financeur, r.annee, r.montant, r.nature, r.id_beneficiaire, r.code_departement])).toEqual([
      ["ville_paris", 2019, 50000.5, "Projet", "43210987600016", null],
      ["ville_paris", 2019, 40000, null, null, null],
      ["etat_politique_ville", 2020, 7164, null, null, "93"]
    ]);
    expect(bilanAnnee(t, "ville_paris", 2019).montant).toBe(90000.5);
  });
});
