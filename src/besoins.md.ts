// Page loader: the Besoins page, with its commune map (Paris by arrondissement, ODbL layer) drawn
// at build time and coloured by the region-wide index with the default weights — the very
// computation the page runs (src/model/needs-view.ts), so the first paint needs no JavaScript.
import type {Feature, Geometry} from "geojson";
import {readFileSync} from "node:fs";
import {feature, mesh} from "topojson-client";
import type {GeometryCollection} from "topojson-specification";
import {emit} from "../loaders/cli.js";
import {HEIGHT, projectedTopology, WIDTH} from "../loaders/geo.js";
import {arrondissementFeatures, communeFeatures, levelGroups} from "../loaders/maps.js";
import {needsData} from "../loaders/needs.js";
import {renderSvgMap} from "../loaders/svg.js";
import {openWarehouse} from "../loaders/warehouse.js";
import {defaultWeights, type NeedsData} from "./model/needs-model.js";
import {pageMeasures} from "./model/needs-regional.js";
import {mapLabel, needsView} from "./model/needs-view.js";

await emit(async () => {
  const db = await openWarehouse();
  const data: NeedsData = await needsData(db);
  const weights = defaultWeights(data);
  const measures = pageMeasures(data, "commune", "indice", weights);
  // The page's own view model with the default state: the map drawn here is the one the page paints.
  const view = needsView({data, niveau: "commune", indicateur: "indice", classes: "quantiles", index: measures.shown, arrondissementScores: measures.arrondissements?.score ?? null, weights});

  const topo = projectedTopology(await communeFeatures(db, []), await levelGroups(db));
  const arr = projectedTopology(await arrondissementFeatures(db), [], {minWeight: 0.05});
  type P = {code: string};
  const shapes: Feature<Geometry, P>[] = [
    // Paris is drawn by its 20 arrondissements, never as well as a whole: one shape per place.
    ...feature(topo, topo.objects.communes as GeometryCollection<P>).features.filter((f) => f.id !== "75056"),
    ...feature(arr, arr.objects.communes as GeometryCollection<P>).features
  ];
  const svg = renderSvgMap({type: "FeatureCollection", features: shapes}, {
    frame: [WIDTH, HEIGHT],
    label: mapLabel("commune"),
    fill: (p) => view.fill(p.code),
    data: (p, id) => ({code: id, niveau: /^751(0[1-9]|1\d|20)$/.test(id) ? "arrondissement" : "commune"}),
    borders: mesh(topo, topo.objects.departements as GeometryCollection, (a, b) => a !== b)
  });
  const template = readFileSync(new URL("./besoins.md.template", import.meta.url), "utf8");
  if (!template.includes("<!-- carte-besoins -->")) throw new Error("src/besoins.md.template: the <!-- carte-besoins --> placeholder is missing");
  return template.replace("<!-- carte-besoins -->", svg);
});
