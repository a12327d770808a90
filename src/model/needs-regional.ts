// Two need measures from the same weights, and how far they agree.
//
// Most of Filosofi's detailed indicators (poverty rate, minimum social benefits, housing benefits)
// are under statistical secrecy in about 60 % of the communes, mostly in the grande couronne: the
// detailed index ("indice détaillé", src/model/needs-index.ts with every theme required) exists for
// some 540 communes only. The JRC/OECD Handbook on Constructing Composite Indicators (2008, step 3,
// "imputation of missing data") leaves two honest ways out without imputing a value: build the
// index on indicators published everywhere, or let a unit's index stand on the indicators it has
// under a stated minimum-coverage rule and say, unit by unit, what it stands on. The region-wide
// index ("indice régional") does both, in that order (data/indicators.json "indices"):
//   1. its indicators are the weighted ones published for at least `couverture_min_communes` of
//      the 1,266 communes (with the pack: median standard of living, census unemployment, tenant
//      share, employment rate) — the rule picks them, so a weight moved by the reader keeps it true;
//   2. the few communes still missing one (15 villages of 25 to 111 inhabitants without a published
//      median; Saint-Denis, whose median cannot be recombined after its merger) get a value when
//      the indicators published for them carry at least `part_poids_min` of the weight, the value
//      being the weighted mean over those (renormalised, theme by theme and across themes); the
//      result's `present` and `available` say how many indicators and what share of the weight
//      stand behind each value, and the page shows them.
// Both measures share one normalisation (percentile ranks among the communes with a value), so a
// commune's two values are on the same scale, and `rankAgreement` compares their rankings.
import {quintileOfRank, computeIndex, normalizeAll, type IndexInput, type IndexOptions, type IndexResult, type Weights} from "./needs-index.js";
import {levelInput, percentileAgainst, weightsFor, type IndexRuleDef, type LevelIndex, type NeedsData} from "./needs-model.js";
import {spearman} from "../lib/ranks.js";
import {formatPercent} from "../lib/format.js";

export type IndexKind = "regional" | "detaille";
export const INDEX_KINDS: IndexKind[] = ["regional", "detaille"];

/** Share of the communes with a value, for each indicator the index may use. */
export function communeCoverage(data: NeedsData): Map<string, number> {
  const level = data.niveaux.commune;
  const out = new Map<string, number>();
  for (const indicator of data.indicators) {
    if (indicator.indice === false || indicator.niveaux) continue;
    const values = level.valeurs[indicator.id];
    out.set(indicator.id, values.filter((v) => v !== null).length / level.codes.length);
  }
  return out;
}

/** The indicators of the region-wide index: published for at least couverture_min_communes of the communes. */
export function regionalIndicatorIds(data: NeedsData): Set<string> {
  const min = data.indices.regional.couverture_min_communes ?? 1;
  return new Set([...communeCoverage(data)].filter(([, share]) => share >= min).map(([id]) => id));
}

export function ruleOptions(rule: IndexRuleDef): Required<Pick<IndexOptions, "minAvailable" | "everyTheme">> {
  return {minAvailable: rule.part_poids_min, everyTheme: rule.tous_les_themes};
}

/** The index input of a level for a measure: every indexable indicator, or the region-wide ones. */
export function inputFor(data: NeedsData, niveau: string, kind: IndexKind, regional = regionalIndicatorIds(data)): IndexInput {
  const input = levelInput(data, niveau);
  if (kind === "detaille") return input;
  const indicators = input.indicators.filter((i) => regional.has(i.id));
  return {codes: input.codes, indicators, values: Object.fromEntries(indicators.map((i) => [i.id, input.values[i.id]]))};
}

export type NeedsIndices = Record<IndexKind, LevelIndex>;

/**
 * Both measures at a level for one set of weights. `normalized` (normalizeAll of the detailed
 * input, which holds every indicator) does not depend on the weights: pass it to recompute fast.
 */
export function needsIndices(data: NeedsData, niveau: string, weights: Weights, normalized?: Record<string, Float64Array>, regional = regionalIndicatorIds(data)): NeedsIndices {
  const out = {} as NeedsIndices;
  const full = inputFor(data, niveau, "detaille");
  const norm = normalized ?? normalizeAll(full);
  for (const kind of INDEX_KINDS) {
    const input = kind === "detaille" ? full : inputFor(data, niveau, kind, regional);
    const columns = Object.fromEntries(input.indicators.map((i) => [i.id, norm[i.id]]));
    out[kind] = {input, normalized: columns, result: computeIndex(input, weightsFor(input, weights), {...ruleOptions(data.indices[kind]), normalized: columns})};
  }
  return out;
}

/**
 * A measure for the Paris arrondissements, each indicator placed among the communes' values (an
 * arrondissement is not a commune: Paris counts once in every ranking), with the measure's rule.
 */
export function arrondissementMeasure(data: NeedsData, communes: LevelIndex, weights: Weights, kind: IndexKind): IndexResult {
  const input = levelInput(data, "arrondissement");
  input.indicators = input.indicators.filter((i) => communes.input.values[i.id]);
  const normalized = Object.fromEntries(input.indicators.map((i) => [i.id, percentileAgainst(input.values[i.id], communes.input.values[i.id], i.direction)]));
  return computeIndex(input, weightsFor(input, weights), {...ruleOptions(data.indices[kind]), normalized});
}

export interface RankAgreement {
  /** units with a value in both measures */
  n: number;
  /** Spearman's rank correlation of the two scores on those units */
  spearman: number;
  /** share of those units whose quintile differs between the measures */
  changedQuintile: number;
  /** share whose quintile differs by two or more */
  changedTwoOrMore: number;
}

/**
 * How far two measures rank the same units alike, on the units that have both. Quintiles are
 * taken within that common set for each measure (competition ranks, quintileOfRank), so that the
 * comparison is not blurred by the units only one measure covers.
 */
export function rankAgreement(a: Float64Array, b: Float64Array): RankAgreement {
  const common: number[] = [];
  for (let i = 0; i < a.length; i++) if (!Number.isNaN(a[i]) && !Number.isNaN(b[i])) common.push(i);
  const n = common.length;
  if (n === 0) return {n, spearman: NaN, changedQuintile: NaN, changedTwoOrMore: NaN};
  const quintiles = (s: Float64Array) => {
    const order = [...common].sort((x, y) => s[y] - s[x]);
    const q = new Map<number, number>();
    let rank = 0;
    order.forEach((u, k) => {
      if (k === 0 || s[u] !== s[order[k - 1]]) rank = k + 1;
      q.set(u, quintileOfRank(rank, n));
    });
    return q;
  };
  const qa = quintiles(a);
  const qb = quintiles(b);
  let changed = 0;
  let far = 0;
  for (const u of common) {
    const d = Math.abs(qa.get(u)! - qb.get(u)!);
    if (d > 0) changed++;
    if (d > 1) far++;
  }
  return {n, spearman: spearman(common.map((u) => a[u]), common.map((u) => b[u])).rho, changedQuintile: changed / n, changedTwoOrMore: far / n};
}

/**
 * Why a measure is undefined for these weights at this level, in French, or null when it is
 * defined: the page shows this sentence instead of a grey map.
 */
export function measureProblem(data: NeedsData, niveau: string, weights: Weights, kind: IndexKind, regional = regionalIndicatorIds(data)): string | null {
  const name = data.indices[kind].label.toLowerCase();
  const input = inputFor(data, niveau, kind, regional);
  const w = weightsFor(input, weights);
  const weighted = input.indicators.filter((i) => w.indicators[i.id] > 0 && w.themes[i.theme] > 0);
  if (weighted.length > 0) return null;
  const allZero = Object.values(weights.themes).every((v) => v === 0) || Object.values(weights.indicators).every((v) => v === 0);
  if (allZero) return `Tous les poids ${Object.values(weights.themes).every((v) => v === 0) ? "des thèmes" : "des indicateurs"} sont nuls : l'${name} n'est pas défini. Donnez un poids à au moins un thème et à l'un de ses indicateurs, ou revenez aux poids par défaut.`;
  if (kind === "regional") {
    const names = data.indicators.filter((i) => regional.has(i.id)).map((i) => i.short.toLowerCase());
    return `Aucun des indicateurs pondérés n'est publié pour au moins ${Math.round(100 * (data.indices.regional.couverture_min_communes ?? 1))} % des communes : l'${name} n'est pas défini avec ces poids. Pondérez l'un de ceux qui le sont (${names.join(", ")}) ou choisissez l'indice détaillé.`;
  }
  return `Aucun indicateur pondéré n'est publié à cette échelle : l'${name} n'est pas défini. Pondérez un autre indicateur ou revenez aux poids par défaut.`;
}

export interface MeasureCoverage {
  /** communes with a value, of all communes */
  communes: number;
  total: number;
  /** the same in the grande couronne, where secrecy bites */
  grandeCouronne: number;
  grandeCouronneTotal: number;
  /** share of the population living in a commune with a value */
  population: number;
  /** how many communes have a value standing on each number of indicators (most first) */
  byPresent: {present: number; communes: number}[];
}

/** What a measure covers at the commune level. */
export function measureCoverage(data: NeedsData, result: IndexResult): MeasureCoverage {
  const level = data.niveaux.commune;
  let communes = 0;
  let gc = 0;
  let gcTotal = 0;
  let pop = 0;
  let popTotal = 0;
  const byPresent = new Map<number, number>();
  level.codes.forEach((_, i) => {
    const ok = !Number.isNaN(result.score[i]);
    const inGc = level.couronne?.[i] === "grande_couronne";
    popTotal += level.population[i] ?? 0;
    if (inGc) gcTotal++;
    if (!ok) return;
    communes++;
    if (inGc) gc++;
    pop += level.population[i] ?? 0;
    byPresent.set(result.present[i], (byPresent.get(result.present[i]) ?? 0) + 1);
  });
  return {
    communes,
    total: level.codes.length,
    grandeCouronne: gc,
    grandeCouronneTotal: gcTotal,
    population: popTotal > 0 ? pop / popTotal : NaN,
    byPresent: [...byPresent].sort((a, b) => b[0] - a[0]).map(([present, n]) => ({present, communes: n}))
  };
}

export interface Candidate {
  id: string;
  label: string;
  direction: "besoin_si_eleve" | "besoin_si_faible";
  /** in the dictionary (true) or rejected (false) */
  retenu: boolean;
  values: (number | null)[];
}
export interface CandidateCheck {
  id: string;
  label: string;
  retenu: boolean;
  /** communes where both the candidate and the reference are published */
  n: number;
  /** Spearman's ρ with the reference, oriented by the candidate's direction: > 0 = ranks need as the reference does */
  rho: number;
}

/**
 * Convergent validity of candidate indicators: the rank correlation of each with a reference
 * measure of need (the poverty rate, published for the larger communes only — the check says
 * nothing about the others), oriented so that a positive ρ means "more need where the reference
 * sees more need".
 */
export function candidateChecks(reference: (number | null)[], candidates: Candidate[]): CandidateCheck[] {
  const ref = Float64Array.from(reference, (v) => (v === null ? NaN : v));
  return candidates.map((c) => {
    const {n, rho} = spearman(Float64Array.from(c.values, (v) => (v === null ? NaN : v)), ref);
    return {id: c.id, label: c.label, retenu: c.retenu, n, rho: c.direction === "besoin_si_faible" ? -rho : rho};
  });
}

export interface NeedLookups {
  /** score of a demand place: communes and Paris arrondissements (placed among the communes) */
  score: Map<string, number>;
  /** quintile (1–5) of a commune, 75056 included; a commune without a score is absent */
  quintile: Map<string, number>;
}

/** A measure's scores and quintiles by code, for the Implantation page (demand "besoin", candidate restriction). */
export function needLookups(data: NeedsData, weights: Weights, kind: IndexKind = "regional"): NeedLookups {
  const communes = needsIndices(data, "commune", weights)[kind];
  const arrondissements = data.niveaux.arrondissement ? arrondissementMeasure(data, communes, weights, kind) : null;
  const score = new Map<string, number>();
  const quintile = new Map<string, number>();
  data.niveaux.commune.codes.forEach((code, i) => {
    score.set(code, communes.result.score[i]);
    if (communes.result.quintile[i] > 0) quintile.set(code, communes.result.quintile[i]);
  });
  data.niveaux.arrondissement?.codes.forEach((code, i) => score.set(code, arrondissements!.score[i]));
  return {score, quintile};
}

/** Which measure a map choice shows: "indice_detaille" the detailed index, anything else the region-wide one. */
export function kindOf(indicateur: string): IndexKind {
  return indicateur === "indice_detaille" ? "detaille" : "regional";
}

export interface MeasureExplainer {
  /** "3 indicateurs sur 3, 100 % du poids" */
  coverageOf(result: IndexResult, i: number): string;
  /** why unit i has no value, or null when it has one */
  reasonOf(result: IndexResult, i: number): string | null;
  /** the grey class of the legend: the rule, and how many units each reason greys */
  legendLabel(result: IndexResult): string;
}

/**
 * Says, unit by unit, what a measure's value stands on or why there is none, in French: the page's
 * tooltips, table and legend ("the legend says why any commune is grey").
 */
export function explainMeasure(data: NeedsData, kind: IndexKind, measure: LevelIndex, weights: Weights, units: [string, string] = ["territoire", "territoires"]): MeasureExplainer {
  const rule = data.indices[kind];
  const w = weightsFor(measure.input, weights);
  const half = rule.part_poids_min === 0.5 ? "la moitié" : `${Math.round(100 * rule.part_poids_min)} %`;
  // the weighted themes, in the order of the result's themeScores
  const active = Object.keys(measure.result.themeScores).filter((t) => w.themes[t] > 0 && measure.input.indicators.some((i) => i.theme === t && w.indicators[i.id] > 0));
  const themeLabel = (t: string) => data.themes.find((x) => x.id === t)?.label ?? t;
  const percent = (x: number) => formatPercent(x);
  const count = (n: number, of: number) => `${n} indicateur${n > 1 ? "s" : ""} sur ${of}`;
  // the weighted indicators a unit of this measure lacks ("manque : Niveau de vie")
  const weighted = measure.input.indicators.filter((d) => w.indicators[d.id] > 0 && w.themes[d.theme] > 0);
  const shortOf = new Map(data.indicators.map((d) => [d.id, d.short]));
  const lacking = (r: IndexResult, i: number) => (r === measure.result ? weighted.filter((d) => Number.isNaN(measure.normalized[d.id]?.[i])).map((d) => shortOf.get(d.id) ?? d.id) : []);
  const coverageOf = (r: IndexResult, i: number) => {
    const missing = lacking(r, i);
    return `${count(r.present[i], r.effective)}, ${percent(r.available[i])} du poids${missing.length ? ` ; manque : ${missing.join(", ")}` : ""}`;
  };
  const missingThemes = (r: IndexResult, i: number) => active.filter((t) => Number.isNaN(r.themeScores[t]?.[i]));
  const reasonOf = (r: IndexResult, i: number): string | null => {
    if (!Number.isNaN(r.score[i])) return null;
    if (r.effective === 0) return "aucun indicateur pondéré";
    if (r.available[i] < rule.part_poids_min - 1e-12) return `${count(r.present[i], r.effective)} publié${r.present[i] > 1 ? "s" : ""}, ${percent(r.available[i])} du poids (il en faut ${half})`;
    const missing = missingThemes(r, i);
    return missing.length ? `aucun indicateur publié pour le thème ${missing.map((t) => `« ${themeLabel(t)} »`).join(", ")}` : "indice non calculé";
  };
  const legendLabel = (r: IndexResult) => {
    let low = 0;
    const themes = new Map<string, number>();
    for (let i = 0; i < r.score.length; i++) {
      if (!Number.isNaN(r.score[i])) continue;
      if (r.available[i] < rule.part_poids_min - 1e-12) low++;
      else for (const t of missingThemes(r, i)) themes.set(t, (themes.get(t) ?? 0) + 1);
    }
    const n = (k: number) => (k === 0 ? (units[0] === "commune" ? "aucune commune" : `aucun ${units[0]}`) : `${k} ${k > 1 ? units[1] : units[0]}`);
    const parts = [
      `indicateurs publiés portant moins de ${half} du poids (${n(low)})`,
      ...(rule.tous_les_themes ? [...themes].map(([t, k]) => `thème « ${themeLabel(t)} » sous secret statistique ou non publié (${n(k)})`) : [])
    ];
    return `Indice non calculé : ${parts.join(" ; ")}`;
  };
  return {coverageOf, reasonOf, legendLabel};
}

export interface PageMeasures {
  kind: IndexKind;
  /** the measure the map shows (and its stability) */
  shown: LevelIndex;
  /** the other measure, beside it in the table and the portrait */
  other: LevelIndex;
  /** the shown measure for the Paris arrondissements, at the commune scale */
  arrondissements: IndexResult | null;
  explain: MeasureExplainer;
  explainOther: MeasureExplainer;
}

/** Everything a weight change recomputes on the Besoins page (npm run bench: ≤ 16 ms for the communes). */
export function pageMeasures(data: NeedsData, niveau: string, indicateur: string, weights: Weights, normalized?: Record<string, Float64Array>, regional = regionalIndicatorIds(data)): PageMeasures {
  const kind = kindOf(indicateur);
  const otherKind: IndexKind = kind === "regional" ? "detaille" : "regional";
  const both = needsIndices(data, niveau, weights, normalized, regional);
  return {
    kind,
    shown: both[kind],
    other: both[otherKind],
    arrondissements: niveau === "commune" && data.niveaux.arrondissement ? arrondissementMeasure(data, both[kind], weights, kind) : null,
    explain: explainMeasure(data, kind, both[kind], weights, unitsOf(niveau)),
    explainOther: explainMeasure(data, otherKind, both[otherKind], weights, unitsOf(niveau))
  };
}

/** How the territories of a level are called in a sentence. */
export function unitsOf(niveau: string): [string, string] {
  return niveau === "commune" ? ["commune", "communes"] : ["territoire", "territoires"];
}
