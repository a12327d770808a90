import {describe, expect, it} from "vitest";
import {computeIndex} from "../src/model/needs-index.js";
import {classOfBreaks, decodeState, encodeState, mapClasses, percentileAgainst, quintileBreaks} from "../src/model/needs-model.js";

const dictionary = {
  themes: [{id: "revenus", label: "Revenus", weight: 0.5}, {id: "emploi", label: "Emploi", weight: 0.5}],
  indicators: [{id: "taux_pauvrete", weight: 1}, {id: "taux_chomage_rp", weight: 1}]
} as never;
const defaults = {themes: {revenus: 0.5, emploi: 0.5}, indicators: {taux_pauvrete: 1, taux_chomage_rp: 1}};

describe("placing Paris arrondissements among the communes", () => {
  // reference (communes) sorted: 10, 20, 20, 30, 40 → n = 5, positions 0, 0.25 (mid-rank of 1 and 2 = 1.5 → 0.375), 0.75, 1
  const reference = Float64Array.from([20, 10, 40, 30, 20]);

  it("gives a value equal to a commune that commune's mid-rank", () => {
    expect(Array.from(percentileAgainst(Float64Array.from([20, 40, 10]), reference, "besoin_si_eleve"))).toEqual([0.375, 1, 0]);
  });

  it("places a value between two communes halfway between their ranks, and reverses for 'besoin si faible'", () => {
    // 25: below = 3 → (3 - 0.5) / 4 = 0.625
    expect(percentileAgainst(Float64Array.from([25]), reference, "besoin_si_eleve")[0]).toBe(0.625);
    expect(percentileAgainst(Float64Array.from([25]), reference, "besoin_si_faible")[0]).toBe(0.375);
  });

  it("keeps a secret value secret and clamps values beyond the communes' range", () => {
    const result = percentileAgainst(Float64Array.from([NaN, 5, 99]), reference, "besoin_si_eleve");
    expect(Number.isNaN(result[0])).toBe(true);
    expect([result[1], result[2]]).toEqual([0, 1]);
  });
});

describe("map classes", () => {
  it("cuts equal intervals between the minimum and the maximum", () => {
    const c = mapClasses([0, 10, 20, 50, null], "intervalles", "%");
    expect(c.breaks).toEqual([10, 20, 30, 40]);
    expect([0, 10, 20, 50, null].map((v) => c.classOf(v))).toEqual([0, 1, 2, 4, null]);
  });

  it("colours each commune in the quintile the index gave it", () => {
    const scores = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.05];
    const input = {codes: scores.map((_, i) => String(i)), indicators: [{id: "x", theme: "t", direction: "besoin_si_eleve" as const}], values: {x: Float64Array.from(scores)}};
    const result = computeIndex(input, {themes: {t: 1}, indicators: {x: 1}});
    const breaks = quintileBreaks(result);
    result.score.forEach((s, i) => expect(classOfBreaks(breaks, s)! + 1, `unit ${i}`).toBe(result.quintile[i]));
  });
});

describe("the permalink", () => {
  it("writes only what differs from the defaults and reads it back", () => {
    const state = {niveau: "bassin", indicateur: "taux_pauvrete", classes: "intervalles" as const, weights: {themes: {revenus: 0.5, emploi: 0.25}, indicators: {taux_pauvrete: 1, taux_chomage_rp: 0.3}}, selection: "93066"};
    const query = encodeState(state, defaults);
    expect(query).toBe("niveau=bassin&indicateur=taux_pauvrete&classes=intervalles&poids=emploi%3A0.25%2Ctaux_chomage_rp%3A0.3&selection=93066");
    expect(decodeState(query, dictionary, defaults)).toEqual(state);
  });

  it("gives the default view for an empty query", () => {
    expect(encodeState(decodeState("", dictionary, defaults), defaults)).toBe("");
  });

  it("ignores what is not a known level, map or weight", () => {
    const state = decodeState("niveau=planete&indicateur=<script>&poids=emploi:7,inconnu:0.2,revenus:abc&selection=%3Cimg%3E", dictionary, defaults);
    expect(state).toEqual({niveau: "commune", indicateur: "indice", classes: "quantiles", weights: defaults, selection: null});
  });
});
