// Page loader: the Implantation page, with its first map drawn at build time — the gap of the
// default scenario (couveuses: need quintiles crossed with the employment and insertion sites
// within 5 km), computed by the very functions the page runs (src/model/supply-gap.ts,
// placement-view.ts), so the first paint needs no JavaScript. The page's interactive map, with the
// proposed sites and the reader's own scenario, replaces it as soon as it is ready.
import type {Feature, Geometry} from "geojson";
import {readFileSync} from "node:fs";
import {feature, mesh} from "topojson-client";
import type {GeometryCollection} from "topojson-specification";
import {emit} from "../loaders/cli.js";
import {HEIGHT, projectedTopology, WIDTH} from "../loaders/geo.js";
import {communeFeatures, levelGroups} from "../loaders/maps.js";
import {needsData} from "../loaders/needs.js";
import {placementData} from "../loaders/placement.js";
import {renderSvgMap} from "../loaders/svg.js";
import {openWarehouse} from "../loaders/warehouse.js";
import {PRESETS} from "./model/placement-scenarios.js";
import {GAP, gapClasses} from "./model/placement-view.js";
import {nearestByFamily, sitesByFamily, supportWithin, type SupplySite} from "./model/supply-gap.js";

await emit(async () => {
  const db = await openWarehouse();
  const needs = await needsData(db);
  const {places, sites} = await placementData(db);
  const {radiusKm, gapFamilies} = PRESETS.couveuses;
  const nearest = nearestByFamily(places, sitesByFamily(sites as unknown as SupplySite[]));
  const gap = gapClasses(needs, (code) => supportWithin(nearest.get(code), gapFamilies, radiusKm));
  const topo = projectedTopology(await communeFeatures(db, []), await levelGroups(db));
  type P = {code: string};
  const shapes: Feature<Geometry, P>[] = feature(topo, topo.objects.communes as GeometryCollection<P>).features;
  const svg = renderSvgMap({type: "FeatureCollection", features: shapes}, {
    frame: [WIDTH, HEIGHT],
    label: `Carte des besoins non couverts par l'emploi et l'insertion à moins de ${radiusKm} km (scénario par défaut), en attendant la carte interactive.`,
    fill: (p) => GAP[gap.get(p.code) ?? 4].color,
    data: (p) => ({code: p.code}),
    borders: mesh(topo, topo.objects.departements as GeometryCollection, (a, b) => a !== b)
  });
  const template = readFileSync(new URL("./implantation.md.template", import.meta.url), "utf8");
  if (!template.includes("<!-- carte-implantation -->")) throw new Error("src/implantation.md.template: the <!-- carte-implantation --> placeholder is missing");
  return template.replace("<!-- carte-implantation -->", svg);
});
