// The composite "indice de besoins sociaux", built as the JRC/OECD Handbook on Constructing
// Composite Indicators (2008) describes it, in the open:
//   1. normalisation: percentile rank of each commune among the Île-de-France communes with a
//      value (as the CDC/ATSDR Social Vulnerability Index does), oriented so that 1 = the most in need;
//   2. themes: weighted arithmetic mean of the normalised indicators of the theme;
//   3. aggregation: weighted arithmetic mean of the theme scores;
//   4. weights come from the caller (data/indicators.json holds the documented defaults; the page
//      lets the reader move them), and the robustness of the top quintile to the weights is
//      measured by Monte Carlo over the weights (`stability`).
//
// Missing or secret values are NaN and never become a number. Choice, stated and never silent:
// the mean is renormalised over the indicators available for the unit — which is equivalent to
// imputing, for that unit, the mean of its other indicators. The share of the total weight that
// actually had data is returned as `available`, the number of indicators behind the value as
// `present`, and the page shows both. A unit with `available` below `minAvailable` gets no score;
// with `everyTheme` (the default) neither does a unit one of whose weighted themes lost all its
// indicators ("indice non calculé : trop d'indicateurs sous secret statistique"). Without it, the
// themes a unit has are renormalised too: the minimum-coverage rule of the region-wide index
// (src/model/needs-regional.ts).
//
// Pure functions, no DOM, no imports. `splitMissing`, `scoreUnits`, `kthLargest` and `stabilityKernel` are
// self-contained (they reference nothing at module level but one another) so that
// stability-worker.ts can stringify them into a Blob worker.

export type Direction = "besoin_si_eleve" | "besoin_si_faible"; // higher value = more need, or less need
export interface IndicatorSpec {
  id: string;
  theme: string;
  direction: Direction;
}
/** Non-negative; 0 = excluded. Every theme and indicator of the input must have a weight. */
export interface Weights {
  themes: Record<string, number>;
  indicators: Record<string, number>;
}
/** values[id][i] is the value of indicator id for codes[i]; NaN = missing or secret. */
export interface IndexInput {
  codes: string[];
  indicators: IndicatorSpec[];
  values: Record<string, Float64Array>;
}
export interface IndexResult {
  /** composite score in [0,1], 1 = the most in need; NaN when not computable */
  score: Float64Array;
  /** per theme, weighted mean of its available normalised indicators (whatever the theme weight); NaN when none */
  themeScores: Record<string, Float64Array>;
  /** 1 = most in need; ties share the lowest number (competition ranking "1224"); 0 when NaN */
  rank: Int32Array;
  /** 5 = most in need … 1; 0 when NaN — see quintileOfRank */
  quintile: Int8Array;
  /** share of the total positive (effective) weight that had data, 0..1 */
  available: Float64Array;
  /** how many indicators of positive effective weight had data for the unit */
  present: Int32Array;
  /** how many indicators have a positive effective weight (the most `present` can be) */
  effective: number;
}
export interface IndexOptions {
  minAvailable?: number;
  /** true (default): no score when a weighted theme has no indicator with data; false: renormalise over the themes present */
  everyTheme?: boolean;
  /** precomputed normalizeAll(input), so that moving a weight does not re-sort */
  normalized?: Record<string, Float64Array>;
}
export interface StabilityOptions extends IndexOptions {
  draws?: number;
  /** each positive weight is multiplied by a factor uniform in [1 - spread, 1 + spread]; 0 ≤ spread ≤ 1 */
  spread?: number;
  seed?: number;
}
export interface StabilityResult {
  /** share of the draws (among those where the unit was scored) that put it in quintile 5; NaN when never scored */
  topQuintileShare: Float64Array;
  draws: number;
}

/**
 * Percentile rank in [0,1] among the non-missing values, ties get the average rank ("mid-rank"):
 * with n valid values sorted ascending, 0-based rank r (averaged over ties) → r / (n - 1), or 0.5
 * when n = 1. "besoin_si_faible" → 1 - that, so that 1 is always the most in need. NaN stays NaN.
 */
export function percentileRanks(values: Float64Array, direction: Direction): Float64Array {
  const out = new Float64Array(values.length).fill(NaN);
  let n = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) n++;
  if (n === 0) return out;
  const sorted = new Float64Array(n);
  for (let i = 0, k = 0; i < values.length; i++) if (!Number.isNaN(values[i])) sorted[k++] = values[i];
  sorted.sort(); // typed arrays sort numerically
  const flip = direction === "besoin_si_faible";
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) continue;
    // lo = first position holding v, hi = first position after the last v
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    let end = lo;
    hi = n;
    while (end < hi) {
      const mid = (end + hi) >>> 1;
      if (sorted[mid] <= v) end = mid + 1;
      else hi = mid;
    }
    const p = n === 1 ? 0.5 : (lo + end - 1) / 2 / (n - 1);
    out[i] = flip ? 1 - p : p;
  }
  return out;
}

/** Percentile ranks of every indicator of the input, keyed by indicator id. */
export function normalizeAll(input: IndexInput): Record<string, Float64Array> {
  const out: Record<string, Float64Array> = {};
  for (const spec of input.indicators) out[spec.id] = percentileRanks(valuesOf(input, spec.id), spec.direction);
  return out;
}

/** The dense form every computation runs on; built once per (input, weights). */
export interface Prepared {
  n: number;
  m: number;
  themes: string[];
  /** unit-major matrix of percentile ranks: norm[u * m + j] */
  norm: Float64Array;
  themeOf: Int32Array;
  indW: Float64Array;
  themeW: Float64Array;
}

export function prepare(input: IndexInput, weights: Weights, normalized?: Record<string, Float64Array>): Prepared {
  const n = input.codes.length;
  const m = input.indicators.length;
  const themes: string[] = [];
  const themeOf = new Int32Array(m);
  const indW = new Float64Array(m);
  const seen = new Set<string>();
  input.indicators.forEach((spec, j) => {
    if (seen.has(spec.id)) throw new Error(`Indicateur en double dans l'indice : ${spec.id}.`);
    seen.add(spec.id);
    let t = themes.indexOf(spec.theme);
    if (t < 0) t = themes.push(spec.theme) - 1;
    themeOf[j] = t;
    indW[j] = checkedWeight(weights.indicators, spec.id, "de l'indicateur");
  });
  const themeW = Float64Array.from(themes, (t) => checkedWeight(weights.themes, t, "du thème"));
  const norm = new Float64Array(n * m);
  input.indicators.forEach((spec, j) => {
    const column = normalized ? normalized[spec.id] : percentileRanks(valuesOf(input, spec.id), spec.direction);
    if (!column || column.length !== n) throw new Error(`Valeurs normalisées absentes ou de mauvaise longueur pour l'indicateur ${spec.id}.`);
    for (let u = 0; u < n; u++) norm[u * m + j] = column[u];
  });
  return {n, m, themes, norm, themeOf, indW, themeW};
}

function valuesOf(input: IndexInput, id: string): Float64Array {
  const values = input.values[id];
  if (!values) throw new Error(`Pas de valeurs pour l'indicateur ${id}.`);
  if (values.length !== input.codes.length) throw new Error(`L'indicateur ${id} a ${values.length} valeurs pour ${input.codes.length} territoires.`);
  return values;
}

function checkedWeight(table: Record<string, number>, key: string, what: string): number {
  const w = Object.hasOwn(table, key) ? table[key] : undefined;
  if (typeof w !== "number" || !Number.isFinite(w) || w < 0) throw new Error(`Poids ${what} ${key} absent, négatif ou non numérique : ${w}.`);
  return w;
}

/**
 * Composite scores of all units for one set of weights (self-contained: stringified into the worker).
 * value/known = splitMissing(norm): the unit-major normalised matrix with NaN read as 0, and 1/0 for present/missing.
 * A theme is active when its weight is > 0 and at least one of its indicators has a weight > 0.
 * Effective weight of indicator j = themeW[t] × indW[j] / Σ indW in t (0 outside active themes).
 * Writes outScore[u] (NaN unless available ≥ minAvailable and, when everyTheme is 1, every active
 * theme has a score; with everyTheme 0 the composite is renormalised over the active themes that
 * have one), outAvail[u], and, when given, outPresent[u] (indicators of positive effective weight
 * with data) and outThemes[t * n + u] (theme score whatever its theme weight).
 */
export function scoreUnits(
  n: number,
  m: number,
  value: Float64Array,
  known: Float64Array,
  themeOf: Int32Array,
  nThemes: number,
  indW: Float64Array,
  themeW: Float64Array,
  minAvailable: number,
  everyTheme: number,
  outScore: Float64Array,
  outAvail: Float64Array,
  outPresent: Int32Array | null,
  outThemes: Float64Array | null
): void {
  const sumW = new Float64Array(nThemes);
  for (let j = 0; j < m; j++) if (indW[j] > 0) sumW[themeOf[j]] += indW[j];
  const active = new Uint8Array(nThemes);
  let nActive = 0;
  let total = 0;
  for (let t = 0; t < nThemes; t++) {
    if (themeW[t] > 0 && sumW[t] > 0) {
      active[t] = 1;
      nActive++;
      total += themeW[t];
    }
  }
  const eff = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    const t = themeOf[j];
    eff[j] = active[t] && indW[j] > 0 ? (themeW[t] * indW[j]) / sumW[t] : 0;
  }
  // floating-point slack so that e.g. 1/3 + 1/6 counts as 0.5
  const threshold = minAvailable - 1e-12;
  // indicators of positive weight grouped by theme (input order within a theme): order[start[t] .. start[t + 1])
  const start = new Int32Array(nThemes + 1);
  for (let j = 0; j < m; j++) if (indW[j] > 0) start[themeOf[j] + 1]++;
  for (let t = 0; t < nThemes; t++) start[t + 1] += start[t];
  const order = new Int32Array(start[nThemes]);
  const fill = start.slice(0, nThemes);
  for (let j = 0; j < m; j++) if (indW[j] > 0) order[fill[themeOf[j]]++] = j;
  for (let u = 0; u < n; u++) {
    const base = u * m;
    let availEff = 0;
    let composite = 0;
    let themeTotal = 0;
    let present = 0;
    let ok = nActive > 0;
    for (let t = 0; t < nThemes; t++) {
      let num = 0;
      let den = 0;
      for (let k = start[t], end = start[t + 1]; k < end; k++) {
        // branch-free (missing values are a random ~40 % on some indicators): a missing value
        // reads as x = 0, present = 0, which adds exact zeros
        const j = order[k];
        const w = indW[j];
        num += w * value[base + j];
        den += w * known[base + j];
        availEff += eff[j] * known[base + j];
        if (eff[j] > 0) present += known[base + j];
      }
      const ts = den > 0 ? num / den : NaN;
      if (outThemes !== null) outThemes[t * n + u] = ts;
      if (active[t]) {
        if (den > 0) {
          composite += themeW[t] * ts;
          themeTotal += themeW[t];
        } else if (everyTheme) ok = false;
      }
    }
    const avail = total > 0 ? availEff / total : 0;
    outAvail[u] = avail;
    if (outPresent !== null) outPresent[u] = present;
    // themeTotal = total when every active theme has a score
    outScore[u] = ok && themeTotal > 0 && avail >= threshold ? composite / themeTotal : NaN;
  }
}

/** NaN-free copy of a normalised matrix (missing → 0) and its presence mask (1 = present, 0 = missing). Self-contained. */
export function splitMissing(norm: Float64Array): {value: Float64Array; known: Float64Array} {
  const value = new Float64Array(norm.length);
  const known = new Float64Array(norm.length);
  for (let i = 0; i < norm.length; i++) {
    const x = norm[i];
    if (x === x) {
      value[i] = x;
      known[i] = 1;
    }
  }
  return {value, known};
}

/**
 * The k-th largest (1-based) of a[0..len), by in-place quickselect (reorders a).
 * Self-contained: stringified into the worker.
 */
export function kthLargest(a: Float64Array, len: number, k: number): number {
  // the k-th largest is the (len - k)-th smallest, 0-based
  const target = len - k;
  let lo = 0;
  let hi = len - 1;
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    // median of three as pivot
    const x = a[lo];
    const y = a[mid];
    const z = a[hi];
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const tmp = a[i];
        a[i] = a[j];
        a[j] = tmp;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else return a[target];
  }
  return a[target];
}

/**
 * Monte Carlo over weights on a prepared input (self-contained but for splitMissing, scoreUnits and kthLargest;
 * stringified into the worker). Each draw multiplies every positive theme weight, then every
 * positive indicator weight, in input order, by an independent factor uniform in
 * [1 - spread, 1 + spread] (mulberry32 seeded with `seed`), recomputes the composite, and counts
 * the units in quintile 5, i.e. whose competition rank is ≤ ceil(N / 5) among the N scored units
 * — equivalently whose score is ≥ the ceil(N / 5)-th largest score (no sort needed).
 * Returns, per unit, top-quintile draws / draws in which it was scored (NaN when never scored).
 */
export function stabilityKernel(
  n: number,
  m: number,
  norm: Float64Array,
  themeOf: Int32Array,
  nThemes: number,
  indW: Float64Array,
  themeW: Float64Array,
  draws: number,
  spread: number,
  seed: number,
  minAvailable: number,
  everyTheme: number
): Float64Array {
  const top = new Float64Array(n);
  const scored = new Float64Array(n);
  const score = new Float64Array(n);
  const avail = new Float64Array(n);
  const buf = new Float64Array(n);
  const w = new Float64Array(m);
  const tw = new Float64Array(nThemes);
  const split = splitMissing(norm);
  const value = split.value;
  const known = split.known;
  let state = seed >>> 0;
  for (let d = 0; d < draws; d++) {
    for (let k = 0; k < nThemes + m; k++) {
      const base = k < nThemes ? themeW[k] : indW[k - nThemes];
      let value = 0;
      if (base > 0) {
        // mulberry32
        state = (state + 0x6d2b79f5) | 0;
        let r = Math.imul(state ^ (state >>> 15), 1 | state);
        r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
        const uniform = ((r ^ (r >>> 14)) >>> 0) / 4294967296;
        value = base * (1 - spread + 2 * spread * uniform);
      }
      if (k < nThemes) tw[k] = value;
      else w[k - nThemes] = value;
    }
    scoreUnits(n, m, value, known, themeOf, nThemes, w, tw, minAvailable, everyTheme, score, avail, null, null);
    let count = 0;
    for (let u = 0; u < n; u++) {
      const s = score[u];
      if (s === s) {
        buf[count++] = s;
        scored[u]++;
      }
    }
    if (count === 0) continue;
    const cut = kthLargest(buf, count, Math.ceil(count / 5));
    for (let u = 0; u < n; u++) if (score[u] >= cut) top[u]++;
  }
  const share = new Float64Array(n);
  for (let u = 0; u < n; u++) share[u] = scored[u] > 0 ? top[u] / scored[u] : NaN;
  return share;
}

/**
 * Quintile rule: with N scored units and competition rank r (1 = most in need),
 * quintile = 5 - floor(5 (r - 1) / N). So quintile 5 holds ranks 1 … ceil(N/5), quintile 4 ranks
 * ceil(N/5)+1 … ceil(2N/5), and so on (10 units: 2 per quintile; 7 units: 2, 1, 2, 1, 1).
 * Tied units share a rank, hence a quintile: ties straddling a boundary all go to the upper one.
 */
export function quintileOfRank(rank: number, scoredCount: number): number {
  return 5 - Math.floor((5 * (rank - 1)) / scoredCount);
}

export function computeIndex(input: IndexInput, weights: Weights, {minAvailable = 0.5, everyTheme = true, normalized}: IndexOptions = {}): IndexResult {
  const p = prepare(input, weights, normalized);
  const {n} = p;
  const score = new Float64Array(n);
  const available = new Float64Array(n);
  const present = new Int32Array(n);
  const themeMatrix = new Float64Array(p.themes.length * n);
  const {value, known} = splitMissing(p.norm);
  scoreUnits(n, p.m, value, known, p.themeOf, p.themes.length, p.indW, p.themeW, minAvailable, everyTheme ? 1 : 0, score, available, present, themeMatrix);
  const themeScores: Record<string, Float64Array> = {};
  p.themes.forEach((t, i) => (themeScores[t] = themeMatrix.subarray(i * n, (i + 1) * n)));

  const order: number[] = [];
  for (let u = 0; u < n; u++) if (!Number.isNaN(score[u])) order.push(u);
  order.sort((a, b) => score[b] - score[a]);
  const rank = new Int32Array(n);
  const quintile = new Int8Array(n);
  const N = order.length;
  for (let i = 0; i < N; i++) {
    const u = order[i];
    rank[u] = i > 0 && score[u] === score[order[i - 1]] ? rank[order[i - 1]] : i + 1;
    quintile[u] = quintileOfRank(rank[u], N);
  }
  return {score, themeScores, rank, quintile, available, present, effective: effectiveCount(p)};
}

/** Indicators with a positive effective weight: positive own weight, in a theme of positive weight. */
function effectiveCount(p: Prepared): number {
  let count = 0;
  for (let j = 0; j < p.m; j++) if (p.indW[j] > 0 && p.themeW[p.themeOf[j]] > 0) count++;
  return count;
}

export function stability(
  input: IndexInput,
  weights: Weights,
  {draws = 1000, spread = 0.5, seed = 1, minAvailable = 0.5, everyTheme = true, normalized}: StabilityOptions = {}
): StabilityResult {
  checkStabilityOptions(draws, spread);
  const p = prepare(input, weights, normalized);
  const topQuintileShare = stabilityKernel(p.n, p.m, p.norm, p.themeOf, p.themes.length, p.indW, p.themeW, draws, spread, seed, minAvailable, everyTheme ? 1 : 0);
  return {topQuintileShare, draws};
}

export function checkStabilityOptions(draws: number, spread: number): void {
  if (!Number.isInteger(draws) || draws < 1) throw new Error(`Nombre de tirages invalide : ${draws} (entier ≥ 1 attendu).`);
  if (!(spread >= 0 && spread <= 1)) throw new Error(`Amplitude des poids invalide : ${spread} (entre 0 et 1 attendu).`);
}
