// The region-wide need measure and its minimum-coverage rule, on six hand-made communes whose
// scores are worked out by hand; the rank agreement between two measures; rank statistics.
import {describe, expect, it} from "vitest";
import {averageRanks, spearman} from "../src/lib/ranks.js";
import type {NeedsData} from "../src/model/needs-model.js";
import {candidateChecks, explainMeasure, measureCoverage, measureProblem, needLookups, needsIndices, pageMeasures, rankAgreement, regionalIndicatorIds} from "../src/model/needs-regional.js";
import {normalizeAll} from "../src/model/needs-index.js";
import {inputFor} from "../src/model/needs-regional.js";

// Six communes A–F. Medians (less = more need) for A–D; unemployment for all; tenant share for
// A, C, D, E; the poverty rate only for A (secret elsewhere).
const values: Record<string, (number | null)[]> = {
  niveau_vie_median: [10, 20, 30, 40, null, null],
  taux_chomage_rp: [40, 30, 20, 10, 25, 15],
  part_locataires: [80, null, 40, 20, 60, null],
  taux_pauvrete: [30, null, null, null, null, null]
};
const indicator = (id: string, theme: string, direction: "besoin_si_eleve" | "besoin_si_faible") =>
  ({id, label: id, short: id, unit: "%", direction, theme, weight: 1, source: "test", vintage: "test", definition: "", aggregation: "ratio", recombinable: true});
const data = {
  themes: [{id: "revenus", label: "Revenus", weight: 0.5}, {id: "emploi", label: "Emploi", weight: 0.25}, {id: "logement", label: "Logement", weight: 0.25}],
  indicators: [
    indicator("niveau_vie_median", "revenus", "besoin_si_faible"),
    indicator("taux_pauvrete", "revenus", "besoin_si_eleve"),
    indicator("taux_chomage_rp", "emploi", "besoin_si_eleve"),
    indicator("part_locataires", "logement", "besoin_si_eleve")
  ],
  indices: {
    // 60 %: the median and the tenant share (4 of 6 communes) qualify, the poverty rate (1 of 6) does not
    regional: {label: "Indice régional", description: "", couverture_min_communes: 0.6, part_poids_min: 0.5, tous_les_themes: false},
    detaille: {label: "Indice détaillé", description: "", part_poids_min: 0.5, tous_les_themes: true}
  },
  rejetes: [],
  niveaux: {
    commune: {
      codes: ["A", "B", "C", "D", "E", "F"],
      noms: ["A", "B", "C", "D", "E", "F"],
      population: [100, 200, 300, 400, 500, 500],
      couronne: ["paris", "petite_couronne", "petite_couronne", "grande_couronne", "grande_couronne", "grande_couronne"],
      valeurs: values,
      statuts: Object.fromEntries(Object.entries(values).map(([id, v]) => [id, v.map((x) => (x === null ? "s" : null))])),
      methodes: {},
      couverture: {}
    }
  },
  chomageZe: {},
  sources: {}
} as unknown as NeedsData;
// Intl's narrow or plain no-break spaces (ICU versions differ) read as spaces.
const plain = (t: string) => t.replace(/[\u202f\u00a0]/g, " ");
const weights = {themes: {revenus: 0.5, emploi: 0.25, logement: 0.25}, indicators: {niveau_vie_median: 1, taux_pauvrete: 1, taux_chomage_rp: 1, part_locataires: 1}};

// Percentile ranks (1 = most need): median A 1, B 2/3, C 1/3, D 0; unemployment (6 values)
// D 0, F 0.2, C 0.4, E 0.6, B 0.8, A 1; tenants D 0, C 1/3, E 2/3, A 1; poverty A 0.5 (alone).
describe("the region-wide index and its minimum-coverage rule", () => {
  const {regional, detaille} = needsIndices(data, "commune", weights);
  const r = regional.result;

  it("is built on the indicators published for at least 60 % of the communes: not the poverty rate", () => {
    expect([...regionalIndicatorIds(data)].sort()).toEqual(["niveau_vie_median", "part_locataires", "taux_chomage_rp"]);
    expect(regional.input.indicators.map((i) => i.id)).not.toContain("taux_pauvrete");
  });

  it("gives a commune with all 3 indicators the weighted mean: C = 0.5 × 1/3 + 0.25 × 0.4 + 0.25 × 1/3 = 0.35", () => {
    expect(r.score[2]).toBeCloseTo(0.35, 12);
    expect([r.present[2], r.available[2]]).toEqual([3, 1]);
  });

  it("gives a commune with 2 of 3 indicators carrying 75 % of the weight their weighted mean: B = (0.5 × 2/3 + 0.25 × 0.8) / 0.75 = 32/45", () => {
    expect(r.score[1]).toBeCloseTo(32 / 45, 12);
    expect([r.present[1], r.available[1]]).toEqual([2, 0.75]);
  });

  it("keeps a commune whose 2 indicators carry exactly half the weight: E = (0.25 × 0.6 + 0.25 × 2/3) / 0.5 = 19/30", () => {
    expect(r.score[4]).toBeCloseTo(19 / 30, 12);
    expect([r.present[4], r.available[4]]).toEqual([2, 0.5]);
  });

  it("gives no value to a commune with 1 of 3 indicators carrying a quarter of the weight (F), and says what it had", () => {
    expect(Number.isNaN(r.score[5])).toBe(true);
    expect([r.present[5], r.available[5], r.effective]).toEqual([1, 0.25, 3]);
    expect(r.quintile[5]).toBe(0);
  });

  it("the detailed index requires every theme: B (no tenant share) and E (no income) get none, A includes its poverty rate", () => {
    const d = detaille.result;
    expect([1, 4, 5].map((i) => Number.isNaN(d.score[i]))).toEqual([true, true, true]);
    // A: revenus = (1 + 0.5) / 2 = 0.75 → 0.5 × 0.75 + 0.25 × 1 + 0.25 × 1 = 0.875
    expect(d.score[0]).toBeCloseTo(0.875, 12);
    expect(d.present[0]).toBe(4);
  });

  it("gives the same scores from precomputed normalised values (the page's fast path)", () => {
    const normalized = normalizeAll(inputFor(data, "commune", "detaille"));
    expect(Array.from(needsIndices(data, "commune", weights, normalized).regional.result.score)).toEqual(Array.from(r.score));
  });

  it("gives the Implantation page each commune's score and quintile; a commune without a score has no quintile", () => {
    const {score, quintile} = needLookups(data, weights);
    expect(score.get("C")).toBeCloseTo(0.35, 12);
    // 5 scored: A 1, B 32/45, E 19/30, C 0.35, D 0 → one per quintile
    expect(Object.fromEntries(quintile)).toEqual({A: 5, B: 4, C: 2, D: 1, E: 3});
  });

  it("reports coverage: 5 of 6 communes, 2 of 3 in the grande couronne, 1,500 of 2,000 inhabitants, and how many indicators stand behind the values", () => {
    expect(measureCoverage(data, r)).toEqual({
      communes: 5, total: 6, grandeCouronne: 2, grandeCouronneTotal: 3, population: 0.75,
      byPresent: [{present: 3, communes: 3}, {present: 2, communes: 2}]
    });
  });
});

describe("what each value stands on, and why a commune is grey", () => {
  const {regional, detaille} = needsIndices(data, "commune", weights);
  const er = explainMeasure(data, "regional", regional, weights);
  const ed = explainMeasure(data, "detaille", detaille, weights);

  it("names the count, the weight share and the indicators a value lacks", () => {
    expect(plain(er.coverageOf(regional.result, 2))).toBe("3 indicateurs sur 3, 100,0 % du poids");
    expect(plain(er.coverageOf(regional.result, 4))).toBe("2 indicateurs sur 3, 50,0 % du poids ; manque : niveau_vie_median");
  });

  it("says why the region-wide index greys F: its only indicator carries a quarter of the weight", () => {
    expect(plain(er.reasonOf(regional.result, 5)!)).toBe("1 indicateur sur 3 publié, 25,0 % du poids (il en faut la moitié)");
    expect(er.reasonOf(regional.result, 4)).toBeNull();
    expect(er.legendLabel(regional.result)).toBe("Indice non calculé : indicateurs publiés portant moins de la moitié du poids (1 territoire)");
  });

  it("says which theme greys a commune in the detailed index, and counts each reason in the legend", () => {
    expect(ed.reasonOf(detaille.result, 1)).toBe("aucun indicateur publié pour le thème « Logement »");
    expect(ed.legendLabel(detaille.result)).toBe(
      "Indice non calculé : indicateurs publiés portant moins de la moitié du poids (1 territoire) ; thème « Logement » sous secret statistique ou non publié (1 territoire) ; thème « Revenus » sous secret statistique ou non publié (1 territoire)"
    );
  });

  it("the page's recompute gives the shown measure and the other one: the detailed index when asked for", () => {
    const m = pageMeasures(data, "commune", "indice_detaille", weights);
    expect([m.kind, m.shown.result.score[0], m.other.result.score[0]]).toEqual(["detaille", 0.875, 1]);
    expect(pageMeasures(data, "commune", "indice", weights).kind).toBe("regional");
  });
});

describe("weights that leave a measure undefined are explained, not drawn grey", () => {
  it("all theme weights at 0", () => {
    const w = {...weights, themes: {revenus: 0, emploi: 0, logement: 0}};
    expect(measureProblem(data, "commune", w, "regional")).toMatch(/^Tous les poids des thèmes sont nuls : l'indice régional n'est pas défini/);
  });

  it("only the poverty rate weighted: the region-wide index has nothing to stand on, the detailed one does", () => {
    const w = {themes: weights.themes, indicators: {niveau_vie_median: 0, taux_pauvrete: 1, taux_chomage_rp: 0, part_locataires: 0}};
    expect(measureProblem(data, "commune", w, "regional")).toMatch(/publié pour au moins 60 % des communes.*\(niveau_vie_median, taux_chomage_rp, part_locataires\)/);
    expect(measureProblem(data, "commune", w, "detaille")).toBeNull();
  });

  it("the default weights define both measures", () => {
    expect(measureProblem(data, "commune", weights, "regional")).toBeNull();
  });
});

describe("rank agreement between two measures", () => {
  it("on the units both measure: Spearman 1 − 6 × 4 / (5 × 24) = 0.8, 4 of 5 change quintile, none by two", () => {
    const a = Float64Array.from([0.9, 0.8, 0.7, 0.6, 0.5, NaN]);
    const b = Float64Array.from([0.8, 0.9, 0.7, 0.5, 0.6, 0.1]);
    // quintiles (5 units, one each): a 5 4 3 2 1; b 4 5 3 1 2
    expect(rankAgreement(a, b)).toEqual({n: 5, spearman: expect.closeTo(0.8, 12), changedQuintile: 0.8, changedTwoOrMore: 0});
  });
});

describe("rank statistics", () => {
  it("average ranks share ties: 1, 2.5, 2.5, 4", () => {
    expect(Array.from(averageRanks([1, 2, 2, 3]))).toEqual([1, 2.5, 2.5, 4]);
  });

  it("Spearman with a tie is the Pearson correlation of average ranks: 4.5 / √(4.5 × 5) = 3/√10", () => {
    expect(spearman([1, 2, 2, 3], [1, 3, 2, 4]).rho).toBeCloseTo(3 / Math.sqrt(10), 12);
    expect(spearman([1, NaN, 3], [2, 5, 1])).toEqual({n: 2, rho: -1});
  });

  it("a candidate whose ranking follows the reference in its own direction gets ρ > 0", () => {
    const checks = candidateChecks([10, 20, 30, null], [
      {id: "median", label: "m", direction: "besoin_si_faible", retenu: true, values: [3, 2, 1, 5]},
      {id: "vacance", label: "v", direction: "besoin_si_eleve", retenu: false, values: [3, 2, 1, 5]}
    ]);
    expect(checks.map((c) => [c.id, c.n, c.rho])).toEqual([["median", 3, 1], ["vacance", 3, -1]]);
  });
});
