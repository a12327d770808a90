// Planar geometry in the atlas's projected frame: centroids of (multi)polygons and "which polygon
// contains this point". The pack's polygons follow RFC 7946 (exterior rings counter-clockwise),
// which d3's spherical functions (geoCentroid, geoContains) read as the rest of the globe; in the
// projected plane ring order does not matter, so everything is done there.
import {geoPath, type GeoProjection} from "d3-geo";
import {polygonContains} from "d3-polygon";
import type {MultiPolygon, Polygon} from "geojson";

type Polygons = Polygon | MultiPolygon;
type Ring = [number, number][];

function projectRings(geometry: Polygons, projection: GeoProjection): Ring[][] {
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  return polygons.map((rings) => rings.map((ring) => ring.map((p) => projection([p[0], p[1]])!)));
}

/** Area-weighted centroid taken in the projected plane, returned in lon/lat. */
export function planarCentroid(geometry: Polygons, projection: GeoProjection): [number, number] {
  const projected = projectRings(geometry, projection);
  const centroid = geoPath().centroid({type: "MultiPolygon", coordinates: projected});
  return projection.invert!(centroid) as [number, number];
}

interface Indexed<K> {
  key: K;
  polygons: Ring[][];
  box: [number, number, number, number];
}

/**
 * A point-in-polygon locator over a set of features: `locate([lon, lat])` returns the key of the
 * first feature (in the order given) whose polygon contains the point — inside an exterior ring
 * and outside its holes — or null when none does. Bounding boxes filter before the exact test.
 */
export function pointLocator<K>(features: {key: K; geometry: Polygons}[], projection: GeoProjection): (lonLat: [number, number]) => K | null {
  const indexed: Indexed<K>[] = features.map(({key, geometry}) => {
    const polygons = projectRings(geometry, projection);
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const ring of polygons.flatMap((p) => p.slice(0, 1))) {
      for (const [x, y] of ring) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
    }
    return {key, polygons, box: [x0, y0, x1, y1]};
  });
  return (lonLat) => {
    const point = projection(lonLat);
    if (!point || !point.every(Number.isFinite)) return null;
    const [x, y] = point;
    for (const {key, polygons, box} of indexed) {
      if (x < box[0] || x > box[2] || y < box[1] || y > box[3]) continue;
      for (const [outer, ...holes] of polygons) {
        if (polygonContains(outer, point) && !holes.some((hole) => polygonContains(hole, point))) return key;
      }
    }
    return null;
  };
}
