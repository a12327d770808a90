// The optimiser's demand is a choice: on a two-place instance worked out by hand, each choice
// weighs the places differently and the optimiser picks a different site; unknown counts stay
// unknown; candidate sites can be limited to places of need.
import {describe, expect, it} from "vitest";
import {placeSites} from "../src/model/placement.js";
import {decodeDemandChoice, demandOf, encodeDemandChoice, PRESET_DEMAND, restrictCandidates, type DemandPlace} from "../src/model/placement-demand.js";

const place = (code: string, x: number, personnesPauvres: number | null, chomeurs: number | null): DemandPlace => ({
  code, nom: code, niveau: "commune", departement: "93", couronne: "petite_couronne", bassin: "1", population: 1000,
  lon: 0, lat: 0, x, y: 0, personnesPauvres, statut: personnesPauvres === null ? "s" : null, chomeurs
});
// P1 at x = 0: 300 poor persons, 50 unemployed. P2 at x = 10: poverty rate secret, 120 unemployed.
const places = [place("P1", 0, 300, 50), place("P2", 10, null, 120)];
const candidates = [{code: "P1", x: 0, y: 0}, {code: "P2", x: 10, y: 0}];
const solve = (demand: ReturnType<typeof demandOf>["demand"]) => placeSites(demand, candidates, {k: 1, radiusKm: 1}).picks.map((p) => [p.code, p.gain]);

describe("the optimiser's demand choice", () => {
  it("poor persons: P2's secret rate makes it unknown, not zero-and-forgotten; the site goes to P1 (300)", () => {
    const {demand, unknown, coverage} = demandOf(places, "pauvres");
    expect(unknown.map((p) => p.code)).toEqual(["P2"]);
    expect(coverage).toEqual({places: 2, knownPlaces: 1, population: 2000, knownPopulation: 1000, total: 300});
    expect(solve(demand)).toEqual([["P1", 300]]);
  });

  it("unemployed: known in both places, the site goes to P2 (120 > 50)", () => {
    const {demand, unknown, coverage} = demandOf(places, "chomeurs");
    expect(unknown).toEqual([]);
    expect(coverage).toMatchObject({knownPlaces: 2, knownPopulation: 2000, total: 170});
    expect(solve(demand)).toEqual([["P2", 120]]);
  });

  it("population weighted by need: 1,000 × 0.2 = 200 at P1, 1,000 × 0.5 = 500 at P2; a place without a score is unknown", () => {
    const need = new Map([["P1", 0.2], ["P2", 0.5]]);
    const {demand} = demandOf(places, "besoin", need);
    expect(demand.map((d) => [d.code, d.weight])).toEqual([["P1", 200], ["P2", 500]]);
    expect(solve(demand)).toEqual([["P2", 500]]);
    expect(demandOf(places, "besoin", new Map([["P1", 0.2], ["P2", NaN]])).unknown.map((p) => p.code)).toEqual(["P2"]);
    expect(() => demandOf(places, "besoin")).toThrow(/scores de l'indice régional/);
  });

  it("both presets use a demand known in every commune", () => {
    expect(PRESET_DEMAND.couveuses.demande).toBe("chomeurs");
    expect(PRESET_DEMAND.fabriques.demande).toBe("besoin");
  });
});

describe("candidate sites where the need is", () => {
  const sites = [{code: "X"}, {code: "Y"}, {code: "Z"}];
  const quintiles = new Map([["X", 5], ["Y", 2]]); // Z has no index
  const quartiers = new Set(["Y"]);

  it("no restriction keeps every candidate", () => {
    expect(restrictCandidates(sites, {minQuintile: 0, quartiers: false}, quintiles, quartiers)).toEqual(sites);
  });

  it("quintile ≥ 4 keeps X; a commune without an index is not a place of known need", () => {
    expect(restrictCandidates(sites, {minQuintile: 4, quartiers: false}, quintiles, quartiers).map((c) => c.code)).toEqual(["X"]);
  });

  it("quartiers alone keeps Y; with the quintile, either condition is enough", () => {
    expect(restrictCandidates(sites, {minQuintile: 0, quartiers: true}, quintiles, quartiers).map((c) => c.code)).toEqual(["Y"]);
    expect(restrictCandidates(sites, {minQuintile: 4, quartiers: true}, quintiles, quartiers).map((c) => c.code)).toEqual(["X", "Y"]);
  });
});

describe("the demand choice in the URL", () => {
  it("round-trips what differs from the preset", () => {
    const choice = {demande: "pauvres" as const, candidats: {minQuintile: 4, quartiers: true}};
    const query = new URLSearchParams(encodeDemandChoice(choice, "couveuses")).toString();
    expect(query).toBe("demande=pauvres&besoinmin=4&quartiers=1");
    expect(decodeDemandChoice(query, "couveuses")).toEqual({choice, problems: []});
    expect(encodeDemandChoice(PRESET_DEMAND.fabriques, "fabriques")).toEqual({});
  });

  it("a value that is not a choice falls back to the preset and is reported in French, naming the parameter and the value", () => {
    const {choice, problems} = decodeDemandChoice("demande=tout&besoinmin=7&quartiers=oui", "fabriques");
    expect(choice).toEqual(PRESET_DEMAND.fabriques);
    expect(problems).toEqual([
      "Paramètre « demande » inconnu : « tout » (attendu : chomeurs, besoin, pauvres) ; la demande du préréglage est utilisée.",
      "Seuil de besoin « besoinmin » invalide : « 7 » (attendu : un quintile entier de 0, sans restriction, à 5) ; le réglage du préréglage est utilisé.",
      "Paramètre « quartiers » invalide : « oui » (attendu : 1 ou 0) ; il est ignoré."
    ]);
  });
});
