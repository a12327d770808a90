// The optimiser's demand is a choice: on a two-place instance worked out by hand, each choice
// weighs the places differently and the optimiser picks a different site; unknown counts stay
// unknown; candidate sites can be limited to places of need.
import {describe, expect, it} from "vitest";
import {placeSites} from "../src/model/placement.js";
import {propose, type Objective} from "../src/model/placement-proposal.js";
import {candidateCoverage, decodeDemandChoice, demandOf, demandSentence, encodeDemandChoice, PRESET_DEMAND, quartiersOf, restrictCandidates, restrictionRows, restrictionSentence, ruleLabel, withDemand, type DemandPlace} from "../src/model/placement-demand.js";

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
    const choice = {demande: "pauvres" as const, candidats: {minQuintile: 5, quartiers: false}};
    const query = new URLSearchParams(encodeDemandChoice(choice, "couveuses")).toString();
    expect(query).toBe("demande=pauvres&besoinmin=5&quartiers=0");
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

// Intl's narrow or plain no-break spaces (ICU versions differ) read as spaces.
const plain = (t: string) => t.replace(/[\u202f\u00a0]/g, " ");

describe("what the page says about the demand and the places of need", () => {
  it("the chosen demand replaces the default one in the optimiser's inputs", () => {
    const chosen = demandOf(places, "chomeurs");
    const inputs = withDemand({demand: [], unknown: [places[1]], other: 1}, chosen);
    expect([inputs.demand.length, inputs.unknown.length, inputs.other]).toEqual([2, 0, 1]);
  });

  it("counts the candidates whose demand is known, Paris through its arrondissements", () => {
    const demand = [{code: "93001", x: 0, y: 0, weight: 1}, {code: "75101", x: 0, y: 0, weight: 1}];
    expect(candidateCoverage([{code: "93001"}, {code: "93002"}, {code: "75056"}], demand, [{code: "93002", niveau: "commune"}])).toEqual({candidates: 3, known: 2});
    expect(candidateCoverage([{code: "75056"}], demand, [{code: "75102", niveau: "arrondissement"}])).toEqual({candidates: 1, known: 0});
  });

  it("a commune is in a known quartier when it signed a contrat de ville or has a poverty pocket", () => {
    expect([...quartiersOf(["93005"], {codes: ["93001", "93002", "77001"], values: [3, 0, null]})].sort()).toEqual(["93001", "93005"]);
  });

  it("states the demand's coverage, and what is unknown", () => {
    const {coverage} = demandOf(places, "pauvres");
    expect(plain(demandSentence("pauvres", coverage, {candidates: 2, known: 1}))).toBe(
      "Demande : personnes sous le seuil de pauvreté — le compte le plus direct du besoin, mais sous secret statistique dans la plupart des petites communes, qui ne pèsent alors rien (INSEE, Filosofi 2021 : personnes des ménages fiscaux × taux de pauvreté), au centroïde de chaque commune, Paris par arrondissement. Connue pour 1 lieu sur 2 (50,0 % de la population) et pour 1 des 2 communes candidates ; 1 lieu sans valeur (1 000 habitants) : leur demande n'est pas estimée, elle n'entre pas dans le calcul."
    );
  });

  it("names the rule of the places of need", () => {
    expect(ruleLabel({minQuintile: 4, quartiers: true})).toBe("communes des quintiles 4 et 5 de l'indice régional, ou communes avec un quartier prioritaire connu ou une poche de pauvreté (IRIS)");
    expect(ruleLabel({minQuintile: 0, quartiers: true})).toBe("communes avec un quartier prioritaire connu ou une poche de pauvreté (IRIS)");
    expect(ruleLabel({minQuintile: 3, quartiers: false})).toBe("communes des quintiles 3 à 5 de l'indice régional");
  });
});

// The two-place instance with the unemployed as demand (P1: 50, P2: 120 — 170 in all, 10 km apart);
// only P1 is a place of need (quintile 5), so the limited proposal may only open P1.
describe("the proposal limited to the places of need, for every objective", () => {
  const {demand} = demandOf(places, "chomeurs");
  const rule = {minQuintile: 5, quartiers: false};
  const limitedTo = restrictCandidates(candidates, rule, new Map([["P1", 5], ["P2", 2]]), new Set());
  const both = (objective: Objective, minWeight = 0) => {
    const options = {objective, k: 1, radiusKm: 1, minWeight};
    return [propose(demand, candidates, options), propose(demand, limitedTo, options)] as const;
  };

  it("maximal covering: free, P2 covers 120 (70,6 %); limited to P1, 50 (29,4 %) — 70 fewer", () => {
    const [free, limited] = both("couverture");
    expect(plain(restrictionSentence(free, limited, "chômeurs", rule, limitedTo.length, 1))).toBe(
      "Sites libres : 1 site, 120 chômeurs à moins de 1 km d'une structure ou d'un site (70,6 % de la demande connue ; distance moyenne 2,9 km). Sites limités aux communes du quintile 5 de l'indice régional (1 commune candidate) : 1 site, 50 (29,4 % de la demande connue ; distance moyenne 7,1 km), soit 70 de moins à portée."
    );
    expect(restrictionRows(free, limited, (c) => `commune ${c}`)).toEqual([["1", "commune P2", "commune P1"]]);
  });

  it("p-median: free, P2 (mean distance 50 × 10 / 170 = 2,9 km); limited, P1 (120 × 10 / 170 = 7,1 km)", () => {
    const [free, limited] = both("p_median");
    expect([free.picks[0].code, limited.picks[0].code]).toEqual(["P2", "P1"]);
    expect(plain(restrictionSentence(free, limited, "chômeurs", rule, 1, 1))).toMatch(/distance moyenne 2,9 km\).*distance moyenne 7,1 km\)/);
  });

  it("set covering of the places of at least 100 unemployed: free, P2; limited, no site can reach P2 and none is opened", () => {
    const [free, limited] = both("ensemble_couvrant", 100);
    expect(free.picks.map((p) => p.code)).toEqual(["P2"]);
    expect([limited.picks, limited.uncoverable]).toEqual([[], ["P2"]]);
    expect(plain(restrictionSentence(free, limited, "chômeurs", rule, 1, 1))).toContain("(1 commune candidate) : aucun site, 0 (0,0 % de la demande connue ; distance moyenne n.d.), soit 120 de moins à portée.");
  });

  it("says how to see a limited proposal when none is asked for, and when no candidate is a place of need", () => {
    const [free] = both("couverture");
    expect(restrictionSentence(free, null, "chômeurs", {minQuintile: 0, quartiers: false}, 0, 1)).toMatch(/Choisissez des communes de besoin/);
    const none = propose(demand, [], {objective: "couverture", k: 1, radiusKm: 1});
    expect(restrictionSentence(free, none, "chômeurs", rule, 0, 1)).toMatch(/Aucune commune candidate n'est parmi les communes du quintile 5 de l'indice régional : pas de proposition limitée\.$/);
  });
});
