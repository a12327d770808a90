import {resolveObjectURL} from "node:buffer";
import {afterEach, describe, expect, it, vi} from "vitest";
import {computeIndex, normalizeAll, percentileRanks, quintileOfRank, stability} from "../src/model/needs-index.js";
import type {IndexInput, Weights} from "../src/model/needs-index.js";
import {runStability, runStabilityInWorker, stabilityWorkerSource, terminateStabilityWorker} from "../src/components/stability-worker.js";

const f64 = (values: number[]) => Float64Array.from(values);
const list = (a: ArrayLike<number>) => Array.from(a);

// Five communes A–E, two themes, three indicators. NaN = secret or missing.
//
//              pauvrete (revenus, ↑ = need)   revenu (revenus, ↓ = need)   chomage (emploi, ↑ = need)
//   A                 10                            30 000                        5
//   B                 20                            25 000                       10
//   C                 20                            20 000                      NaN
//   D                 40                            15 000                       15
//   E                NaN                            10 000                       20
//
// Percentile ranks (mid-rank / (n - 1)):
//   pauvrete, n = 4, sorted 10 20 20 40 → ranks 0, 1.5, 1.5, 3 → A 0, B 0.5, C 0.5, D 1, E NaN
//   revenu, n = 5, ascending E D C B A → 0, .25, .5, .75, 1, flipped → A 0, B .25, C .5, D .75, E 1
//   chomage, n = 4 → A 0, B 1/3, D 2/3, E 1, C NaN
// Weights: indicators 1, 1, 1; themes revenus 2, emploi 1.
//   revenus = mean of available: A 0, B (0.5 + 0.25)/2 = 0.375, C 0.5, D (1 + 0.75)/2 = 0.875, E 1 (revenu only)
//   emploi: A 0, B 1/3, C NaN, D 2/3, E 1
//   composite = (2 revenus + emploi)/3: A 0, B (0.75 + 1/3)/3 = 13/36, C NaN (emploi lost its only
//   indicator), D (1.75 + 2/3)/3 = 29/36, E (2 + 1)/3 = 1
//   effective weights: pauvrete 2×1/2 = 1, revenu 1, chomage 1 (total 3)
//   available: A, B, D 3/3 = 1; C 2/3 (no chomage); E 2/3 (no pauvrete)
//   ranks: E 1, D 2, B 3, A 4, C 0; with N = 4 scored, quintile = 5 - floor(5(r-1)/4): 5, 4, 3, 2
const five: IndexInput = {
  codes: ["A", "B", "C", "D", "E"],
  indicators: [
    {id: "pauvrete", theme: "revenus", direction: "besoin_si_eleve"},
    {id: "revenu", theme: "revenus", direction: "besoin_si_faible"},
    {id: "chomage", theme: "emploi", direction: "besoin_si_eleve"}
  ],
  values: {
    pauvrete: f64([10, 20, 20, 40, NaN]),
    revenu: f64([30000, 25000, 20000, 15000, 10000]),
    chomage: f64([5, 10, NaN, 15, 20])
  }
};
const fiveWeights: Weights = {themes: {revenus: 2, emploi: 1}, indicators: {pauvrete: 1, revenu: 1, chomage: 1}};

describe("percentile ranks", () => {
  it("give tied values their average rank, divided by n - 1", () => {
    expect(list(percentileRanks(f64([10, 20, 20, 40]), "besoin_si_eleve"))).toEqual([0, 0.5, 0.5, 1]);
    // 3, 1, 3, 3, 2 → sorted 1 2 3 3 3, the 3s share ranks 2, 3, 4 → 3; /4 → 0.75
    expect(list(percentileRanks(f64([3, 1, 3, 3, 2]), "besoin_si_eleve"))).toEqual([0.75, 0, 0.75, 0.75, 0.25]);
  });

  it("are flipped when a low value means more need", () => {
    expect(list(percentileRanks(f64([30000, 25000, 20000, 15000, 10000]), "besoin_si_faible"))).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });

  it("leave a missing value missing and rank among the others only", () => {
    const ranks = percentileRanks(f64([NaN, 5, NaN, 1]), "besoin_si_eleve");
    expect(Number.isNaN(ranks[0])).toBe(true);
    expect(Number.isNaN(ranks[2])).toBe(true);
    expect([ranks[1], ranks[3]]).toEqual([1, 0]);
  });

  it("put a single value, or all-equal values, in the middle", () => {
    expect(list(percentileRanks(f64([NaN, 7]), "besoin_si_faible")).slice(1)).toEqual([0.5]);
    expect(list(percentileRanks(f64([4, 4, 4]), "besoin_si_eleve"))).toEqual([0.5, 0.5, 0.5]);
    expect(percentileRanks(f64([NaN, NaN]), "besoin_si_eleve").every(Number.isNaN)).toBe(true);
  });

  it("are computed for every indicator by normalizeAll", () => {
    const norm = normalizeAll(five);
    expect(list(norm.revenu)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(list(norm.chomage)).toEqual([0, 1 / 3, NaN, 2 / 3, 1]);
  });
});

describe("the composite index", () => {
  const result = computeIndex(five, fiveWeights);

  it("averages the available indicators of each theme, renormalising their weights", () => {
    expect(list(result.themeScores.revenus)).toEqual([0, 0.375, 0.5, 0.875, 1]);
    expect(list(result.themeScores.emploi)).toEqual([0, 1 / 3, NaN, 2 / 3, 1]);
  });

  it("is the weighted mean of the theme scores", () => {
    const expected = [0, 13 / 36, NaN, 29 / 36, 1];
    list(result.score).forEach((s, i) => (Number.isNaN(expected[i]) ? expect(s).toBeNaN() : expect(s).toBeCloseTo(expected[i], 12)));
  });

  it("never turns a secret value into a number, and gives no score when a theme lost all its indicators", () => {
    expect(result.themeScores.emploi[2]).toBeNaN();
    expect(result.score[2]).toBeNaN();
    expect(result.rank[2]).toBe(0);
    expect(result.quintile[2]).toBe(0);
    // a unit with nothing at all
    const blank = computeIndex({...five, values: {pauvrete: f64([1, NaN]), revenu: f64([1, NaN]), chomage: f64([1, NaN])}, codes: ["X", "Y"]}, fiveWeights);
    expect(blank.score[1]).toBeNaN();
    expect(blank.available[1]).toBe(0);
    expect(blank.themeScores.revenus[1]).toBeNaN();
  });

  it("reports the share of the effective weight that had data", () => {
    const a = list(result.available);
    [1, 1, 2 / 3, 1, 2 / 3].forEach((x, i) => expect(a[i]).toBeCloseTo(x, 12));
  });

  it("drops units below minAvailable, the threshold itself included", () => {
    expect(computeIndex(five, fiveWeights, {minAvailable: 0.7}).score[4]).toBeNaN(); // E has 2/3
    expect(computeIndex(five, fiveWeights, {minAvailable: 2 / 3}).score[4]).toBe(1);
    expect(computeIndex(five, fiveWeights, {minAvailable: 0}).score[4]).toBe(1);
  });

  it("ranks from the most in need, and takes quintiles by rank position", () => {
    expect(list(result.rank)).toEqual([4, 3, 0, 2, 1]);
    expect(list(result.quintile)).toEqual([2, 3, 0, 4, 5]);
  });

  it("gives the same result with precomputed normalised values", () => {
    const again = computeIndex(five, fiveWeights, {normalized: normalizeAll(five)});
    expect(list(again.score)).toEqual(list(result.score));
  });

  it("excludes an indicator of weight zero from its theme and from the available share", () => {
    // revenus = revenu only: A 0, B .25, C .5, D .75, E 1; effective weights revenu 2, chomage 1
    // D = (2 × 0.75 + 2/3)/3 = 13/18; E now has all its weighted data: available 1
    const r = computeIndex(five, {...fiveWeights, indicators: {...fiveWeights.indicators, pauvrete: 0}});
    expect(list(r.themeScores.revenus)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(r.score[3]).toBeCloseTo(13 / 18, 12);
    expect(r.available[4]).toBe(1);
  });

  it("excludes a theme of weight zero, so a unit that lost only that theme gets a score", () => {
    // emploi excluded: composite = revenus, C = 0.5 with all of its weighted data
    const r = computeIndex(five, {...fiveWeights, themes: {revenus: 2, emploi: 0}});
    expect(list(r.score)).toEqual([0, 0.375, 0.5, 0.875, 1]);
    expect(r.available[2]).toBe(1);
    // its theme score is still given, for display
    expect(list(r.themeScores.emploi)).toEqual([0, 1 / 3, NaN, 2 / 3, 1]);
  });

  it("treats a theme whose indicators all weigh zero as excluded", () => {
    const r = computeIndex(five, {...fiveWeights, indicators: {...fiveWeights.indicators, chomage: 0}});
    expect(list(r.score)).toEqual([0, 0.375, 0.5, 0.875, 1]);
    expect(r.themeScores.emploi.every(Number.isNaN)).toBe(true);
  });

  it("scores nothing when every weight is zero", () => {
    const r = computeIndex(five, {themes: {revenus: 0, emploi: 0}, indicators: fiveWeights.indicators});
    expect(r.score.every(Number.isNaN)).toBe(true);
    expect(list(r.rank)).toEqual([0, 0, 0, 0, 0]);
  });

  it("refuses a missing or negative weight rather than guessing", () => {
    expect(() => computeIndex(five, {themes: {revenus: 1}, indicators: fiveWeights.indicators})).toThrow(/emploi/);
    expect(() => computeIndex(five, {...fiveWeights, indicators: {...fiveWeights.indicators, revenu: -1}})).toThrow(/revenu/);
  });
});

describe("ranks and quintiles on ten units", () => {
  const single = (values: number[]): IndexInput => ({
    codes: values.map((_, i) => `U${i}`),
    indicators: [{id: "x", theme: "t", direction: "besoin_si_eleve"}],
    values: {x: f64(values)}
  });
  const weights: Weights = {themes: {t: 1}, indicators: {x: 1}};

  it("puts two units in each quintile when there are no ties", () => {
    const r = computeIndex(single([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]), weights);
    expect(list(r.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(list(r.quintile)).toEqual([5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
  });

  it("gives tied units the same, lowest, rank (1224) and so the same, upper, quintile", () => {
    // descending: 10 → 1; 9, 9 → 2, 2; 7 → 4; 6 → 5; 5, 5, 5 → 6, 6, 6; 2 → 9; 1 → 10
    // quintile = 5 - floor((r - 1)/2): 5, 5, 5, 4, 3, 3, 3, 3, 1, 1 — the tie at places 2–3 goes up to 5
    const r = computeIndex(single([10, 9, 9, 7, 6, 5, 5, 5, 2, 1]), weights);
    expect(list(r.rank)).toEqual([1, 2, 2, 4, 5, 6, 6, 6, 9, 10]);
    expect(list(r.quintile)).toEqual([5, 5, 5, 4, 3, 3, 3, 3, 1, 1]);
  });

  it("counts only scored units for the quintile boundaries", () => {
    // 12 units, 2 unscored: same quintiles as ten
    const r = computeIndex(single([10, NaN, 9, 8, 7, 6, 5, 4, 3, NaN, 2, 1]), weights);
    expect(list(r.quintile)).toEqual([5, 0, 5, 4, 4, 3, 3, 2, 2, 0, 1, 1]);
  });

  it("uses ceil(N/5) for the top quintile when N is not a multiple of five", () => {
    // N = 7: quintile 5 holds ranks 1–2, 4 rank 3, 3 ranks 4–5, 2 rank 6, 1 rank 7
    expect([1, 2, 3, 4, 5, 6, 7].map((r) => quintileOfRank(r, 7))).toEqual([5, 5, 4, 3, 3, 2, 1]);
    expect([1, 2, 3].map((r) => quintileOfRank(r, 3))).toEqual([5, 4, 2]);
  });
});

// Ten units, two themes of one indicator each, values 0–9 so that percentile rank = value/9.
// u0 (9, 9) is always first; u9 (0, 0) never in the top. Second place (top quintile = 2 units):
// u1 (8, 6) beats u3 (7, 7) iff w_a > w_b, u2 (6, 8) iff w_b > w_a — so u1 and u2 share it about
// half the time each, and u3 only at exact equality of the drawn weights (never in practice).
const tenInput: IndexInput = {
  codes: ["u0", "u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9"],
  indicators: [
    {id: "a", theme: "A", direction: "besoin_si_eleve"},
    {id: "b", theme: "B", direction: "besoin_si_eleve"}
  ],
  values: {a: f64([9, 8, 6, 7, 5, 4, 3, 2, 1, 0]), b: f64([9, 6, 8, 7, 5, 4, 3, 2, 1, 0])}
};
const tenWeights: Weights = {themes: {A: 1, B: 1}, indicators: {a: 1, b: 1}};

describe("rank stability by Monte Carlo over the weights", () => {
  it("is reproducible with the same seed and differs with another", () => {
    const one = stability(tenInput, tenWeights, {draws: 200, seed: 7});
    const same = stability(tenInput, tenWeights, {draws: 200, seed: 7});
    const other = stability(tenInput, tenWeights, {draws: 200, seed: 8});
    expect(list(same.topQuintileShare)).toEqual(list(one.topQuintileShare));
    expect(list(other.topQuintileShare)).not.toEqual(list(one.topQuintileShare));
  });

  it("gives 1 or 0 far from the quintile boundary and something in between near it", () => {
    const s = list(stability(tenInput, tenWeights, {draws: 1000, seed: 1}).topQuintileShare);
    expect(s[0]).toBe(1);
    expect(s.slice(3)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(s[1]).toBeGreaterThan(0.35);
    expect(s[1]).toBeLessThan(0.65);
    expect(s[1] + s[2]).toBeCloseTo(1, 12);
  });

  it("respects the number of draws", () => {
    const r = stability(tenInput, tenWeights, {draws: 37, seed: 3});
    expect(r.draws).toBe(37);
    for (const share of r.topQuintileShare) expect(Math.abs(share * 37 - Math.round(share * 37))).toBeLessThan(1e-9);
  });

  it("agrees with computeIndex's quintile 5 when the weights do not move", () => {
    const s = stability(five, fiveWeights, {draws: 5, spread: 0});
    const q = computeIndex(five, fiveWeights).quintile;
    expect(list(s.topQuintileShare)).toEqual(list(q).map((x) => (x === 0 ? NaN : x === 5 ? 1 : 0)));
  });

  it("is NaN for a unit never scored", () => {
    expect(stability(five, fiveWeights, {draws: 10}).topQuintileShare[2]).toBeNaN();
  });

  it("refuses a spread that could make a weight negative, and a non-integer number of draws", () => {
    expect(() => stability(five, fiveWeights, {spread: 1.5})).toThrow(/Amplitude/);
    expect(() => stability(five, fiveWeights, {draws: 0})).toThrow(/tirages/);
  });
});

// A stand-in for the browser's Worker: evaluates the Blob's source with a fake `self`, asynchronously.
class FakeWorker {
  onmessage: ((event: {data: unknown}) => void) | null = null;
  onerror: ((event: {message: string; preventDefault?: () => void}) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  terminated = false;
  private scope: Promise<{onmessage: ((event: {data: unknown}) => void) | null}>;
  constructor(url: string) {
    const blob = resolveObjectURL(url);
    if (!blob) throw new Error(`no blob at ${url}`);
    this.scope = blob.text().then((source) => {
      const self = {
        onmessage: null as ((event: {data: unknown}) => void) | null,
        postMessage: (data: unknown) => setTimeout(() => !this.terminated && this.onmessage?.({data}))
      };
      new Function("self", source)(self);
      return self;
    });
  }
  postMessage(data: unknown): void {
    void this.scope.then((self) => self.onmessage?.({data: structuredClone(data)}));
  }
  terminate(): void {
    this.terminated = true;
  }
}

describe("stability in a worker", () => {
  afterEach(() => {
    terminateStabilityWorker();
    vi.unstubAllGlobals();
  });

  it("builds a worker source that stands alone", () => {
    const source = stabilityWorkerSource();
    expect(() => new Function("self", source)).not.toThrow();
    expect(source).not.toMatch(/\bimport\b/);
  });

  it("falls back to a direct call where there is no Worker", async () => {
    const direct = stability(tenInput, tenWeights, {draws: 50});
    const r = await runStability(tenInput, tenWeights, {draws: 50});
    expect(list(r.topQuintileShare)).toEqual(list(direct.topQuintileShare));
    expect(r.draws).toBe(50);
    expect(r.ms).toBeGreaterThanOrEqual(0);
  });

  it("gives in a worker exactly what the direct call gives, for several requests in flight", async () => {
    vi.stubGlobal("Worker", FakeWorker);
    const direct = stability(tenInput, tenWeights, {draws: 300, seed: 5});
    const [a, b] = await Promise.all([
      runStability(tenInput, tenWeights, {draws: 300, seed: 5}),
      runStabilityInWorker(five, fiveWeights, {draws: 20, spread: 0})
    ]);
    expect(list(a.topQuintileShare)).toEqual(list(direct.topQuintileShare));
    expect(a.draws).toBe(300);
    expect(list(b.topQuintileShare)).toEqual([0, 0, NaN, 0, 1]);
  });

  it("does not detach the caller's arrays", async () => {
    vi.stubGlobal("Worker", FakeWorker);
    const normalized = normalizeAll(tenInput);
    await runStabilityInWorker(tenInput, tenWeights, {draws: 10, normalized});
    expect(normalized.a.length).toBe(10);
    expect(tenInput.values.a.length).toBe(10);
  });

  it("rejects with a clear error when the worker fails", async () => {
    class BrokenWorker extends FakeWorker {
      postMessage(): void {
        setTimeout(() => this.onerror?.({message: "boom"}));
      }
    }
    vi.stubGlobal("Worker", BrokenWorker);
    await expect(runStabilityInWorker(tenInput, tenWeights, {draws: 10})).rejects.toThrow(/stabilité.*worker : boom/);
    // the broken worker was dropped: the next call starts a fresh one
    vi.stubGlobal("Worker", FakeWorker);
    await expect(runStabilityInWorker(tenInput, tenWeights, {draws: 10})).resolves.toMatchObject({draws: 10});
  });

  it("rejects invalid options before starting a worker", async () => {
    vi.stubGlobal("Worker", FakeWorker);
    await expect(runStabilityInWorker(tenInput, tenWeights, {draws: -1})).rejects.toThrow(/tirages/);
  });
});
