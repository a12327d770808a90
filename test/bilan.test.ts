import {describe, expect, it} from "vitest";
import {breakdown, change, perInhabitant, totals, UNKNOWN, type Aide} from "../src/model/bilan.js";

const aide = (over: Partial<Aide>): Aide => ({cle: "x", annee: 2019, montant: 0, nombre_aides: 1, nom_beneficiaire: "A", financeur: "Région", champ_action: null, dispositif: null, type_structure: null, structure_moins_2_ans: null, code_departement: null, code_couronne: null, code_bassin: null, code_ept: null, ...over});
const aides = [
  aide({cle: "1", montant: 100, nom_beneficiaire: "Asso A", type_structure: "association", code_departement: "75", structure_moins_2_ans: true}),
  aide({cle: "2", montant: 50, nom_beneficiaire: "Asso A", code_departement: "91"}),
  aide({cle: "3", montant: 30, nombre_aides: 3, nom_beneficiaire: "(3 projets non nommés)"})
];

describe("the bilan's arithmetic", () => {
  it("totals amounts and aids, and counts named beneficiaries once", () => {
    expect(totals(aides)).toEqual({montant: 180, aides: 5, beneficiairesNommes: 1, lignesSansBeneficiaire: 3, montantLocalise: 150, moinsDeDeuxAns: {oui: 100, non: 0, inconnu: 80}});
  });

  it("keeps unknown structure types apart instead of spreading them", () => {
    expect(breakdown(aides, "type_structure")).toEqual([{cle: "association", montant: 100, aides: 1}, {cle: UNKNOWN, montant: 80, aides: 4}]);
  });

  it("gives euros per inhabitant only where aid is localised, null (not 0) elsewhere", () => {
    const result = perInhabitant(aides, [{code: "75", libelle: "Paris", population: 200}, {code: "91", libelle: "Essonne", population: 100}, {code: "77", libelle: "Seine-et-Marne", population: 50}], "code_departement");
    expect(result.map((r) => r.parHabitant)).toEqual([0.5, 0.5, null]);
  });

  it("computes a year-on-year change only when the previous year exists", () => {
    expect(change(110, 100)).toBeCloseTo(0.1);
    expect(change(110, undefined)).toBeNull();
  });
});
