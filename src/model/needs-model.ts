// The Besoins page's model, pure: from the page data (loaders/needs.ts) to index inputs, map
// classes and the permalink state. Shared by the page and by the build (src/besoins.md.ts), so the
// map drawn at build time has exactly the colours the page would compute.
import {computeIndex, normalizeAll, percentileRanks, type Direction, type IndexInput, type IndexResult, type Weights} from "./needs-index.js";
import {quantileClasses, type Classes} from "../lib/classes.js";
import type {Fusion} from "./search.js";

export interface IndicatorDef { id: string; label: string; short: string; unit: string; direction: Direction; theme: string; weight: number; source: string; vintage: string; definition: string; aggregation: string; recombinable: boolean; niveaux?: string[]; why?: string; decimals?: number; seuil?: number; indice?: boolean }
export interface ThemeDef { id: string; label: string; weight: number }
export interface LevelData {
  codes: string[];
  noms: string[];
  population: (number | null)[];
  departement?: (string | null)[];
  couronne?: (string | null)[];
  valeurs: Record<string, (number | null)[]>;
  statuts: Record<string, (string | null)[]>;
  methodes: Record<string, (string | null)[]>;
  couverture: Record<string, (number | null)[]>;
}
/** How a composite measure treats missing values (data/indicators.json "indices"; src/model/needs-regional.ts). */
export interface IndexRuleDef { label: string; description: string; part_poids_min: number; tous_les_themes: boolean; couverture_min_communes?: number }
export interface RejectedDef { id: string; label: string; source: string; vintage: string; direction: Direction; raison: string }
export interface NeedsData { themes: ThemeDef[]; indicators: IndicatorDef[]; indices: {regional: IndexRuleDef; detaille: IndexRuleDef}; rejetes: RejectedDef[]; niveaux: Record<string, LevelData>; chomageZe: Record<string, [string, number][]>; sources: Record<string, {title: string; vintage: string; licence: string}>; fusions?: Fusion[] }

export const NIVEAUX: {id: string; label: string}[] = [
  {id: "commune", label: "Communes (Paris par arrondissement)"},
  {id: "ept", label: "Établissements publics territoriaux (Métropole du Grand Paris)"},
  {id: "epci", label: "Intercommunalités (EPCI)"},
  {id: "zone_emploi", label: "Zones d'emploi"},
  {id: "bassin", label: "Bassins d'emploi (BMO 2024)"},
  {id: "departement", label: "Départements"},
  {id: "couronne", label: "Couronnes"}
];

export const STATUTS: Record<string, string> = {
  s: "secret statistique",
  ns: "non significatif",
  nd: "non disponible",
  so: "sans objet",
  vide: "non publié",
  fusion: "commune fusionnée depuis le millésime : valeur non recombinable",
  non_decoupee: "commune non découpée en IRIS : pas de poche mesurable",
  absent: "non publié à ce niveau"
};

export function indicatorsAt(data: NeedsData, niveau: string): IndicatorDef[] {
  const level = data.niveaux[niveau];
  return data.indicators.filter((i) => (i.niveaux ? i.niveaux.includes(niveau) : true) && level.statuts[i.id].some((s) => s !== "absent"));
}

export function defaultWeights(data: NeedsData): Weights {
  return {
    themes: Object.fromEntries(data.themes.map((t) => [t.id, t.weight])),
    indicators: Object.fromEntries(data.indicators.map((i) => [i.id, i.weight]))
  };
}

const toFloat = (values: (number | null)[]) => Float64Array.from(values, (v) => (v === null ? NaN : v));

export function levelInput(data: NeedsData, niveau: string): IndexInput {
  const level = data.niveaux[niveau];
  const indicators = indicatorsAt(data, niveau).filter((i) => i.indice !== false); // counts are shown, never indexed
  return {
    codes: level.codes,
    indicators: indicators.map(({id, theme, direction}) => ({id, theme, direction})),
    values: Object.fromEntries(indicators.map((i) => [i.id, toFloat(level.valeurs[i.id])]))
  };
}

/** Weights restricted to what the input has (the index API wants one weight per theme and indicator). */
export function weightsFor(input: IndexInput, weights: Weights): Weights {
  const themes = [...new Set(input.indicators.map((i) => i.theme))];
  return {
    themes: Object.fromEntries(themes.map((t) => [t, weights.themes[t] ?? 0])),
    indicators: Object.fromEntries(input.indicators.map((i) => [i.id, weights.indicators[i.id] ?? 0]))
  };
}

/**
 * Percentile of each value within a reference distribution (mid-rank, as percentileRanks), without
 * adding it to the distribution: Paris arrondissements are placed among the 1,266 communes without
 * becoming communes themselves (Paris counts once in every ranking).
 */
export function percentileAgainst(values: Float64Array, reference: Float64Array, direction: Direction): Float64Array {
  const sorted = Array.from(reference).filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  const n = sorted.length;
  return values.map((v) => {
    if (Number.isNaN(v) || n === 0) return NaN;
    let below = 0;
    let equal = 0;
    for (const r of sorted) {
      if (r < v) below++;
      else if (r === v) equal++;
      else break;
    }
    // mid-rank among ties; between its two neighbours when the value is not in the reference
    const position = n === 1 ? 0.5 : Math.min(1, Math.max(0, (below + equal / 2 - 0.5) / (n - 1)));
    return direction === "besoin_si_faible" ? 1 - position : position;
  });
}

export interface LevelIndex {
  input: IndexInput;
  normalized: Record<string, Float64Array>;
  result: IndexResult;
}

export function levelIndex(data: NeedsData, niveau: string, weights: Weights, normalized?: Record<string, Float64Array>): LevelIndex {
  const input = levelInput(data, niveau);
  const norm = normalized ?? normalizeAll(input);
  return {input, normalized: norm, result: computeIndex(input, weightsFor(input, weights), {normalized: norm})};
}

/** The arrondissements' index, normalised against the communes (no rank: they are not communes). */
export function arrondissementIndex(data: NeedsData, communes: LevelIndex, weights: Weights): Float64Array {
  const input = levelInput(data, "arrondissement");
  input.indicators = input.indicators.filter((i) => communes.input.values[i.id]);
  const normalized = Object.fromEntries(input.indicators.map((i) => [i.id, percentileAgainst(input.values[i.id], communes.input.values[i.id], i.direction)]));
  return computeIndex(input, weightsFor(input, weights), {normalized}).score;
}

export {percentileRanks};

/** Map classes: quintiles, or equal intervals between the minimum and the maximum. */
export function mapClasses(values: (number | null)[] | Float64Array, method: "quantiles" | "intervalles", unit = ""): Classes {
  const list = Array.from(values as ArrayLike<number | null>, (v) => (v === null || Number.isNaN(v) ? null : v));
  if (method === "quantiles") return quantileClasses(list, 5, unit);
  const valid = list.filter((v): v is number => v !== null);
  const [min, max] = [Math.min(...valid), Math.max(...valid)];
  const step = (max - min) / 5;
  const breaks = [1, 2, 3, 4].map((k) => min + k * step);
  const classOf = (x: number | null | undefined) => (x === null || x === undefined || Number.isNaN(x) ? null : Math.min(4, Math.max(0, breaks.filter((b) => x >= b).length)));
  const fmt = (x: number) => (Math.abs(max) >= 100 ? Math.round(x).toLocaleString("fr-FR") : (Math.round(x * 10) / 10).toLocaleString("fr-FR"));
  const suffix = unit ? ` ${unit}` : "";
  const edges = [min, ...breaks, max];
  return {breaks, labels: edges.slice(0, 5).map((e, i) => `${fmt(e)} à ${fmt(edges[i + 1])}${suffix}`), classOf};
}

/** Index classes are fixed quintiles of the score distribution among communes: 0.2, 0.4 … */
export const SCORE_BREAKS = [0.2, 0.4, 0.6, 0.8];

export interface ViewState {
  niveau: string;
  indicateur: string; // "indice" (region-wide), "indice_detaille", "stabilite" or an indicator id
  classes: "quantiles" | "intervalles";
  weights: Weights;
  selection: string | null;
}

/** The permalink: every non-default part of the view in the query string. */
export function encodeState(state: ViewState, defaults: Weights): string {
  const params = new URLSearchParams();
  if (state.niveau !== "commune") params.set("niveau", state.niveau);
  if (state.indicateur !== "indice") params.set("indicateur", state.indicateur);
  if (state.classes !== "quantiles") params.set("classes", state.classes);
  const changed = (a: Record<string, number>, b: Record<string, number>) => Object.entries(a).filter(([k, v]) => b[k] !== v).map(([k, v]) => `${k}:${v}`);
  const w = [...changed(state.weights.themes, defaults.themes), ...changed(state.weights.indicators, defaults.indicators)];
  if (w.length) params.set("poids", w.join(","));
  if (state.selection) params.set("selection", state.selection);
  return params.toString();
}

export function decodeState(query: string, data: Pick<NeedsData, "themes" | "indicators">, defaults: Weights): ViewState {
  const params = new URLSearchParams(query);
  const niveau = NIVEAUX.some((n) => n.id === params.get("niveau")) ? params.get("niveau")! : "commune";
  const ids = new Set(["indice", "indice_detaille", "stabilite", ...data.indicators.map((i) => i.id)]);
  const indicateur = ids.has(params.get("indicateur") ?? "") ? params.get("indicateur")! : "indice";
  const classes = params.get("classes") === "intervalles" ? "intervalles" : "quantiles";
  const weights: Weights = {themes: {...defaults.themes}, indicators: {...defaults.indicators}};
  for (const part of (params.get("poids") ?? "").split(",")) {
    const [key, raw] = part.split(":");
    const value = Number(raw);
    if (!key || !Number.isFinite(value) || value < 0 || value > 1) continue; // ignore what is not a weight
    // Own keys only: `key in` would take "constructor" or "__proto__" from the URL for a weight.
    if (Object.hasOwn(weights.themes, key)) weights.themes[key] = value;
    else if (Object.hasOwn(weights.indicators, key)) weights.indicators[key] = value;
  }
  const selection = /^[0-9AB]{5}$|^[A-Za-z0-9_]{1,12}$/.test(params.get("selection") ?? "") ? params.get("selection") : null;
  return {niveau, indicateur, classes, weights, selection};
}

/**
 * Breaks between the index quintiles of the communes (the lowest score of quintiles 2 to 5), so
 * that an arrondissement is coloured in the quintile its score would fall in, and a commune exactly
 * in the quintile computeIndex gave it.
 */
export function quintileBreaks(result: IndexResult): number[] {
  const breaks: number[] = [];
  for (let q = 2; q <= 5; q++) {
    let min = Infinity;
    result.quintile.forEach((k, i) => {
      if (k === q && result.score[i] < min) min = result.score[i];
    });
    breaks.push(min);
  }
  return breaks;
}

export function classOfBreaks(breaks: number[], x: number | null | undefined): number | null {
  if (x === null || x === undefined || Number.isNaN(x)) return null;
  return breaks.filter((b) => x >= b).length;
}
