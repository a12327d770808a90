// Comparer: two to four territories side by side, of one level or several, pure. The URL holds the
// list (`?t=93027,T6,bassin:1107`); the page shows one column per territory and one row per fact;
// the CSV has the same rows. More than four territories is refused with a message, never cut.
import {formatCsv} from "../lib/csv.js";
import {formatDecimal, formatInteger} from "../lib/format.js";
import type {NeedsData} from "./needs-model.js";
import {indicatorLabel} from "./needs-view.js";
import {levelName, type Territory, type TerritoryIndex, type TerritoryRef} from "./territories.js";
import {indicatorCell, needFacts, populationOf, rankPhrase, type NeedFacts} from "./territory-profile.js";

export const MIN_COMPARED = 2;
export const MAX_COMPARED = 4;
export const PARAM = "t";

export interface ComparisonState {
  territories: Territory[];
  /** what the URL asked that is not compared, in French */
  problems: string[];
  /** merged communes followed to the commune they joined */
  notes: string[];
  /** more than four territories: nothing is compared until the list is shortened */
  refused: boolean;
}

export function tooMany(n: number): string {
  return `Une comparaison porte sur ${MIN_COMPARED} à ${MAX_COMPARED} territoires : ${formatInteger(n)} sont demandés. Retirez-en ${formatInteger(n - MAX_COMPARED)} pour comparer.`;
}

/** The comparison the URL asks for. */
export function decodeComparison(query: string, index: TerritoryIndex): ComparisonState {
  const raw = new URLSearchParams(query).get(PARAM) ?? "";
  const parts = raw.split(",").map((s) => s.trim()).filter((s) => s !== "");
  const territories: Territory[] = [];
  const problems: string[] = [];
  const notes: string[] = [];
  for (const part of parts.slice(0, 20)) {
    const r = index.resolve(part);
    if (!r.ok) {
      problems.push(r.problem);
      continue;
    }
    if (r.note) notes.push(r.note);
    if (territories.some((t) => t.niveau === r.territory.niveau && t.code === r.territory.code)) problems.push(`${r.territory.nom} est demandé deux fois : il n'est montré qu'une fois.`);
    else territories.push(r.territory);
  }
  if (parts.length > 20) problems.push(`L'adresse nomme ${formatInteger(parts.length)} territoires : seuls les 20 premiers sont lus.`);
  const refused = territories.length > MAX_COMPARED;
  if (refused) problems.unshift(tooMany(territories.length));
  return {territories, problems, notes, refused};
}

/** The query string of a comparison: "t=93027,T6". */
export function encodeComparison(territories: readonly Pick<Territory, "key">[]): string {
  return territories.length ? `${PARAM}=${territories.map((t) => encodeURIComponent(t.key).replace(/%3A/gi, ":")).join(",")}` : "";
}

/** Adds a territory to a comparison, or says why not. */
export function addTerritory(current: readonly Territory[], t: Territory): {territories: Territory[]; message: string | null} {
  if (current.some((c) => c.niveau === t.niveau && c.code === t.code)) return {territories: [...current], message: `${t.nom} est déjà dans la comparaison.`};
  if (current.length >= MAX_COMPARED) return {territories: [...current], message: `${t.nom} n'est pas ajouté : une comparaison porte sur ${MAX_COMPARED} territoires au plus. Retirez-en un d'abord.`};
  return {territories: [...current, t], message: null};
}

export interface ComparisonRow {
  /** "niveau", "population", "indice", "rang" or an indicator id */
  id: string;
  label: string;
  unit: string;
  /** one per territory: the text shown, the value in the CSV (number, or the status in words) */
  cells: {text: string; value: number | string | null}[];
}

export interface Comparison {
  columns: {territory: Territory; level: string}[];
  rows: ComparisonRow[];
  /** said under the table when the levels differ: an index or a rank is read within its level */
  mixedLevels: boolean;
}

/** The comparison table: level, population, need index and rank at each territory's level, then every indicator published at one of the levels. */
export function comparison(data: NeedsData, territories: readonly Territory[], facts: (ref: TerritoryRef) => NeedFacts | null = needFacts(data)): Comparison {
  const f = territories.map((t) => facts(t));
  const levels = [...new Set(territories.map((t) => t.niveau))];
  const indicators = data.indicators.filter((d) => territories.some((t) => (d.niveaux ? d.niveaux.includes(t.niveau) : true) && data.niveaux[t.niveau]?.statuts[d.id]?.some((s) => s !== "absent")));
  const rows: ComparisonRow[] = [
    {id: "niveau", label: "Niveau", unit: "", cells: territories.map((t) => ({text: levelName(t.niveau).singular, value: levelName(t.niveau).singular}))},
    {id: "population", label: "Population 2023", unit: "habitants", cells: territories.map((t) => ({text: formatInteger(populationOf(data, t)), value: populationOf(data, t)}))},
    {
      id: "indice",
      label: `${data.indices.regional.label} de besoins sociaux (0 à 1)`,
      unit: "",
      cells: f.map((x) => (x?.score == null ? {text: x ? `non calculé : ${x.standsOn}` : "—", value: null} : {text: formatDecimal(x.score, 3), value: x.score}))
    },
    {id: "rang", label: "Rang parmi les territoires de son niveau", unit: "", cells: f.map((x, j) => ({text: x ? rankPhrase(territories[j].niveau, x) : "—", value: x?.rank ?? null}))},
    ...indicators.map((d) => ({
      id: d.id,
      label: indicatorLabel(d),
      unit: d.unit,
      cells: territories.map((t) => {
        const c = indicatorCell(data, t.niveau, t.code, d);
        return {text: c.note ? `${c.text} (${c.note})` : c.text, value: c.value ?? (c.status ? c.text : null)};
      })
    }))
  ];
  return {columns: territories.map((t) => ({territory: t, level: levelName(t.niveau).singular})), rows, mixedLevels: levels.length > 1};
}

/** The CSV of a comparison: one row per fact, one column per territory (its name and code), values as numbers. */
export function comparisonCsv(c: Comparison): {columns: string[]; rows: Record<string, unknown>[]} {
  const heads = c.columns.map(({territory: t}) => `${t.nom} (${t.key})`);
  return {
    columns: ["indicateur", "unite", ...heads],
    rows: c.rows.map((r) => Object.fromEntries([["indicateur", r.label], ["unite", r.unit], ...r.cells.map((cell, j) => [heads[j], r.id === "rang" ? cell.value : cell.value ?? ""])]))
  };
}

/** The CSV file of a comparison (UTF-8, comma, point decimals), text cells neutralised against formulas. */
export function comparisonCsvText(c: Comparison): string {
  const {columns, rows} = comparisonCsv(c);
  return formatCsv(columns, rows, "utf8", {formulaSafe: true});
}
