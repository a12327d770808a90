// GeoJSON FeatureCollections from the pack: checked shape, properties read like CSV cells so that
// the same typed reading and the same rejects apply (the "line" of a feature is its 1-based rank).
import type {Feature, FeatureCollection, Geometry} from "geojson";
import {CsvError, type CsvRecord} from "../../src/lib/csv-parse.js";

export function readFeatureCollection(bytes: Uint8Array, file: string): FeatureCollection<Geometry, Record<string, unknown>> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    throw new CsvError(`${file}: not valid JSON (${(error as Error).message}).`);
  }
  const collection = parsed as FeatureCollection<Geometry, Record<string, unknown>>;
  if (collection?.type !== "FeatureCollection" || !Array.isArray(collection.features)) {
    throw new CsvError(`${file}: expected a GeoJSON FeatureCollection with a "features" array.`);
  }
  collection.features.forEach((feature: Feature, i) => {
    if (feature?.type !== "Feature" || !feature.geometry || !/^(Multi)?Polygon$/.test(feature.geometry.type)) {
      throw new CsvError(`${file}, feature ${i + 1}: expected a Feature with a Polygon or MultiPolygon geometry.`);
    }
  });
  return collection;
}

/** Feature properties as records (line = the feature's 1-based rank), for typeRecords. */
export function propertiesAsRecords(collection: FeatureCollection<Geometry, Record<string, unknown>>, columns: string[]): CsvRecord[] {
  return collection.features.map((feature, i) => ({
    line: i + 1,
    values: columns.map((c) => {
      const value = feature.properties?.[c];
      return value === null || value === undefined ? "" : String(value);
    })
  }));
}
