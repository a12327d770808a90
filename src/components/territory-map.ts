// A map of one level of the pre-projected TopoJSON (src/data/territoires.topojson): path strings
// only, no projection in the browser. Each shape has data-code (and data-niveau when given); a
// <title> and a fill when asked, else the page colours it (map.ts recolor) and titles it on hover
// (map.ts lazyTitles). Text only, never HTML.
import type {GeoJsonProperties, Geometry, MultiLineString} from "geojson";
import {feature, mesh} from "topojson-client";
import type {GeometryCollection, Topology} from "topojson-specification";
import {pathData} from "../lib/paths.js";

const NS = "http://www.w3.org/2000/svg";
// The frame of src/lib/projection.ts (WIDTH × HEIGHT), written out: importing it would bring d3-geo
// to pages that project nothing. test/territory-map.test.ts checks that the two agree.
export const VIEW_BOX = "0 0 960 820";

export interface TerritoryMapOptions {
  label: string;
  fill?: (code: string) => string;
  title?: (code: string) => string;
  /** Written as data-niveau on each shape. */
  niveau?: string;
  width?: number;
}

export function TerritoryMap(topo: Topology, object: string, {fill, title, label, niveau, width}: TerritoryMapOptions): SVGSVGElement {
  const svg = document.createElementNS(NS, "svg");
  svg.setAttribute("class", "choropleth");
  svg.setAttribute("viewBox", VIEW_BOX);
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", label);
  if (width) svg.setAttribute("width", String(width));
  const g = document.createElementNS(NS, "g");
  for (const f of feature(topo, topo.objects[object] as GeometryCollection<GeoJsonProperties>).features) {
    const code = String(f.id);
    const path = document.createElementNS(NS, "path");
    path.setAttribute("d", pathData(f.geometry as Geometry));
    if (fill) path.setAttribute("fill", fill(code));
    path.dataset.code = code;
    if (niveau) path.dataset.niveau = niveau;
    if (title) {
      const t = document.createElementNS(NS, "title");
      t.textContent = title(code);
      path.append(t);
    }
    g.append(path);
  }
  const borders = document.createElementNS(NS, "path");
  borders.setAttribute("class", "borders");
  borders.setAttribute("d", pathData(mesh(topo, topo.objects.departements as GeometryCollection, (a, b) => a !== b) as MultiLineString));
  svg.append(g, borders);
  return svg;
}

// The maps of one figure, one per scale: the commune map drawn at build time, the others drawn on
// first use and kept (hidden), so switching back and forth redraws nothing.
const figureMaps = new WeakMap<HTMLElement, Map<string, SVGSVGElement>>();

/**
 * Shows the map of `niveau` in the figure (the first svg.choropleth is the commune map drawn at
 * build time; `topo` is needed for any other scale) and sets the figure's caption.
 */
export function showLevelMap(figure: HTMLElement, niveau: string, {topo, object, label, caption}: {topo: Topology | null; object?: string; label: string; caption: string}): SVGSVGElement {
  const communeMap = figure.querySelector<SVGSVGElement>("svg.choropleth");
  if (!communeMap) throw new Error("showLevelMap: the figure has no commune map");
  if (!figureMaps.has(figure)) figureMaps.set(figure, new Map([["commune", communeMap]]));
  const maps = figureMaps.get(figure)!;
  if (!maps.has(niveau)) {
    if (!topo || !object) throw new Error(`showLevelMap: the ${niveau} map needs the territories' topology`);
    const svg = TerritoryMap(topo, object, {label, niveau});
    maps.get([...maps.keys()].at(-1)!)!.after(svg);
    maps.set(niveau, svg);
  }
  const shown = maps.get(niveau)!;
  for (const svg of maps.values()) svg.style.display = svg === shown ? "" : "none";
  const figcaption = figure.querySelector("figcaption");
  if (figcaption) figcaption.textContent = caption;
  return shown;
}
