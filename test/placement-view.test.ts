import {describe, expect, it} from "vitest";
import {countWithin, decodeScenario, encodeScenario, gapByGroup, gapClass, placementInputs, PRESETS, type Place} from "../src/model/placement-scenarios.js";

const place = (code: string, x: number, y: number, personnesPauvres: number | null, bassin: string, over: Partial<Place> = {}): Place => ({
  code, nom: code, niveau: "commune", departement: code.slice(0, 2), couronne: "petite_couronne", bassin, population: 1000, lon: 2.5, lat: 48.7, x, y, personnesPauvres, statut: null, ...over
});

describe("the unmet-need gap", () => {
  it("crosses the need quintile with the structures within reach", () => {
    expect([gapClass(5, 0), gapClass(5, 2), gapClass(4, 0), gapClass(4, 1), gapClass(2, 0), gapClass(null, 0)]).toEqual([0, 1, 2, 3, 3, 4]);
  });

  it("counts structures within the radius, the boundary included", () => {
    const structures = [{x: 0, y: 0}, {x: 3, y: 4}, {x: 6, y: 0}];
    expect(countWithin(structures, 0, 0, 5)).toBe(2); // (3,4) is exactly 5 km away
    expect(countWithin(structures, 0, 0, 4.99)).toBe(1);
  });

  it("sums, by bassin, the poor with no structure within reach before and after the proposed sites — by hand", () => {
    // Bassin A: a (100 poor, a structure 2 km away → reached), b (50 poor, 20 km away → not reached).
    // Bassin B: c (30 poor, not reached, but covered by a proposed site), d (secret → unknown).
    const places = [place("a", 2, 0, 100, "A"), place("b", 20, 0, 50, "A"), place("c", 0, 30, 30, "B"), place("d", 0, 31, null, "B")];
    const groups = gapByGroup([...places, place("75056", 0, 0, null, "A"), place("75101", 50, 50, 5, "P", {niveau: "arrondissement"})], [{x: 0, y: 0}], 5, new Set(["c"]));
    expect(groups.get("A")).toEqual({pauvres: 150, sansOffre: 50, apres: 50, inconnus: 0});
    expect(groups.get("B")).toEqual({pauvres: 30, sansOffre: 30, apres: 0, inconnus: 1});
  });
});

describe("the optimiser's inputs", () => {
  it("never counts Paris twice: arrondissements are demand, Paris (75056) is one candidate and no demand", () => {
    const places = [
      place("75101", 0, 0, 10, "1107", {niveau: "arrondissement", couronne: "paris", population: 100}),
      place("75102", 2, 0, 20, "1107", {niveau: "arrondissement", couronne: "paris", population: 300}),
      place("92004", 10, 0, null, "1116"),
      place("75056", 1, 0, null, "1107", {couronne: "paris", population: 400}) // Paris as a whole: a candidate, not demand
    ];
    const inputs = placementInputs(places, [], {...PRESETS.fabriques, preset: "fabriques"});
    expect(inputs.demand.map((d) => d.code)).toEqual(["75101", "75102"]);
    expect(inputs.unknown.map((p) => p.code)).toEqual(["92004"]);
    const paris = inputs.candidates.find((c) => c.code === "75056")!;
    expect(paris.x).toBe(1); // its own centroid
    expect(inputs.candidates.some((c) => c.code.startsWith("751"))).toBe(false);
  });

  it("keeps Paris out of the couveuses preset's candidates", () => {
    const places = [place("75101", 0, 0, 10, "1107", {niveau: "arrondissement", couronne: "paris"}), place("93066", 5, 0, 40, "1117")];
    const inputs = placementInputs(places, [], {...PRESETS.couveuses, preset: "couveuses"});
    expect(inputs.candidates.map((c) => c.code)).toEqual(["93066"]);
  });
});

const TYPES = ["couveuse", "cae", "incubateur_ess", "pepiniere", "fabrique_a_initiatives", "dla", "tiers_lieu"];

describe("the scenario permalink", () => {
  it("writes only what differs from the preset and reads it back", () => {
    const scenario = {...PRESETS.fabriques, preset: "fabriques" as const, k: 3, radiusKm: 12, excluded: ["93066"]};
    const query = encodeScenario(scenario);
    expect(query).toBe("preset=fabriques&k=3&r=12&exclus=93066");
    expect(decodeScenario(query, {types: TYPES})).toEqual(scenario);
  });

  it("carries the demand and the places of need, whatever the objective", () => {
    const scenario = {...PRESETS.couveuses, preset: "couveuses" as const, objective: "p_median" as const, demande: "pauvres" as const, candidats: {minQuintile: 5, quartiers: false}};
    const query = encodeScenario(scenario);
    expect(query).toBe("preset=couveuses&objectif=p_median&demande=pauvres&besoinmin=5&quartiers=0");
    expect(decodeScenario(query, {types: TYPES})).toEqual(scenario);
  });

  it("ignores values out of range", () => {
    expect(decodeScenario("preset=couveuses&k=99&r=-3&exclus=<x>", {types: TYPES})).toEqual({...PRESETS.couveuses, preset: "couveuses"});
  });

  it("takes no built-in property name for a preset, a type, a couronne or a number", () => {
    for (const name of ["constructor", "toString", "__proto__", "hasOwnProperty"]) {
      const scenario = decodeScenario(`preset=${name}&offre=couveuse,${name}&couronnes=${name},paris&k=${name}&r=${name}&popmin=${name}&unparbassin=${name}&demande=${name}&besoinmin=${name}&quartiers=${name}`, {types: TYPES});
      expect(scenario, name).toEqual({...PRESETS.couveuses, preset: "couveuses", existingTypes: ["couveuse"], couronnes: ["paris"], onePerGroup: false});
    }
  });
});
