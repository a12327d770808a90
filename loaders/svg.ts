// Maps drawn at build time: an SVG string from pre-projected features, embedded in the page so the
// map paints with the HTML, before any JavaScript runs. Data goes into attributes, escaped: a name
// is always text, never markup.
import type {FeatureCollection, Geometry, MultiLineString} from "geojson";
import {pathData} from "../src/lib/paths.js";

export {pathData};

const ESCAPES: Record<string, string> = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"};
export const escapeXml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);

export interface SvgMapOptions<P> {
  frame: [number, number];
  label: string;
  fill: (properties: P) => string;
  /** data-* attributes of each shape (name → value), for the page's scripts and tests. */
  data: (properties: P, id: string) => Record<string, string | number | null>;
  borders?: MultiLineString;
}

export function renderSvgMap<P>(features: FeatureCollection<Geometry, P>, options: SvgMapOptions<P>): string {
  const {frame: [w, h], label, fill, data, borders} = options;
  const shapes = features.features.map((f) => {
    const attributes = Object.entries(data(f.properties, String(f.id)))
      .filter(([, v]) => v !== null && v !== undefined)
      .map(([k, v]) => ` data-${k}="${escapeXml(String(v))}"`)
      .join("");
    return `<path d="${pathData(f.geometry)}" fill="${escapeXml(fill(f.properties))}"${attributes}></path>`;
  });
  const mesh = borders ? `<path class="borders" d="${pathData(borders)}"></path>` : "";
  return `<svg class="choropleth" viewBox="0 0 ${w} ${h}" role="img" aria-label="${escapeXml(label)}"><g>${shapes.join("")}</g>${mesh}</svg>`;
}
