// What the atlas says about one territory, pure: its indicators (value as published, or the status
// that stands in for it), its need index at its own level (region-wide measure, default weights),
// rank and quintile, and its references (département, couronne, region). Shared by the portrait,
// the comparison and the territory sheet, so a number reads the same on each.
import {formatDecimal, formatInteger, formatPercent} from "../lib/format.js";
import type {IndexResult, Weights} from "./needs-index.js";
import {defaultWeights, indicatorsAt, STATUTS, type IndicatorDef, type NeedsData} from "./needs-model.js";
import {arrondissementMeasure, explainMeasure, needsIndices, unitsOf, type IndexKind} from "./needs-regional.js";
import {levelName, type TerritoryRef} from "./territories.js";

export interface Cell {
  value: number | null;
  /** "36,5 %", "21 330 €", or the status in words ("secret statistique") */
  text: string;
  /** the raw status (s, nd, fusion…) when there is no value */
  status: string | null;
  /** "recombiné (commune fusionnée)", "couverture 94,1 % de la population" */
  note: string | null;
  /** share of the population behind an aggregate, when under 100 % */
  coverage?: number | null;
  recombined?: boolean;
}

/** Digits an indicator is shown with: its published precision, whole euros, one decimal otherwise. */
export function digitsOf(indicator: Pick<IndicatorDef, "decimals" | "unit">): number {
  return indicator.decimals !== undefined ? Math.max(0, indicator.decimals) : indicator.unit === "€ par an" ? 0 : 1;
}

/** "36,5 %", "21 330 €", "1,9" (a ratio), "3 IRIS". */
export function formatIndicator(indicator: Pick<IndicatorDef, "decimals" | "unit">, value: number): string {
  const text = formatDecimal(value, digitsOf(indicator));
  return indicator.unit === "€ par an" ? `${text} €` : indicator.unit === "ratio" ? text : `${text} ${indicator.unit}`;
}

/** An indicator of one territory (a code not at that level: "—"). */
export function indicatorCell(data: NeedsData, niveau: string, code: string | null | undefined, indicator: IndicatorDef): Cell {
  const level = data.niveaux[niveau];
  const i = code && level ? level.codes.indexOf(code) : -1;
  if (i < 0) return {value: null, text: "—", status: null, note: null};
  const value = level.valeurs[indicator.id][i];
  const status = level.statuts[indicator.id][i];
  if (value === null) {
    const key = status ?? "vide";
    return {value: null, text: Object.hasOwn(STATUTS, key) ? STATUTS[key] : String(status), status: key, note: null};
  }
  const coverage = level.couverture[indicator.id][i];
  const method = level.methodes[indicator.id][i];
  const notes = [
    method === "recombinee" ? "recombiné (commune fusionnée)" : null,
    niveau !== "commune" && niveau !== "arrondissement" && coverage !== null && coverage < 0.999 ? `couverture ${formatPercent(coverage)} de la population` : null
  ].filter((x): x is string => x !== null);
  const partial = niveau !== "commune" && niveau !== "arrondissement" && coverage !== null && coverage < 0.999 ? coverage : null;
  return {value, text: formatIndicator(indicator, value), status: null, note: notes.length ? notes.join(" ; ") : null, coverage: partial, recombined: method === "recombinee"};
}

/** The same, short, for a printed page: "19 630 € (couv. 91,3 %)", "36,5 % (recombiné)". */
export function cellTextShort(cell: Cell): string {
  const notes = [cell.recombined ? "recombiné" : null, cell.coverage != null ? `couv. ${formatPercent(cell.coverage)}` : null].filter((x): x is string => x !== null);
  return notes.length ? `${cell.text} (${notes.join(", ")})` : cell.text;
}

/** A cell with its note, as the portrait's table writes it: "36,5 % (recombiné (commune fusionnée))". */
export function cellText(cell: Cell): string {
  return cell.note ? `${cell.text} (${cell.note})` : cell.text;
}

export interface NeedFacts {
  /** the measure's name: "Indice régional" */
  measure: string;
  score: number | null;
  /** rank among the level's territories with a score (1 = most in need); null for an arrondissement (not ranked) */
  rank: number | null;
  /** how many territories of the level have a score */
  of: number;
  quintile: number | null;
  /** "3 indicateurs sur 3, 100 % du poids", or why there is no value */
  standsOn: string;
}

/**
 * The need measure of every level, computed once per level with one set of weights (the default
 * ones unless given): a Paris arrondissement is placed among the communes without being ranked.
 */
export function needFacts(data: NeedsData, weights: Weights = defaultWeights(data), kind: IndexKind = "regional"): (ref: TerritoryRef) => NeedFacts | null {
  const cache = new Map<string, {result: IndexResult; explain: ReturnType<typeof explainMeasure>; of: number}>();
  const levelOf = (niveau: string) => {
    if (!cache.has(niveau)) {
      const at = niveau === "arrondissement" ? "commune" : niveau;
      const measure = needsIndices(data, at, weights)[kind];
      const result = niveau === "arrondissement" ? arrondissementMeasure(data, measure, weights, kind) : measure.result;
      // an arrondissement's result is not the communes' one: the explainer then names no missing indicator, only counts
      const explain = explainMeasure(data, kind, measure, weights, unitsOf(at));
      cache.set(niveau, {result, explain, of: measure.result.score.filter((s) => !Number.isNaN(s)).length});
    }
    return cache.get(niveau)!;
  };
  return ({niveau, code}) => {
    const level = data.niveaux[niveau];
    const i = level ? level.codes.indexOf(code) : -1;
    if (i < 0 || niveau === "region") return null;
    const {result, explain, of} = levelOf(niveau);
    const score = result.score[i];
    const scored = !Number.isNaN(score);
    return {
      measure: data.indices[kind].label,
      score: scored ? score : null,
      rank: scored && niveau !== "arrondissement" ? result.rank[i] : null,
      of,
      quintile: scored && niveau !== "arrondissement" ? result.quintile[i] : null,
      standsOn: scored ? explain.coverageOf(result, i) : explain.reasonOf(result, i) ?? "indice non calculé"
    };
  };
}

/** "12e sur 1 260 communes dotées d'un indice, quintile 5 sur 5" */
export function rankPhrase(niveau: string, facts: NeedFacts): string {
  if (facts.score === null) return `non calculé : ${facts.standsOn}`;
  if (facts.rank === null) return `${formatDecimal(facts.score, 3)}, placé parmi les communes (un arrondissement n'est pas classé : Paris compte pour une seule commune)`;
  const unit = facts.of > 1 ? levelName(niveau).plural : levelName(niveau).singular;
  return `${formatInteger(facts.rank)}${facts.rank === 1 ? "er" : "e"} sur ${formatInteger(facts.of)} ${unit}, quintile ${facts.quintile} sur 5`;
}

export interface References {
  departement: TerritoryRef | null;
  couronne: TerritoryRef | null;
  region: TerritoryRef;
}

/** The territories a territory is set against: its département and couronne (communes and arrondissements), and the region. */
export function referencesOf(data: NeedsData, {niveau, code}: TerritoryRef): References {
  const level = data.niveaux[niveau];
  const i = level?.codes.indexOf(code) ?? -1;
  const dep = i >= 0 ? level.departement?.[i] ?? null : null;
  // Paris is both a département (75) and a couronne: it is set against once
  const cour = i >= 0 && level.couronne?.[i] !== "paris" ? level.couronne?.[i] ?? null : null;
  return {
    departement: dep && niveau !== "departement" ? {niveau: "departement", code: dep} : null,
    couronne: cour ? {niveau: "couronne", code: cour} : null,
    region: {niveau: "region", code: "11"}
  };
}

/** The indicators shown for a territory: those published at its level (a count such as the poverty pockets included). */
export function profileIndicators(data: NeedsData, niveau: string): IndicatorDef[] {
  return indicatorsAt(data, niveau);
}

export function nameOf(data: NeedsData, {niveau, code}: TerritoryRef): string {
  const level = data.niveaux[niveau];
  const i = level ? level.codes.indexOf(code) : -1;
  return i >= 0 ? level.noms[i] : code;
}

export function populationOf(data: NeedsData, {niveau, code}: TerritoryRef): number | null {
  const level = data.niveaux[niveau];
  const i = level ? level.codes.indexOf(code) : -1;
  return i >= 0 ? level.population[i] : null;
}
