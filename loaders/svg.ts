// Maps drawn at build time: an SVG string from pre-projected features, embedded in the page so the
// map paints with the HTML, before any JavaScript runs. Data goes into attributes, escaped: a name
// is always text, never markup.
import type {FeatureCollection, Geometry, MultiLineString, Position} from "geojson";

const ESCAPES: Record<string, string> = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"};
export const escapeXml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);

/**
 * SVG path data with relative moves ("m", then "l" with implicit repeats): about a third smaller
 * than absolute coordinates, and the page's first paint is bound by its HTML size. Deltas are taken
 * between rounded points, so rounding never accumulates.
 */
export function pathData(geometry: Geometry | MultiLineString, digits = 1): string {
  const k = 10 ** digits;
  const round = (v: number) => Math.round(v * k);
  const fmt = (v: number) => String(v / k);
  const line = (points: Position[], close: boolean) => {
    let [px, py] = [round(points[0][0]), round(points[0][1])];
    let d = `M${fmt(px)},${fmt(py)}`;
    const steps: string[] = [];
    for (const [x, y] of points.slice(1, close ? -1 : undefined)) {
      const [rx, ry] = [round(x), round(y)];
      if (rx === px && ry === py) continue;
      steps.push(`${fmt(rx - px)},${fmt(ry - py)}`);
      [px, py] = [rx, ry];
    }
    if (steps.length) d += `l${steps.join(" ")}`;
    return close ? `${d}z` : d;
  };
  switch (geometry.type) {
    case "Polygon":
      return geometry.coordinates.map((ring) => line(ring, true)).join("");
    case "MultiPolygon":
      return geometry.coordinates.flatMap((polygon) => polygon.map((ring) => line(ring, true))).join("");
    case "MultiLineString":
      return geometry.coordinates.map((points) => line(points, false)).join("");
    case "LineString":
      return line(geometry.coordinates, false);
    default:
      throw new Error(`pathData: unsupported geometry ${geometry.type}`);
  }
}

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
