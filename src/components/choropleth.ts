// A map drawn from pre-projected TopoJSON (see loaders/geo.ts): no projection in the browser,
// only path strings. Every shape carries data-code and a <title> (read by screen readers and
// shown on hover); the table next to it is the full accessible alternative.
import {geoPath} from "d3-geo";
import type {Feature, FeatureCollection, GeoJsonProperties, Geometry, MultiLineString} from "geojson";

export interface ChoroplethOptions<P extends GeoJsonProperties> {
  width?: number;
  /** The viewBox of the pre-projected frame. */
  frame: [number, number];
  fill: (feature: Feature<Geometry, P>) => string;
  title: (feature: Feature<Geometry, P>) => string;
  /** Borders drawn on top (e.g. départements), already a mesh. */
  borders?: MultiLineString;
  label: string;
}

const SVG = "http://www.w3.org/2000/svg";

export function Choropleth<P extends GeoJsonProperties>(features: FeatureCollection<Geometry, P>, options: ChoroplethOptions<P>): SVGSVGElement {
  const {frame: [w, h], fill, title, borders, label, width} = options;
  const path = geoPath();
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", `0 0 ${w} ${h}`);
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", label);
  svg.setAttribute("class", "choropleth");
  if (width) svg.setAttribute("width", String(width));
  const group = document.createElementNS(SVG, "g");
  for (const feature of features.features) {
    const shape = document.createElementNS(SVG, "path");
    shape.setAttribute("d", path(feature) ?? "");
    shape.setAttribute("fill", fill(feature));
    shape.setAttribute("data-code", String(feature.id));
    const tooltip = document.createElementNS(SVG, "title");
    tooltip.textContent = title(feature); // text, never HTML
    shape.append(tooltip);
    group.append(shape);
  }
  svg.append(group);
  if (borders) {
    const mesh = document.createElementNS(SVG, "path");
    mesh.setAttribute("d", path(borders) ?? "");
    mesh.setAttribute("class", "borders");
    svg.append(mesh);
  }
  return svg;
}

/** Recolours an existing map without rebuilding its paths (cheap on 1,266 shapes). */
export function recolor<P extends GeoJsonProperties>(svg: SVGSVGElement, features: FeatureCollection<Geometry, P>, fill: (feature: Feature<Geometry, P>) => string, title: (feature: Feature<Geometry, P>) => string): void {
  const shapes = svg.querySelectorAll<SVGPathElement>("path[data-code]");
  features.features.forEach((feature, i) => {
    shapes[i].setAttribute("fill", fill(feature));
    shapes[i].querySelector("title")!.textContent = title(feature);
  });
}
