// The need map drawn at build time — communes coloured by the region-wide index with the default
// weights, Paris by its 20 arrondissements (ODbL layer) — shared by the Besoins page and the home
// page, so both first paint the very map the Besoins page computes (src/model/needs-view.ts).
import type {DuckDBConnection} from "@duckdb/node-api";
import type {Feature, Geometry} from "geojson";
import {feature, mesh} from "topojson-client";
import type {GeometryCollection} from "topojson-specification";
import {HEIGHT, projectedTopology, WIDTH} from "./geo.js";
import {arrondissementFeatures, communeFeatures, levelGroups} from "./maps.js";
import {escapeXml, renderSvgMap} from "./svg.js";
import {defaultWeights, type NeedsData} from "../src/model/needs-model.js";
import {pageMeasures, type PageMeasures} from "../src/model/needs-regional.js";
import {needsView, type NeedsView} from "../src/model/needs-view.js";

export const isArrondissement = (code: string) => /^751(0[1-9]|1\d|20)$/.test(code);

export interface NeedMap {
  svg: string;
  view: NeedsView;
  measures: PageMeasures;
}

/** The commune need map (default state of /besoins) as an SVG string; `data` adds data-* attributes to each shape. */
export async function needMap(db: DuckDBConnection, data: NeedsData, {label, attributes = () => ({})}: {label: string; attributes?: (code: string, view: NeedsView) => Record<string, string | number | null>}): Promise<NeedMap> {
  const weights = defaultWeights(data);
  const measures = pageMeasures(data, "commune", "indice", weights);
  // The page's own view model with the default state: the map drawn here is the one the page paints.
  const view = needsView({data, niveau: "commune", indicateur: "indice", classes: "quantiles", index: measures.shown, arrondissementScores: measures.arrondissements?.score ?? null, weights});
  const topo = projectedTopology(await communeFeatures(db, []), await levelGroups(db));
  const arr = projectedTopology(await arrondissementFeatures(db), [], {minWeight: 0.05});
  type P = {code: string};
  const shapes: Feature<Geometry, P>[] = [
    // Paris is drawn by its 20 arrondissements, never as well as a whole: one shape per place.
    ...feature(topo, topo.objects.communes as GeometryCollection<P>).features.filter((f) => f.id !== "75056"),
    ...feature(arr, arr.objects.communes as GeometryCollection<P>).features
  ];
  const svg = renderSvgMap({type: "FeatureCollection", features: shapes}, {
    frame: [WIDTH, HEIGHT],
    label,
    fill: (p) => view.fill(p.code),
    data: (p, id) => ({code: id, niveau: isArrondissement(id) ? "arrondissement" : "commune", ...attributes(id, view)}),
    borders: mesh(topo, topo.objects.departements as GeometryCollection, (a, b) => a !== b)
  });
  return {svg, view, measures};
}

/** The map's legend as static HTML, the markup of src/components/legend.ts: it reads with scripts off. */
export function legendHtml(items: {label: string; color: string}[], title: string): string {
  const entries = items.map((i) => `<li><span class="swatch" style="background:${escapeXml(i.color)}"></span>${escapeXml(i.label)}</li>`).join("");
  return `<figure class="legend"><figcaption>${escapeXml(title)}</figcaption><ul>${entries}</ul></figure>`;
}
