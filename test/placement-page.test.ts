import {describe, expect, it} from "vitest";
import type {NeedsData} from "../src/model/needs-model.js";
import type {PlacementResult} from "../src/model/placement.js";
import {placementInputs, PRESETS, type Place} from "../src/model/placement-scenarios.js";
import {bassinRows, gapClasses, pickStability, placementSummary, scenarioFrom} from "../src/model/placement-view.js";
import {INDICES} from "./fixtures/needs-rules.js";

const place = (code: string, x: number, personnesPauvres: number | null, bassin = "B1"): Place => ({
  code, nom: `Commune ${code}`, niveau: "commune", departement: code.slice(0, 2), couronne: "petite_couronne", bassin, population: 1000, lon: 2.5, lat: 48.7, x, y: 0, personnesPauvres, statut: null
});
// Five communes on a line, 10 km apart; 93005 is under statistical secrecy.
const places = [place("93001", 0, 100), place("93002", 10, 40), place("93003", 20, 10, "B2"), place("93004", 30, 5, "B2"), place("93005", 40, null, "B2")];
const data = {places, bassins: [{code: "B1", libelle: "Bassin un"}, {code: "B2", libelle: "Bassin deux"}]};
const scenario = {...PRESETS.couveuses, preset: "couveuses" as const, k: 2, radiusKm: 1, existingTypes: ["couveuse"]};
const inputs = placementInputs(places, [{id: "s", nom: "Couveuse", type: "couveuse", code_commune: "93002", latitude: null, longitude: null, localisable: true, source: "test"}], scenario);
const result = (picks: {code: string; gain: number; covered: string[]}[], extra: Partial<PlacementResult> = {}): PlacementResult => ({
  picks, coveredWeight: picks.reduce((s, p) => s + p.gain, 0), alreadyCovered: 40, totalWeight: 155, upperBound: picks.reduce((s, p) => s + p.gain, 0), optimal: true, method: "exhaustive", ...extra
});
const text = (runs: {text: string}[]) => runs.map((r) => r.text).join("").replace(/[\u202f\u00a0]/g, " ");

describe("the scenario of the controls", () => {
  it("reads the excluded communes from free text, keeping only INSEE codes", () => {
    const {preset: _, candidats: __, ...form} = {...PRESETS.couveuses, preset: "couveuses"};
    expect(scenarioFrom("couveuses", {...form, excluded: "93066, 94081;2A004 x 751 <b>", minQuintile: 4, quartiers: true}).excluded).toEqual(["93066", "94081", "2A004"]);
  });

  it("reads the places of need from their two controls", () => {
    const {preset: _, candidats: __, ...form} = {...PRESETS.couveuses, preset: "couveuses"};
    expect(scenarioFrom("couveuses", {...form, excluded: "", minQuintile: 5, quartiers: false}).candidats).toEqual({minQuintile: 5, quartiers: false});
  });
});

describe("the summary of the proposed sites", () => {
  it("says so when no site is proposed, instead of « Les 0 site proposés »", () => {
    const summary = text(placementSummary(result([]), inputs, scenario, 3));
    expect(summary).toMatch(/^Aucun site n'est proposé : /);
    expect(summary).not.toMatch(/0 site/);
    // 155 known poor (the secret commune is left out), 40 already within reach: 25,8 %
    expect(summary).toContain("Les structures recensées couvrent 40 personnes sous le seuil de pauvreté, sur une demande connue de 155 (25,8 % à portée au total).");
    expect(summary).toContain("aucune commune candidate ne couvre, à moins de 1 km,");
    const none = placementInputs(places, [], {...scenario, couronnes: []});
    expect(text(placementSummary(result([]), none, scenario, 3))).toContain("aucune commune n'est candidate");
  });

  it("speaks of one site in the singular and of several in the plural", () => {
    expect(text(placementSummary(result([{code: "93001", gain: 100, covered: ["93001"]}]), inputs, scenario, 3))).toMatch(/^Le site proposé couvre 100 personnes sous le seuil de pauvreté à moins de 1 km/);
    expect(text(placementSummary(result([{code: "93001", gain: 100, covered: ["93001"]}, {code: "93003", gain: 10, covered: ["93003"]}]), inputs, scenario, 3))).toMatch(/^Les 2 sites proposés couvrent 110 personnes/);
  });

  it("gives the share of the proven bound a greedy solution reaches", () => {
    const runs = placementSummary(result([{code: "93001", gain: 100, covered: []}], {optimal: false, method: "greedy", upperBound: 125}), inputs, scenario, 3);
    expect(text(runs)).toContain("Borne supérieure de l'optimum : 125 ; la solution en atteint au moins 80,0 %");
  });
});

describe("the unmet-need gap by bassin", () => {
  it("counts the poor out of reach before and after the sites, by hand", () => {
    // the structure in 93002 reaches 93002 only (radius 1 km); a site in 93001 covers 93001: after
    // the sites, 93001 and 93002 are within reach
    const rows = bassinRows(data, inputs, 1, new Set(["93001", "93002"]));
    expect(rows).toEqual([
      {code: "B1", bassin: "Bassin un", pauvres: 140, sans: 100, part: 100 / 140, apres: 0, inconnus: 0},
      {code: "B2", bassin: "Bassin deux", pauvres: 15, sans: 15, part: 1, apres: 15, inconnus: 1}
    ]);
  });
});

// The need index of the five communes: one indicator, the poverty rate, highest in 93001.
const needs: NeedsData = {
  themes: [{id: "revenus", label: "Revenus", weight: 1}],
  indicators: [{id: "taux", label: "Taux", short: "Taux", unit: "%", direction: "besoin_si_eleve", theme: "revenus", weight: 1, source: "x", vintage: "2021", definition: "", aggregation: "ratio", recombinable: true}],
  niveaux: {
    commune: {
      codes: places.map((p) => p.code), noms: places.map((p) => p.nom), population: places.map(() => 1000),
      valeurs: {taux: [50, 40, 30, 20, null]}, statuts: {taux: [null, null, null, null, "s"]}, methodes: {taux: places.map(() => null)}, couverture: {taux: places.map(() => null)}
    }
  },
  // the poverty rate, published for 4 communes of 5, stands in for the region-wide index's indicators
  indices: {...INDICES, regional: {...INDICES.regional, couverture_min_communes: 0.8}},
  rejetes: [],
  chomageZe: {},
  sources: {}
};

describe("the map of the gap", () => {
  it("crosses each commune's need quintile with the support within reach", () => {
    // 93001: top quintile, no support → 0; 93002: quintile 4 but supported → 3; 93005: secret → 4
    const gap = gapClasses(needs, (code) => code === "93002");
    expect([...gap]).toEqual([["93001", 0], ["93002", 3], ["93003", 3], ["93004", 3], ["93005", 4]]);
    // with 93001 supported as well, the top quintile has support within reach → 1
    expect(gapClasses(needs, (code) => code === "93001" || code === "93002").get("93001")).toBe(1);
  });
});

describe("how often a site is chosen again when the weights move", () => {
  it("chooses the commune that carries almost all the need in every draw, reproducibly", async () => {
    const one = {...scenario, k: 1};
    const stability = await pickStability(needs, placementInputs(places, [], one), one, {draws: 20});
    expect([...stability]).toEqual([["93001", 1]]);
    expect(await pickStability(needs, placementInputs(places, [], one), one, {draws: 20})).toEqual(stability);
  });
});
