// The portrait as a picture, pure: for each indicator, the distribution of all communes (a
// histogram) and where the territory, its département, its couronne and the region stand on it.
// The component (src/components/distribution-strips.ts) draws what this returns; the table beside
// it stays the accessible alternative.
import type {IndicatorDef, NeedsData} from "./needs-model.js";
import {levelName, type TerritoryRef} from "./territories.js";
import {formatIndicator, indicatorCell, nameOf, referencesOf, type References} from "./territory-profile.js";

export const BINS = 24;

export type MarkerKind = "territoire" | "departement" | "couronne" | "region";

export interface Marker {
  kind: MarkerKind;
  /** "La Courneuve", "Seine-Saint-Denis", "Petite couronne", "Île-de-France" */
  name: string;
  value: number;
  text: string;
  /** position on the strip, 0 (left, the domain's minimum) to 1 */
  x: number;
}

export interface Strip {
  id: string;
  label: string;
  /** "plus de besoin à droite" or "à gauche" (the median income: need is low income) */
  needSide: "droite" | "gauche";
  domain: [number, number];
  /** communes per bin, BINS equal bins over the domain */
  bins: number[];
  /** communes with a value */
  n: number;
  markers: Marker[];
  /** why the territory has no value on this indicator, or null */
  missing: string | null;
  /** one sentence that says what the strip shows, for screen readers */
  description: string;
}

/** The indicators drawn: rates and amounts published for communes (a count or a zone d'emploi series is in the table only). */
export function stripIndicators(data: NeedsData): IndicatorDef[] {
  const communes = data.niveaux.commune;
  return data.indicators.filter((d) => d.aggregation !== "somme" && !d.niveaux && communes.valeurs[d.id]?.some((v) => v !== null));
}

/** One strip per indicator for a territory: its value and its references on the distribution of the communes. */
export function distributionStrips(data: NeedsData, ref: TerritoryRef, {bins = BINS, references}: {bins?: number; references?: References} = {}): Strip[] {
  const refs = references ?? referencesOf(data, ref);
  const marked: {kind: MarkerKind; ref: TerritoryRef}[] = [
    {kind: "territoire", ref},
    ...(refs.departement ? [{kind: "departement" as const, ref: refs.departement}] : []),
    ...(refs.couronne ? [{kind: "couronne" as const, ref: refs.couronne}] : []),
    ...(ref.niveau === "region" ? [] : [{kind: "region" as const, ref: refs.region}])
  ];
  return stripIndicators(data).map((d) => {
    const values = data.niveaux.commune.valeurs[d.id].filter((v): v is number => v !== null);
    const cells = marked.map((m) => ({...m, cell: indicatorCell(data, m.ref.niveau, m.ref.code, d)}));
    const present = cells.filter((c) => c.cell.value !== null);
    let lo = Math.min(...values, ...present.map((c) => c.cell.value!));
    let hi = Math.max(...values, ...present.map((c) => c.cell.value!));
    if (hi === lo) [lo, hi] = [lo - 1, hi + 1];
    const x = (v: number) => (v - lo) / (hi - lo);
    const counts = new Array<number>(bins).fill(0);
    for (const v of values) counts[Math.min(bins - 1, Math.floor(x(v) * bins))]++;
    const markers = present.map((c): Marker => ({kind: c.kind, name: nameOf(data, c.ref), value: c.cell.value!, text: formatIndicator(d, c.cell.value!), x: x(c.cell.value!)}));
    const own = cells[0].cell;
    const needSide = d.direction === "besoin_si_faible" ? "gauche" : "droite";
    const where = markers.map((m) => `${m.name} ${m.text}`).join(", ");
    return {
      id: d.id,
      label: d.short,
      needSide,
      domain: [lo, hi],
      bins: counts,
      n: values.length,
      markers,
      missing: own.value === null ? own.text : null,
      description: `${d.short} : de ${formatIndicator(d, lo)} à ${formatIndicator(d, hi)} parmi ${values.length} communes ; ${own.value === null ? `${nameOf(data, ref)} : ${own.text} ; ` : ""}${where}. Le besoin croît vers la ${needSide}.`
    };
  });
}

/** The legend's words for each marker. */
export function markerLabel(kind: MarkerKind, niveau: string): string {
  return kind === "territoire" ? `le territoire (${levelName(niveau).singular})` : kind === "departement" ? "son département" : kind === "couronne" ? "sa couronne" : "Île-de-France";
}
