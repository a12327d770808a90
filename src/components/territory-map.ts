// A map of one level of the pre-projected TopoJSON (src/data/territoires.topojson): path strings
// only, no projection in the browser. Each shape has data-code and a <title> (text only).
import type {GeoJsonProperties, Geometry, MultiLineString} from "geojson";
import {feature, mesh} from "topojson-client";
import type {GeometryCollection, Topology} from "topojson-specification";
import {pathData} from "../lib/paths.js";

const NS = "http://www.w3.org/2000/svg";

export function TerritoryMap(topo: Topology, object: string, {fill, title, label, width}: {fill: (code: string) => string; title: (code: string) => string; label: string; width?: number}): SVGSVGElement {
  const svg = document.createElementNS(NS, "svg");
  svg.setAttribute("class", "choropleth");
  svg.setAttribute("viewBox", "0 0 960 820");
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", label);
  if (width) svg.setAttribute("width", String(width));
  const g = document.createElementNS(NS, "g");
  for (const f of feature(topo, topo.objects[object] as GeometryCollection<GeoJsonProperties>).features) {
    const code = String(f.id);
    const path = document.createElementNS(NS, "path");
    path.setAttribute("d", pathData(f.geometry as Geometry));
    path.setAttribute("fill", fill(code));
    path.dataset.code = code;
    const t = document.createElementNS(NS, "title");
    t.textContent = title(code);
    path.append(t);
    g.append(path);
  }
  const borders = document.createElementNS(NS, "path");
  borders.setAttribute("class", "borders");
  borders.setAttribute("d", pathData(mesh(topo, topo.objects.departements as GeometryCollection, (a, b) => a !== b) as MultiLineString));
  svg.append(g, borders);
  return svg;
}
