// SVG path data for pre-projected geometry, shared by the build (loaders/svg.ts) and the pages.
import type {Geometry, MultiLineString, Position} from "geojson";

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
