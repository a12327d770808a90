// What the Implantation page says about a proposal of each objective, on the five communes of
// test/placement-page.test.ts (a line, 10 km apart; 93005 under statistical secrecy).
import {describe, expect, it} from "vitest";
import {propose} from "../src/model/placement-proposal.js";
import {placementInputs, PRESETS, type Place, type Scenario} from "../src/model/placement-scenarios.js";
import {comparisonTable, proposalRows, proposalSummary, scenarioTitle} from "../src/model/proposal-view.js";

const place = (code: string, x: number, personnesPauvres: number | null, bassin = "B1"): Place => ({
  code, nom: `Commune ${code}`, niveau: "commune", departement: code.slice(0, 2), couronne: "petite_couronne", bassin, population: 1000, lon: 2.5, lat: 48.7, x, y: 0, personnesPauvres, statut: null
});
const places = [place("93001", 0, 100), place("93002", 10, 40), place("93003", 20, 10, "B2"), place("93004", 30, 5, "B2"), place("93005", 40, null, "B2")];
const data = {places, bassins: [{code: "B1", libelle: "Bassin un"}, {code: "B2", libelle: "Bassin deux"}]};
const name = (code: string) => `Commune ${code}`;
// The demand of these places is the persons in poverty (placementInputs' own): the scenario says so.
const scenario = (over: Partial<Scenario>): Scenario => ({...PRESETS.couveuses, preset: "couveuses", radiusKm: 1, existingTypes: ["couveuse"], demande: "pauvres", ...over});
// One recorded couveuse in 93002.
const structures = [{id: "s", nom: "Couveuse", type: "couveuse", code_commune: "93002", latitude: null, longitude: null, localisable: true, source: "test"}];
const text = (runs: {text: string}[]) => runs.map((r) => r.text).join("").replace(/[\u202f\u00a0]/g, " ");
const run = (s: Scenario) => {
  const inputs = placementInputs(places, structures, s);
  const proposal = propose(inputs.demand, inputs.candidates, {objective: s.objective, k: s.k, radiusKm: s.radiusKm, existing: inputs.existing, minWeight: s.minWeight});
  return {inputs, proposal};
};

describe("the summary of each objective", () => {
  it("p-median: one site goes to 93001, the mean distance of the poor falls from 6,3 to 0,3 km", () => {
    // Demand 100, 40, 10, 5 at x = 0, 10, 20, 30 (155 in all); the couveuse at 10.
    // Before: (100·10 + 0 + 10·10 + 5·20) / 155 = 1 200 / 155 ≈ 7,7 km. One site: at 93001 the cost
    // is 0 + 0 + 100 + 100 = 200 → 1,3 km (at 93003: 1 000 + 0 + 0 + 50 = 1 050) → 93001.
    const s = scenario({objective: "p_median", k: 1});
    const {inputs, proposal} = run(s);
    expect(proposal.picks.map((p) => p.code)).toEqual(["93001"]);
    const summary = text(proposalSummary(proposal, inputs, s, 2, name));
    expect(summary).toMatch(/^Le site proposé rapproche au mieux la demande connue \(155 personnes sous le seuil de pauvreté\) de la structure la plus proche/);
    expect(summary).toContain("7,7 km → 1,3 km");
    expect(summary).toContain("C'est la meilleure solution possible (vérifiée par recherche exhaustive).");
    expect(summary).toContain("Calcul : 2 ms.");
  });

  it("ensemble couvrant: places of at least 10 poor within 1 km need 93001 and 93003 (93002 has its couveuse)", () => {
    const s = scenario({objective: "ensemble_couvrant", minWeight: 10});
    const {inputs, proposal} = run(s);
    expect(proposal.picks.map((p) => p.code).sort()).toEqual(["93001", "93003"]);
    const summary = text(proposalSummary(proposal, inputs, s, 2, name));
    expect(summary).toMatch(/^Il faut 2 sites pour que chaque lieu comptant au moins 10 personnes sous le seuil de pauvreté soit à moins de 1 km d'une structure\./);
    expect(summary).toContain("3 lieux comptent au moins 10 personnes sous le seuil de pauvreté (communes, Paris par arrondissement), dont 1 déjà à moins de 1 km d'une structure recensée.");
    expect(summary).toContain("C'est le plus petit nombre possible");
  });

  it("ensemble couvrant with no candidate: says which places no site can reach, never « 0 site »", () => {
    const s = scenario({objective: "ensemble_couvrant", minWeight: 10, couronnes: []});
    const {inputs, proposal} = run(s);
    const summary = text(proposalSummary(proposal, inputs, s, 2, name));
    expect(summary).toMatch(/^Aucun site n'est nécessaire/);
    expect(summary).toContain("2 lieux ne peuvent être couverts par aucune commune candidate à moins de 1 km : Commune 93001, Commune 93003.");
    expect(summary).not.toMatch(/\b0 site/);
  });

  it("couverture keeps the maximal-covering sentence and adds the distances", () => {
    const s = scenario({objective: "couverture", k: 1});
    const {inputs, proposal} = run(s);
    const summary = text(proposalSummary(proposal, inputs, s, 2, name));
    expect(summary).toMatch(/^Le site proposé couvre 100 personnes sous le seuil de pauvreté à moins de 1 km/);
    expect(summary).toContain("Distance moyenne de la demande (personnes sous le seuil de pauvreté) à la structure la plus proche : 7,7 km → 1,3 km");
    expect(summary.match(/Calcul/g)).toHaveLength(1);
  });
});

describe("the shortlist and the comparison", () => {
  it("lists what each site brings in the objective's unit", () => {
    const s = scenario({objective: "ensemble_couvrant", minWeight: 10});
    const {inputs, proposal} = run(s);
    // 93001 and 93003 each newly cover one place above the threshold
    expect(proposalRows(proposal, inputs, data, null).map((r) => [r.rang, r.commune, r.bassin, r.apport, r.stabilite])).toEqual([
      [1, "Commune 93001", "Bassin un", 1, null],
      [2, "Commune 93003", "Bassin deux", 1, null]
    ]);
  });

  it("sets two scenarios side by side and names the places that change status", () => {
    const a = scenario({objective: "couverture", k: 1});
    const b = scenario({objective: "ensemble_couvrant", minWeight: 10});
    const {header, rows} = comparisonTable({scenario: a, proposal: run(a).proposal}, {scenario: b, proposal: run(b).proposal}, name);
    expect(header).toEqual(["Mesure", `Scénario gardé (${scenarioTitle(a)})`, `Scénario courant (${scenarioTitle(b)})`]);
    expect(scenarioTitle(b)).toBe("ensemble couvrant, couveuses, personnes pauvres, seuil 10, R = 1 km");
    const row = (label: string) => rows.find((r) => r[0] === label)!;
    expect(row("Demande couverte")).toEqual(["Demande couverte", "Personnes sous le seuil de pauvreté", "Personnes sous le seuil de pauvreté"]);
    expect(row("Sites proposés")).toEqual(["Sites proposés", "1 — 1. Commune 93001", "2 — 1. Commune 93001, 2. Commune 93003"]);
    // a covers 93001 (site) and 93002 (couveuse); b also 93003
    expect(row("Lieux qui changent de statut")).toEqual(["Lieux qui changent de statut", "Couverts seulement dans le scénario gardé : aucun", "Couverts seulement dans le scénario courant : 1 lieu : Commune 93003"]);
    expect(row("Demande à moins de R")[1].replace(/[\u202f\u00a0]/g, " ")).toBe("140 personnes sous le seuil de pauvreté (90,3 % ; 25,8 % sans les sites proposés)");
    expect(row("Sites limités aux communes de besoin")[1]).toBe("pas de proposition limitée (toutes les communes candidates)");
  });

  it("names the places that change status with the most poor first, and cuts a long list saying how many are left", () => {
    const a = scenario({objective: "couverture", k: 1});
    const b = scenario({objective: "ensemble_couvrant", minWeight: 5, radiusKm: 1});
    // b covers 93001, 93002 (couveuse), 93003 and 93004: 93003 (10 poor) and 93004 (5) are new
    const weight = (code: string) => places.find((p) => p.code === code)?.personnesPauvres ?? 0;
    const {rows} = comparisonTable({scenario: a, proposal: run(a).proposal}, {scenario: b, proposal: run(b).proposal}, name, {weight, shown: 1});
    expect(rows[rows.length - 1][2]).toBe("Couverts seulement dans le scénario courant : 2 lieux : Commune 93003 et 1 autre");
  });

  it("carries each scenario's demand and its proposal limited to the places of need", () => {
    // kept: the poor, sites limited to 93003 (one candidate); current: the unemployed, no restriction
    const a = scenario({objective: "couverture", k: 1, candidats: {minQuintile: 5, quartiers: false}});
    const b = scenario({objective: "couverture", k: 1, demande: "chomeurs", candidats: {minQuintile: 0, quartiers: false}});
    const {inputs} = run(a);
    const limited = propose(inputs.demand, inputs.candidates.filter((c) => c.code === "93003"), {objective: "couverture", k: 1, radiusKm: 1, existing: inputs.existing});
    const {header, rows} = comparisonTable({scenario: a, proposal: run(a).proposal, limited: {proposal: limited, candidates: 1}}, {scenario: b, proposal: run(b).proposal, limited: null}, name);
    expect(header[2]).toBe("Scénario courant (couverture maximale, couveuses, chômeurs, k = 1, R = 1 km)");
    expect(rows.find((r) => r[0] === "Demande couverte")!.slice(1)).toEqual(["Personnes sous le seuil de pauvreté", "Chômeurs de 15 à 64 ans"]);
    // limited to 93003: 10 poor there, plus 40 at the couveuse of 93002 = 50 of 155 within R
    expect(rows.find((r) => r[0] === "Sites limités aux communes de besoin")![1].replace(/[\u202f\u00a0]/g, " ")).toBe(
      "communes du quintile 5 de l'indice régional (1 commune candidate) : 1 site, 50 à moins de R (32,3 %)"
    );
  });
});
