// The one projection of the atlas, shared by the build (loaders/geo.ts pre-projects every layer)
// and the pages (which place a few points — structures, proposed sites — in the same frame).
import {geoConicConformal, type GeoProjection} from "d3-geo";
import type {Feature, Polygon} from "geojson";

/** The map's frame in projected units (SVG viewBox 0 0 WIDTH HEIGHT). */
export const WIDTH = 960;
export const HEIGHT = 820;

/**
 * Conic conformal (the family of Lambert-93) with standard parallels framing the region,
 * fitted to a fixed extent so that every layer, built separately, shares one frame.
 */
export function idfProjection(): GeoProjection {
  const frame: Feature<Polygon> = {
    type: "Feature",
    properties: {},
    geometry: {type: "Polygon", coordinates: [[[1.44, 48.11], [1.44, 49.25], [3.57, 49.25], [3.57, 48.11], [1.44, 48.11]]]}
  };
  // precision(0): no adaptive resampling, so vertex counts stay those of the source.
  return geoConicConformal().parallels([48.4, 49]).rotate([-2.5, 0]).precision(0).fitExtent([[4, 4], [WIDTH - 4, HEIGHT - 4]], frame);
}

/** Planar kilometres around the region's centre (equirectangular at 48.7° N): over Île-de-France
 * the distance error stays under 0.5 %, far below what a commune centroid already approximates. */
export function toKm([lon, lat]: [number, number]): [number, number] {
  const kmPerDegreeLat = 111.2;
  const kmPerDegreeLon = 111.32 * Math.cos((48.7 * Math.PI) / 180);
  return [Math.round((lon - 2.5) * kmPerDegreeLon * 1000) / 1000, Math.round((lat - 48.7) * kmPerDegreeLat * 1000) / 1000];
}
