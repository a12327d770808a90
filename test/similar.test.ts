import {describe, expect, it} from "vitest";
import {nearestUnits, similarityIndicators, similarTerritories} from "../src/model/similar.js";
import {indicator, needsData} from "./fixtures/needs-data.js";

// Five communes, two indicators. Percentile ranks (rank / 4), worked out by hand:
//   a: A 10 → 0, B 20 → 0.25, C 30 → 0.5, D 40 → 0.75, E 50 → 1
//   b: B 1 → 0, E 2 → 0.25, C 3 → 0.5, D 4 → 0.75, A 5 → 1
// From C (0.5, 0.5): D (0.25, 0.25) → √((0.0625 + 0.0625) / 2) = 0.25; B (−0.25, −0.5) and
// E (0.5, −0.25) → √(0.3125 / 2) = 0.3953 (a tie, broken by name); A (−0.5, 0.5) → 0.5.
const a = indicator("a", {short: "Indicateur a"});
const b = indicator("b", {short: "Indicateur b", unit: "€ par an", direction: "besoin_si_faible", decimals: -1});
const communes = [
  {code: "77001", nom: "A", population: 100, v: {a: 10, b: 5}},
  {code: "77002", nom: "B", population: 5000, v: {a: 20, b: 1}},
  {code: "77003", nom: "C", population: 4000, v: {a: 30, b: 3}},
  {code: "77004", nom: "D", population: 50, v: {a: 40, b: 4}},
  {code: "77005", nom: "E", population: 3000, v: {a: 50, b: 2}}
];
const data = needsData([a, b], {commune: communes});

describe("territoires semblables", () => {
  it("ranks the communes of the level by the root mean square of their percentile differences", () => {
    const result = similarTerritories(data, "commune", "77003", {k: 4})!;
    expect(result.peers.map((p) => p.nom)).toEqual(["D", "B", "E", "A"]);
    expect(result.peers.map((p) => p.distance)).toEqual([0.25, Math.sqrt(0.15625), Math.sqrt(0.15625), 0.5].map((d) => expect.closeTo(d, 12)));
    expect(result.features.map((f) => f.id)).toEqual(["a", "b"]);
    expect(result.peers.map((p) => p.code)).not.toContain("77003");
  });

  it("keeps the k nearest only", () => {
    expect(similarTerritories(data, "commune", "77003", {k: 2})!.peers.map((p) => p.nom)).toEqual(["D", "B"]);
  });

  it("says on which indicators a peer is far, with both published values", () => {
    const A = similarTerritories(data, "commune", "77003")!.peers.find((p) => p.nom === "A")!;
    expect(A.apart).toEqual([
      {id: "a", label: "Indicateur a", difference: -0.5, target: 30, peer: 10},
      {id: "b", label: "Indicateur b", difference: 0.5, target: 3, peer: 5}
    ]);
    expect(A.close).toEqual([]);
  });

  it("with the population as a further feature, prefers peers of a similar size", () => {
    // population percentiles: D 50 → 0, A 100 → 0.25, E 3000 → 0.5, C 4000 → 0.75, B 5000 → 1.
    // From C: B (−0.25, −0.5, 0.25) and E (0.5, −0.25, −0.25) → √(0.375 / 3) = 0.3536; D (0.25, 0.25, −0.75) → √(0.6875 / 3) = 0.4787; A → 0.5
    const result = similarTerritories(data, "commune", "77003", {size: true})!;
    expect(result.peers.map((p) => p.nom)).toEqual(["B", "E", "D", "A"]);
    expect(result.peers[2].distance).toBeCloseTo(Math.sqrt(0.6875 / 3), 12);
    expect(result.features.map((f) => f.id)).toEqual(["a", "b", "population"]);
  });

  it("compares a territory lacking an indicator on the others, and sets aside the candidates lacking one it has", () => {
    const gappy = needsData([a, b], {
      commune: [...communes.slice(0, 2), {code: "77003", nom: "C", v: {a: 30, b: "fusion"}}, {code: "77004", nom: "D", v: {a: 40, b: 4}}, {code: "77005", nom: "E", v: {a: "s", b: 2}}]
    });
    const result = similarTerritories(gappy, "commune", "77003", {minPublished: 0.75})!;
    expect(result.missing).toEqual(["Indicateur b"]);
    expect(result.features.map((f) => f.id)).toEqual(["a"]);
    expect(result.setAside).toBe(1); // E: no value for a
    // a among the four published: A 0, B 1/3, C 2/3, D 1 → D and B both 1/3 away (by name: B, D), A 2/3
    expect(result.peers.map((p) => p.nom)).toEqual(["B", "D", "A"]);
  });

  it("leaves out counts and indicators published for fewer than 95 % of the level's territories", () => {
    const count = indicator("poches", {aggregation: "somme"});
    const rare = indicator("rare");
    const units = Array.from({length: 20}, (_, i) => ({code: String(77001 + i), nom: `C${i}`, v: {a: i, poches: i, rare: i === 0 ? "s" : i}}));
    expect(similarityIndicators(needsData([a, count, rare], {commune: units}), "commune").map((d) => d.id)).toEqual(["a", "rare"]); // 19 of 20 = 95 %
    units[1].v.rare = "s";
    expect(similarityIndicators(needsData([a, count, rare], {commune: units}), "commune").map((d) => d.id)).toEqual(["a"]);
  });

  it("answers null for a code that is not at the level", () => {
    expect(similarTerritories(data, "commune", "constructor")).toBeNull();
    expect(similarTerritories(data, "ept", "77003")).toBeNull();
  });
});

describe("the nearest units", () => {
  it("skips the target and the units with a missing value, and counts the latter", () => {
    const f1 = Float64Array.from([0, 0.1, NaN, 0.9]);
    const f2 = Float64Array.from([0, 0.2, 0.5, 0.9]);
    const {neighbours, setAside} = nearestUnits([f1, f2], 0, 5);
    expect(neighbours.map((n) => n.index)).toEqual([1, 3]);
    expect(neighbours[0].distance).toBeCloseTo(Math.sqrt((0.01 + 0.04) / 2), 12);
    expect(setAside).toBe(1);
  });
});
