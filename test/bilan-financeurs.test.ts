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

  it("has no theme breakdown for a funder whose source has no theme", () => {
    expect(bilanAnnee(aides, "etat_politique_ville", 2019).parThematique).toEqual([]);
  });
});
