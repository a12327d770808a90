// Geometry at build time: project once (conic conformal fitted to Île-de-France), quantise and
// simplify into TopoJSON, so the browser draws paths without projecting 1,266 polygons.
import type {GeoProjection} from "d3-geo";
import type {FeatureCollection, Geometry, MultiPolygon, Polygon} from "geojson";
import {feature, mergeArcs, quantize} from "topojson-client";
import {topology} from "topojson-server";
import {presimplify, simplify} from "topojson-simplify";
import type {GeometryCollection, Topology} from "topojson-specification";

export {HEIGHT, idfProjection, WIDTH} from "../src/lib/projection.js";
import {idfProjection} from "../src/lib/projection.js";

type Polygons = Polygon | MultiPolygon;

/**
 * Projects every vertex. With no resampling and a frame that contains the region, this is all
 * a projection stream would do; rings keep their relative orientation, so holes stay holes.
 */
export function projectCollection<P>(collection: FeatureCollection<Polygons, P>, projection: GeoProjection): FeatureCollection<Polygons, P> {
  const point = ([x, y]: number[]) => projection([x, y])!;
  const polygon = (rings: number[][][]) => rings.map((ring) => ring.map(point));
  return {
    ...collection,
    features: collection.features.map((f) => ({
      ...f,
      geometry:
        f.geometry.type === "Polygon"
          ? {type: "Polygon", coordinates: polygon(f.geometry.coordinates)}
          : {type: "MultiPolygon", coordinates: f.geometry.coordinates.map(polygon)}
    }))
  };
}

export interface LayerGroup {
  /** Name of the TopoJSON object, e.g. "departements". */
  object: string;
  /** The territory code of a commune at this level, or null when the commune is outside it. */
  key: (code: string) => string | null;
  label: (code: string) => string;
}

/**
 * A projected TopoJSON with the communes and, for each level, the exact union of its communes
 * (topojson merge, so borders are shared arcs and levels never disagree with communes).
 */
export function projectedTopology(
  communes: FeatureCollection<Polygons, {code: string} & Record<string, unknown>>,
  levels: LayerGroup[],
  {minWeight = 1}: {minWeight?: number} = {}
): Topology {
  const projected = projectCollection(communes, idfProjection());
  // Drop vertices whose triangle is below minWeight units² (invisible at this scale), then
  // quantise to about 1/10 of a viewBox unit and delta-encode.
  const simplified = simplify(presimplify(topology({communes: projected}) as Topology<never>), minWeight) as Topology;
  const topo = quantize(simplified as Topology<never>, 1e4) as Topology;
  addLevels(topo, levels);
  return topo;
}

/** Adds one merged object per level, each geometry carrying id = territory code. */
export function addLevels(topo: Topology, levels: LayerGroup[]): void {
  const geometries = (topo.objects.communes as GeometryCollection<{code: string}>).geometries;
  for (const level of levels) {
    const groups = new Map<string, typeof geometries>();
    for (const g of geometries) {
      const key = level.key((g.properties as {code: string}).code);
      if (key === null) continue;
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key)!.push(g);
    }
    topo.objects[level.object] = {
      type: "GeometryCollection",
      geometries: [...groups].sort(([a], [b]) => a.localeCompare(b)).map(([code, members]) => ({
        ...mergeArcs(topo, members as never),
        id: code,
        properties: {code, libelle: level.label(code)}
      }))
    } as GeometryCollection;
  }
}

/** WGS84 GeoJSON of a level (unions of communes), for downloads. */
export function mergedFeatures(communes: FeatureCollection<Polygons, {code: string}>, level: LayerGroup): FeatureCollection<Geometry> {
  const topo = topology({communes}) as Topology;
  addLevels(topo, [level]);
  const merged = feature(topo, topo.objects[level.object] as GeometryCollection) as FeatureCollection<Geometry>;
  // Back to 5 decimals (about 1 m), the precision of the source.
  const round = (c: unknown): unknown => (typeof c === "number" ? Math.round(c * 1e5) / 1e5 : (c as unknown[]).map(round));
  for (const f of merged.features) (f.geometry as Polygons).coordinates = round((f.geometry as Polygons).coordinates) as never;
  return merged;
}
