// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import {Portrait} from "../src/components/portrait.js";
import {defaultWeights, levelIndex, type NeedsData} from "../src/model/needs-model.js";
import {INDICES} from "./fixtures/needs-rules.js";

// Two communes and the region, one census indicator whose label already names its vintage.
const unit = (codes: string[], noms: string[], chomage: (number | null)[], methodes: (string | null)[]) => ({
  codes, noms, population: codes.map(() => 1000), departement: codes.map((c) => c.slice(0, 2)), couronne: codes.map(() => "petite_couronne"),
  valeurs: {chomage}, statuts: {chomage: chomage.map(() => null)}, methodes: {chomage: methodes}, couverture: {chomage: codes.map(() => null)}
});
const data: NeedsData = {
  themes: [{id: "emploi", label: "Emploi", weight: 1}],
  indicators: [{id: "chomage", label: "Taux de chômage des 15-64 ans (recensement 2018)", short: "Chômage (recensement)", unit: "%", direction: "besoin_si_eleve", theme: "emploi", weight: 1, source: "comparateur_2022", vintage: "recensement 2018", definition: "", aggregation: "ratio", recombinable: true}],
  niveaux: {
    commune: unit(["92004", "93066"], ["Asnières-sur-Seine", "Saint-Denis"], [9.5, 21.2], ["publiee", "recombinee"]),
    region: unit(["11"], ["Île-de-France"], [12.1], ["agregee_ratio"]),
    departement: unit(["92", "93"], ["Hauts-de-Seine", "Seine-Saint-Denis"], [9, 18], ["agregee_ratio", "agregee_ratio"]),
    couronne: unit(["petite_couronne"], ["Petite couronne"], [13], ["agregee_ratio"])
  },
  indices: INDICES,
  rejetes: [],
  chomageZe: {},
  sources: {},
  fusions: [{code: "93059", nom: "Pierrefitte-sur-Seine", departement: "93", vers: "93066", nomVers: "Saint-Denis", annee: 2025}]
};
const index = levelIndex(data, "commune", defaultWeights(data));
const portrait = (code: string) => Portrait(data, {niveau: "commune", code, index, stability: {topQuintileShare: Float64Array.from([0, 1]), draws: 1000}, arrondissementScores: null});

describe("the territory portrait", () => {
  it("names each indicator with its vintage once", () => {
    const firstColumn = [...portrait("92004").querySelectorAll<HTMLTableRowElement>("tbody tr")].map((tr) => tr.cells[0].textContent);
    expect(firstColumn).toEqual(["Taux de chômage des 15-64 ans (recensement 2018)"]);
  });

  it("tells, for a commune that absorbed another, which and when, from the build's list of mergers", () => {
    const facts = [...portrait("93066").querySelectorAll(".portrait-facts li")].map((li) => li.textContent);
    expect(facts).toContain("Saint-Denis a absorbé Pierrefitte-sur-Seine en 2025 (Chômage (recensement) : recombiné à partir des effectifs des communes réunies).");
    expect([...portrait("92004").querySelectorAll(".portrait-facts li")].some((li) => li.textContent!.includes("absorbé"))).toBe(false);
  });
});
