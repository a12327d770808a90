// What the Besoins page shows for a scale, a map choice and the weights, pure: each territory's
// value, status, colour and tooltip, the legend, the coverage sentence and the table rows. The page
// loads the data, calls the model and paints what this returns (src/besoins.md.template).
import {formatDecimal, formatInteger, formatPercent, plural} from "../lib/format.js";
import {NEED, NO_DATA} from "../lib/palettes.js";
import {normalizeAll, type IndexResult, type Weights} from "./needs-index.js";
import {classOfBreaks, mapClasses, NIVEAUX, quintileBreaks, STATUTS, type IndicatorDef, type LevelIndex, type NeedsData} from "./needs-model.js";
import {explainMeasure, inputFor, kindOf, unitsOf} from "./needs-regional.js";
import {mergedPlaces, type Place} from "./search.js";

/** "Taux de pauvreté (Filosofi 2021)"; a label that already names its vintage does not repeat it. */
export function indicatorLabel(indicator: Pick<IndicatorDef, "label" | "vintage">): string {
  return indicator.label.includes(indicator.vintage) ? indicator.label : `${indicator.label} (${indicator.vintage})`;
}

/** The choices of the "Carte de" menu: the two measures, the stability of the region-wide one, then each indicator. */
export function mapChoices(data: Pick<NeedsData, "indicators">): [string, string][] {
  return [
    ["Indice régional de besoins (toutes les communes)", "indice"],
    ["Indice détaillé (là où Filosofi est publié en entier)", "indice_detaille"],
    ["Stabilité du classement (indice régional)", "stabilite"],
    ...data.indicators.map((i): [string, string] => [indicatorLabel(i), i.id])
  ];
}

/** The objects of src/data/territoires.topojson drawn for each scale above the commune. */
export const TOPOLOGY_OBJECTS: Record<string, string> = {ept: "ept", epci: "epci", zone_emploi: "zones_emploi", bassin: "bassins", departement: "departements", couronne: "couronnes"};

export function levelLabel(niveau: string): string {
  return NIVEAUX.find((n) => n.id === niveau)?.label ?? niveau;
}

export function mapLabel(niveau: string): string {
  return niveau === "commune"
    ? "Carte des besoins sociaux des communes d'Île-de-France, Paris par arrondissement. Le tableau de la page donne les mêmes données."
    : `Carte des besoins sociaux par ${levelLabel(niveau).toLowerCase()}. Le tableau de la page donne les mêmes données.`;
}

export function mapCaption(niveau: string): string {
  return niveau === "commune"
    ? "Paris est représentée par ses 20 arrondissements (contours © Ville de Paris, ODbL) mais compte pour une seule commune dans les rangs et les totaux. Cliquez une commune pour son portrait."
    : "Cliquez un territoire pour son portrait ; limites départementales en trait épais.";
}

export interface NeedsViewInput {
  data: NeedsData;
  niveau: string;
  /** "indice" (region-wide measure), "indice_detaille", "stabilite" or an indicator id. */
  indicateur: string;
  classes: "quantiles" | "intervalles";
  /** The measure shown: the detailed index for "indice_detaille", the region-wide one otherwise. */
  index: LevelIndex;
  /** The Paris arrondissements' index (commune scale only). */
  arrondissementScores: Float64Array | null;
  /** Share of the weight draws in which each territory is in the top need quintile ("stabilite"). */
  shares?: Float64Array | null;
  /** With the weights, tooltips, table and legend say what each value stands on and why a territory is grey. */
  weights?: Weights;
  /** The other measure, shown beside in the table. */
  other?: LevelIndex | null;
  /** The arrondissements' full result (indicators behind each value). */
  arrondissementResult?: IndexResult | null;
}

export interface TableRow {
  code: string;
  nom: string;
  valeur: number | null;
  statut: string;
  rang: number | null;
  quintile: number | null;
  stabilite: number | null;
  population: number | null;
  /** composite maps only: "3 / 3" indicators behind the value, the share of the weight, the other measure */
  indicateurs?: string | null;
  poids?: number | null;
  autre?: number | null;
}

export interface NeedsView {
  title: string;
  legend: {label: string; color: string}[];
  coverage: string;
  /** The shown value of a territory (a commune, or a Paris arrondissement at the commune scale); NaN if none. */
  valueOf(code: string): number;
  /** Why there is no value (secret statistique…), or null. */
  statusOf(code: string): string | null;
  fill(code: string): string;
  tooltip(code: string): string;
  /** Whether the code is a territory of this view (the arrondissements count at the commune scale). */
  has(code: string): boolean;
  /** The table's column headers (the value column is named after the map), and the columns shown. */
  header: Record<keyof TableRow, string>;
  columns: (keyof TableRow)[];
  formatValue(value: number | null): string;
  rows(stability: {topQuintileShare: Float64Array}): TableRow[];
}

const INDEX_LABELS = ["Quintile 1 : besoins les plus faibles", "Quintile 2", "Quintile 3", "Quintile 4", "Quintile 5 : besoins les plus élevés"];
const STABILITY_LABELS = ["moins de 20 % des scénarios", "20 à 40 %", "40 à 60 %", "60 à 80 %", "80 % des scénarios et plus"];

export function needsView({data, niveau, indicateur, classes, index, arrondissementScores, shares = null, weights, other = null, arrondissementResult = null}: NeedsViewInput): NeedsView {
  const level = data.niveaux[niveau];
  const arrondissements = data.niveaux.arrondissement;
  // Maps, never objects: the codes may come from the URL.
  const position = new Map(level.codes.map((c, i) => [c, i]));
  const arrPosition = niveau === "commune" && arrondissements ? new Map(arrondissements.codes.map((c, i) => [c, i])) : new Map<string, number>();
  const definition = data.indicators.find((i) => i.id === indicateur);
  const isIndex = indicateur === "indice" || indicateur === "indice_detaille";
  const composite = isIndex || indicateur === "stabilite";
  if (!composite && !definition) throw new Error(`unknown indicator ${indicateur}`);
  const kind = kindOf(indicateur);
  // an indicator's own precision (a count has none), one decimal otherwise
  const digits = definition?.aggregation === "somme" ? 0 : 1;
  const explain = composite && weights ? explainMeasure(data, kind, index, weights, unitsOf(niveau)) : null;
  const measureName = data.indices?.[kind]?.label ?? "Indice de besoins sociaux";
  if (indicateur === "stabilite" && !shares) throw new Error("the stability map needs the stability shares");

  const valueOf = (code: string): number => {
    const i = position.get(code);
    const a = arrPosition.get(code);
    if (isIndex) return i !== undefined ? index.result.score[i] : a !== undefined ? arrondissementScores?.[a] ?? NaN : NaN;
    if (indicateur === "stabilite") return i !== undefined ? shares![i] : NaN;
    const v = i !== undefined ? level.valeurs[indicateur][i] : a !== undefined ? arrondissements.valeurs[indicateur][a] : null;
    return v ?? NaN;
  };
  const statusOf = (code: string): string | null => {
    const i = position.get(code);
    const a = arrPosition.get(code);
    if (composite) {
      if (!Number.isNaN(valueOf(code))) return null;
      const reason = !explain || indicateur === "stabilite" ? null : i !== undefined ? explain.reasonOf(index.result, i) : a !== undefined && arrondissementResult ? explain.reasonOf(arrondissementResult, a) : null;
      return reason ? `indice non calculé : ${reason}` : "indice non calculé";
    }
    const s = i !== undefined ? level.statuts[indicateur][i] : a !== undefined ? arrondissements.statuts[indicateur][a] : null;
    return s ? (Object.hasOwn(STATUTS, s) ? STATUTS[s] : s) : null;
  };

  let classOf: (v: number) => number | null;
  let labels: string[];
  if (isIndex) {
    const breaks = quintileBreaks(index.result);
    classOf = (v) => classOfBreaks(breaks, v);
    labels = INDEX_LABELS;
  } else if (indicateur === "stabilite") {
    classOf = (v) => classOfBreaks([0.2, 0.4, 0.6, 0.8], v);
    labels = STABILITY_LABELS;
  } else if (definition!.aggregation === "somme") {
    // a count (poverty pockets): mostly 0, so quantiles would be empty; fixed classes instead
    const breaks = [1, 2, 5, 10];
    classOf = (v) => classOfBreaks(breaks, v);
    labels = ["0", "1", "2 à 4", "5 à 9", "10 et plus"].map((l) => `${l} ${definition!.unit}`);
  } else {
    const c = mapClasses(level.valeurs[indicateur], classes, definition!.unit);
    // Dark always means more need: a "besoin si faible" indicator (the median income) is reversed.
    const reversed = definition!.direction === "besoin_si_faible";
    classOf = (v) => {
      const k = c.classOf(v);
      return k === null ? null : reversed ? 4 - k : k;
    };
    labels = reversed ? [...c.labels].reverse() : c.labels;
  }
  const fill = (code: string) => {
    const k = classOf(valueOf(code));
    return k === null ? NO_DATA : NEED[k];
  };

  const unitWord = niveau === "commune" ? ["commune", "communes"] : ["territoire", "territoires"];
  // How much of the level has a value: says, per view, that missing values are not estimated.
  const coverage = () => {
    const valid = level.codes.filter((c) => !Number.isNaN(valueOf(c))).length;
    const popTotal = level.population.reduce<number>((a, b) => a + (b ?? 0), 0);
    const popValid = level.codes.reduce((a, c, i) => a + (Number.isNaN(valueOf(c)) ? 0 : level.population[i] ?? 0), 0);
    const missing = level.codes.length - valid;
    // how many values stand on fewer indicators than the measure has (the minimum-coverage rule at work)
    const r = index.result;
    let partial = 0;
    if (composite) for (let i = 0; i < level.codes.length; i++) if (!Number.isNaN(r.score[i]) && r.present[i] < r.effective) partial++;
    return (
      `${composite ? `${measureName} calculé` : "Valeur disponible"} pour ${formatInteger(valid)} ${unitWord[valid > 1 ? 1 : 0]} sur ${formatInteger(level.codes.length)}, soit ${formatPercent(popTotal ? popValid / popTotal : NaN)} de la population.` +
      (partial > 0 ? ` ${plural(partial, unitWord[0], unitWord[1])} n'${partial > 1 ? "ont" : "a"} pas tous les indicateurs : sa valeur repose sur ceux qui sont publiés (voir l'info-bulle et le tableau).`.replace("sa valeur", partial > 1 ? "leur valeur" : "sa valeur") : "") +
      (niveau === "commune" && missing > 0 ? ` ${plural(missing, "commune")} sans valeur : aucune n'est estimée.` : "")
    );
  };

  const title = isIndex
    ? `${measureName} de besoins sociaux (quintiles des ${unitWord[1]})`
    : indicateur === "stabilite"
      ? `Part des scénarios de poids où le territoire est dans le quintile le plus en besoin (${measureName.toLowerCase()})`
      : `${definition!.label}, ${definition!.vintage} (${definition!.unit})`;
  // The grey class says why: the measure's rule and how many territories each reason greys, or the statuses of the indicator.
  const greyLabel = () => {
    if (composite) return explain ? explain.legendLabel(index.result) : "Indice non calculé : trop d'indicateurs sous secret statistique";
    const counts = new Map<string, number>();
    level.statuts[indicateur].forEach((st, i) => {
      if (level.valeurs[indicateur][i] === null) counts.set(st ?? "vide", (counts.get(st ?? "vide") ?? 0) + 1);
    });
    const parts = [...counts].sort((x, y) => y[1] - x[1]).map(([st, n]) => `${Object.hasOwn(STATUTS, st) ? STATUTS[st] : st} (${formatInteger(n)})`);
    return parts.length ? `Sans valeur : ${parts.join(" ; ")}` : "Sans valeur : aucun territoire à cette échelle";
  };
  const legend = [...labels.map((label, k) => ({label, color: NEED[k]})), {label: greyLabel(), color: NO_DATA}];

  const nameOf = (code: string) => {
    const i = position.get(code);
    const a = arrPosition.get(code);
    return i !== undefined ? level.noms[i] : a !== undefined ? arrondissements.noms[a] : code;
  };
  /** What a composite value stands on: "3 indicateurs sur 3, 100 % du poids". */
  const standsOn = (code: string): string | null => {
    if (!explain) return null;
    const i = position.get(code);
    const a = arrPosition.get(code);
    return i !== undefined ? explain.coverageOf(index.result, i) : a !== undefined && arrondissementResult ? explain.coverageOf(arrondissementResult, a) : null;
  };
  const tooltip = (code: string) => {
    const v = valueOf(code);
    const on = isIndex ? standsOn(code) : null;
    const text =
      statusOf(code) ??
      (isIndex ? `indice ${formatDecimal(v, 2)}${on ? ` (${on})` : ""}` : indicateur === "stabilite" ? `quintile le plus en besoin dans ${formatPercent(v)} des scénarios` : `${formatDecimal(v, digits)} ${definition!.unit}`);
    return `${nameOf(code)} (${code}) — ${text}`;
  };

  const formatValue = (v: number | null) => (v === null ? "—" : indicateur === "stabilite" ? formatPercent(v) : formatDecimal(v, isIndex ? 3 : digits));
  const r = index.result;
  const rows = (stability: {topQuintileShare: Float64Array}): TableRow[] =>
    level.codes.map((code, i) => {
      const v = valueOf(code);
      const s = stability.topQuintileShare[i];
      const o = other ? other.result.score[i] : NaN;
      return {
        code,
        nom: level.noms[i],
        valeur: Number.isNaN(v) ? null : v,
        statut: statusOf(code) ?? "",
        rang: r.rank[i] || null,
        quintile: r.quintile[i] || null,
        stabilite: Number.isNaN(s) ? null : s,
        population: level.population[i],
        ...(isIndex ? {indicateurs: `${r.present[i]} / ${r.effective}`, poids: r.available[i], autre: Number.isNaN(o) ? null : o} : {})
      };
    });
  const otherName = data.indices?.[kind === "regional" ? "detaille" : "regional"]?.label ?? "Autre indice";

  return {
    title,
    legend,
    // computed on first read, after the repaint (the page measures the repaint alone)
    get coverage() {
      return coverage();
    },
    valueOf,
    statusOf,
    fill,
    tooltip,
    has: (code) => position.has(code) || arrPosition.has(code),
    header: {
      code: "Code",
      nom: "Territoire",
      valeur: isIndex ? measureName : indicateur === "stabilite" ? "Stabilité" : definition!.short,
      statut: "Statut",
      rang: `Rang (${measureName.toLowerCase()})`,
      quintile: "Quintile",
      stabilite: "Quintile le plus en besoin (part des scénarios)",
      population: "Population 2023",
      indicateurs: "Indicateurs publiés / pondérés",
      poids: "Part du poids publiée",
      autre: otherName
    },
    columns: ["code", "nom", "valeur", "statut", ...(isIndex ? (["indicateurs", "poids", ...(other ? ["autre" as const] : [])] as const) : []), "rang", "quintile", "stabilite", "population"],
    formatValue,
    rows
  };
}

/** The level of the portrait of `selection`: the shown scale, or "arrondissement" for a Paris arrondissement. */
export function portraitLevel(data: NeedsData, niveau: string, selection: string | null): string | null {
  if (!selection) return null;
  if (data.niveaux[niveau].codes.includes(selection)) return niveau;
  return niveau === "commune" && data.niveaux.arrondissement?.codes.includes(selection) ? "arrondissement" : null;
}

/** The localised unemployment series of a zone d'emploi, or null (a selection from the URL is any text). */
export function unemploymentSeries(data: Pick<NeedsData, "chomageZe">, niveau: string, selection: string | null): [string, number][] | null {
  if (niveau !== "zone_emploi" || !selection || !Object.hasOwn(data.chomageZe, selection)) return null;
  const series = data.chomageZe[selection];
  return Array.isArray(series) ? series : null;
}

/** The IRIS rows shown under a commune's portrait (Paris's for an arrondissement), or null. */
export type IrisRow = [code: string, geo: string, taux: number | null, tauxStatut: string | null, mediane: number | null, medianeStatut: string | null];
export function irisOf(iris: {communes: Record<string, IrisRow[]>}, data: NeedsData, niveau: string, selection: string | null): IrisRow[] | null {
  if (niveau !== "commune" || !selection) return null;
  const code = data.niveaux.commune.codes.includes(selection) ? selection : data.niveaux.arrondissement?.codes.includes(selection) ? "75056" : null;
  return code && Object.hasOwn(iris.communes, code) ? iris.communes[code] : null;
}

/** The IRIS table's rows, statuses spelled out. */
export function irisRows(rows: IrisRow[]) {
  const status = (s: string | null) => (s && Object.hasOwn(STATUTS, s) ? STATUTS[s] : "non publié");
  return rows.map(([code, geo, taux, tauxStatut, mediane, medianeStatut]) => ({code, geo, taux: taux ?? status(tauxStatut), mediane: mediane ?? status(medianeStatut)}));
}

const listFr = (items: string[]) => (items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} et ${items.at(-1)}`);

/**
 * The portrait's note on a commune that absorbed others (from the build's list of mergers): which,
 * when, and what that does to its values — recombined from counts, or not recombinable.
 * "Saint-Denis a absorbé Pierrefitte-sur-Seine en 2025 : Pauvreté et Chômage (recensement) recombinés…".
 */
export function mergerNote(data: NeedsData, code: string): string | null {
  const absorbed = (data.fusions ?? []).filter((f) => f.vers === code && f.nom !== null);
  const level = data.niveaux.commune;
  const i = level.codes.indexOf(code);
  if (!absorbed.length || i < 0) return null;
  const years = [...new Set(absorbed.map((f) => f.annee))];
  const when = years.length === 1 && years[0] !== null ? ` en ${years[0]}` : "";
  const recombined = data.indicators.filter((d) => level.methodes[d.id]?.[i] === "recombinee").map((d) => d.short);
  const merged = data.indicators.filter((d) => level.statuts[d.id]?.[i] === "fusion").map((d) => d.short);
  const effects = [
    recombined.length ? `${listFr(recombined)} : ${recombined.length > 1 ? "recombinés" : "recombiné"} à partir des effectifs des communes réunies` : null,
    merged.length ? `${listFr(merged)} : non ${merged.length > 1 ? "recombinables, indisponibles" : "recombinable, indisponible"}` : null
  ].filter((x): x is string => x !== null);
  return `${level.noms[i]} a absorbé ${listFr(absorbed.map((f) => f.nom!))}${when}${effects.length ? ` (${effects.join(" ; ")})` : ""}.`;
}

/** The places the commune search offers: communes, Paris arrondissements, and merged communes leading to the commune they joined. */
export function searchablePlaces(data: NeedsData): Place[] {
  const communes = data.niveaux.commune;
  const arrondissements = data.niveaux.arrondissement;
  return [
    ...communes.codes.map((code, i): Place => ({code, nom: communes.noms[i], departement: communes.departement?.[i] ?? code.slice(0, 2), kind: "commune"})),
    ...(arrondissements?.codes ?? []).map((code, i): Place => ({code, nom: arrondissements.noms[i], departement: "75", kind: "arrondissement", parent: "75056"})),
    ...mergedPlaces(data.fusions ?? [])
  ];
}

/**
 * The normalised indicator values of each scale, computed once: they do not depend on the weights,
 * so a weight change recomputes only the weighted sums (npm run bench: recompute ≤ 16 ms).
 */
export function normalizedByLevel(data: NeedsData): (niveau: string) => Record<string, Float64Array> {
  const cache = new Map<string, Record<string, Float64Array>>();
  return (niveau) => {
    // every indexable indicator: both measures take their columns from it
    if (!cache.has(niveau)) cache.set(niveau, normalizeAll(inputFor(data, niveau, "detaille")));
    return cache.get(niveau)!;
  };
}
