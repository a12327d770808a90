// Territoires semblables: for one territory, the territories of the same level whose indicators
// are closest, and which indicators make them close or apart — so that a commune can find peers to
// learn from. Pure.
//
// The distance, as the Méthode page states it:
//   1. indicators: those of the level published for at least 95 % of its territories (the rule of
//      the region-wide index), counts (poverty pockets) left out; a territory lacking one of them —
//      Saint-Denis has no median after its merger — is compared on the others, and the page says so;
//   2. normalisation: each indicator becomes the territory's percentile rank among the level's
//      territories with a value (mid-rank for ties, 0 to 1), the normalisation of the need index,
//      so that a percentage point of unemployment and 100 € of median income weigh alike;
//   3. distance: the root mean square of the percentile differences over those indicators, every
//      indicator weighing the same: 0 = the same rank on each indicator, 1 = opposite ends on all;
//   4. optionally the population (its percentile rank, as a further indicator), so that peers are
//      of a similar size.
// A candidate lacking one of the indicators is set aside (never estimated) and counted. Ties are
// broken by name, then code, so the list is the same on every run.
import {formatDecimal, formatInteger} from "../lib/format.js";
import {percentileRanks} from "./needs-index.js";
import type {IndicatorDef, NeedsData} from "./needs-model.js";
import {formatIndicator} from "./territory-profile.js";

/** The share of a level's territories an indicator must be published for to enter the distance. */
export const MIN_PUBLISHED = 0.95;
export const SIMILAR_COUNT = 10;

/** A feature of the distance: an indicator, or the population when size counts. */
export interface Feature {
  id: string;
  label: string;
  /** percentile rank of each territory of the level, NaN when not published */
  percentile: Float64Array;
  /** the published values (for the sentences: "12,1 % contre 18,3 %") */
  values: (number | null)[];
}

export interface Neighbour {
  index: number;
  distance: number;
  /** percentile of the neighbour minus that of the target, per feature (the order of `features`) */
  differences: number[];
}

/**
 * The k nearest units to `target` on the features (root mean square of percentile differences),
 * among the units with every feature; ties by `order` (names) then position. The target itself is
 * left out. Also returns how many units were set aside for a missing value.
 */
export function nearestUnits(features: readonly Float64Array[], target: number, k: number, order?: (a: number, b: number) => number): {neighbours: Neighbour[]; setAside: number} {
  const n = features[0]?.length ?? 0;
  const m = features.length;
  const out: Neighbour[] = [];
  let setAside = 0;
  if (m === 0) return {neighbours: [], setAside: 0};
  for (let u = 0; u < n; u++) {
    if (u === target) continue;
    let sum = 0;
    let complete = true;
    const differences: number[] = [];
    for (const f of features) {
      const d = f[u] - f[target];
      if (Number.isNaN(d)) {
        complete = false;
        break;
      }
      differences.push(d);
      sum += d * d;
    }
    if (!complete) {
      setAside++;
      continue;
    }
    out.push({index: u, distance: Math.sqrt(sum / m), differences});
  }
  out.sort((a, b) => a.distance - b.distance || (order ? order(a.index, b.index) : 0) || a.index - b.index);
  return {neighbours: out.slice(0, k), setAside};
}

/** The indicators of the distance at a level: not a count, published for ≥ 95 % of the level's territories. */
export function similarityIndicators(data: NeedsData, niveau: string, minPublished = MIN_PUBLISHED): IndicatorDef[] {
  const level = data.niveaux[niveau];
  if (!level) return [];
  const n = level.codes.length;
  return data.indicators.filter((d) => {
    if (d.aggregation === "somme") return false; // a count measures size as much as need
    if (d.niveaux && !d.niveaux.includes(niveau)) return false;
    const published = level.valeurs[d.id]?.filter((v) => v !== null).length ?? 0;
    return n > 0 && published / n >= minPublished;
  });
}

export interface SimilarPeer {
  code: string;
  nom: string;
  distance: number;
  /** features on which the peer is within 10 centiles of the target, closest first */
  close: {id: string; label: string; difference: number}[];
  /** features on which they differ by 25 centiles or more, farthest first, with both values */
  apart: {id: string; label: string; difference: number; target: number | null; peer: number | null}[];
}

export interface SimilarResult {
  niveau: string;
  code: string;
  nom: string;
  /** the features the distance used */
  features: {id: string; label: string}[];
  /** the level's indicators the target lacks, left out of its distance (labels) */
  missing: string[];
  /** territories of the level set aside for lacking a feature the target has */
  setAside: number;
  peers: SimilarPeer[];
}

export const CLOSE = 0.1;
export const APART = 0.25;

/**
 * The `k` territories of the level most similar to `code`, or null when the code is not at that
 * level. `size` adds the population as a feature.
 */
export function similarTerritories(data: NeedsData, niveau: string, code: string, {k = SIMILAR_COUNT, size = false, minPublished = MIN_PUBLISHED}: {k?: number; size?: boolean; minPublished?: number} = {}): SimilarResult | null {
  const level = data.niveaux[niveau];
  const target = level ? level.codes.indexOf(code) : -1;
  if (target < 0) return null;
  const all: Feature[] = similarityIndicators(data, niveau, minPublished).map((d) => {
    const values = level.valeurs[d.id];
    return {id: d.id, label: d.short, values, percentile: percentileRanks(Float64Array.from(values, (v) => (v === null ? NaN : v)), "besoin_si_eleve")};
  });
  if (size) {
    const values = level.population;
    all.push({id: "population", label: "Population", values, percentile: percentileRanks(Float64Array.from(values, (v) => (v === null ? NaN : v)), "besoin_si_eleve")});
  }
  const features = all.filter((f) => !Number.isNaN(f.percentile[target]));
  const missing = all.filter((f) => Number.isNaN(f.percentile[target])).map((f) => f.label);
  const collator = new Intl.Collator("fr", {sensitivity: "base", numeric: true});
  const {neighbours, setAside} = nearestUnits(features.map((f) => f.percentile), target, k, (a, b) => collator.compare(level.noms[a], level.noms[b]) || (level.codes[a] < level.codes[b] ? -1 : 1));
  const peers = neighbours.map((nb): SimilarPeer => {
    const pairs = features.map((f, j) => ({f, difference: nb.differences[j]}));
    return {
      code: level.codes[nb.index],
      nom: level.noms[nb.index],
      distance: nb.distance,
      close: pairs.filter((p) => Math.abs(p.difference) <= CLOSE).sort((a, b) => Math.abs(a.difference) - Math.abs(b.difference)).map(({f, difference}) => ({id: f.id, label: f.label, difference})),
      apart: pairs
        .filter((p) => Math.abs(p.difference) >= APART)
        .sort((a, b) => Math.abs(b.difference) - Math.abs(a.difference))
        .map(({f, difference}) => ({id: f.id, label: f.label, difference, target: f.values[target], peer: f.values[nb.index]}))
    };
  });
  return {niveau, code, nom: level.noms[target], features: features.map(({id, label}) => ({id, label})), missing, setAside, peers};
}

export interface SimilarRow {
  rang: number;
  code: string;
  nom: string;
  population: string;
  /** the distance, 3 decimals */
  distance: string;
  proches: string;
  ecarts: string;
}

/** The table of the page: the peers, with the indicators that make them close and those that set them apart, in words and values. */
export function similarRows(data: NeedsData, result: SimilarResult): SimilarRow[] {
  const defs = new Map(data.indicators.map((d) => [d.id, d]));
  const show = (id: string, v: number | null) => (v === null ? "—" : id === "population" ? `${formatInteger(v)} hab.` : formatIndicator(defs.get(id)!, v));
  return result.peers.map((p, i) => ({
    rang: i + 1,
    code: p.code,
    nom: p.nom,
    population: formatInteger(data.niveaux[result.niveau].population[data.niveaux[result.niveau].codes.indexOf(p.code)]),
    distance: formatDecimal(p.distance, 3),
    proches: p.close.length === result.features.length ? "tous les indicateurs" : p.close.length ? p.close.map((c) => c.label).join(", ") : "—",
    ecarts: p.apart.length ? p.apart.map((a) => `${a.label} : ${show(a.id, a.peer)} contre ${show(a.id, a.target)}`).join(" ; ") : "aucun écart de 25 centiles ou plus"
  }));
}
