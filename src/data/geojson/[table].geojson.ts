// A published table with its geometry as GeoJSON in WGS84 (RFC 7946), for partners.
import {emit, param} from "../../../loaders/cli.js";
import {mergedFeatures} from "../../../loaders/geo.js";
import {arrondissementFeatures, communeFeatures, levelGroups, LEVELS} from "../../../loaders/maps.js";
import {getTable, tableRows} from "../../../loaders/tables.js";
import {openWarehouse} from "../../../loaders/warehouse.js";

await emit(async () => {
  const db = await openWarehouse();
  const table = getTable(param("table"));
  const columns = table.columns.map((c) => c.name).filter((c) => c !== "code_commune");
  if (table.geometry === "communes") return JSON.stringify(await communeFeatures(db, columns));
  if (table.geometry === "arrondissements_paris") return JSON.stringify(await arrondissementFeatures(db));
  if (table.geometry === "points") {
    // One point per row (longitude, latitude); a row without a place keeps a null geometry (RFC 7946 §3.2).
    const features = (await tableRows(db, table)).map((r) => ({
      type: "Feature",
      geometry: r.longitude === null || r.latitude === null ? null : {type: "Point", coordinates: [r.longitude, r.latitude]},
      properties: r
    }));
    return JSON.stringify({type: "FeatureCollection", features});
  }
  if (table.geometry !== "territoires") throw new Error(`table "${table.id}" has no geometry`);
  // Each level is the exact union of its communes; the region and its couronnes included.
  const communes = await communeFeatures(db, []);
  const groups = await levelGroups(db);
  const attributes = new Map((await tableRows(db, table)).map((r) => [`${r.niveau}:${r.code}`, r]));
  const region = {object: "region", key: () => "11", label: () => "Île-de-France"};
  const features = [{niveau: "region"}, ...LEVELS].flatMap((level, i) =>
    mergedFeatures(communes, i === 0 ? region : groups[i - 1]).features.map((f) => ({
      ...f,
      properties: attributes.get(`${level.niveau}:${f.id}`)
    }))
  );
  return JSON.stringify({type: "FeatureCollection", features});
});
