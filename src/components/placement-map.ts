// The Implantation map: communes coloured by their unmet-need gap, the sites of the families read in
// the gap as small dots (colour by family), the recorded structures the optimiser counts as larger
// dots (colour by type, name on hover) and the proposed sites, numbered, with the radius they cover.
// Text only, never HTML.
import type {Topology} from "topojson-specification";
import {idfProjection} from "../lib/projection.js";
import {GAP} from "../model/placement-view.js";
import type {PlacementInputs} from "../model/placement-view.js";
import {TerritoryMap} from "./territory-map.js";

const NS = "http://www.w3.org/2000/svg";

function element(name: string, attributes: Record<string, string | number>, title?: string): SVGElement {
  const e = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attributes)) e.setAttribute(k, String(v));
  if (title !== undefined) {
    const t = document.createElementNS(NS, "title");
    t.textContent = title;
    e.append(t);
  }
  return e;
}

export interface PlacementMapOptions {
  gap: Map<string, number>;
  inputs: PlacementInputs;
  picks: readonly {code: string}[];
  /** Sites of the families read in the gap (drawn small, under the structures). */
  familySites?: readonly {lon: number; lat: number; nom: string; famille: string; mobile?: boolean}[];
  familyColors?: Map<string, string>;
  familyLabels?: Map<string, string>;
  radiusKm: number;
  name: (code: string) => string;
  typeColors: Map<string, string>;
  typeLabels: Map<string, string>;
  label: string;
}

export function PlacementMap(topo: Topology, {gap, inputs, picks, familySites = [], familyColors = new Map(), familyLabels = new Map(), radiusKm, name, typeColors, typeLabels, label}: PlacementMapOptions): SVGSVGElement {
  const projection = idfProjection();
  // pixels per km, north–south at the region's latitude (the projection is conformal)
  const kmPx = Math.abs(projection([2.5, 48.7])![1] - projection([2.5, 48.7 + 1 / 111.2])![1]);
  const gapOf = (code: string) => GAP[gap.get(code) ?? 4];
  const svg = TerritoryMap(topo, "communes", {fill: (code) => gapOf(code).color, title: (code) => `${name(code)} (${code}) — ${gapOf(code).label}`, label});
  const layer = document.createElementNS(NS, "g");
  for (const s of familySites) {
    const [x, y] = projection([s.lon, s.lat])!;
    const what = `${familyLabels.get(s.famille) ?? s.famille}${s.mobile ? ", itinérant (base)" : ""}`;
    layer.append(element("circle", {cx: x, cy: y, r: 1.8, fill: familyColors.get(s.famille) ?? "#555555", class: "family-site"}, `${s.nom} — ${what}`));
  }
  for (const s of inputs.structuresCounted) {
    const centroid = s.code_commune ? inputs.centroids.get(s.code_commune) : undefined;
    const lonlat: [number, number] | null = s.latitude !== null && s.longitude !== null ? [s.longitude, s.latitude] : centroid ? [centroid.lon, centroid.lat] : null;
    if (!lonlat) continue;
    const [x, y] = projection(lonlat)!;
    layer.append(element("circle", {cx: x, cy: y, r: 3.5, fill: typeColors.get(s.type) ?? "#999999", stroke: "#fff", "stroke-width": 0.8, class: "structure"}, `${s.nom} — ${typeLabels.get(s.type) ?? s.type}`));
  }
  picks.forEach((p, i) => {
    const c = inputs.centroids.get(p.code);
    if (!c) return;
    const [x, y] = projection([c.lon, c.lat])!;
    layer.prepend(element("circle", {cx: x, cy: y, r: radiusKm * kmPx, class: "coverage"}));
    const mark = element("g", {class: "site"}, `Site proposé n° ${i + 1} : ${name(p.code)}`);
    (mark as SVGGElement).dataset.site = p.code;
    const number = element("text", {x, y, dy: "0.35em", "text-anchor": "middle"});
    number.textContent = String(i + 1);
    mark.prepend(element("circle", {cx: x, cy: y, r: 9}), number);
    layer.append(mark);
  });
  svg.append(layer);
  return svg;
}
